import type { Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import type { InvalidBlockRangeError, InvalidIdError } from "../errors/parameters.js";
import { datanetRegistryAbi } from "../generated/abis.js";
import { eventsNamed, eventTopics } from "../internal/events.js";
import { type BlockRangeParameters, getLogsInRange } from "../internal/logs.js";
import { checkAddress, checkId } from "../internal/validate.js";
import { parseDatanetRegistryLogs } from "./parseDatanetRegistryLogs.js";
import { type ContributionRecord, toContributionRecord } from "./types.js";

export type GetContributionsParameters = {
  datanetId: bigint;
  /** Only this contributor's contributions. */
  contributor?: string | undefined;
} & BlockRangeParameters;

/** The contributions in chain order (hence by contribution id). */
export type GetContributionsReturnType = ContributionRecord[];

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
