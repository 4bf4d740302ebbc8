import type { Log } from "ethers";

import type { Client } from "../client/client.js";
import { openTokenAbi } from "../generated/abis.js";
import { type AnyDecodedEvent, type DecodedEvent, decodeEvents, type EventName } from "../internal/events.js";

/**
 * Any event of the OPEN token (`Transfer`, `Approval`, `DelegateChanged`, …), typed by `eventName`.
 *
 * @example
 * const events: OpenTokenEvent[] = parseOpenTokenLogs(client, receipt);
 */
export type OpenTokenEvent = AnyDecodedEvent<typeof openTokenAbi>;

/**
 * One named event of the OPEN token, e.g. `OpenTokenEventOf<"Approval">`.
 *
 * @example
 * const onTransfer = (event: OpenTokenEventOf<"Transfer">) => console.log(event.args.value);
 */
export type OpenTokenEventOf<Name extends EventName<typeof openTokenAbi>> = DecodedEvent<typeof openTokenAbi, Name>;

/**
 * What `parseOpenTokenLogs` takes.
 *
 * @example
 * const run = (parameters: ParseOpenTokenLogsParameters) => parseOpenTokenLogs(client, parameters);
 */
export type ParseOpenTokenLogsParameters = {
  /** Logs to decode: a transaction receipt works as it is (it has `logs`). */
  logs: readonly Log[];
};

/**
 * What `parseOpenTokenLogs` returns.
 *
 * @example
 * const result: ParseOpenTokenLogsReturnType = parseOpenTokenLogs(client, parameters);
 */
export type ParseOpenTokenLogsReturnType = OpenTokenEvent[];

/**
 * `parseOpenTokenLogs` throws nothing: logs it cannot decode are skipped.
 *
 * @example
 * const events = parseOpenTokenLogs(client, receipt); // never throws
 */
export type ParseOpenTokenLogsErrorType = never;

/**
 * Decodes the events the client's OPEN token emitted among `logs`, in order; other logs are skipped.
 * Pure: no request is made.
 *
 * @example
 * const events = parseOpenTokenLogs(client, receipt);
 * for (const event of events) {
 *   if (event.eventName === "Transfer") console.log(event.args.from, event.args.to, event.args.value);
 * }
 */
export function parseOpenTokenLogs(
  client: Client,
  { logs }: ParseOpenTokenLogsParameters,
): ParseOpenTokenLogsReturnType {
  return decodeEvents(openTokenAbi, client.addresses.openToken, logs);
}
