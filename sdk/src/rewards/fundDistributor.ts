import { getAddress, type TransactionReceipt } from "ethers";

import { requireSigner, type Client } from "../client/client.js";
import { attributionDistributor } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidAmountError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkAmount, MAX_UINT128 } from "../internal/validate.js";
import { approve, type ApproveReturnType } from "../token/approve.js";
import { getAllowance } from "../token/getAllowance.js";
import { getBalance } from "../token/getBalance.js";
import { InsufficientDepositBalanceError } from "./errors.js";
import { parseAttributionDistributorLogs } from "./parseAttributionDistributorLogs.js";

/**
 * What `fundDistributor` takes.
 *
 * @example
 * const run = (parameters: FundDistributorParameters) => fundDistributor(client, parameters);
 */
export type FundDistributorParameters = {
  /** OPEN wei to add to the reward pool, at least 1. */
  amount: bigint;
} & SendOptions;

/**
 * What `fundDistributor` returns.
 *
 * @example
 * const result: FundDistributorReturnType = await fundDistributor(client, parameters);
 */
export type FundDistributorReturnType = {
  receipt: TransactionReceipt;
  /** The funder (the client's signer), checksummed. */
  from: string;
  /** OPEN wei the distributor received (`Funded`). */
  amount: bigint;
  /** The distributor's new total funded: the cap of what roots may promise. */
  totalFunded: bigint;
  /** The approval sent first, when the distributor's allowance was short. */
  approval: ApproveReturnType | undefined;
};

/**
 * The errors `fundDistributor` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await fundDistributor(client, parameters).catch((e: unknown) => e)) as FundDistributorErrorType;
 * if (error instanceof InsufficientDepositBalanceError) console.log("short by", error.needed - error.balance);
 */
export type FundDistributorErrorType = InvalidAmountError | InsufficientDepositBalanceError | SendErrorType;

/**
 * Adds OPEN to the reward pool (`fund`); only funded tokens back proposals (a plain transfer is
 * not counted). Anyone may fund. Checks the signer's balance before anything is sent, and
 * approves the exact amount first when the distributor's allowance is short.
 *
 * @example
 * const { totalFunded } = await fundDistributor(treasuryClient, { amount: 50_000n * 10n ** 18n });
 */
export async function fundDistributor(
  client: Client,
  parameters: FundDistributorParameters,
): Promise<FundDistributorReturnType> {
  const amount = checkAmount("amount", parameters.amount, MAX_UINT128, 1n);
  const from = getAddress(await requireSigner(client).getAddress());
  const spender = client.addresses.attributionDistributor;
  const [balance, allowance] = await Promise.all([
    getBalance(client, { account: from }),
    getAllowance(client, { owner: from, spender }),
  ]);
  if (balance < amount) throw new InsufficientDepositBalanceError(from, balance, amount, "fund");

  const { onSent, confirmations } = parameters;
  const approval = allowance < amount ? await approve(client, { spender, amount, onSent, confirmations }) : undefined;
  const receipt = await send(client, attributionDistributor, (distributor) => distributor.fund(amount), parameters);
  const [funded] = eventsNamed(parseAttributionDistributorLogs(client, receipt), "Funded");
  return { receipt, from, amount: funded!.args.amount, totalFunded: funded!.args.totalFunded, approval };
}
