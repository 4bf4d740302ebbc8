// The merkle area of @openattribution/sdk: a fast builder of OpenZeppelin `StandardMerkleTree`s.
// Browser-safe: no `node:` import here or below. Worker threads: `./node.js` (Node only).
export { type Address, checksumAddress } from "./address.js";
export {
  type AcceptedContribution,
  buildContributionTree,
  type BuildContributionTreeErrorType,
  CONTRIBUTION_LEAF_TYPES,
  type ContributionLeafValues,
  contributionProof,
  type ContributionProofErrorType,
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
  type BuildRewardTreeErrorType,
  REWARD_LEAF_TYPES,
  type RewardClaim,
  rewardClaim,
  type RewardClaimErrorType,
  type RewardLeafValues,
  type RewardTree,
} from "./rewards.js";
export {
  type BytesLike,
  StandardTree,
  type StandardTreeDump,
  type StandardTreeGetProofErrorType,
  type StandardTreeLoadErrorType,
  type StandardTreeLoadOptions,
  type StandardTreeOfErrorType,
  type StandardTreeOptions,
  type StandardTreeVerifyErrorType,
} from "./standard-tree.js";
