import type { Log } from "ethers";

import type { Client } from "../client/client.js";
import { modelRegistryAbi } from "../generated/abis.js";
import { type AnyDecodedEvent, type DecodedEvent, decodeEvents, type EventName } from "../internal/events.js";

/**
 * Any event of the model registry, typed by `eventName` (`ModelCreated`, `AdapterVerified`, …).
 *
 * @example
 * const events: ModelRegistryEvent[] = parseModelRegistryLogs(client, receipt);
 */
export type ModelRegistryEvent = AnyDecodedEvent<typeof modelRegistryAbi>;

/**
 * One named event of the model registry, e.g. `ModelRegistryEventOf<"AdapterPublished">`.
 *
 * @example
 * const onVerified = (event: ModelRegistryEventOf<"AdapterVerified">) => console.log(event.args.score);
 */
export type ModelRegistryEventOf<Name extends EventName<typeof modelRegistryAbi>> = DecodedEvent<
  typeof modelRegistryAbi,
  Name
>;

/**
 * What `parseModelRegistryLogs` takes.
 *
 * @example
 * const run = (parameters: ParseModelRegistryLogsParameters) => parseModelRegistryLogs(client, parameters);
 */
export type ParseModelRegistryLogsParameters = {
  /** Logs to decode: a transaction receipt works as it is (it has `logs`). */
  logs: readonly Log[];
};

/**
 * What `parseModelRegistryLogs` returns.
 *
 * @example
 * const result: ParseModelRegistryLogsReturnType = parseModelRegistryLogs(client, parameters);
 */
export type ParseModelRegistryLogsReturnType = ModelRegistryEvent[];

/**
 * `parseModelRegistryLogs` throws nothing: logs it cannot decode are skipped.
 *
 * @example
 * const events = parseModelRegistryLogs(client, receipt); // never throws
 */
export type ParseModelRegistryLogsErrorType = never;

/**
 * Decodes the events the client's model registry emitted among `logs`, in order; logs of other
 * contracts are skipped. Pure: no request is made.
 *
 * @example
 * for (const event of parseModelRegistryLogs(client, receipt)) {
 *   if (event.eventName === "ModelCreated") console.log(event.args.modelId, event.args.sources);
 * }
 */
export function parseModelRegistryLogs(
  client: Client,
  { logs }: ParseModelRegistryLogsParameters,
): ParseModelRegistryLogsReturnType {
  return decodeEvents(modelRegistryAbi, client.addresses.modelRegistry, logs);
}
