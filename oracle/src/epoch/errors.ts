// The named errors of the epoch area (cumulative rewards, canonical JSON, epoch metadata). Each
// carries the values involved as fields: match by class and fields, never by message.
import { OracleError } from "../errors.ts";

/**
 * A reward list names an account that is not a 20-byte hex address.
 *
 * @example
 * const error = (() => { try { cumulativeRewards(undefined, [["0x12", 1n]]); } catch (e) { return e; } })();
 * if (error instanceof InvalidRewardAccountError) console.log(error.list, error.index);
 */
export class InvalidRewardAccountError extends OracleError {
  override name = "InvalidRewardAccountError";
  /** Which list: the previous cumulative amounts or this epoch's rewards. */
  readonly list: "previous" | "epoch";
  readonly index: number;
  readonly account: unknown;

  constructor(list: "previous" | "epoch", index: number, account: unknown) {
    super(
      `Entry ${index} of the ${list === "previous" ? "previous cumulative" : "epoch reward"} list has account ` +
        `${JSON.stringify(String(account))}, not an address; fix the attribution output.`,
    );
    this.list = list;
    this.index = index;
    this.account = account;
  }
}

/**
 * A reward list has an amount that is negative or not a bigint.
 *
 * @example
 * const error = (() => { try { cumulativeRewards(undefined, [[alice, -1n]]); } catch (e) { return e; } })();
 * if (error instanceof InvalidRewardAmountError) console.log(error.account, error.amount);
 */
export class InvalidRewardAmountError extends OracleError {
  override name = "InvalidRewardAmountError";
  readonly list: "previous" | "epoch";
  readonly account: string;
  readonly amount: unknown;

  constructor(list: "previous" | "epoch", account: string, amount: unknown) {
    super(
      `${account} has ${list === "previous" ? "cumulative" : "epoch"} amount ${String(amount)}: amounts are ` +
        "non-negative bigints (token wei); fix the attribution output.",
    );
    this.list = list;
    this.account = account;
    this.amount = amount;
  }
}

/**
 * One account appears twice in one reward list (letter case aside): the list must be merged first.
 *
 * @example
 * const error = (() => { try { cumulativeRewards(undefined, [[alice, 1n], [alice, 2n]]); } catch (e) { return e; } })();
 * if (error instanceof DuplicateRewardAccountError) console.log(error.firstIndex, error.index); // 0, 1
 */
export class DuplicateRewardAccountError extends OracleError {
  override name = "DuplicateRewardAccountError";
  readonly list: "previous" | "epoch";
  readonly account: string;
  readonly firstIndex: number;
  readonly index: number;

  constructor(list: "previous" | "epoch", account: string, firstIndex: number, index: number) {
    super(
      `${account} appears at index ${firstIndex} and again at index ${index} of the ` +
        `${list === "previous" ? "previous cumulative" : "epoch reward"} list; list each account once.`,
    );
    this.list = list;
    this.account = account;
    this.firstIndex = firstIndex;
    this.index = index;
  }
}

/**
 * A value has no canonical JSON form (undefined, a function, a symbol, a non-finite number, a
 * Map, a class instance…). `path` is where, as `$.a.b[2]`.
 *
 * @example
 * const error = (() => { try { formatCanonical({ a: NaN }); } catch (e) { return e; } })();
 * if (error instanceof CanonicalJsonError) console.log(error.path); // "$.a"
 */
export class CanonicalJsonError extends OracleError {
  override name = "CanonicalJsonError";
  readonly path: string;
  readonly problem: string;

  constructor(path: string, problem: string) {
    super(
      `${path} has no canonical JSON form: ${problem}; use strings, bigints, safe numbers, arrays and plain objects.`,
    );
    this.path = path;
    this.problem = problem;
  }
}

/**
 * An epoch metadata file (or the values given to build one) is malformed: `path` says where
 * (`$.inputs.corpus[3].contentHash`), `problem` what is wrong.
 *
 * @example
 * const error = (() => { try { parseEpochMetadata(text); } catch (e) { return e; } })();
 * if (error instanceof EpochMetadataInvalidError) console.log(error.path, error.problem);
 */
export class EpochMetadataInvalidError extends OracleError {
  override name = "EpochMetadataInvalidError";
  readonly path: string;
  readonly problem: string;

  constructor(path: string, problem: string) {
    super(`The epoch metadata is invalid at ${path}: ${problem}; fetch the file as published, or rebuild it.`);
    this.path = path;
    this.problem = problem;
  }
}

/**
 * An epoch metadata file is valid but not in its canonical form (key order, indent, number
 * format, trailing newline): it was re-serialized after publication, so its hash changed.
 *
 * @example
 * const error = (() => { try { parseEpochMetadata(JSON.stringify(JSON.parse(text))); } catch (e) { return e; } })();
 * if (error instanceof EpochMetadataNotCanonicalError) console.log("fetch the file as published");
 */
export class EpochMetadataNotCanonicalError extends OracleError {
  override name = "EpochMetadataNotCanonicalError";
  /** The byte offset of the first difference from the canonical form. */
  readonly offset: number;

  constructor(offset: number) {
    super(
      `The epoch metadata is not in canonical form (first difference at byte ${offset}): it was re-serialized ` +
        "after publication; fetch the file as published, without reformatting it.",
    );
    this.offset = offset;
  }
}

/**
 * An epoch metadata file's `inputsDigest` is not the digest of its `method` and `inputs`: the
 * inputs were edited after the digest was computed.
 *
 * @example
 * const error = (() => { try { parseEpochMetadata(text); } catch (e) { return e; } })();
 * if (error instanceof EpochMetadataDigestMismatchError) console.log(error.expected, error.actual);
 */
export class EpochMetadataDigestMismatchError extends OracleError {
  override name = "EpochMetadataDigestMismatchError";
  /** The digest the file states. */
  readonly expected: string;
  /** The digest of the file's `method` and `inputs`. */
  readonly actual: string;

  constructor(expected: string, actual: string) {
    super(
      `The epoch metadata states inputsDigest ${expected} but its method and inputs hash to ${actual}: ` +
        "the inputs were altered after publication; do not trust this file.",
    );
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * A reward tree file could not be read as a cumulative reward tree: not JSON, not an
 * OpenZeppelin `standard-v1` dump of reward leaves, or a node that does not recompute.
 *
 * @example
 * const error = await readRewardTreeFile(text).catch((e) => e);
 * if (error instanceof RewardTreeFileInvalidError) console.log(error.problem);
 */
export class RewardTreeFileInvalidError extends OracleError {
  override name = "RewardTreeFileInvalidError";
  readonly problem: string;

  constructor(problem: string, cause?: unknown) {
    super(`The reward tree file is invalid: ${problem}; fetch the file as published, or rebuild it.`, { cause });
    this.problem = problem;
  }
}
