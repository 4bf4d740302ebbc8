// `index`: follows every event of the Datanet registry, the model registry, the usage ledger and
// the distributor into the store (OPEN's transfers are not needed and not read).
//
// - Settled blocks only: blocks up to head − confirmations (and `toBlock` if given).
// - Resumable: the cursor (last indexed block and its hash) is written in the same transaction as
//   the chunk's events, derived rows and block hashes, so a crash at any point loses nothing and
//   duplicates nothing: the next run starts after the cursor.
// - Reorgs: before each chunk the cursor block's hash is compared with the chain's. If it differs
//   (or the block is gone), the indexer walks back over the hashes it kept (the last
//   confirmations + margin blocks) to the newest block still on the chain, deletes every row above
//   it in one transaction and indexes again from there. No kept hash matching: ReorgTooDeepError.
// - A consistent read of each chunk [a, b]: b's hash is read before eth_getLogs and again after,
//   with the hash of every block holding a log and of the cursor block; any difference means the
//   node changed forks during the read, and the chunk is read again (ChainUnstableError after 5).
// - Each RPC call is retried on transient errors with bounded backoff (chain/retry.ts).
import {
  type Client,
  parseAttributionDistributorLogs,
  parseDatanetRegistryLogs,
  parseModelRegistryLogs,
  parseUsageLedgerLogs,
} from "@openattribution/sdk";
import type { Log as EthersLog } from "ethers";

import type { Log } from "../log.ts";
import {
  bindChain,
  type BlockRef,
  getCursor,
  type IndexedEvent,
  listStoredBlocks,
  rollBackTo,
  writeChunk,
} from "../store/chain.ts";
import type { StoreLike } from "../store/sqlite.ts";
import { ChainUnstableError, ReorgTooDeepError } from "./errors.ts";
import { type RetryOptions, withRetry } from "./retry.ts";

/** Blocks per eth_getLogs request by default (what most providers accept for a filtered query). */
export const DEFAULT_INDEX_BLOCK_RANGE = 2_000;
/** Block hashes kept beyond the confirmation depth, by default, to find where a reorg forked. */
export const DEFAULT_REORG_MARGIN = 64;
/** Reads of a chunk in a row that may find the chain changed before ChainUnstableError. */
const MAX_UNSTABLE_READS = 5;
/** Block headers read at once. */
const HEADER_CONCURRENCY = 4;

/**
 * What `indexChain` takes.
 *
 * @example
 * const parameters: IndexChainParameters = { client, store, confirmations: 12, fromBlock: deploymentBlock };
 */
export type IndexChainParameters = {
  /** Whose provider is read and whose addresses are followed. */
  client: Client;
  store: StoreLike;
  /** Blocks a block must be buried under before it is indexed (0: up to the head). */
  confirmations: number;
  /** The first block to index when the store is empty (the deployment block); 0 by default. Ignored once a cursor exists. */
  fromBlock?: number | undefined;
  /** Index no further than this block (the head − confirmations by default). */
  toBlock?: number | undefined;
  /** Blocks per eth_getLogs request; DEFAULT_INDEX_BLOCK_RANGE by default. */
  blockRange?: number | undefined;
  /** Block hashes kept beyond `confirmations` for reorg detection; DEFAULT_REORG_MARGIN by default. */
  margin?: number | undefined;
  /** Retries of each RPC call (attempts, delays). */
  retry?: Omit<RetryOptions, "label" | "log"> | undefined;
  /** Progress (`index progress` with done/total blocks), reorgs and retries. */
  log?: Log | undefined;
};

/**
 * A reorg the indexer rolled back.
 *
 * @example
 * for (const { from, to, events }: RolledBack of result.reorgs) console.log(`rolled back ${from} → ${to}: ${events} events`);
 */
export type RolledBack = {
  /** The cursor before the rollback. */
  from: number;
  /** The newest kept block still on the chain: the new cursor. */
  to: number;
  /** Events deleted. */
  events: number;
};

/**
 * What `indexChain` returns.
 *
 * @example
 * const { cursor, events }: IndexChainReturnType = await indexChain(parameters);
 */
export type IndexChainReturnType = {
  /** The first block indexed by this run; undefined if the store was already up to date. */
  fromBlock: number | undefined;
  /** The last block indexed by this run. */
  toBlock: number | undefined;
  /** Events written by this run. */
  events: number;
  /** Chunks written by this run. */
  chunks: number;
  /** Reorgs rolled back by this run, in order. */
  reorgs: RolledBack[];
  /** The store's cursor after the run. */
  cursor: BlockRef | undefined;
  /** The block the run indexed up to: min(head − confirmations, toBlock). */
  target: number;
};

/**
 * Indexes the protocol's events into the store from its cursor up to the settled head (rules at
 * the top of chain/indexer.ts): resumable, reorg-safe, each chunk one transaction. Binds the store
 * to the client's chain and addresses on first use (StoreChainMismatchError on a later mismatch).
 *
 * @example
 * const store = openStore(config.dataDir);
 * const { cursor } = await indexChain({ client, store, confirmations: config.confirmations, fromBlock: config.startBlock, log });
 */
export async function indexChain(parameters: IndexChainParameters): Promise<IndexChainReturnType> {
  const { client, store, log } = parameters;
  const confirmations = checkCount("confirmations", parameters.confirmations, 0);
  const blockRange = checkCount("blockRange", parameters.blockRange ?? DEFAULT_INDEX_BLOCK_RANGE, 1);
  const margin = checkCount("margin", parameters.margin ?? DEFAULT_REORG_MARGIN, 1);
  const fromBlock = checkCount("fromBlock", parameters.fromBlock ?? 0, 0);
  const toBlock = parameters.toBlock === undefined ? undefined : checkCount("toBlock", parameters.toBlock, 0);
  const keep = confirmations + margin;
  const { provider, addresses } = client;
  const followed = [
    addresses.datanetRegistry,
    addresses.modelRegistry,
    addresses.usageLedger,
    addresses.attributionDistributor,
  ];
  const call = <T>(label: string, fn: () => Promise<T>) => withRetry(fn, { ...parameters.retry, label, log });

  const header = async (blockNumber: number): Promise<BlockRef | undefined> => {
    const block = await call(`eth_getBlockByNumber ${blockNumber}`, () => provider.getBlock(blockNumber));
    if (block === null || block.hash === null) return undefined;
    return { blockNumber, blockHash: block.hash, timestamp: block.timestamp };
  };
  const computeTarget = async () => {
    const head = await call("eth_blockNumber", () => provider.getBlockNumber());
    const settled = head - confirmations;
    return toBlock === undefined ? settled : Math.min(settled, toBlock);
  };

  bindChain(store, {
    chainId: client.chainId,
    addresses: {
      datanetRegistry: addresses.datanetRegistry,
      modelRegistry: addresses.modelRegistry,
      usageLedger: addresses.usageLedger,
      attributionDistributor: addresses.attributionDistributor,
    },
  });

  /** Rolls back to the newest kept block still on the chain. */
  const rollBack = async (cursor: BlockRef): Promise<RolledBack> => {
    const kept = listStoredBlocks(store).filter((block) => block.blockNumber <= cursor.blockNumber);
    for (const block of kept) {
      const current = await header(block.blockNumber);
      if (current?.blockHash !== block.blockHash) continue;
      const events = rollBackTo(store, block);
      const rolledBack = { from: cursor.blockNumber, to: block.blockNumber, events };
      log?.({ level: "warn", msg: "reorg rolled back", ...rolledBack });
      return rolledBack;
    }
    throw new ReorgTooDeepError(cursor.blockNumber, kept.at(-1)?.blockNumber ?? cursor.blockNumber);
  };

  /** Reads [a, b] consistently, or "changed" when the chain moved during the read. */
  const readChunk = async (a: number, b: number, cursor: BlockRef | undefined, target: number) => {
    const last = await header(b);
    if (last === undefined) return "changed" as const;
    const logs: EthersLog[] = await call(`eth_getLogs ${a}-${b}`, () =>
      provider.getLogs({ address: followed, fromBlock: a, toBlock: b }),
    );
    const numbers = new Set<number>([b]);
    for (let n = Math.max(a, target - keep + 1); n <= b; n++) numbers.add(n);
    for (const entry of logs) numbers.add(entry.blockNumber);
    const headers = new Map<number, BlockRef | undefined>();
    await forEachLimit(
      [...numbers].sort((x, y) => x - y),
      HEADER_CONCURRENCY,
      async (n) => {
        headers.set(n, await header(n));
      },
    );
    if (headers.get(b)?.blockHash !== last.blockHash) return "changed" as const;
    for (const entry of logs)
      if (headers.get(entry.blockNumber)?.blockHash !== entry.blockHash) return "changed" as const;
    if ([...headers.values()].includes(undefined)) return "changed" as const;
    if (cursor !== undefined && (await header(cursor.blockNumber))?.blockHash !== cursor.blockHash)
      return "changed" as const;

    const timestamp = (blockNumber: number) => headers.get(blockNumber)!.timestamp;
    const events: IndexedEvent[] = [
      ...parseDatanetRegistryLogs(client, { logs }).map((event): IndexedEvent => ({
        contract: "DatanetRegistry",
        event,
        timestamp: timestamp(event.blockNumber),
      })),
      ...parseModelRegistryLogs(client, { logs }).map((event): IndexedEvent => ({
        contract: "ModelRegistry",
        event,
        timestamp: timestamp(event.blockNumber),
      })),
      ...parseUsageLedgerLogs(client, { logs }).map((event): IndexedEvent => ({
        contract: "UsageLedger",
        event,
        timestamp: timestamp(event.blockNumber),
      })),
      ...parseAttributionDistributorLogs(client, { logs }).map((event): IndexedEvent => ({
        contract: "AttributionDistributor",
        event,
        timestamp: timestamp(event.blockNumber),
      })),
    ].sort((x, y) => x.event.blockNumber - y.event.blockNumber || x.event.logIndex - y.event.logIndex);
    if (events.length !== logs.length) {
      log?.({
        level: "debug",
        msg: "logs not decoded",
        fromBlock: a,
        toBlock: b,
        skipped: logs.length - events.length,
      });
    }
    return { events, blocks: [...headers.values()] as BlockRef[], cursor: headers.get(b)! };
  };

  const result: IndexChainReturnType = {
    fromBlock: undefined,
    toBlock: undefined,
    events: 0,
    chunks: 0,
    reorgs: [],
    cursor: getCursor(store),
    target: 0,
  };
  let target = await computeTarget();
  let runStart: number | undefined;
  let unstable = 0;
  for (;;) {
    const cursor = getCursor(store);
    if (cursor !== undefined && (await header(cursor.blockNumber))?.blockHash !== cursor.blockHash) {
      result.reorgs.push(await rollBack(cursor));
      target = await computeTarget();
      continue;
    }
    const start = cursor === undefined ? fromBlock : cursor.blockNumber + 1;
    if (start > target) break;
    runStart = Math.min(runStart ?? start, start);
    const end = Math.min(start + blockRange - 1, target);
    const chunk = await readChunk(start, end, cursor, target);
    if (chunk === "changed") {
      if (++unstable >= MAX_UNSTABLE_READS) throw new ChainUnstableError(end, unstable);
      log?.({ level: "warn", msg: "chain changed during read", fromBlock: start, toBlock: end });
      target = await computeTarget();
      continue;
    }
    unstable = 0;
    writeChunk(store, { events: chunk.events, blocks: chunk.blocks, cursor: chunk.cursor, keepBlocks: keep });
    result.fromBlock ??= start;
    result.toBlock = end;
    result.events += chunk.events.length;
    result.chunks++;
    log?.({
      level: "info",
      msg: "index progress",
      done: end - runStart + 1,
      total: target - runStart + 1,
      fromBlock: start,
      toBlock: end,
      events: chunk.events.length,
    });
  }
  result.cursor = getCursor(store);
  result.target = target;
  log?.({
    level: "info",
    msg: result.chunks === 0 ? "index up to date" : "indexed",
    cursor: result.cursor?.blockNumber,
    events: result.events,
    reorgs: result.reorgs.length,
  });
  return result;
}

function checkCount(field: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`indexChain: ${field} must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
