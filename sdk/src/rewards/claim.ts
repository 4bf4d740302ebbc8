import { getAddress, type TransactionReceipt } from "ethers";

import { requireSigner, type Client } from "../client/client.js";
import { attributionDistributor } from "../client/contracts.js";
import type { InvalidAddressError } from "../client/errors.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidAmountError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkAddress } from "../internal/validate.js";
import type { MerkleInvalidProofError } from "../merkle/errors.js";
import type { RewardTree } from "../merkle/rewards.js";
import type {
  AccountNotInRewardTreeError,
  CumulativeBelowClaimedError,
  DistributorPausedError,
  DistributorShortOfFundsError,
  NothingToClaimError,
  ProofNotForAcceptedRootError,
  RewardTreeWrongDistributorError,
} from "./errors.js";
import { type ClaimInput, claimFromTree, claimFromValues, precheckClaims } from "./internal.js";
import { parseAttributionDistributorLogs } from "./parseAttributionDistributorLogs.js";
import type { RewardClaimInput } from "./types.js";

/**
 * What `claim` takes: a tree (and the account, the signer by default), or a claim's values.
 *
 * @example
 * const run = (parameters: ClaimParameters) => claim(client, parameters);
 */
export type ClaimParameters = (
  | {
      /** The accepted epoch's reward tree, e.g. `(await loadRewardTree(client)).tree`. */
      tree: RewardTree;
      /** Who is paid; the client's signer by default. Anyone may claim for any account. */
      account?: string | undefined;
      cumulativeAmount?: undefined;
      proof?: undefined;
    }
  | ({ tree?: undefined } & RewardClaimInput)
) &
  SendOptions;

/**
 * What `claim` returns.
 *
 * @example
 * const result: ClaimReturnType = await claim(client, parameters);
 */
export type ClaimReturnType = {
  receipt: TransactionReceipt;
  /** The account paid (checksummed); the tokens went to it, whoever sent the transaction. */
  account: string;
  /** Token wei paid, from the `Claimed` event. */
  amount: bigint;
  /** The cumulative amount claimed up to (now `claimed(account)`). */
  cumulativeAmount: bigint;
};

/**
 * The errors `claim` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await claim(client, parameters).catch((e: unknown) => e)) as ClaimErrorType;
 * if (error instanceof NothingToClaimError) console.log("already claimed", error.claimed);
 */
export type ClaimErrorType =
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
 * Claims an account's rewards: pays it `cumulativeAmount - claimed(account)`. Anyone may send it
 * for any account (a relayer, a friend); the tokens always go to the account.
 *
 * Checked before anything is sent, each failure a named error: the account is in the tree and the
 * tree is this deployment's; claims are not paused; the tree (or proof) is for the accepted root
 * (else `ProofNotForAcceptedRootError`, saying when a pending tree becomes claimable); something is
 * left to claim; the distributor holds enough. A revert that slips past them (e.g. a relayer
 * claimed first) is a `ContractRevertError` with the distributor's `errorName`.
 *
 * @example
 * const { tree } = await loadRewardTree(client);
 * const { amount } = await claim(client, { tree }); // for the signer
 * await claim(relayerClient, { tree, account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" }); // for someone else
 */
export async function claim(client: Client, parameters: ClaimParameters): Promise<ClaimReturnType> {
  let input: ClaimInput;
  if (parameters.tree !== undefined) {
    const account =
      parameters.account === undefined
        ? getAddress(await requireSigner(client).getAddress())
        : checkAddress("account", parameters.account);
    input = claimFromTree(client, parameters.tree, account);
  } else {
    input = claimFromValues(undefined, parameters);
  }
  requireSigner(client);
  await precheckClaims(client, [input], false);

  const { account, cumulativeAmount, proof } = input;
  const receipt = await send(
    client,
    attributionDistributor,
    (distributor) => distributor.claim(account, cumulativeAmount, proof),
    parameters,
  );
  const paid = eventsNamed(parseAttributionDistributorLogs(client, receipt), "Claimed").filter(
    ({ args }) => args.account === account,
  );
  return { receipt, account, amount: paid.reduce((sum, { args }) => sum + args.amount, 0n), cumulativeAmount };
}
