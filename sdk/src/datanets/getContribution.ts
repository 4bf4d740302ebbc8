import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { withDecodedReverts } from "../errors/revert.js";
import { checkHash, checkId } from "../internal/validate.js";
import { CONTENT_HASH } from "./internal.js";
import { type Contribution, toContributionStatus } from "./types.js";

/**
 * What `getContribution` takes.
 *
 * @example
 * const run = (parameters: GetContributionParameters) => getContribution(client, parameters);
 */
export type GetContributionParameters = {
  datanetId: bigint;
  /** keccak256 of the content's raw bytes (see `hashContent`). */
  contentHash: string;
};

/**
 * The contribution, or `undefined` when the content is not in the Datanet (or there is no such Datanet).
 *
 * @example
 * const result: GetContributionReturnType = await getContribution(client, parameters);
 */
export type GetContributionReturnType = Contribution | undefined;

/**
 * The errors `getContribution` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await getContribution(client, parameters).catch((e: unknown) => e)) as GetContributionErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type GetContributionErrorType = InvalidIdError | InvalidHashError;

/**
 * Reads where a contribution stands: its number, contributor, review deadline and status.
 *
 * @example
 * const contribution = await getContribution(client, { datanetId: 1n, contentHash: hashContent(bytes) });
 * if (contribution?.status === "Pending") console.log("review until", contribution.deadline);
 */
export async function getContribution(
  client: Client,
  parameters: GetContributionParameters,
): Promise<GetContributionReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const contentHash = checkHash("contentHash", parameters.contentHash, CONTENT_HASH);
  const raw = await withDecodedReverts(() => datanetRegistry(client).getContribution(datanetId, contentHash));
  const status = toContributionStatus(raw.status);
  if (status === "None") return undefined;
  return {
    datanetId,
    contentHash,
    contributionId: raw.id,
    contributor: raw.contributor,
    submittedAt: raw.submittedAt,
    deadline: raw.deadline,
    status,
  };
}
