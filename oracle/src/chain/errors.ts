// The chain edge's named errors. Match them by class and fields, never by message.
import { OracleError } from "../errors.ts";

/**
 * A transient condition of the chain, worth trying again: `classify` says "retry". E.g. the node
 * moved to another fork while a chunk was read.
 *
 * @example
 * if (error instanceof TransientChainError) console.log("try again");
 */
export class TransientChainError extends OracleError {
  override name = "TransientChainError";
}

/**
 * The chain kept changing under the indexer (a block read twice had two hashes) more times in a
 * row than it retries.
 *
 * @example
 * if (error instanceof ChainUnstableError) console.error(`block ${error.blockNumber} kept changing`);
 */
export class ChainUnstableError extends OracleError {
  override name = "ChainUnstableError";
  readonly blockNumber: number;
  readonly tries: number;

  constructor(blockNumber: number, tries: number) {
    super(
      `the chain changed under the indexer ${tries} times in a row around block ${blockNumber}: ` +
        "raise `confirmations` so the oracle reads only settled blocks, and run `index` again",
    );
    this.blockNumber = blockNumber;
    this.tries = tries;
  }
}

/**
 * A reorg replaced every block whose hash the store kept: the store cannot tell where its data
 * stops matching the chain.
 *
 * @example
 * if (error instanceof ReorgTooDeepError) console.error(error.cursor, error.oldestKept);
 */
export class ReorgTooDeepError extends OracleError {
  override name = "ReorgTooDeepError";
  /** The store's last indexed block. */
  readonly cursor: number;
  /** The oldest block whose hash the store kept. */
  readonly oldestKept: number;

  constructor(cursor: number, oldestKept: number) {
    super(
      `a reorg replaced every block the store kept the hash of (blocks ${oldestKept} to ${cursor}): ` +
        "re-index into a new data directory, with more `confirmations` if this chain reorganises this deep",
    );
    this.cursor = cursor;
    this.oldestKept = oldestKept;
  }
}
