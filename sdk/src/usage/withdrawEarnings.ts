import { getAddress, type TransactionReceipt } from "ethers";

import { requireSigner, type Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import { usageLedger } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkAddress } from "../internal/validate.js";
import { parseUsageLedgerLogs } from "./parseUsageLedgerLogs.js";

/**
 * What `withdrawEarnings` takes.
 *
 * @example
 * const run = (parameters: WithdrawEarningsParameters) => withdrawEarnings(client, parameters);
 */
export type WithdrawEarningsParameters = {
  /** Who receives the OPEN; the client's signer by default. Not zero, not the ledger itself. */
  to?: string | undefined;
} & SendOptions;

/**
 * What `withdrawEarnings` returns, from its `EarningsWithdrawn` event.
 *
 * @example
 * const result: WithdrawEarningsReturnType = await withdrawEarnings(client, parameters);
 */
export type WithdrawEarningsReturnType = {
  receipt: TransactionReceipt;
  /** Whose earnings were withdrawn: the client's signer. */
  account: string;
  to: string;
  /** OPEN wei sent: all the account's earnings. */
  amount: bigint;
};

/**
 * The errors `withdrawEarnings` can throw; match them by class, never by message.
 * `ContractRevertError` (in `SendErrorType`, nothing sent): `UsageNothingToWithdraw` when the
 * account has no earnings, `UsageBadAddress` when `to` is zero or the ledger.
 *
 * @example
 * const error = (await withdrawEarnings(client, parameters).catch((e: unknown) => e)) as WithdrawEarningsErrorType;
 * if (error instanceof ContractRevertError && error.errorName === "UsageNothingToWithdraw") console.log("nothing yet");
 */
export type WithdrawEarningsErrorType = InvalidAddressError | SendErrorType;

/**
 * Sends all of the client's signer's earnings in the ledger (as a builder or the treasury) to `to`.
 *
 * @example
 * const { amount } = await withdrawEarnings(builderClient, { to: coldWallet });
 */
export async function withdrawEarnings(
  client: Client,
  parameters: WithdrawEarningsParameters = {},
): Promise<WithdrawEarningsReturnType> {
  const to =
    parameters.to === undefined
      ? getAddress(await requireSigner(client).getAddress())
      : checkAddress("to", parameters.to);
  const receipt = await send(client, usageLedger, (ledger) => ledger.withdrawEarnings(to), parameters);
  const [withdrawn] = eventsNamed(parseUsageLedgerLogs(client, receipt), "EarningsWithdrawn");
  const { account, amount } = withdrawn!.args;
  return { receipt, account, to: withdrawn!.args.to, amount };
}
