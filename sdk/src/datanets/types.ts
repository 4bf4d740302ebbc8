import { ZeroAddress } from "ethers";

import type { datanetRegistryAbi } from "../generated/abis.js";
import type { IDatanetRegistry } from "../generated/typechain/DatanetRegistry.js";
import type { DecodedEvent, EventName } from "../internal/events.js";
import { type ContributionStatus, contributionStatuses, type VerdictName, verdictName } from "./verdicts.js";

/**
 * A Datanet, as `getDatanet` and `getDatanets` return it.
 *
 * @example
 * const { owner, stake, reviewPeriod, versionCount }: Datanet = await getDatanet(client, { datanetId: 1n });
 */
export type Datanet = {
  id: bigint;
  owner: string;
  /** The account that may accept ownership; `undefined` when no handover is pending. */
  pendingOwner: string | undefined;
  /** Receives slashed stakes. */
  treasury: string;
  /** OPEN wei staked per contribution. */
  stake: bigint;
  /** Seconds curators have to review a contribution. */
  reviewPeriod: bigint;
  contributionCount: bigint;
  acceptedCount: bigint;
  versionCount: bigint;
  metadataURI: string;
  license: string;
};

/**
 * A contribution's state, as `getContribution` returns it.
 *
 * @example
 * const contribution: Contribution | undefined = await getContribution(client, { datanetId, contentHash });
 */
export type Contribution = {
  datanetId: bigint;
  contentHash: string;
  /** Its number in the Datanet, from 1. */
  contributionId: bigint;
  contributor: string;
  submittedAt: bigint;
  /** The last timestamp a curator may review it; the contributor may withdraw after it. */
  deadline: bigint;
  status: Exclude<ContributionStatus, "None">;
};

/**
 * A published version of a Datanet.
 *
 * @example
 * const [first]: Version[] = await getVersions(client, { datanetId: 1n });
 */
export type Version = {
  datanetId: bigint;
  /** Its number, from 1. */
  version: bigint;
  /** The Merkle root of its contribution leaves. */
  root: string;
  /** The number of contributions it includes. */
  count: bigint;
  publishedAt: bigint;
  /** Where the list of its leaves is (the tree dump), to rebuild and check the tree. */
  manifestURI: string;
};

/**
 * Where an event was logged.
 *
 * @example
 * const { blockNumber, transactionHash }: EventLocation = contribution;
 */
export type EventLocation = { blockNumber: number; transactionHash: string; logIndex: number };

/**
 * A contribution as its `Contributed` event recorded it.
 *
 * @example
 * const records: ContributionRecord[] = await getContributions(client, { datanetId: 1n });
 */
export type ContributionRecord = {
  datanetId: bigint;
  contributionId: bigint;
  contributor: string;
  contentHash: string;
  uri: string;
} & EventLocation;

/**
 * A curator's decision on a contribution, from `ContributionAccepted` or `ContributionRejected`.
 *
 * @example
 * const accepted = (await getReviews(client, { datanetId: 1n })).filter((r: Review) => r.verdict === "Accept");
 */
export type Review = {
  datanetId: bigint;
  contributionId: bigint;
  contentHash: string;
  contributor: string;
  curator: string;
  verdict: VerdictName;
  /** The stake returned to the contributor (Accept) or slashed to the treasury (any other verdict). */
  stake: bigint;
} & EventLocation;

type Event<Name extends EventName<typeof datanetRegistryAbi>> = DecodedEvent<typeof datanetRegistryAbi, Name>;

export function toDatanet(raw: IDatanetRegistry.DatanetStructOutput): Datanet {
  return {
    id: raw.id,
    owner: raw.owner,
    pendingOwner: raw.pendingOwner === ZeroAddress ? undefined : raw.pendingOwner,
    treasury: raw.treasury,
    stake: raw.stake,
    reviewPeriod: raw.reviewPeriod,
    contributionCount: raw.contributionCount,
    acceptedCount: raw.acceptedCount,
    versionCount: raw.versionCount,
    metadataURI: raw.metadataURI,
    license: raw.license,
  };
}

export function toVersion(datanetId: bigint, version: bigint, raw: IDatanetRegistry.VersionStructOutput): Version {
  return {
    datanetId,
    version,
    root: raw.root,
    count: raw.count,
    publishedAt: raw.publishedAt,
    manifestURI: raw.manifestURI,
  };
}

export function toContributionStatus(code: bigint): ContributionStatus {
  return contributionStatuses[Number(code)]!;
}

export function toContributionRecord({
  args,
  blockNumber,
  transactionHash,
  logIndex,
}: Event<"Contributed">): ContributionRecord {
  const { datanetId, contributionId, contributor, contentHash, uri } = args;
  return { datanetId, contributionId, contributor, contentHash, uri, blockNumber, transactionHash, logIndex };
}

export function toReview(event: Event<"ContributionAccepted"> | Event<"ContributionRejected">): Review {
  const { blockNumber, transactionHash, logIndex } = event;
  const { datanetId, contributionId, contentHash, contributor, curator } = event.args;
  const [verdict, stake] =
    event.eventName === "ContributionAccepted"
      ? (["Accept", event.args.stakeReturned] as const)
      : ([verdictName(event.args.reason), event.args.stakeSlashed] as const);
  return {
    datanetId,
    contributionId,
    contentHash,
    contributor,
    curator,
    verdict,
    stake,
    blockNumber,
    transactionHash,
    logIndex,
  };
}
