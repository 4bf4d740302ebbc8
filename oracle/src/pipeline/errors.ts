// The pipeline's errors: each says what to run first or what to fix, in one line (`shortMessage`).
// Match them by class and fields, never by message.
import { OracleError } from "../errors.ts";

/**
 * The store is not indexed far enough for the epoch: run `index` first (or wait for the epoch's
 * last block to be confirmed).
 *
 * @example
 * if (error instanceof NotIndexedError) console.log(error.indexedTo, error.epochEnd);
 */
export class NotIndexedError extends OracleError {
  override name = "NotIndexedError";
  readonly epoch: bigint;
  /** The store's cursor, or undefined before the first `index`. */
  readonly indexedTo: number | undefined;
  /** The epoch's last block. */
  readonly epochEnd: number;

  constructor(epoch: bigint, indexedTo: number | undefined, epochEnd: number) {
    super(
      `index first: indexed to block ${indexedTo ?? "none"}, epoch ${epoch} ends at ${epochEnd} (run \`oa-oracle index\` once the block is confirmed)`,
    );
    this.epoch = epoch;
    this.indexedTo = indexedTo;
    this.epochEnd = epochEnd;
  }
}

/**
 * A step needs an earlier one: `build` needs `attribute`, `check`/`post` need `build`, epoch n
 * needs epoch n − 1's build.
 *
 * @example
 * if (error instanceof StepMissingError) console.log(`run ${error.step} --epoch ${error.epoch}`);
 */
export class StepMissingError extends OracleError {
  override name = "StepMissingError";
  readonly step: "attribute" | "build";
  readonly epoch: bigint;

  constructor(step: "attribute" | "build", epoch: bigint, why: string) {
    super(`${why}: run \`oa-oracle ${step} --epoch ${epoch}\` first`);
    this.step = step;
    this.epoch = epoch;
  }
}

/**
 * Nobody has earned anything yet (the epoch's cumulative list is empty): there is no tree to
 * build. Set `startBlock` to the block before the first usage payment, or wait for one.
 *
 * @example
 * if (error instanceof EmptyTreeError) console.log(`epoch ${error.epoch} has no rewards`);
 */
export class EmptyTreeError extends OracleError {
  override name = "EmptyTreeError";
  readonly epoch: bigint;

  constructor(epoch: bigint) {
    super(
      `epoch ${epoch} has no reward at all (no account earned anything so far): there is no tree to build; wait for usage payments`,
    );
    this.epoch = epoch;
  }
}

/**
 * The epoch was already built with another root and its root was sent for posting: a rebuild
 * would change a posted tree. Investigate (`oa-oracle check`) instead of rebuilding.
 *
 * @example
 * if (error instanceof BuildConflictError) console.log(error.builtRoot, error.newRoot);
 */
export class BuildConflictError extends OracleError {
  override name = "BuildConflictError";
  readonly epoch: bigint;
  readonly builtRoot: string;
  readonly newRoot: string;

  constructor(epoch: bigint, builtRoot: string, newRoot: string) {
    super(
      `epoch ${epoch} was built with root ${builtRoot} and posted; rebuilding gives ${newRoot}: not overwritten (the inputs changed since: check the store)`,
    );
    this.epoch = epoch;
    this.builtRoot = builtRoot;
    this.newRoot = newRoot;
  }
}

/** One failed certificate check (`runCheck`). */
export type CheckFailure = { check: string; detail: string };

/**
 * The certificate did not pass: nothing was posted. `failures` lists every failed check.
 *
 * @example
 * if (error instanceof CertificateFailedError) for (const f of error.failures) console.error(f.check, f.detail);
 */
export class CertificateFailedError extends OracleError {
  override name = "CertificateFailedError";
  readonly epoch: bigint;
  readonly failures: readonly CheckFailure[];

  constructor(epoch: bigint, failures: readonly CheckFailure[]) {
    super(
      `the certificate of epoch ${epoch} failed (${failures.map((f) => f.check).join(", ")}): nothing posted; rebuild with \`oa-oracle build --epoch ${epoch}\` or fix the cause`,
      { details: failures.map((f) => `${f.check}: ${f.detail}`).join("\n") },
    );
    this.epoch = epoch;
    this.failures = failures;
  }
}

/**
 * The epoch number is not a positive integer.
 *
 * @example
 * if (error instanceof InvalidEpochError) console.log(error.value);
 */
export class InvalidEpochError extends OracleError {
  override name = "InvalidEpochError";
  readonly value: unknown;

  constructor(value: unknown) {
    super(`the epoch must be an integer from 1, got ${String(value)}`);
    this.value = value;
  }
}

/**
 * `verify` cannot even start: no proposal for the epoch, a published file missing or not matching
 * its committed hash. (A recomputation that differs is not an error: it is `{ ok: false }`.)
 *
 * @example
 * if (error instanceof VerifyInputError) console.log(error.what);
 */
export class VerifyInputError extends OracleError {
  override name = "VerifyInputError";
  /** Which input: "proposal", "metadata", "inference-log", "explanations", "previous-tree", "tree-file". */
  readonly what: string;

  constructor(what: string, problem: string) {
    super(`verify: ${problem}`);
    this.what = what;
  }
}

/**
 * The epoch's root was sent to the chain: its attribution is not recomputed (`force`), since the
 * posted tree must stay what its published files say. Check it with `oa-oracle verify`.
 *
 * @example
 * if (error instanceof EpochPostedError) console.log(`epoch ${error.epoch} is posted`);
 */
export class EpochPostedError extends OracleError {
  override name = "EpochPostedError";
  readonly epoch: bigint;

  constructor(epoch: bigint) {
    super(
      `epoch ${epoch} was posted: its attribution is not recomputed (check it with \`oa-oracle verify --epoch ${epoch}\`)`,
    );
    this.epoch = epoch;
  }
}
