import { AbiCoder, concat, keccak256 } from "ethers";

import type { InvalidAddressError } from "../client/errors.js";
import type { InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { checkAddress, checkId } from "../internal/validate.js";
import type { DuplicateContentInBatchError, EmptyBatchError, InvalidSaltError } from "./errors.js";
import { checkSalt, resolveContentHashes } from "./internal.js";

/**
 * What `computeCommitment` takes.
 *
 * @example
 * const run = (parameters: ComputeCommitmentParameters) => computeCommitment(parameters);
 */
export type ComputeCommitmentParameters = {
  /** The account that will reveal (and must commit). */
  contributor: string;
  datanetId: bigint;
  /** The content hashes in the order they will be revealed. */
  contentHashes: readonly string[];
  /** 32 bytes the contributor keeps secret until the reveal. */
  salt: string;
};

/**
 * The commitment, `0x` and 64 hex digits.
 *
 * @example
 * const result: ComputeCommitmentReturnType = computeCommitment(parameters);
 */
export type ComputeCommitmentReturnType = string;

/**
 * The errors `computeCommitment` can throw; match them by class, never by message.
 *
 * @example
 * let error: ComputeCommitmentErrorType | undefined;
 * try { computeCommitment(parameters); } catch (e) { error = e as ComputeCommitmentErrorType; }
 * if (error instanceof InvalidAddressError) console.log(error.shortMessage);
 */
export type ComputeCommitmentErrorType =
  | InvalidAddressError
  | InvalidIdError
  | InvalidHashError
  | EmptyBatchError
  | DuplicateContentInBatchError
  | InvalidSaltError;

/**
 * The commitment a contributor commits before revealing contributions, exactly as the registry's
 * `commitmentOf` computes it: `keccak256(abi.encode(contributor, datanetId,
 * keccak256(abi.encodePacked(contentHashes)), salt))`. Pure: no request is made.
 *
 * @example
 * const commitment = computeCommitment({ contributor, datanetId: 1n, contentHashes, salt });
 */
export function computeCommitment(parameters: ComputeCommitmentParameters): ComputeCommitmentReturnType {
  const contributor = checkAddress("contributor", parameters.contributor);
  const datanetId = checkId("datanetId", parameters.datanetId);
  const contentHashes = resolveContentHashes("contentHashes", parameters.contentHashes);
  const salt = checkSalt(parameters.salt);
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["address", "uint256", "bytes32", "bytes32"],
      [contributor, datanetId, keccak256(concat(contentHashes)), salt],
    ),
  );
}
