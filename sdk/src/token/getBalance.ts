import type { Client } from "../client/client.js";
import { openToken } from "../client/contracts.js";
import type { InvalidAddressError } from "../client/errors.js";
import { checkAddress } from "../internal/validate.js";

export type GetBalanceParameters = {
  /** The account whose OPEN balance to read. */
  account: string;
};

/** The balance in OPEN wei (18 decimals). */
export type GetBalanceReturnType = bigint;

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
