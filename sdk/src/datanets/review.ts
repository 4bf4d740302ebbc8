import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkId } from "../internal/validate.js";
import type { DuplicateContentInBatchError, EmptyBatchError, InvalidVerdictError } from "./errors.js";
import { toReviews } from "./getReviews.js";
import { type ReviewInput, resolveReviews } from "./internal.js";
import type { Review } from "./types.js";

/**
 * What `review` takes.
 *
 * @example
 * const run = (parameters: ReviewParameters) => review(client, parameters);
 */
export type ReviewParameters = {
  datanetId: bigint;
  /** The contributions to review and their verdicts, by name (`"Accept"`, `"LowQuality"`, …) or code. */
  reviews: readonly ReviewInput[];
} & SendOptions;

/**
 * What `review` returns.
 *
 * @example
 * const result: ReviewReturnType = await review(client, parameters);
 */
export type ReviewReturnType = {
  receipt: TransactionReceipt;
  /** The reviews recorded, in the order given, with the stake returned or slashed. */
  reviews: Review[];
};

/**
 * The errors `review` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await review(client, parameters).catch((e: unknown) => e)) as ReviewErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type ReviewErrorType =
  | InvalidIdError
  | InvalidHashError
  | EmptyBatchError
  | DuplicateContentInBatchError
  | InvalidVerdictError
  | SendErrorType;

/**
 * Reviews pending contributions of a Datanet (all or nothing). Only a curator or the owner, until
 * each contribution's deadline. Accepted stakes go back to their contributors; rejected ones to
 * the treasury.
 *
 * @example
 * const { reviews } = await review(curatorClient, {
 *   datanetId: 1n,
 *   reviews: [{ contentHash: a, verdict: "Accept" }, { contentHash: b, verdict: "LowQuality" }],
 * });
 */
export async function review(client: Client, parameters: ReviewParameters): Promise<ReviewReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const { contentHashes, verdictCodes } = resolveReviews(parameters.reviews);
  const receipt = await send(
    client,
    datanetRegistry,
    (registry) => registry.review(datanetId, contentHashes, verdictCodes),
    parameters,
  );
  return { receipt, reviews: toReviews(client, receipt.logs) };
}
