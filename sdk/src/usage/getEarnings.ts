import type { Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import { usageLedger } from "../client/contracts.js";
import { checkAddress } from "../internal/validate.js";

/**
 * What `getEarnings` takes.
 *
 * @example
 * const run = (parameters: GetEarningsParameters) => getEarnings(client, parameters);
 */
export type GetEarningsParameters = {
  /** A builder or the treasury (anyone else has 0). */
  account: string;
};

/**
 * OPEN wei the account earned from payments and has not withdrawn yet.
 *
 * @example
 * const result: GetEarningsReturnType = await getEarnings(client, parameters);
 */
export type GetEarningsReturnType = bigint;

/**
 * The errors `getEarnings` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await getEarnings(client, parameters).catch((e: unknown) => e)) as GetEarningsErrorType;
 * if (error instanceof InvalidAddressError) console.log(error.shortMessage);
 */
export type GetEarningsErrorType = InvalidAddressError;

/**
 * Reads what an account (a model's builder, the treasury) has accrued in the ledger and not yet
 * withdrawn. The attribution pool's part is not here: it goes to the distributor at each payment.
 *
 * @example
 * const earned = await getEarnings(client, { account: builderAddress });
 * if (earned > 0n) await withdrawEarnings(builderClient);
 */
export async function getEarnings(client: Client, parameters: GetEarningsParameters): Promise<GetEarningsReturnType> {
  return usageLedger(client).earnings(checkAddress("account", parameters.account));
}
