import type { Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import type { InvalidAmountError } from "../errors/parameters.js";
import { openToken } from "../client/contracts.js";
import { checkAddress, checkAmount } from "../internal/validate.js";

/**
 * What `encodeApprove` takes.
 *
 * @example
 * const run = (parameters: EncodeApproveParameters) => encodeApprove(client, parameters);
 */
export type EncodeApproveParameters = {
  /** Who may spend, e.g. `client.addresses.datanetRegistry`. */
  spender: string;
  /** OPEN wei `spender` may pull; replaces the current allowance. */
  amount: bigint;
};

/**
 * A transaction request to send from the token holder (e.g. through a multisig).
 *
 * @example
 * const result: EncodeApproveReturnType = encodeApprove(client, parameters);
 */
export type EncodeApproveReturnType = { to: string; data: string };

/**
 * The errors `encodeApprove` can throw; match them by class, never by message.
 *
 * @example
 * let error: EncodeApproveErrorType | undefined;
 * try { encodeApprove(client, parameters); } catch (e) { error = e as EncodeApproveErrorType; }
 * if (error instanceof InvalidAddressError) console.log(error.shortMessage);
 */
export type EncodeApproveErrorType = InvalidAddressError | InvalidAmountError;

/**
 * Builds the calldata of `approve(spender, amount)` on OPEN, without sending anything.
 *
 * @example
 * const { to, data } = encodeApprove(client, { spender: client.addresses.usageLedger, amount: 10n ** 18n });
 * await safe.proposeTransaction({ to, data, value: "0" });
 */
export function encodeApprove(client: Client, { spender, amount }: EncodeApproveParameters): EncodeApproveReturnType {
  const data = openToken(client).interface.encodeFunctionData("approve", [
    checkAddress("spender", spender),
    checkAmount("amount", amount),
  ]);
  return { to: client.addresses.openToken, data };
}
