import type { Log } from "ethers";

import type { Client } from "../client/client.js";
import { datanetRegistryAbi } from "../generated/abis.js";
import { type AnyDecodedEvent, type DecodedEvent, decodeEvents, type EventName } from "../internal/events.js";

/** Any event of the Datanet registry, typed by `eventName` (`Contributed`, `VersionPublished`, …). */
export type DatanetRegistryEvent = AnyDecodedEvent<typeof datanetRegistryAbi>;

/** One named event of the Datanet registry, e.g. `DatanetRegistryEventOf<"Contributed">`. */
export type DatanetRegistryEventOf<Name extends EventName<typeof datanetRegistryAbi>> = DecodedEvent<
  typeof datanetRegistryAbi,
  Name
>;

export type ParseDatanetRegistryLogsParameters = {
  /** Logs to decode: a transaction receipt works as it is (it has `logs`). */
  logs: readonly Log[];
};

export type ParseDatanetRegistryLogsReturnType = DatanetRegistryEvent[];

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
