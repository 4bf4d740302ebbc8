import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getAddress } from "ethers";

/** Leaf encoding of the reward tree (ARCHITECTURE.md, "Reward leaf and tree"). */
export const REWARD_LEAF_TYPES = ["uint256", "address", "address", "uint256"];

export type RewardLeafValues = [chainId: bigint, distributor: string, account: string, cumulativeAmount: bigint];

/**
 * Builds the cumulative reward tree of `rewards` (account → cumulative amount) for one distributor.
 * Accounts are checksummed first; one account spelled twice (e.g. in another letter case) would
 * get two leaves, so it throws instead.
 */
export function buildRewardTree(chainId: bigint, distributor: string, rewards: ReadonlyMap<string, bigint>) {
  const distributorAddress = getAddress(distributor);
  const seen = new Set<string>();
  const values: RewardLeafValues[] = [];
  for (const [account, amount] of rewards) {
    const checksummed = getAddress(account);
    if (seen.has(checksummed)) throw new Error(`account ${checksummed} appears twice in the rewards`);
    if (amount < 0n) throw new Error(`account ${checksummed} has a negative amount ${amount}`);
    seen.add(checksummed);
    values.push([chainId, distributorAddress, checksummed, amount]);
  }
  return StandardMerkleTree.of(values, REWARD_LEAF_TYPES);
}

/** The proof of `account`'s leaf; throws when the account is not in the tree. */
export function proofOf(tree: StandardMerkleTree<RewardLeafValues>, account: string): string[] {
  const wanted = getAddress(account);
  for (const [i, [, , leafAccount]] of tree.entries()) {
    if (leafAccount === wanted) return tree.getProof(i);
  }
  throw new Error(`account ${wanted} is not in the reward tree`);
}
