import type { Client } from "../client/client.js";
import { usageLedger } from "../client/contracts.js";

/**
 * What `getPaymentCount` takes: nothing.
 *
 * @example
 * const run = (parameters: GetPaymentCountParameters) => getPaymentCount(client, parameters);
 */
export type GetPaymentCountParameters = Record<string, never>;

/**
 * The number of payments made so far: also the id of the last one (ids are 1, 2, … without gaps).
 *
 * @example
 * const result: GetPaymentCountReturnType = await getPaymentCount(client);
 */
export type GetPaymentCountReturnType = bigint;

/**
 * `getPaymentCount` throws no error of its own: only the provider's (e.g. a network failure).
 *
 * @example
 * const count = await getPaymentCount(client); // rejects only if the provider does
 */
export type GetPaymentCountErrorType = never;

/**
 * Reads how many payments the ledger has taken (the last payment id).
 *
 * @example
 * const lastPaymentId = await getPaymentCount(client);
 */
export async function getPaymentCount(
  client: Client,
  _parameters: GetPaymentCountParameters = {},
): Promise<GetPaymentCountReturnType> {
  return usageLedger(client).paymentCount();
}
