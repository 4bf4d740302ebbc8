import type { Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import type { InvalidBlockRangeError, InvalidDurationError, InvalidIdError } from "../errors/parameters.js";
import { datanetRegistryAbi } from "../generated/abis.js";
import { eventsNamed, eventTopics } from "../internal/events.js";
import { pollLogs, type WatchParameters } from "../internal/logs.js";
import { checkAddress, checkId } from "../internal/validate.js";
import { parseDatanetRegistryLogs } from "./parseDatanetRegistryLogs.js";
import { type ContributionRecord, toContributionRecord } from "./types.js";

/**
 * What `watchContributions` takes.
 *
 * @example
 * const run = (parameters: WatchContributionsParameters) => watchContributions(client, parameters);
 */
export type WatchContributionsParameters = {
  /** Only this Datanet's contributions; every Datanet's by default. */
  datanetId?: bigint | undefined;
  /** Only this contributor's contributions. */
  contributor?: string | undefined;
  /** Called with each batch of new contributions, in chain order. */
  onContributions: (contributions: ContributionRecord[]) => void | Promise<void>;
} & WatchParameters;

/**
 * Stops watching.
 *
 * @example
 * const unwatch: WatchContributionsReturnType = watchContributions(client, parameters);
 * unwatch();
 */
export type WatchContributionsReturnType = () => void;

/**
 * The errors `watchContributions` can throw; match them by class, never by message.
 *
 * @example
 * let error: WatchContributionsErrorType | undefined;
 * try { watchContributions(client, parameters); } catch (e) { error = e as WatchContributionsErrorType; }
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type WatchContributionsErrorType =
  InvalidIdError | InvalidAddressError | InvalidBlockRangeError | InvalidDurationError;

/**
 * Watches new contributions (`Contributed` events) by polling the chain, each reported once.
 * Returns the function that stops watching.
 *
 * @example
 * const unwatch = watchContributions(client, {
 *   datanetId: 1n,
 *   onContributions: (contributions) => contributions.forEach((c) => console.log(c.contributionId, c.uri)),
 *   onError: console.error,
 * });
 * // later
 * unwatch();
 */
export function watchContributions(
  client: Client,
  { datanetId, contributor, onContributions, ...watch }: WatchContributionsParameters,
): WatchContributionsReturnType {
  const indexed = [
    datanetId === undefined ? null : checkId("datanetId", datanetId),
    null,
    contributor === undefined ? null : checkAddress("contributor", contributor),
  ];
  const filter = {
    address: client.addresses.datanetRegistry,
    topics: eventTopics(datanetRegistryAbi, "Contributed", indexed),
  };
  return pollLogs(
    client.provider,
    filter,
    (logs) =>
      onContributions(eventsNamed(parseDatanetRegistryLogs(client, { logs }), "Contributed").map(toContributionRecord)),
    watch,
  );
}
