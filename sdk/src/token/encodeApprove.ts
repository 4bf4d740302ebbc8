import type { Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import type { InvalidAmountError } from "../errors/parameters.js";
import { openToken } from "../client/contracts.js";
import { checkAddress, checkAmount } from "../internal/validate.js";

export type EncodeApproveParameters = {
  /** Who may spend, e.g. `client.addresses.datanetRegistry`. */
  spender: string;
  /** OPEN wei `spender` may pull; replaces the current allowance. */
  amount: bigint;
};

/** A transaction request to send from the token holder (e.g. through a multisig). */
export type EncodeApproveReturnType = { to: string; data: string };

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
