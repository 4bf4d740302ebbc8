import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

/** Leaf encoding of the reward tree (ARCHITECTURE.md, "Reward leaf and tree"). */
export const REWARD_LEAF_TYPES = ["uint256", "address", "address", "uint256"];

export type RewardLeafValues = [chainId: bigint, distributor: string, account: string, cumulativeAmount: bigint];

/** Builds the cumulative reward tree of `rewards` (account → cumulative amount) for one distributor. */
export function buildRewardTree(chainId: bigint, distributor: string, rewards: ReadonlyMap<string, bigint>) {
  const values: RewardLeafValues[] = [...rewards].map(([account, amount]) => [chainId, distributor, account, amount]);
  return StandardMerkleTree.of(values, REWARD_LEAF_TYPES);
}

/** The proof of `account`'s leaf; throws when the account is not in the tree. */
export function proofOf(tree: StandardMerkleTree<RewardLeafValues>, account: string): string[] {
  for (const [i, [, , leafAccount]] of tree.entries()) {
    if (leafAccount.toLowerCase() === account.toLowerCase()) return tree.getProof(i);
  }
  throw new Error(`account ${account} is not in the reward tree`);
}
