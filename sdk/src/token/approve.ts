import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import { openToken } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidAmountError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkAddress, checkAmount } from "../internal/validate.js";
import { parseOpenTokenLogs } from "./parseOpenTokenLogs.js";

/**
 * What `approve` takes.
 *
 * @example
 * const run = (parameters: ApproveParameters) => approve(client, parameters);
 */
export type ApproveParameters = {
  /** Who may spend, e.g. `client.addresses.datanetRegistry`. */
  spender: string;
  /** OPEN wei `spender` may pull; replaces the current allowance. */
  amount: bigint;
} & SendOptions;

/**
 * What `approve` returns.
 *
 * @example
 * const result: ApproveReturnType = await approve(client, parameters);
 */
export type ApproveReturnType = {
  receipt: TransactionReceipt;
  /** The approving account (the client's signer), checksummed. */
  owner: string;
  spender: string;
  amount: bigint;
};

/**
 * The errors `approve` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await approve(client, parameters).catch((e: unknown) => e)) as ApproveErrorType;
 * if (error instanceof InvalidAddressError) console.log(error.shortMessage);
 */
export type ApproveErrorType = InvalidAddressError | InvalidAmountError | SendErrorType;

/**
 * Approves `spender` to pull up to `amount` OPEN wei from the client's signer.
 *
 * @example
 * const { receipt } = await approve(client, { spender: client.addresses.datanetRegistry, amount: 10n ** 19n });
 */
export async function approve(client: Client, parameters: ApproveParameters): Promise<ApproveReturnType> {
  const spender = checkAddress("spender", parameters.spender);
  const amount = checkAmount("amount", parameters.amount);
  const receipt = await send(client, openToken, (token) => token.approve(spender, amount), parameters);
  const [approval] = eventsNamed(parseOpenTokenLogs(client, receipt), "Approval");
  return { receipt, owner: approval!.args.owner, spender: approval!.args.spender, amount: approval!.args.value };
}
