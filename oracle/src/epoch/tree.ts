// The cumulative reward tree of an epoch and its published file, through the SDK's builder and
// file format, so the file is exactly what the SDK's `loadRewardTree` verifies: the JSON of the
// OpenZeppelin `dump()` (`formatRewardTreeFile`) and its keccak256 (`hashRewardTreeFile`).
import {
  buildRewardTree,
  formatRewardTreeFile,
  hashRewardTreeFile,
  REWARD_LEAF_TYPES,
  type RewardLeafValues,
  type RewardTree,
  StandardTree,
  type StandardTreeDump,
} from "@openattribution/sdk";
import { getAddress, isAddress } from "ethers";

import { type CumulativeRewards, type RewardEntry, sumRewards } from "./cumulative.ts";
import { RewardTreeFileInvalidError } from "./errors.ts";

/**
 * What `buildEpochTree` takes.
 *
 * @example
 * const run = (parameters: BuildEpochTreeParameters) => buildEpochTree(parameters);
 */
export type BuildEpochTreeParameters = {
  chainId: bigint;
  /** The AttributionDistributor the leaves are for. */
  distributor: string;
  /** The cumulative amounts (`cumulativeRewards`): checksummed, sorted, no duplicate. */
  cumulative: readonly RewardEntry[];
};

/**
 * The tree, its file text, and what `proposeRoot` posts.
 *
 * @example
 * const { file, treeHash, root, totalCumulative }: BuildEpochTreeReturnType = await buildEpochTree(parameters);
 */
export type BuildEpochTreeReturnType = {
  tree: RewardTree;
  /** The text to publish (`formatRewardTreeFile`); `treeHash` is keccak256 of its UTF-8 bytes. */
  file: string;
  treeHash: string;
  root: string;
  /** The sum of the leaves: the `totalCumulative` posted with the root. */
  totalCumulative: bigint;
};

/**
 * Builds the epoch's cumulative reward tree (leaves in the list's order, which
 * `cumulativeRewards` makes canonical) and its file. Same list, same file, byte for byte.
 *
 * @throws the SDK's `BuildRewardTreeErrorType` (`MerkleEmptyTreeError` for an empty list,
 *   `MerkleDuplicateAccountError`, `MerkleNegativeAmountError`, `MerkleLeafEncodingError`).
 * @example
 * const cumulative = cumulativeRewards(previous, epochRewards);
 * const { file, treeHash, root, totalCumulative } = await buildEpochTree({ chainId, distributor, cumulative });
 * await writeFile(`epoch-${epoch}.json`, file);
 */
export async function buildEpochTree(parameters: BuildEpochTreeParameters): Promise<BuildEpochTreeReturnType> {
  const { chainId, distributor, cumulative } = parameters;
  const tree = await buildRewardTree(chainId, distributor, new Map(cumulative));
  const file = formatRewardTreeFile(tree);
  return { tree, file, treeHash: hashRewardTreeFile(file), root: tree.root, totalCumulative: sumRewards(cumulative) };
}

/** One leaf of a tree file, as read: the values as they are in the file. */
export type RewardTreeFileLeaf = {
  /** The index of the value in the file (input order). */
  index: number;
  chainId: bigint;
  /** Checksummed. */
  distributor: string;
  /** Checksummed. */
  account: string;
  cumulativeAmount: bigint;
};

/**
 * The leaves a reward tree file lists, read without hashing anything: checks that the text is a
 * `standard-v1` dump with the reward leaf encoding and well-formed values. Says nothing of
 * whether the nodes recompute (`readRewardTreeFile` does).
 *
 * @throws {RewardTreeFileInvalidError} when it is not such a file.
 * @example
 * const leaves = parseRewardTreeLeaves(text);
 * console.log(leaves.length, "accounts");
 */
export function parseRewardTreeLeaves(text: string): RewardTreeFileLeaf[] {
  return leavesOf(parseDump(text));
}

/**
 * What `readRewardTreeFile` returns: the verified tree, its leaves and its cumulative list.
 *
 * @example
 * const { tree, cumulative }: ReadRewardTreeFileReturnType = await readRewardTreeFile(text);
 */
export type ReadRewardTreeFileReturnType = {
  tree: RewardTree;
  leaves: RewardTreeFileLeaf[];
  /** `[account, cumulativeAmount]` in file order: the `previous` of the next epoch's `cumulativeRewards`. */
  cumulative: CumulativeRewards;
  /** keccak256 of the text's UTF-8 bytes. */
  treeHash: string;
};

/**
 * Reads a published reward tree file completely: its leaves (as `parseRewardTreeLeaves`) and the
 * tree, every node recomputed from the values (`StandardTree.load`), so an amount edited by hand
 * is refused.
 *
 * @throws {RewardTreeFileInvalidError} when the file is not a reward tree or does not recompute.
 * @example
 * const { cumulative } = await readRewardTreeFile(await readFile("epoch-3.json", "utf8"));
 * const next = cumulativeRewards(cumulative, epoch4Rewards);
 */
export async function readRewardTreeFile(text: string): Promise<ReadRewardTreeFileReturnType> {
  const dump = parseDump(text);
  const leaves = leavesOf(dump);
  let tree: RewardTree;
  try {
    tree = await StandardTree.load<RewardLeafValues>(dump);
  } catch (error) {
    const problem = error instanceof Error && "shortMessage" in error ? String(error.shortMessage) : String(error);
    throw new RewardTreeFileInvalidError(`its tree does not recompute (${problem})`, error);
  }
  return {
    tree,
    leaves,
    cumulative: leaves.map(({ account, cumulativeAmount }) => [account, cumulativeAmount]),
    treeHash: hashRewardTreeFile(text),
  };
}

function parseDump(text: string): StandardTreeDump<RewardLeafValues> {
  if (typeof text !== "string") throw new TypeError("pass the tree file's text");
  let dump: unknown;
  try {
    dump = JSON.parse(text);
  } catch (error) {
    throw new RewardTreeFileInvalidError("it is not JSON", error);
  }
  const data = dump as Partial<StandardTreeDump<unknown[]>> | null;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new RewardTreeFileInvalidError("it is not a JSON object");
  }
  if (data.format !== "standard-v1") {
    throw new RewardTreeFileInvalidError(`its format is ${JSON.stringify(data.format)}, not "standard-v1"`);
  }
  const encoding = data.leafEncoding;
  if (
    !Array.isArray(encoding) ||
    encoding.length !== REWARD_LEAF_TYPES.length ||
    encoding.some((type, i) => type !== REWARD_LEAF_TYPES[i])
  ) {
    throw new RewardTreeFileInvalidError(
      `its leaf encoding is ${JSON.stringify(encoding)}, not the reward leaf [${REWARD_LEAF_TYPES.join(", ")}]`,
    );
  }
  if (!Array.isArray(data.values) || !Array.isArray(data.tree)) {
    throw new RewardTreeFileInvalidError("its values or tree is missing");
  }
  return data as StandardTreeDump<RewardLeafValues>;
}

const UINT = /^(0|[1-9][0-9]*)$/;
const MAX_UINT256 = (1n << 256n) - 1n;

function leavesOf(dump: StandardTreeDump<RewardLeafValues>): RewardTreeFileLeaf[] {
  return dump.values.map((entry, index) => {
    const value = (entry as { value?: unknown } | null)?.value;
    if (!Array.isArray(value) || value.length !== 4) {
      throw new RewardTreeFileInvalidError(
        `values[${index}] is not a reward leaf [chainId, distributor, account, amount]`,
      );
    }
    const [chainId, distributor, account, amount] = value as unknown[];
    return {
      index,
      chainId: uint(chainId, index, "chain id"),
      distributor: address(distributor, index, "distributor"),
      account: address(account, index, "account"),
      cumulativeAmount: uint(amount, index, "cumulative amount"),
    };
  });
}

function uint(value: unknown, index: number, what: string): bigint {
  const text = typeof value === "bigint" ? value.toString() : typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !UINT.test(text) || BigInt(text) > MAX_UINT256) {
    throw new RewardTreeFileInvalidError(
      `values[${index}] has ${what} ${JSON.stringify(String(value))}, not a uint256`,
    );
  }
  return BigInt(text);
}

function address(value: unknown, index: number, what: string): string {
  if (typeof value !== "string" || !isAddress(value) || !value.startsWith("0x")) {
    throw new RewardTreeFileInvalidError(
      `values[${index}] has ${what} ${JSON.stringify(String(value))}, not an address`,
    );
  }
  return getAddress(value);
}
