import type { Log, Provider } from "ethers";

import { InvalidBlockRangeError } from "../errors/parameters.js";
import { checkDuration } from "./validate.js";

/** Which blocks to read events from. Public RPCs cap `eth_getLogs` ranges, so reads go in chunks. */
export type BlockRangeParameters = {
  /** First block to read; 0 by default. Pass the deployment block to skip the empty history. */
  fromBlock?: number | undefined;
  /** Last block to read (inclusive); the latest block by default. */
  toBlock?: number | undefined;
  /** Blocks per `eth_getLogs` request; 10,000 by default (what most providers allow). */
  blockRange?: number | undefined;
};

/** What polling watchers accept besides their filter and callback. */
export type WatchParameters = {
  /** First block to report; by default the block after the latest one at the first poll. */
  fromBlock?: number | undefined;
  /** Milliseconds between polls; 4,000 by default. */
  pollingInterval?: number | undefined;
  /** Blocks per `eth_getLogs` request; 10,000 by default. */
  blockRange?: number | undefined;
  /** Called when a poll fails (the watcher keeps polling from where it was). */
  onError?: ((error: unknown) => void) | undefined;
};

type TopicFilter = { address: string; topics: (string | string[] | null)[] };

export const DEFAULT_BLOCK_RANGE = 10_000;
const DEFAULT_POLLING_INTERVAL = 4_000;

/** The logs matching `filter` in the range, in chunks of `blockRange` blocks, in chain order. */
export async function getLogsInRange(
  provider: Provider,
  filter: TopicFilter,
  { fromBlock = 0, toBlock, blockRange = DEFAULT_BLOCK_RANGE }: BlockRangeParameters,
): Promise<Log[]> {
  const last = toBlock ?? (await provider.getBlockNumber());
  if (toBlock === undefined && last < fromBlock) checkRange(fromBlock, fromBlock, blockRange);
  else checkRange(fromBlock, last, blockRange);
  const logs: Log[] = [];
  for (let start = fromBlock; start <= last; start += blockRange) {
    const end = Math.min(start + blockRange - 1, last);
    logs.push(...(await provider.getLogs({ ...filter, fromBlock: start, toBlock: end })));
  }
  return logs.sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
}

/**
 * Polls for logs matching `filter` and hands each non-empty batch to `onLogs`, in chain order,
 * each log once. Returns the function that stops polling.
 */
export function pollLogs(
  provider: Provider,
  filter: TopicFilter,
  onLogs: (logs: Log[]) => void | Promise<void>,
  { fromBlock, pollingInterval, blockRange = DEFAULT_BLOCK_RANGE, onError }: WatchParameters,
): () => void {
  const interval = checkDuration("pollingInterval", pollingInterval, DEFAULT_POLLING_INTERVAL);
  if (fromBlock !== undefined) checkRange(fromBlock, fromBlock, blockRange);
  let next = fromBlock;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const poll = async () => {
    try {
      const latest = await provider.getBlockNumber();
      next ??= latest + 1;
      if (latest >= next) {
        const logs = await getLogsInRange(provider, filter, { fromBlock: next, toBlock: latest, blockRange });
        next = latest + 1;
        if (logs.length > 0 && !stopped) await onLogs(logs);
      }
    } catch (error) {
      if (!stopped) onError?.(error);
    }
    if (!stopped) timer = setTimeout(poll, interval);
  };
  timer = setTimeout(poll, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function checkRange(fromBlock: number, toBlock: number, blockRange: number): void {
  if (!Number.isSafeInteger(fromBlock) || fromBlock < 0) {
    throw new InvalidBlockRangeError(`fromBlock must be a block number ≥ 0, got ${fromBlock}`);
  }
  if (!Number.isSafeInteger(toBlock) || toBlock < fromBlock) {
    throw new InvalidBlockRangeError(`toBlock must be a block number ≥ fromBlock (${fromBlock}), got ${toBlock}`);
  }
  if (!Number.isSafeInteger(blockRange) || blockRange < 1) {
    throw new InvalidBlockRangeError(`blockRange must be a whole number of blocks ≥ 1, got ${blockRange}`);
  }
}
