import type { attributionDistributorAbi } from "../generated/abis.js";
import type { DecodedEvent } from "../internal/events.js";

/**
 * A `RootProposed` event: what the oracle posted for an epoch, including where the tree file is
 * published (`treeURI`) and the keccak256 of its bytes (`treeHash`), which are not stored on-chain.
 *
 * @example
 * const proposal: RootProposal | undefined = await getRootProposal(client, { epoch: 3n });
 * console.log(proposal?.treeURI, proposal?.treeHash);
 */
export type RootProposal = {
  epoch: bigint;
  root: string;
  totalCumulative: bigint;
  /** First chain timestamp (seconds) at which `acceptRoot` succeeds. */
  validAt: bigint;
  /** keccak256 of the published tree file's bytes (see `hashRewardTreeFile`). */
  treeHash: string;
  treeURI: string;
  blockNumber: number;
  transactionHash: string;
  logIndex: number;
};

/**
 * The root waiting for acceptance, with what can be done with it now (judged at the timestamp of
 * the block read; the next block is later).
 *
 * @example
 * const { pending } = await getDistributorState(client);
 * if (pending?.acceptable) await acceptRoot(client);
 */
export type PendingRootState = {
  epoch: bigint;
  root: string;
  totalCumulative: bigint;
  /** First chain timestamp (seconds) at which `acceptRoot` succeeds: when the challenge window closes. */
  validAt: bigint;
  /** `Disputed`: a bonded dispute is open and the admin must resolve it before acceptance. */
  status: "Pending" | "Disputed";
  /** Whether `dispute` is still possible by time (the window closes at `validAt`). */
  challengeWindowOpen: boolean;
  /** Whether `acceptRoot` would succeed now: not disputed and `validAt` reached. */
  acceptable: boolean;
  /** Seconds until `validAt` from the block read; 0 once reached. */
  secondsUntilAcceptable: bigint;
  /** The `RootProposed` event (tree hash, tree URI, time of proposal); `undefined` if not read or not found. */
  proposal: (RootProposal & { proposedAt: bigint }) | undefined;
};

/**
 * The distributor's state in one block, as `getDistributorState` returns it.
 *
 * @example
 * const state: DistributorState = await getDistributorState(client);
 * console.log(`epoch ${state.epoch}, ${state.balance} wei held`);
 */
export type DistributorState = {
  /** The distributor's address, checksummed. */
  address: string;
  /** The reward token (OPEN). */
  token: string;
  /** The block the state was read at, and its timestamp (seconds). */
  blockNumber: number;
  timestamp: bigint;
  /** The accepted root claims verify against; the zero hash before the first epoch. */
  root: string;
  /** The accepted epoch; 0 before the first. */
  epoch: bigint;
  /** The accepted root's total of cumulative amounts. */
  totalCumulative: bigint;
  /** The `RootProposed` event of the accepted root (tree hash and URI); `undefined` if not read or not found. */
  acceptedProposal: (RootProposal & { proposedAt: bigint }) | undefined;
  /** Everything added through `fund` and rejected disputes' bonds. */
  totalFunded: bigint;
  /** The distributor's token balance (unclaimed rewards plus any open dispute's bond). */
  balance: bigint;
  /** Seconds each new proposal waits before acceptance. */
  challengePeriod: bigint;
  /** OPEN wei a dispute bonds; 0 disables disputes. */
  disputeBond: bigint;
  /** Claims are paused by a guardian (proposals and acceptance go on). */
  paused: boolean;
  /** The root waiting for acceptance; `undefined` when none is. */
  pending: PendingRootState | undefined;
  /** The open dispute against the pending root; `undefined` when none is. */
  dispute: { disputer: string; bond: bigint } | undefined;
};

/**
 * One claim given as values: the account, its cumulative amount and the proof (e.g. from the
 * oracle's HTTP API), not a tree.
 *
 * @example
 * const claim: RewardClaimInput = { account, cumulativeAmount: 10n ** 18n, proof: ["0x…", "0x…"] };
 */
export type RewardClaimInput = { account: string; cumulativeAmount: bigint; proof: readonly string[] };

/** A decoded `RootProposed` event as a `RootProposal`. */
export function toRootProposal({
  args,
  blockNumber,
  transactionHash,
  logIndex,
}: DecodedEvent<typeof attributionDistributorAbi, "RootProposed">): RootProposal {
  return {
    epoch: args.epoch,
    root: args.root,
    totalCumulative: args.totalCumulative,
    validAt: args.validAt,
    treeHash: args.treeHash,
    treeURI: args.treeURI,
    blockNumber,
    transactionHash,
    logIndex,
  };
}
