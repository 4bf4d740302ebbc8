import type { Log } from "ethers";

import type { Client } from "../client/client.js";
import { usageLedgerAbi } from "../generated/abis.js";
import { type AnyDecodedEvent, type DecodedEvent, decodeEvents, type EventName } from "../internal/events.js";

/**
 * Any event of the usage ledger (`Paid`, `EarningsWithdrawn`, `FeeSplitSet`, …), typed by `eventName`.
 *
 * @example
 * const events: UsageLedgerEvent[] = parseUsageLedgerLogs(client, receipt);
 */
export type UsageLedgerEvent = AnyDecodedEvent<typeof usageLedgerAbi>;

/**
 * One named event of the usage ledger, e.g. `UsageLedgerEventOf<"Paid">`.
 *
 * @example
 * const onPaid = (event: UsageLedgerEventOf<"Paid">) => console.log(event.args.attributionAmount);
 */
export type UsageLedgerEventOf<Name extends EventName<typeof usageLedgerAbi>> = DecodedEvent<
  typeof usageLedgerAbi,
  Name
>;

/**
 * What `parseUsageLedgerLogs` takes.
 *
 * @example
 * const run = (parameters: ParseUsageLedgerLogsParameters) => parseUsageLedgerLogs(client, parameters);
 */
export type ParseUsageLedgerLogsParameters = {
  /** Logs to decode: a transaction receipt works as it is (it has `logs`). */
  logs: readonly Log[];
};

/**
 * What `parseUsageLedgerLogs` returns.
 *
 * @example
 * const result: ParseUsageLedgerLogsReturnType = parseUsageLedgerLogs(client, parameters);
 */
export type ParseUsageLedgerLogsReturnType = UsageLedgerEvent[];

/**
 * `parseUsageLedgerLogs` throws nothing: logs it cannot decode are skipped.
 *
 * @example
 * const events = parseUsageLedgerLogs(client, receipt); // never throws
 */
export type ParseUsageLedgerLogsErrorType = never;

/**
 * Decodes the events the client's usage ledger emitted among `logs`, in order; logs of other
 * contracts (the token's transfers, the distributor's `Funded`) are skipped. Pure: no request is made.
 *
 * @example
 * for (const event of parseUsageLedgerLogs(client, receipt)) {
 *   if (event.eventName === "Paid") console.log(event.args.paymentId, event.args.amount);
 * }
 */
export function parseUsageLedgerLogs(
  client: Client,
  { logs }: ParseUsageLedgerLogsParameters,
): ParseUsageLedgerLogsReturnType {
  return decodeEvents(usageLedgerAbi, client.addresses.usageLedger, logs);
}
