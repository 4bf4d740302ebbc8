import { type Address, checksumAddress } from "./address.js";
import { checksummedValueLists } from "./encode.js";
import {
  MerkleDuplicateAccountError,
  type MerkleEmptyTreeError,
  type MerkleKeccakUnavailableError,
  MerkleLeafEncodingError,
  MerkleLeafNotFoundError,
  MerkleNegativeAmountError,
} from "./errors.js";
import type { Hex } from "./hex.js";
import { loadKeccak } from "./keccak.js";
import { StandardTree, type StandardTreeOptions } from "./standard-tree.js";

/**
 * Leaf types of the cumulative reward tree (ARCHITECTURE.md, "Reward leaf and tree";
 * `RewardLeaf.sol`).
 *
 * @example
 * const tree = await StandardTree.load<RewardLeafValues>(dump); // dump.leafEncoding equals REWARD_LEAF_TYPES
 */
export const REWARD_LEAF_TYPES: readonly string[] = Object.freeze(["uint256", "address", "address", "uint256"]);

/**
 * One reward leaf: the chain and the distributor it is valid for, the account, and everything
 * the account has earned since epoch 1, in token wei.
 */
export type RewardLeafValues = [chainId: bigint, distributor: Address, account: Address, cumulativeAmount: bigint];

/** A reward tree. */
export type RewardTree = StandardTree<RewardLeafValues>;

/** What `buildRewardTree` may throw. */
export type BuildRewardTreeErrorType =
  | MerkleDuplicateAccountError
  | MerkleNegativeAmountError
  | MerkleLeafEncodingError
  | MerkleEmptyTreeError
  | MerkleKeccakUnavailableError;

/** What `rewardClaim` may throw. */
export type RewardClaimErrorType = MerkleLeafNotFoundError;

/**
 * Builds the cumulative reward tree of `rewards` (account → cumulative amount in token wei)
 * for the distributor `distributor` on chain `chainId`: leaves
 * `[chainId, distributor, account, cumulativeAmount]`, the same tree `StandardMerkleTree.of`
 * builds from those values. Accounts and the distributor are checksummed, so the tree, its
 * dump and proofs do not depend on the letter case of the input. Async: Keccak loads once.
 *
 * @throws {MerkleDuplicateAccountError} when one account appears twice (e.g. in two cases).
 * @throws {MerkleNegativeAmountError} when an amount is negative.
 * @throws {MerkleLeafEncodingError} when an account, the distributor or an amount is malformed.
 * @throws {MerkleEmptyTreeError} when `rewards` is empty.
 * @example
 * const tree = await buildRewardTree(31337n, distributorAddress, new Map([[alice, 10n ** 18n]]));
 * await distributor.proposeRoot(1, tree.root, total, treeHash, treeURI);
 */
export async function buildRewardTree(
  chainId: bigint,
  distributor: string,
  rewards: ReadonlyMap<string, bigint>,
  options?: StandardTreeOptions,
): Promise<RewardTree> {
  const { core } = await loadKeccak();
  if (typeof chainId !== "bigint" || chainId <= 0n) {
    throw new MerkleLeafEncodingError(undefined, 0, "uint256", "the chain id must be a positive bigint", chainId);
  }
  const distributorAddress = checksumAddress(core, distributor);
  if (distributorAddress === undefined) {
    throw new MerkleLeafEncodingError(undefined, 1, "address", "the distributor is not a valid address", distributor);
  }
  const values: RewardLeafValues[] = [];
  const seen = new Set<string>();
  for (const [account, amount] of rewards) {
    const index = values.length;
    const checksummed = checksumAddress(core, account);
    if (checksummed === undefined) {
      throw new MerkleLeafEncodingError(index, 2, "address", "the account is not a valid address", account);
    }
    if (seen.has(checksummed)) throw new MerkleDuplicateAccountError(checksummed);
    seen.add(checksummed);
    if (typeof amount !== "bigint") {
      throw new MerkleLeafEncodingError(index, 3, "uint256", "the cumulative amount must be a bigint", amount);
    }
    if (amount < 0n) throw new MerkleNegativeAmountError(checksummed, amount);
    values.push([chainId, distributorAddress, checksummed, amount]);
  }
  checksummedValueLists.add(values);
  return StandardTree.of(values, REWARD_LEAF_TYPES, options);
}

/** What an account needs to claim: its leaf's amount and proof. */
export type RewardClaim = { account: Address; cumulativeAmount: bigint; proof: Hex[] };

const accountIndexes = new WeakMap<RewardTree, Map<string, number>>();

/**
 * The claim of `account` (any letter case) in a reward tree: cumulative amount and proof, for
 * `AttributionDistributor.claim(account, cumulativeAmount, proof)`. The first call indexes the
 * tree's accounts (O(n)); each call then costs O(log n).
 *
 * @throws {MerkleLeafNotFoundError} when the account has no leaf in the tree.
 * @example
 * const { cumulativeAmount, proof } = rewardClaim(tree, account);
 * await distributor.claim(account, cumulativeAmount, proof);
 */
export function rewardClaim(tree: RewardTree, account: string): RewardClaim {
  let index = accountIndexes.get(tree);
  if (index === undefined) {
    index = new Map();
    for (const [i, [, , leafAccount]] of tree.entries()) index.set(leafAccount.toLowerCase(), i);
    accountIndexes.set(tree, index);
  }
  const i = typeof account === "string" ? index.get(account.toLowerCase()) : undefined;
  if (i === undefined) throw new MerkleLeafNotFoundError("account", String(account));
  const [, , leafAccount, cumulativeAmount] = tree.at(i)!;
  return { account: leafAccount, cumulativeAmount: BigInt(cumulativeAmount), proof: tree.getProof(i) };
}
