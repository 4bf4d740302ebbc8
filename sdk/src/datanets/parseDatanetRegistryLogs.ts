import type { Log } from "ethers";

import type { Client } from "../client/client.js";
import { datanetRegistryAbi } from "../generated/abis.js";
import { type AnyDecodedEvent, type DecodedEvent, decodeEvents, type EventName } from "../internal/events.js";

/**
 * Any event of the Datanet registry, typed by `eventName` (`Contributed`, `VersionPublished`, …).
 *
 * @example
 * const events: DatanetRegistryEvent[] = parseDatanetRegistryLogs(client, receipt);
 */
export type DatanetRegistryEvent = AnyDecodedEvent<typeof datanetRegistryAbi>;

/**
 * One named event of the Datanet registry, e.g. `DatanetRegistryEventOf<"Contributed">`.
 *
 * @example
 * const onContributed = (event: DatanetRegistryEventOf<"Contributed">) => console.log(event.args.uri);
 */
export type DatanetRegistryEventOf<Name extends EventName<typeof datanetRegistryAbi>> = DecodedEvent<
  typeof datanetRegistryAbi,
  Name
>;

/**
 * What `parseDatanetRegistryLogs` takes.
 *
 * @example
 * const run = (parameters: ParseDatanetRegistryLogsParameters) => parseDatanetRegistryLogs(client, parameters);
 */
export type ParseDatanetRegistryLogsParameters = {
  /** Logs to decode: a transaction receipt works as it is (it has `logs`). */
  logs: readonly Log[];
};

/**
 * What `parseDatanetRegistryLogs` returns.
 *
 * @example
 * const result: ParseDatanetRegistryLogsReturnType = parseDatanetRegistryLogs(client, parameters);
 */
export type ParseDatanetRegistryLogsReturnType = DatanetRegistryEvent[];

/**
 * `parseDatanetRegistryLogs` throws nothing: logs it cannot decode are skipped.
 *
 * @example
 * const events = parseDatanetRegistryLogs(client, receipt); // never throws
 */
export type ParseDatanetRegistryLogsErrorType = never;

/**
 * Decodes the events the client's Datanet registry emitted among `logs`, in order; logs of other
 * contracts are skipped. Pure: no request is made.
 *
 * @example
 * for (const event of parseDatanetRegistryLogs(client, receipt)) {
 *   if (event.eventName === "Contributed") console.log(event.args.contributionId, event.args.contentHash);
 * }
 */
export function parseDatanetRegistryLogs(
  client: Client,
  { logs }: ParseDatanetRegistryLogsParameters,
): ParseDatanetRegistryLogsReturnType {
  return decodeEvents(datanetRegistryAbi, client.addresses.datanetRegistry, logs);
}
