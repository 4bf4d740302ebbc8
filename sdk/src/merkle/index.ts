// The merkle area of @openattribution/sdk: a fast builder of OpenZeppelin `StandardMerkleTree`s.
// Browser-safe: no `node:` import here or below. Worker threads: `./node.js` (Node only).
export { type Address, checksumAddress } from "./address.js";
export {
  type AcceptedContribution,
  buildContributionTree,
  CONTRIBUTION_LEAF_TYPES,
  type ContributionLeafValues,
  contributionProof,
  type ContributionTree,
} from "./contributions.js";
export { type ChecksumList, encodeLeaf, encodeLeaves, type LeafEncoding, parseLeafEncoding } from "./encode.js";
export {
  MerkleDuplicateAccountError,
  MerkleEmptyTreeError,
  MerkleIndexOutOfRangeError,
  MerkleInvalidContributionError,
  MerkleInvalidDumpError,
  MerkleInvalidProofError,
  MerkleKeccakUnavailableError,
  MerkleLeafEncodingError,
  MerkleLeafNotFoundError,
  MerkleNegativeAmountError,
  MerkleUnsupportedTypeError,
} from "./errors.js";
export { type EncodeLeaves, type HashLeavesJob, type MerkleExecutor, serialExecutor } from "./executor.js";
export { bytesToHex, type Hex } from "./hex.js";
export { type Keccak, loadKeccak } from "./keccak.js";
export type { KeccakCore } from "./kernels.js";
export {
  buildRewardTree,
  REWARD_LEAF_TYPES,
  type RewardClaim,
  rewardClaim,
  type RewardLeafValues,
  type RewardTree,
} from "./rewards.js";
export {
  type BytesLike,
  StandardTree,
  type StandardTreeDump,
  type StandardTreeLoadOptions,
  type StandardTreeOptions,
} from "./standard-tree.js";
