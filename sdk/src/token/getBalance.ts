import type { Client } from "../client/client.js";
import { openToken } from "../client/contracts.js";
import type { InvalidAddressError } from "../client/errors.js";
import { checkAddress } from "../internal/validate.js";

/**
 * What `getBalance` takes.
 *
 * @example
 * const run = (parameters: GetBalanceParameters) => getBalance(client, parameters);
 */
export type GetBalanceParameters = {
  /** The account whose OPEN balance to read. */
  account: string;
};

/**
 * The balance in OPEN wei (18 decimals).
 *
 * @example
 * const result: GetBalanceReturnType = await getBalance(client, parameters);
 */
export type GetBalanceReturnType = bigint;

/**
 * The errors `getBalance` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await getBalance(client, parameters).catch((e: unknown) => e)) as GetBalanceErrorType;
 * if (error instanceof InvalidAddressError) console.log(error.shortMessage);
 */
export type GetBalanceErrorType = InvalidAddressError;

/**
 * Reads an account's OPEN balance, in wei.
 *
 * @example
 * import { formatUnits } from "ethers";
 * const balance = await getBalance(client, { account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" });
 * console.log(`${formatUnits(balance, 18)} OPEN`);
 */
export async function getBalance(client: Client, { account }: GetBalanceParameters): Promise<GetBalanceReturnType> {
  return openToken(client).balanceOf(checkAddress("account", account));
}
