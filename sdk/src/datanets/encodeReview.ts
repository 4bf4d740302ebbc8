import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { checkId } from "../internal/validate.js";
import type { DuplicateContentInBatchError, EmptyBatchError, InvalidVerdictError } from "./errors.js";
import { type ReviewInput, resolveReviews } from "./internal.js";

/**
 * What `encodeReview` takes.
 *
 * @example
 * const run = (parameters: EncodeReviewParameters) => encodeReview(client, parameters);
 */
export type EncodeReviewParameters = {
  datanetId: bigint;
  /** The contributions to review and their verdicts (names or codes). */
  reviews: readonly ReviewInput[];
};

/**
 * A transaction request for a curator to send (e.g. through a multisig).
 *
 * @example
 * const result: EncodeReviewReturnType = encodeReview(client, parameters);
 */
export type EncodeReviewReturnType = { to: string; data: string };

/**
 * The errors `encodeReview` can throw; match them by class, never by message.
 *
 * @example
 * let error: EncodeReviewErrorType | undefined;
 * try { encodeReview(client, parameters); } catch (e) { error = e as EncodeReviewErrorType; }
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type EncodeReviewErrorType =
  InvalidIdError | InvalidHashError | EmptyBatchError | DuplicateContentInBatchError | InvalidVerdictError;

/**
 * Builds the calldata of `review`, verdict names turned into codes, without sending anything.
 *
 * @example
 * const { to, data } = encodeReview(client, {
 *   datanetId: 1n,
 *   reviews: [{ contentHash, verdict: "Accept" }, { contentHash: other, verdict: "OffTopic" }],
 * });
 */
export function encodeReview(client: Client, parameters: EncodeReviewParameters): EncodeReviewReturnType {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const { contentHashes, verdictCodes } = resolveReviews(parameters.reviews);
  const data = datanetRegistry(client).interface.encodeFunctionData("review", [datanetId, contentHashes, verdictCodes]);
  return { to: client.addresses.datanetRegistry, data };
}
