import type { Log } from "ethers";

import type { Client } from "../client/client.js";
import { attributionDistributorAbi } from "../generated/abis.js";
import { type AnyDecodedEvent, type DecodedEvent, decodeEvents, type EventName } from "../internal/events.js";

/**
 * Any event of the attribution distributor (`RootProposed`, `Claimed`, `Funded`, …), typed by `eventName`.
 *
 * @example
 * const events: AttributionDistributorEvent[] = parseAttributionDistributorLogs(client, receipt);
 */
export type AttributionDistributorEvent = AnyDecodedEvent<typeof attributionDistributorAbi>;

/**
 * One named event of the distributor, e.g. `AttributionDistributorEventOf<"Claimed">`.
 *
 * @example
 * const onClaimed = (event: AttributionDistributorEventOf<"Claimed">) => console.log(event.args.account, event.args.amount);
 */
export type AttributionDistributorEventOf<Name extends EventName<typeof attributionDistributorAbi>> = DecodedEvent<
  typeof attributionDistributorAbi,
  Name
>;

/**
 * What `parseAttributionDistributorLogs` takes.
 *
 * @example
 * const run = (parameters: ParseAttributionDistributorLogsParameters) => parseAttributionDistributorLogs(client, parameters);
 */
export type ParseAttributionDistributorLogsParameters = {
  /** Logs to decode: a transaction receipt works as it is (it has `logs`). */
  logs: readonly Log[];
};

/**
 * What `parseAttributionDistributorLogs` returns.
 *
 * @example
 * const result: ParseAttributionDistributorLogsReturnType = parseAttributionDistributorLogs(client, parameters);
 */
export type ParseAttributionDistributorLogsReturnType = AttributionDistributorEvent[];

/**
 * `parseAttributionDistributorLogs` throws nothing: logs it cannot decode are skipped.
 *
 * @example
 * const events = parseAttributionDistributorLogs(client, receipt); // never throws
 */
export type ParseAttributionDistributorLogsErrorType = never;

/**
 * Decodes the events the client's attribution distributor emitted among `logs`, in order; logs of
 * other contracts (e.g. the token's `Transfer`s) are skipped.
 * Pure: no request is made.
 *
 * @example
 * const events = parseAttributionDistributorLogs(client, receipt);
 * for (const event of events) {
 *   if (event.eventName === "Claimed") console.log(event.args.account, event.args.amount);
 *   if (event.eventName === "RootProposed") console.log(event.args.epoch, event.args.treeURI);
 * }
 */
export function parseAttributionDistributorLogs(
  client: Client,
  { logs }: ParseAttributionDistributorLogsParameters,
): ParseAttributionDistributorLogsReturnType {
  return decodeEvents(attributionDistributorAbi, client.addresses.attributionDistributor, logs);
}
