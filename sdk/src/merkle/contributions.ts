import { type Address, checksumAddress } from "./address.js";
import { checksummedValueLists } from "./encode.js";
import {
  type MerkleEmptyTreeError,
  MerkleInvalidContributionError,
  type MerkleKeccakUnavailableError,
  MerkleLeafEncodingError,
  MerkleLeafNotFoundError,
} from "./errors.js";
import { type Hex, parseHexInto } from "./hex.js";
import { loadKeccak } from "./keccak.js";
import { StandardTree, type StandardTreeOptions } from "./standard-tree.js";

/**
 * Leaf types of a Datanet version tree (`ContributionLeaf.sol`; README, DatanetRegistry step 4).
 *
 * @example
 * const tree = await StandardTree.load<ContributionLeafValues>(dump); // dump.leafEncoding equals CONTRIBUTION_LEAF_TYPES
 */
export const CONTRIBUTION_LEAF_TYPES: readonly string[] = Object.freeze(["uint256", "uint256", "address", "bytes32"]);

/** One Datanet version leaf: the Datanet, the contribution's number, its contributor and content hash. */
export type ContributionLeafValues = [
  datanetId: bigint,
  contributionId: bigint,
  contributor: Address,
  contentHash: Hex,
];

/** A Datanet version tree. */
export type ContributionTree = StandardTree<ContributionLeafValues>;

/** What `buildContributionTree` may throw. */
export type BuildContributionTreeErrorType =
  MerkleInvalidContributionError | MerkleLeafEncodingError | MerkleEmptyTreeError | MerkleKeccakUnavailableError;

/** What `contributionProof` may throw. */
export type ContributionProofErrorType = MerkleLeafNotFoundError;

/** An accepted contribution, as the registry recorded it. */
export type AcceptedContribution = {
  /** The contribution's number in its Datanet, from 1. */
  contributionId: bigint;
  contributor: string;
  /** 32 bytes, "0x" and 64 hex digits. */
  contentHash: string;
};

/**
 * Builds the tree of a Datanet version: leaves `[datanetId, contributionId, contributor,
 * contentHash]`, the same tree `StandardMerkleTree.of` builds from those values; its root is
 * what `publishVersion` takes. Contributors are checksummed and content hashes lower-cased.
 * Async: Keccak loads once.
 *
 * @throws {MerkleInvalidContributionError} when a contribution id is below 1 or repeats, or a
 *   content hash repeats (the registry refuses duplicate content).
 * @throws {MerkleLeafEncodingError} when a contributor or content hash is malformed.
 * @throws {MerkleEmptyTreeError} when `contributions` is empty.
 * @example
 * const tree = await buildContributionTree(1n, [{ contributionId: 1n, contributor, contentHash }]);
 * await registry.publishVersion(1n, tree.root, tree.length, manifestURI);
 */
export async function buildContributionTree(
  datanetId: bigint,
  contributions: readonly AcceptedContribution[],
  options?: StandardTreeOptions,
): Promise<ContributionTree> {
  const { core } = await loadKeccak();
  if (typeof datanetId !== "bigint" || datanetId <= 0n) {
    throw new MerkleLeafEncodingError(undefined, 0, "uint256", "the Datanet id must be a positive bigint", datanetId);
  }
  const values: ContributionLeafValues[] = [];
  const ids = new Set<bigint>();
  const hashes = new Set<string>();
  const scratch = new Uint8Array(32);
  for (const [index, { contributionId, contributor, contentHash }] of contributions.entries()) {
    if (typeof contributionId !== "bigint" || contributionId < 1n) {
      throw new MerkleInvalidContributionError(
        index,
        `the contribution id ${String(contributionId)} is not a bigint ≥ 1`,
      );
    }
    if (ids.has(contributionId))
      throw new MerkleInvalidContributionError(index, `contribution ${contributionId} repeats`);
    ids.add(contributionId);
    const checksummed = checksumAddress(core, contributor);
    if (checksummed === undefined) {
      throw new MerkleLeafEncodingError(index, 2, "address", "the contributor is not a valid address", contributor);
    }
    if (typeof contentHash !== "string" || !parseHexInto(contentHash, scratch, 0, 32)) {
      const problem = "the content hash is not 0x and 64 hex digits";
      throw new MerkleLeafEncodingError(index, 3, "bytes32", problem, contentHash);
    }
    const hash = contentHash.toLowerCase() as Hex;
    if (hashes.has(hash)) throw new MerkleInvalidContributionError(index, `the content hash ${hash} repeats`);
    hashes.add(hash);
    values.push([datanetId, contributionId, checksummed, hash]);
  }
  checksummedValueLists.add(values);
  return StandardTree.of(values, CONTRIBUTION_LEAF_TYPES, options);
}

const idIndexes = new WeakMap<ContributionTree, Map<bigint, number>>();

/**
 * The leaf values and proof of contribution `contributionId` in a version tree, for
 * `verifyContribution`. The first call indexes the tree (O(n)); each call then costs O(log n).
 *
 * @throws {MerkleLeafNotFoundError} when the contribution is not in this version.
 * @example
 * const { values, proof } = contributionProof(tree, 7n);
 * await registry.verifyContribution(datanetId, version, values[3], proof); // true
 */
export function contributionProof(
  tree: ContributionTree,
  contributionId: bigint,
): { values: ContributionLeafValues; proof: Hex[] } {
  let index = idIndexes.get(tree);
  if (index === undefined) {
    index = new Map();
    for (const [i, [, id]] of tree.entries()) index.set(BigInt(id), i);
    idIndexes.set(tree, index);
  }
  const i = index.get(contributionId);
  if (i === undefined) throw new MerkleLeafNotFoundError("contribution", String(contributionId));
  return { values: tree.at(i)!, proof: tree.getProof(i) };
}
