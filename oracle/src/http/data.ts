// The API's data: the store (what the oracle indexed, built and posted) and one chain read per
// rewards request (`claimed(account)`, which changes with every claim and is not indexed). The
// epoch reads come from the pipeline as functions, so the server can be tested on fixtures.
import { attributionDistributor, type Client } from "@openattribution/sdk";

import { getCursor } from "../store/chain.ts";
import type { Store } from "../store/db.ts";
import { listRootProposals } from "../store/protocol.ts";
import type { ApiData } from "./server.ts";

/**
 * An account's leaf in one epoch's tree.
 *
 * @example
 * const position: RewardPosition = { epoch: 3n, root, status: "accepted", cumulative: 10n, proof: [] };
 */
export type RewardPosition = {
  epoch: bigint;
  root: string;
  status: string;
  cumulative: bigint;
  proof: readonly string[];
};

/**
 * An account's rewards as the store knows them (what the pipeline's `getRewardsOf` returns).
 *
 * @example
 * const rewards: AccountRewards = { account, accepted: undefined, latest: position };
 */
export type AccountRewards = {
  account: string;
  /** In the latest accepted epoch's tree: what can be claimed now. */
  accepted: RewardPosition | undefined;
  /** In the latest built epoch's tree when it is newer than the accepted one. */
  latest: RewardPosition | undefined;
};

/**
 * The store reads the API needs (the pipeline's `getRewardsOf`, `getEpochInfo`,
 * `getAttributionOf`); each returns `undefined` when there is nothing to show.
 *
 * @example
 * const reads: ApiReads = { getRewardsOf, getEpochInfo, getAttributionOf };
 */
export type ApiReads = {
  getRewardsOf(store: Store, account: string): AccountRewards | undefined | Promise<AccountRewards | undefined>;
  getEpochInfo(store: Store, epoch: bigint): unknown;
  getAttributionOf(store: Store, epoch: bigint, account: string): unknown;
};

/**
 * What `storeApiData` takes.
 *
 * @example
 * const parameters: StoreApiDataParameters = { store, client, reads };
 */
export type StoreApiDataParameters = {
  store: Store;
  /** Reads the chain head and `claimed(account)`. */
  client: Client;
  reads: ApiReads;
  /** Health is not ok when the indexed block is more than this many blocks behind the head (+ confirmations); 1000 by default. */
  maxLagBlocks?: number | undefined;
  confirmations?: number | undefined;
};

/**
 * The API's data from the store and the chain:
 * - health: `{ ok, chainId, head, indexedBlock, lagBlocks, lastPostedEpoch, lastAcceptedEpoch }`,
 *   not ok when the node does not answer or the index lags more than `maxLagBlocks`;
 * - rewards: the account's leaf in the latest ACCEPTED epoch's tree (`epoch`, `root`,
 *   `cumulative`, `proof`: what a claim uses now), `claimed` read from the distributor now,
 *   `claimable` = cumulative − claimed (never negative), and `latest`: its leaf in a newer built
 *   epoch not accepted yet (or null);
 * - epoch and attribution: the pipeline's reads as they are.
 *
 * @example
 * const server = await startApiServer({ port: 8787, data: storeApiData({ store, client, reads }) });
 */
export function storeApiData({
  store,
  client,
  reads,
  maxLagBlocks = 1000,
  confirmations = 0,
}: StoreApiDataParameters): ApiData {
  return {
    async health() {
      const cursor = getCursor(store);
      const proposals = listRootProposals(store);
      const lastPosted = proposals.at(-1);
      const lastAccepted = proposals.findLast((p) => p.status === "accepted");
      let head: number | undefined;
      let nodeError: string | undefined;
      try {
        head = await client.provider.getBlockNumber();
      } catch (error) {
        nodeError = (error as Error).message.split("\n")[0];
      }
      const lagBlocks =
        head === undefined || cursor === undefined ? undefined : Math.max(0, head - confirmations - cursor.blockNumber);
      const ok = head !== undefined && cursor !== undefined && lagBlocks! <= maxLagBlocks;
      return {
        ok,
        chainId: client.chainId,
        head: head ?? null,
        indexedBlock: cursor?.blockNumber ?? null,
        lagBlocks: lagBlocks ?? null,
        lastPostedEpoch: lastPosted?.epoch ?? null,
        lastPostedStatus: lastPosted?.status ?? null,
        lastAcceptedEpoch: lastAccepted?.epoch ?? null,
        ...(nodeError === undefined ? {} : { error: `node: ${nodeError}` }),
        ...(cursor === undefined ? { error: "nothing indexed yet: run index" } : {}),
      };
    },
    async rewards(account) {
      const rewards = await reads.getRewardsOf(store, account);
      if (rewards === undefined) return undefined;
      const claimed = await attributionDistributor(client).claimed(account);
      const { accepted, latest } = rewards;
      const cumulative = accepted?.cumulative ?? 0n;
      return {
        account: rewards.account,
        epoch: accepted?.epoch ?? null,
        root: accepted?.root ?? null,
        cumulative,
        claimed,
        claimable: cumulative > claimed ? cumulative - claimed : 0n,
        proof: accepted?.proof ?? [],
        latest: latest ?? null,
      };
    },
    async epoch(epoch) {
      return reads.getEpochInfo(store, epoch);
    },
    async attribution(epoch, account) {
      return reads.getAttributionOf(store, epoch, account);
    },
  };
}
