import type { Client } from "../client/client.js";
import { attributionDistributor } from "../client/contracts.js";
import type { InvalidAddressError } from "../client/errors.js";
import { checkAddress } from "../internal/validate.js";
import type { RewardTree } from "../merkle/rewards.js";
import { AccountNotInRewardTreeError, type RewardTreeWrongDistributorError } from "./errors.js";
import { claimFromTree } from "./internal.js";

/**
 * What `getClaimable` takes.
 *
 * @example
 * const run = (parameters: GetClaimableParameters) => getClaimable(client, parameters);
 */
export type GetClaimableParameters = {
  /** Whose rewards (any letter case). */
  account: string;
  /** The reward tree, e.g. `(await loadRewardTree(client)).tree`. */
  tree: RewardTree;
};

/**
 * What the account can claim with this tree, and the pieces of the claim.
 *
 * @example
 * const { claimable, cumulativeAmount, claimed }: GetClaimableReturnType = await getClaimable(client, parameters);
 */
export type GetClaimableReturnType = {
  /** The account, checksummed. */
  account: string;
  /** `cumulativeAmount - claimed` in token wei; 0 when not in the tree or already claimed (never negative). */
  claimable: bigint;
  /** Everything the tree says the account earned since epoch 1; 0 when not in the tree. */
  cumulativeAmount: bigint;
  /** What the account has already been paid (`claimed(account)` on-chain). */
  claimed: bigint;
  /** The Merkle proof of the account's leaf; empty when not in the tree. */
  proof: string[];
  /** Whether the account has a leaf in the tree. */
  inTree: boolean;
  /** Whether the tree's root is the accepted root, i.e. whether `claimable` can be claimed now. */
  isAcceptedRoot: boolean;
};

/**
 * The errors `getClaimable` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await getClaimable(client, parameters).catch((e: unknown) => e)) as GetClaimableErrorType;
 * if (error instanceof RewardTreeWrongDistributorError) console.log(error.shortMessage);
 */
export type GetClaimableErrorType = InvalidAddressError | RewardTreeWrongDistributorError;

/**
 * What an account can claim with a reward tree: its cumulative amount in the tree minus what it
 * has already claimed (0 if it is not in the tree), with the proof a claim needs. A read: nothing
 * is sent. `isAcceptedRoot` says whether the tree is the one claims verify against now.
 *
 * @example
 * const { tree } = await loadRewardTree(client);
 * const { claimable } = await getClaimable(client, { account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", tree });
 * console.log(`${formatEther(claimable)} OPEN to claim`);
 */
export async function getClaimable(
  client: Client,
  parameters: GetClaimableParameters,
): Promise<GetClaimableReturnType> {
  const account = checkAddress("account", parameters.account);
  let cumulativeAmount = 0n;
  let proof: string[] = [];
  let inTree = true;
  try {
    ({ cumulativeAmount, proof } = claimFromTree(client, parameters.tree, account));
  } catch (error) {
    if (!(error instanceof AccountNotInRewardTreeError)) throw error;
    inTree = false;
  }
  const distributor = attributionDistributor(client);
  const [claimed, root] = await Promise.all([distributor.claimed(account), distributor.root()]);
  return {
    account,
    claimable: cumulativeAmount > claimed ? cumulativeAmount - claimed : 0n,
    cumulativeAmount,
    claimed,
    proof,
    inTree,
    isAcceptedRoot: root.toLowerCase() === parameters.tree.root,
  };
}
