import type { Client } from "../client/client.js";
import { openToken } from "../client/contracts.js";
import type { InvalidAddressError } from "../client/errors.js";
import { checkAddress } from "../internal/validate.js";

/**
 * What `getAllowance` takes.
 *
 * @example
 * const run = (parameters: GetAllowanceParameters) => getAllowance(client, parameters);
 */
export type GetAllowanceParameters = {
  /** The account whose OPEN may be spent. */
  owner: string;
  /** The contract (or account) allowed to spend it, e.g. `client.addresses.datanetRegistry`. */
  spender: string;
};

/**
 * The allowance in OPEN wei.
 *
 * @example
 * const result: GetAllowanceReturnType = await getAllowance(client, parameters);
 */
export type GetAllowanceReturnType = bigint;

/**
 * The errors `getAllowance` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await getAllowance(client, parameters).catch((e: unknown) => e)) as GetAllowanceErrorType;
 * if (error instanceof InvalidAddressError) console.log(error.shortMessage);
 */
export type GetAllowanceErrorType = InvalidAddressError;

/**
 * Reads how much OPEN `spender` may still pull from `owner`.
 *
 * @example
 * const allowance = await getAllowance(client, {
 *   owner: await signer.getAddress(),
 *   spender: client.addresses.usageLedger,
 * });
 */
export async function getAllowance(
  client: Client,
  { owner, spender }: GetAllowanceParameters,
): Promise<GetAllowanceReturnType> {
  return openToken(client).allowance(checkAddress("owner", owner), checkAddress("spender", spender));
}
