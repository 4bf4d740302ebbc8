import type { Log } from "ethers";

import type { Client } from "../client/client.js";
import type { InvalidBlockRangeError, InvalidIdError } from "../errors/parameters.js";
import { datanetRegistryAbi } from "../generated/abis.js";
import { eventTopics } from "../internal/events.js";
import { type BlockRangeParameters, getLogsInRange } from "../internal/logs.js";
import { checkId } from "../internal/validate.js";
import { parseDatanetRegistryLogs } from "./parseDatanetRegistryLogs.js";
import { type Review, toReview } from "./types.js";

/**
 * What `getReviews` takes.
 *
 * @example
 * const run = (parameters: GetReviewsParameters) => getReviews(client, parameters);
 */
export type GetReviewsParameters = { datanetId: bigint } & BlockRangeParameters;

/**
 * The reviews in chain order: accepted and rejected contributions, with verdicts by name.
 *
 * @example
 * const result: GetReviewsReturnType = await getReviews(client, parameters);
 */
export type GetReviewsReturnType = Review[];

/**
 * The errors `getReviews` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await getReviews(client, parameters).catch((e: unknown) => e)) as GetReviewsErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type GetReviewsErrorType = InvalidIdError | InvalidBlockRangeError;

/**
 * Lists a Datanet's reviews from its `ContributionAccepted` and `ContributionRejected` events,
 * reading the blocks in chunks. The accepted ones are the leaves of the next version.
 *
 * @example
 * const reviews = await getReviews(client, { datanetId: 1n });
 * const slashed = reviews.filter((r) => r.verdict !== "Accept").reduce((sum, r) => sum + r.stake, 0n);
 */
export async function getReviews(
  client: Client,
  { datanetId, ...range }: GetReviewsParameters,
): Promise<GetReviewsReturnType> {
  const logs = await getLogsInRange(client.provider, reviewFilter(client, checkId("datanetId", datanetId)), range);
  return toReviews(client, logs);
}

/** The filter of both review events of a Datanet (or of every Datanet). */
export function reviewFilter(client: Client, datanetId: bigint | null) {
  const [accepted, ...rest] = eventTopics(datanetRegistryAbi, "ContributionAccepted", [datanetId]);
  const [rejected] = eventTopics(datanetRegistryAbi, "ContributionRejected");
  return { address: client.addresses.datanetRegistry, topics: [[accepted as string, rejected as string], ...rest] };
}

/** Reviews among decoded logs, in their order. */
export function toReviews(client: Client, logs: readonly Log[]): Review[] {
  const reviews: Review[] = [];
  for (const event of parseDatanetRegistryLogs(client, { logs })) {
    if (event.eventName === "ContributionAccepted" || event.eventName === "ContributionRejected") {
      reviews.push(toReview(event));
    }
  }
  return reviews;
}
