import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { requireSigner } from "../client/client.js";
import { attributionDistributor } from "../client/contracts.js";
import type { InvalidAddressError } from "../client/errors.js";
import type { SendOptions } from "../client/transaction.js";
import { EmptyBatchError } from "../datanets/errors.js";
import type { InvalidAmountError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkAddress } from "../internal/validate.js";
import type { MerkleInvalidProofError } from "../merkle/errors.js";
import type { RewardTree } from "../merkle/rewards.js";
import {
  type AccountNotInRewardTreeError,
  type ClaimPosition,
  type CumulativeBelowClaimedError,
  type DistributorPausedError,
  type DistributorShortOfFundsError,
  DuplicateClaimError,
  type NothingToClaimError,
  type ProofNotForAcceptedRootError,
  type RewardTreeWrongDistributorError,
} from "./errors.js";
import { type ClaimInput, claimFromTree, claimFromValues, precheckClaims } from "./internal.js";
import { parseAttributionDistributorLogs } from "./parseAttributionDistributorLogs.js";
import type { RewardClaimInput } from "./types.js";

/**
 * What `claimMany` takes: a tree and the accounts to claim for, or the claims' values.
 *
 * @example
 * const run = (parameters: ClaimManyParameters) => claimMany(client, parameters);
 */
export type ClaimManyParameters = (
  | {
      /** The accepted epoch's reward tree. */
      tree: RewardTree;
      /** The accounts to pay, each once (any letter case). */
      accounts: readonly string[];
      claims?: undefined;
    }
  | {
      tree?: undefined;
      accounts?: undefined;
      /** The claims, each an account with its cumulative amount and proof. */
      claims: readonly RewardClaimInput[];
    }
) & {
  /**
   * Drop accounts that have already claimed everything (`true`, default) instead of throwing
   * `NothingToClaimError`; if every account is empty, `NothingToClaimError` is thrown anyway.
   */
  skipNothingToClaim?: boolean | undefined;
} & SendOptions;

/**
 * What `claimMany` returns.
 *
 * @example
 * const result: ClaimManyReturnType = await claimMany(client, parameters);
 */
export type ClaimManyReturnType = {
  receipt: TransactionReceipt;
  /** Token wei paid in total. */
  amount: bigint;
  /** What each account was paid, from the `Claimed` events, in batch order. */
  paid: { account: string; amount: bigint }[];
  /** The accounts dropped before sending because they had nothing left to claim. */
  skipped: ClaimPosition[];
};

/**
 * The errors `claimMany` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await claimMany(client, parameters).catch((e: unknown) => e)) as ClaimManyErrorType;
 * if (error instanceof NothingToClaimError) console.log(error.positions.length, "accounts already claimed");
 */
export type ClaimManyErrorType =
  | EmptyBatchError
  | DuplicateClaimError
  | InvalidAddressError
  | InvalidAmountError
  | MerkleInvalidProofError
  | AccountNotInRewardTreeError
  | RewardTreeWrongDistributorError
  | DistributorPausedError
  | ProofNotForAcceptedRootError
  | CumulativeBelowClaimedError
  | NothingToClaimError
  | DistributorShortOfFundsError
  | SendErrorType;

/**
 * Claims for several accounts in one transaction (`claimMany`): each is paid
 * `cumulativeAmount - claimed(account)`; the tokens go to each account, whoever sends it.
 *
 * Every claim is checked before anything is sent, as `claim` checks one (in the tree, this
 * deployment's tree, not paused, for the accepted root, not below what was claimed, the
 * distributor holding the sum). Accounts with nothing left are dropped (`skipped`) unless
 * `skipNothingToClaim: false`.
 *
 * @example
 * const { tree } = await loadRewardTree(client);
 * const { amount, paid, skipped } = await claimMany(relayerClient, { tree, accounts: [alice, bob, carol] });
 */
export async function claimMany(client: Client, parameters: ClaimManyParameters): Promise<ClaimManyReturnType> {
  let inputs: ClaimInput[];
  if (parameters.tree !== undefined) {
    const { tree, accounts } = parameters;
    if (!Array.isArray(accounts) || accounts.length === 0) throw new EmptyBatchError("accounts");
    inputs = accounts.map((account, i) => claimFromTree(client, tree, checkAddress(`accounts[${i}]`, account)));
  } else {
    const { claims } = parameters;
    if (!Array.isArray(claims) || claims.length === 0) throw new EmptyBatchError("claims");
    inputs = claims.map((item, i) => claimFromValues(`claims[${i}]`, item));
  }
  const seen = new Map<string, number>();
  inputs.forEach(({ account }, index) => {
    const first = seen.get(account);
    if (first !== undefined) throw new DuplicateClaimError(account, first, index);
    seen.set(account, index);
  });
  requireSigner(client);
  const { toSend, skipped } = await precheckClaims(client, inputs, parameters.skipNothingToClaim ?? true);

  const batch = toSend.map(({ account, cumulativeAmount, proof }) => ({ account, cumulativeAmount, proof }));
  const receipt = await send(client, attributionDistributor, (distributor) => distributor.claimMany(batch), parameters);
  const paid = eventsNamed(parseAttributionDistributorLogs(client, receipt), "Claimed").map(({ args }) => ({
    account: args.account,
    amount: args.amount,
  }));
  return { receipt, amount: paid.reduce((sum, { amount }) => sum + amount, 0n), paid, skipped };
}
