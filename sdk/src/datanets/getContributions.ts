import type { Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import type { InvalidBlockRangeError, InvalidIdError } from "../errors/parameters.js";
import { datanetRegistryAbi } from "../generated/abis.js";
import { eventsNamed, eventTopics } from "../internal/events.js";
import { type BlockRangeParameters, getLogsInRange } from "../internal/logs.js";
import { checkAddress, checkId } from "../internal/validate.js";
import { parseDatanetRegistryLogs } from "./parseDatanetRegistryLogs.js";
import { type ContributionRecord, toContributionRecord } from "./types.js";

/**
 * What `getContributions` takes.
 *
 * @example
 * const run = (parameters: GetContributionsParameters) => getContributions(client, parameters);
 */
export type GetContributionsParameters = {
  datanetId: bigint;
  /** Only this contributor's contributions. */
  contributor?: string | undefined;
} & BlockRangeParameters;

/**
 * The contributions in chain order (hence by contribution id).
 *
 * @example
 * const result: GetContributionsReturnType = await getContributions(client, parameters);
 */
export type GetContributionsReturnType = ContributionRecord[];

/**
 * The errors `getContributions` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await getContributions(client, parameters).catch((e: unknown) => e)) as GetContributionsErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type GetContributionsErrorType = InvalidIdError | InvalidAddressError | InvalidBlockRangeError;

/**
 * Lists a Datanet's contributions from its `Contributed` events (content hash, URI, contributor),
 * reading the blocks in chunks. Their current status is `getContribution`'s; reviews are
 * `getReviews`'.
 *
 * @example
 * const mine = await getContributions(client, { datanetId: 1n, contributor: "0x…", fromBlock: 19_000_000 });
 */
export async function getContributions(
  client: Client,
  { datanetId, contributor, ...range }: GetContributionsParameters,
): Promise<GetContributionsReturnType> {
  const indexed = [
    checkId("datanetId", datanetId),
    null,
    contributor === undefined ? null : checkAddress("contributor", contributor),
  ];
  const topics = eventTopics(datanetRegistryAbi, "Contributed", indexed);
  const logs = await getLogsInRange(client.provider, { address: client.addresses.datanetRegistry, topics }, range);
  return eventsNamed(parseDatanetRegistryLogs(client, { logs }), "Contributed").map(toContributionRecord);
}
