// Epoch numbering (pure): epoch n covers the blocks
// [startBlock + (n − 1)·epochBlocks, startBlock + n·epochBlocks − 1], and is the distributor's
// epoch n (the root of epoch n is proposed as epoch n).
import type { OracleConfig } from "../config/config.ts";
import { InvalidEpochError } from "./errors.ts";

/** What the epoch functions read of the config. */
export type EpochConfig = Pick<OracleConfig, "startBlock" | "epochBlocks" | "confirmations">;

/**
 * The epoch as a bigint from 1.
 *
 * @throws {InvalidEpochError} for anything else.
 * @example
 * toEpoch(3); // 3n
 */
export function toEpoch(epoch: number | bigint): bigint {
  if (typeof epoch === "number" && Number.isSafeInteger(epoch) && epoch >= 1) return BigInt(epoch);
  if (typeof epoch === "bigint" && epoch >= 1n && epoch <= BigInt(Number.MAX_SAFE_INTEGER)) return epoch;
  throw new InvalidEpochError(epoch);
}

/**
 * The blocks of an epoch, inclusive.
 *
 * @throws {InvalidEpochError} when `epoch` is not an integer from 1.
 * @example
 * epochBlockRange({ startBlock: 100, epochBlocks: 50, confirmations: 2 }, 2); // { fromBlock: 150, toBlock: 199 }
 */
export function epochBlockRange(config: EpochConfig, epoch: number | bigint): { fromBlock: number; toBlock: number } {
  const n = Number(toEpoch(epoch));
  const fromBlock = config.startBlock + (n - 1) * config.epochBlocks;
  return { fromBlock, toBlock: fromBlock + config.epochBlocks - 1 };
}

/**
 * Whether an epoch is over and its last block confirmed at chain head `head`.
 *
 * @example
 * if (epochReady(config, await provider.getBlockNumber(), 3)) await runAttribute(ctx, { epoch: 3 });
 */
export function epochReady(config: EpochConfig, head: number, epoch: number | bigint): boolean {
  return head - config.confirmations >= epochBlockRange(config, epoch).toBlock;
}

/**
 * The last epoch that is over and confirmed at `head`; 0 when none is.
 *
 * @example
 * for (let n = 1; n <= lastReadyEpoch(config, head); n++) console.log(n);
 */
export function lastReadyEpoch(config: EpochConfig, head: number): number {
  const settled = head - config.confirmations - config.startBlock + 1;
  return settled <= 0 ? 0 : Math.floor(settled / config.epochBlocks);
}
