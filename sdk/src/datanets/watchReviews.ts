import type { Client } from "../client/client.js";
import type { InvalidBlockRangeError, InvalidDurationError, InvalidIdError } from "../errors/parameters.js";
import { pollLogs, type WatchParameters } from "../internal/logs.js";
import { checkId } from "../internal/validate.js";
import { reviewFilter, toReviews } from "./getReviews.js";
import type { Review } from "./types.js";

/**
 * What `watchReviews` takes.
 *
 * @example
 * const run = (parameters: WatchReviewsParameters) => watchReviews(client, parameters);
 */
export type WatchReviewsParameters = {
  /** Only this Datanet's reviews; every Datanet's by default. */
  datanetId?: bigint | undefined;
  /** Called with each batch of new reviews, in chain order, verdicts by name. */
  onReviews: (reviews: Review[]) => void | Promise<void>;
} & WatchParameters;

/**
 * Stops watching.
 *
 * @example
 * const unwatch: WatchReviewsReturnType = watchReviews(client, parameters);
 * unwatch();
 */
export type WatchReviewsReturnType = () => void;

/**
 * The errors `watchReviews` can throw; match them by class, never by message.
 *
 * @example
 * let error: WatchReviewsErrorType | undefined;
 * try { watchReviews(client, parameters); } catch (e) { error = e as WatchReviewsErrorType; }
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type WatchReviewsErrorType = InvalidIdError | InvalidBlockRangeError | InvalidDurationError;

/**
 * Watches new reviews (`ContributionAccepted` and `ContributionRejected` events) by polling the
 * chain, each reported once. Returns the function that stops watching.
 *
 * @example
 * const unwatch = watchReviews(client, {
 *   datanetId: 1n,
 *   onReviews: (reviews) => reviews.forEach((r) => console.log(r.contentHash, r.verdict)),
 * });
 */
export function watchReviews(
  client: Client,
  { datanetId, onReviews, ...watch }: WatchReviewsParameters,
): WatchReviewsReturnType {
  const filter = reviewFilter(client, datanetId === undefined ? null : checkId("datanetId", datanetId));
  return pollLogs(client.provider, filter, (logs) => onReviews(toReviews(client, logs)), watch);
}
