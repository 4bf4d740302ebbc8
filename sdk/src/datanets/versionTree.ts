// The Datanet version tree, behind a small interface (`VersionTree`, `buildVersionTree`,
// `loadVersionTree`), built with the SDK's own Merkle builder (`../merkle`), which gives
// `@openzeppelin/merkle-tree`'s `StandardMerkleTree` root, proofs and dump.
import { getAddress } from "ethers";

import { checkAddress, checkHash, checkId } from "../internal/validate.js";
import { buildContributionTree, type ContributionLeafValues, contributionProof } from "../merkle/contributions.js";
import type {
  MerkleInvalidContributionError,
  MerkleInvalidDumpError,
  MerkleKeccakUnavailableError,
} from "../merkle/errors.js";
import { StandardTree, type StandardTreeDump } from "../merkle/standard-tree.js";
import { ContributionNotInTreeError, NoAcceptedContributionsError } from "./errors.js";
import { CONTENT_HASH } from "./internal.js";

/**
 * Leaf types of a version tree (`ContributionLeaf.sol`).
 *
 * @example
 * (await StandardTree.of(values, VERSION_LEAF_TYPES)).root; // the root buildVersionTree gives
 */
export const VERSION_LEAF_TYPES = ["uint256", "uint256", "address", "bytes32"] as const;

/**
 * One leaf of a version tree: an accepted contribution.
 *
 * @example
 * const leaf: VersionLeaf = { datanetId: 1n, contributionId: 7n, contributor: "0x…", contentHash: "0x…" };
 */
export type VersionLeaf = { datanetId: bigint; contributionId: bigint; contributor: string; contentHash: string };

/**
 * The tree dump published as a version's manifest: OpenZeppelin's `StandardMerkleTree` JSON
 * ("standard-v1"), with numbers as decimal strings so it serialises with `JSON.stringify`.
 *
 * @example
 * const manifest: VersionTreeDump = tree.dump();
 */
export type VersionTreeDump = {
  format: "standard-v1";
  leafEncoding: string[];
  tree: string[];
  values: {
    value: [datanetId: string, contributionId: string, contributor: string, contentHash: string];
    treeIndex: number;
  }[];
};

/**
 * The Merkle tree of a Datanet version: its root is what `publishVersion` records.
 *
 * @example
 * const tree = await buildVersionTree(1n, accepted);
 * tree.root; tree.length; tree.getProof(7n); tree.dump();
 */
export interface VersionTree {
  /** The root, `0x` and 64 lower-case hex digits. */
  readonly root: string;
  /** The number of leaves (what `publishVersion` takes as `count`). */
  readonly length: number;
  /** The leaves, by contribution id. */
  readonly leaves: readonly VersionLeaf[];
  /** The proof of a contribution; throws `ContributionNotInTreeError` if it is not a leaf. */
  getProof(contributionId: bigint): string[];
  /** The manifest to publish (JSON-serialisable). */
  dump(): VersionTreeDump;
}

/**
 * What `buildVersionTree` takes.
 *
 * @example
 * const run = (contributions: BuildVersionTreeParameters) => buildVersionTree(1n, contributions);
 */
export type BuildVersionTreeParameters = readonly Omit<VersionLeaf, "datanetId">[];

/**
 * What `buildVersionTree` returns.
 *
 * @example
 * const result: BuildVersionTreeReturnType = await buildVersionTree(1n, contributions);
 */
export type BuildVersionTreeReturnType = VersionTree;

/**
 * The errors `buildVersionTree` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await buildVersionTree(1n, contributions).catch((e: unknown) => e)) as BuildVersionTreeErrorType;
 * if (error instanceof NoAcceptedContributionsError) console.log(error.shortMessage);
 */
export type BuildVersionTreeErrorType =
  NoAcceptedContributionsError | MerkleInvalidContributionError | MerkleKeccakUnavailableError;

/**
 * Builds a Datanet version tree from accepted contributions: leaves `[datanetId, contributionId,
 * contributor, contentHash]`, hashed as `StandardMerkleTree` hashes them, as the registry checks.
 *
 * @example
 * const accepted = (await getReviews(client, { datanetId: 1n })).filter((r) => r.verdict === "Accept");
 * const tree = await buildVersionTree(1n, accepted);
 */
export async function buildVersionTree(
  datanetId: bigint,
  contributions: BuildVersionTreeParameters,
): Promise<BuildVersionTreeReturnType> {
  checkId("datanetId", datanetId);
  if (contributions.length === 0) throw new NoAcceptedContributionsError(datanetId);
  const checked = contributions
    .map(({ contributionId, contributor, contentHash }, i) => ({
      contributionId: checkId(`contributions[${i}].contributionId`, contributionId),
      contributor: checkAddress(`contributions[${i}].contributor`, contributor),
      contentHash: checkHash(`contributions[${i}].contentHash`, contentHash, CONTENT_HASH),
    }))
    .sort((a, b) => (a.contributionId < b.contributionId ? -1 : 1));
  return wrap(await buildContributionTree(datanetId, checked));
}

/**
 * What `loadVersionTree` takes.
 *
 * @example
 * const run = (manifest: LoadVersionTreeParameters) => loadVersionTree(manifest);
 */
export type LoadVersionTreeParameters = VersionTreeDump;

/**
 * What `loadVersionTree` returns.
 *
 * @example
 * const result: LoadVersionTreeReturnType = await loadVersionTree(manifest);
 */
export type LoadVersionTreeReturnType = VersionTree;

/**
 * The errors `loadVersionTree` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await loadVersionTree(manifest).catch((e: unknown) => e)) as LoadVersionTreeErrorType;
 * if (error instanceof MerkleInvalidDumpError) console.log("not a valid version tree dump:", error.shortMessage);
 */
export type LoadVersionTreeErrorType = MerkleInvalidDumpError | MerkleKeccakUnavailableError;

/**
 * Loads a version tree from its manifest (a `dump()`), checking it hashes to itself.
 *
 * @example
 * const tree = await loadVersionTree(await (await fetch(version.manifestURI)).json());
 * if (tree.root !== version.root) throw new Error("manifest does not match the published root");
 */
export async function loadVersionTree(dump: LoadVersionTreeParameters): Promise<LoadVersionTreeReturnType> {
  return wrap(await StandardTree.load(dump as StandardTreeDump<VersionTreeDump["values"][number]["value"]>));
}

function wrap(tree: StandardTree<readonly unknown[]>): VersionTree {
  const leaves: VersionLeaf[] = [];
  for (const [, [datanetId, contributionId, contributor, contentHash]] of tree.entries()) {
    leaves.push({
      datanetId: BigInt(datanetId as bigint | string),
      contributionId: BigInt(contributionId as bigint | string),
      contributor: getAddress(String(contributor)),
      contentHash: String(contentHash).toLowerCase(),
    });
  }
  return {
    root: tree.root,
    length: tree.length,
    leaves,
    getProof(contributionId) {
      try {
        return contributionProof(tree as unknown as StandardTree<ContributionLeafValues>, contributionId).proof;
      } catch {
        throw new ContributionNotInTreeError(contributionId);
      }
    },
    dump: () => {
      const { leafEncoding, tree: nodes, values } = tree.dump();
      return {
        format: "standard-v1",
        leafEncoding,
        tree: nodes,
        values: values.map(({ value, treeIndex }) => ({
          value: value.map(String) as VersionTreeDump["values"][number]["value"],
          treeIndex,
        })),
      };
    },
  };
}
