import type { Client } from "../client/client.js";
import type { InvalidBlockRangeError, InvalidDurationError, InvalidIdError } from "../errors/parameters.js";
import { usageLedgerAbi } from "../generated/abis.js";
import { eventsNamed, eventTopics } from "../internal/events.js";
import { pollLogs, type WatchParameters } from "../internal/logs.js";
import { checkId } from "../internal/validate.js";
import { parseUsageLedgerLogs } from "./parseUsageLedgerLogs.js";
import { type PaymentRecord, toPaymentRecord } from "./types.js";

/**
 * What `watchPayments` takes.
 *
 * @example
 * const run = (parameters: WatchPaymentsParameters) => watchPayments(client, parameters);
 */
export type WatchPaymentsParameters = {
  /** Only this model's payments; every model's by default. */
  modelId?: bigint | undefined;
  /** Only this adapter's payments. */
  adapterId?: bigint | undefined;
  /** Called with each batch of new payments, in chain order. */
  onPayments: (payments: PaymentRecord[]) => void | Promise<void>;
} & WatchParameters;

/**
 * Stops watching.
 *
 * @example
 * const unwatch: WatchPaymentsReturnType = watchPayments(client, parameters);
 * unwatch();
 */
export type WatchPaymentsReturnType = () => void;

/**
 * The errors `watchPayments` can throw; match them by class, never by message.
 *
 * @example
 * let error: WatchPaymentsErrorType | undefined;
 * try { watchPayments(client, parameters); } catch (e) { error = e as WatchPaymentsErrorType; }
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type WatchPaymentsErrorType = InvalidIdError | InvalidBlockRangeError | InvalidDurationError;

/**
 * Watches new payments (`Paid` events) by polling the chain, each reported once. Returns the
 * function that stops watching.
 *
 * @example
 * const unwatch = watchPayments(client, {
 *   modelId: 1n,
 *   onPayments: (payments) => payments.forEach((p) => console.log(p.paymentId, p.payer, p.amount)),
 *   onError: console.error,
 * });
 * // later
 * unwatch();
 */
export function watchPayments(
  client: Client,
  { modelId, adapterId, onPayments, ...watch }: WatchPaymentsParameters,
): WatchPaymentsReturnType {
  const indexed = [
    null,
    modelId === undefined ? null : checkId("modelId", modelId),
    adapterId === undefined ? null : checkId("adapterId", adapterId),
  ];
  const filter = { address: client.addresses.usageLedger, topics: eventTopics(usageLedgerAbi, "Paid", indexed) };
  return pollLogs(
    client.provider,
    filter,
    (logs) => onPayments(eventsNamed(parseUsageLedgerLogs(client, { logs }), "Paid").map(toPaymentRecord)),
    watch,
  );
}
