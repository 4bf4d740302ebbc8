import type { Client } from "../client/client.js";
import type { InvalidBlockRangeError, InvalidDurationError } from "../errors/parameters.js";
import { attributionDistributorAbi } from "../generated/abis.js";
import { eventsNamed, eventTopics } from "../internal/events.js";
import { pollLogs, type WatchParameters } from "../internal/logs.js";
import { parseAttributionDistributorLogs } from "./parseAttributionDistributorLogs.js";
import { type RootProposal, toRootProposal } from "./types.js";

/**
 * What `watchRootProposals` takes.
 *
 * @example
 * const run = (parameters: WatchRootProposalsParameters) => watchRootProposals(client, parameters);
 */
export type WatchRootProposalsParameters = {
  /** Called with each batch of new proposals, in chain order. */
  onProposals: (proposals: RootProposal[]) => void | Promise<void>;
} & WatchParameters;

/**
 * Stops watching.
 *
 * @example
 * const unwatch: WatchRootProposalsReturnType = watchRootProposals(client, parameters);
 * unwatch();
 */
export type WatchRootProposalsReturnType = () => void;

/**
 * The errors `watchRootProposals` can throw; match them by class, never by message.
 *
 * @example
 * let error: WatchRootProposalsErrorType | undefined;
 * try { watchRootProposals(client, parameters); } catch (e) { error = e as WatchRootProposalsErrorType; }
 * if (error instanceof InvalidDurationError) console.log(error.shortMessage);
 */
export type WatchRootProposalsErrorType = InvalidBlockRangeError | InvalidDurationError;

/**
 * Watches the oracle's proposals (`RootProposed` events) by polling the chain, each reported
 * once: what a guardian or a disputer checks during the challenge window (load the proposed tree
 * with `loadRewardTree(client, { against: "pending" })`). Returns the function that stops watching.
 *
 * @example
 * const unwatch = watchRootProposals(client, {
 *   onProposals: (proposals) => proposals.forEach((p) => console.log(p.epoch, p.root, p.treeURI)),
 *   onError: console.error,
 * });
 * // later
 * unwatch();
 */
export function watchRootProposals(
  client: Client,
  { onProposals, ...watch }: WatchRootProposalsParameters,
): WatchRootProposalsReturnType {
  const filter = {
    address: client.addresses.attributionDistributor,
    topics: eventTopics(attributionDistributorAbi, "RootProposed"),
  };
  return pollLogs(
    client.provider,
    filter,
    (logs) =>
      onProposals(eventsNamed(parseAttributionDistributorLogs(client, { logs }), "RootProposed").map(toRootProposal)),
    watch,
  );
}
