import { getAddress, type TransactionReceipt } from "ethers";

import { requireSigner, type Client } from "../client/client.js";
import { attributionDistributor } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { EmptyStringError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkString } from "../internal/validate.js";
import { approve, type ApproveReturnType } from "../token/approve.js";
import { getAllowance } from "../token/getAllowance.js";
import { getBalance } from "../token/getBalance.js";
import {
  ChallengeWindowClosedError,
  DisputeBondNotSetError,
  InsufficientDepositBalanceError,
  NoPendingRootError,
  RootAlreadyDisputedError,
} from "./errors.js";
import { toPendingRaw } from "./internal.js";
import { parseAttributionDistributorLogs } from "./parseAttributionDistributorLogs.js";

/**
 * What `dispute` takes.
 *
 * @example
 * const run = (parameters: DisputeParameters) => dispute(client, parameters);
 */
export type DisputeParameters = {
  /** Why the pending root is wrong, for the admin who resolves the dispute (emitted, not stored). */
  reason: string;
} & SendOptions;

/**
 * What `dispute` returns.
 *
 * @example
 * const result: DisputeReturnType = await dispute(client, parameters);
 */
export type DisputeReturnType = {
  receipt: TransactionReceipt;
  /** The disputed epoch and root. */
  epoch: bigint;
  root: string;
  /** The client's signer, checksummed. */
  disputer: string;
  /** OPEN wei bonded: returned if the dispute is upheld (or the root vetoed), added to rewards if rejected. */
  bond: bigint;
  reason: string;
  /** The approval sent first, when the distributor's allowance was below the bond. */
  approval: ApproveReturnType | undefined;
};

/**
 * The errors `dispute` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await dispute(client, parameters).catch((e: unknown) => e)) as DisputeErrorType;
 * if (error instanceof ChallengeWindowClosedError) console.log("too late: ask a guardian to veto");
 */
export type DisputeErrorType =
  | EmptyStringError
  | NoPendingRootError
  | RootAlreadyDisputedError
  | ChallengeWindowClosedError
  | DisputeBondNotSetError
  | InsufficientDepositBalanceError
  | SendErrorType;

/**
 * Disputes the pending root during its challenge window, bonding `disputeBond()` OPEN: the root
 * cannot be accepted until the admin resolves the dispute. Checked before anything is sent: a root
 * is pending and not already disputed, its window is open, disputes are enabled and the signer
 * holds the bond. If the distributor's allowance is short, approves the exact bond first (the
 * distributor has no permit variant of `dispute`, so a permit would cost a transaction too).
 *
 * @example
 * const { bond } = await dispute(client, { reason: "epoch 4 pays 0xabc… twice; see https://…" });
 */
export async function dispute(client: Client, parameters: DisputeParameters): Promise<DisputeReturnType> {
  const reason = checkString("reason", parameters.reason);
  const disputer = getAddress(await requireSigner(client).getAddress());
  const distributor = attributionDistributor(client);
  const spender = client.addresses.attributionDistributor;
  const [block, epoch, pendingRaw, open, bond, balance, allowance] = await Promise.all([
    client.provider.getBlock("latest"),
    distributor.epoch(),
    distributor.pendingRoot(),
    distributor.currentDispute(),
    distributor.disputeBond(),
    getBalance(client, { account: disputer }),
    getAllowance(client, { owner: disputer, spender }),
  ]);
  const pending = toPendingRaw(pendingRaw);
  if (pending === undefined) throw new NoPendingRootError(epoch);
  if (pending.status === "Disputed") throw new RootAlreadyDisputedError(pending.epoch, open.disputer);
  const now = BigInt(block!.timestamp);
  // The next block is later than the latest: a window closed at the latest block stays closed.
  if (now >= pending.validAt) throw new ChallengeWindowClosedError(pending.epoch, pending.validAt, now);
  if (bond === 0n) throw new DisputeBondNotSetError();
  if (balance < bond) throw new InsufficientDepositBalanceError(disputer, balance, bond, "bond");

  const { onSent, confirmations } = parameters;
  const approval =
    allowance < bond ? await approve(client, { spender, amount: bond, onSent, confirmations }) : undefined;
  const receipt = await send(client, attributionDistributor, (contract) => contract.dispute(reason), parameters);
  const [disputed] = eventsNamed(parseAttributionDistributorLogs(client, receipt), "RootDisputed");
  const { args } = disputed!;
  return { receipt, epoch: args.epoch, root: args.root, disputer: args.disputer, bond: args.bond, reason, approval };
}
