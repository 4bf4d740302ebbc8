// The named errors of the attribution area (suffix array, corpus, spans, rewards). Each carries the
// values involved as fields: match by class and fields, never by message.
import { OracleError } from "../errors.ts";

/**
 * A symbol given to `buildSuffixArray` is outside `[0, alphabetSize)`, or the alphabet size is not
 * a positive integer below 2^31 (then `position` is -1 and `symbol` the alphabet size).
 *
 * @example
 * try { buildSuffixArray(Int32Array.of(3), 2); } catch (error) {
 *   if (error instanceof InvalidSymbolError) console.log(error.position, error.symbol); // 0 3
 * }
 */
export class InvalidSymbolError extends OracleError {
  override name = "InvalidSymbolError";
  readonly position: number;
  readonly symbol: number;
  readonly alphabetSize: number;

  constructor(fields: { position: number; symbol: number; alphabetSize: number }) {
    super(
      fields.position < 0
        ? `The alphabet size ${fields.alphabetSize} is not an integer in [1, 2^31): remap the symbols to 0, 1, 2, … first.`
        : `Symbol ${fields.symbol} at position ${fields.position} is outside [0, ${fields.alphabetSize}): ` +
            "remap the symbols to a dense alphabet before building the suffix array.",
    );
    this.position = fields.position;
    this.symbol = fields.symbol;
    this.alphabetSize = fields.alphabetSize;
  }
}

/** Why a corpus entry was refused. */
export type InvalidContributionReason =
  | "contributionId" // not a non-negative bigint
  | "datanetId" // not a non-negative bigint
  | "contributor" // not an address
  | "contentHash" // not a string
  | "tokens" // not a Uint32Array
  | "conflict"; // the same (datanetId, contributionId) twice with different contributor, hash or tokens

/**
 * A corpus entry given to `buildCorpus` is malformed, or the same contribution appears twice with
 * different content (identical repeats, e.g. from two versions of one Datanet, are merged).
 *
 * @example
 * try { buildCorpus([{ ...entry, contributor: "0x12" }]); } catch (error) {
 *   if (error instanceof InvalidContributionError) console.log(error.index, error.reason); // 0 "contributor"
 * }
 */
export class InvalidContributionError extends OracleError {
  override name = "InvalidContributionError";
  /** The entry's index in the list given. */
  readonly index: number;
  readonly reason: InvalidContributionReason;

  constructor(fields: { index: number; reason: InvalidContributionReason }) {
    super(
      fields.reason === "conflict"
        ? `Corpus entry ${fields.index} repeats the (datanetId, contributionId) of an earlier entry with different ` +
            "content: pass each contribution once."
        : `Corpus entry ${fields.index} has an invalid ${fields.reason}: pass { contributionId: bigint, ` +
            "datanetId: bigint, contributor: address, contentHash: string, tokens: Uint32Array }.",
    );
    this.index = fields.index;
    this.reason = fields.reason;
  }
}

/** Which method parameter is wrong. */
export type InvalidMethodParamsReason =
  | "params" // not an object, or an unknown key (the value is the key)
  | "name"
  | "version"
  | "k"
  | "tokenizer"
  | "nearDuplicateCoverageBps"
  | "commonDocuments"
  | "maxOccurrences"
  | "weightScale";

/**
 * The attribution method given is not `span-match` version 1 with valid parameters, or a corpus
 * index was built with another `k` than the method's.
 *
 * @example
 * try { attributeEpoch({ method: { ...SPAN_MATCH_V1, params: { ...SPAN_MATCH_V1.params, k: 0 } }, adapters: [] }); }
 * catch (error) { if (error instanceof InvalidMethodParamsError) console.log(error.parameter); } // "k"
 */
export class InvalidMethodParamsError extends OracleError {
  override name = "InvalidMethodParamsError";
  readonly parameter: InvalidMethodParamsReason;
  readonly value: unknown;

  constructor(fields: { parameter: InvalidMethodParamsReason; value: unknown }) {
    super(
      `Attribution method parameter ${fields.parameter} = ${String(fields.value)} is not supported: ` +
        "use SPAN_MATCH_V1 or a copy with parameters in the documented ranges (oracle/src/attribution/README.md).",
    );
    this.parameter = fields.parameter;
    this.value = fields.value;
  }
}

/** What is wrong with an epoch's input. */
export type InvalidEpochInputReason =
  | "adapterId" // not a positive bigint
  | "pool" // not a non-negative bigint
  | "duplicateAdapter" // the same adapter twice
  | "requestId" // not a non-empty string
  | "duplicateRequest" // the same requestId twice in the epoch
  | "payer" // not an address
  | "tokens"; // not a Uint32Array

/**
 * `attributeEpoch` was given a malformed adapter or output.
 *
 * @example
 * try { attributeEpoch({ method, adapters: [a, a] }); } catch (error) {
 *   if (error instanceof InvalidEpochInputError) console.log(error.reason, error.adapterId); // "duplicateAdapter" 1n
 * }
 */
export class InvalidEpochInputError extends OracleError {
  override name = "InvalidEpochInputError";
  readonly reason: InvalidEpochInputReason;
  readonly adapterId: bigint | undefined;
  readonly requestId: string | undefined;

  constructor(fields: { reason: InvalidEpochInputReason; adapterId?: bigint; requestId?: string }) {
    const where =
      fields.requestId !== undefined
        ? `output ${JSON.stringify(fields.requestId)} of adapter ${String(fields.adapterId)}`
        : `adapter ${String(fields.adapterId)}`;
    super(
      `Invalid epoch input (${fields.reason}) at ${where}: pass each adapter once with a bigint pool, and each ` +
        "paid output once with a string requestId, a payer address and Uint32Array tokens.",
    );
    this.reason = fields.reason;
    this.adapterId = fields.adapterId;
    this.requestId = fields.requestId;
  }
}

/**
 * The rewards and unassigned amounts of an epoch do not sum to its pools. A defect of this
 * package, never of the input: report it with the input that caused it.
 *
 * @example
 * if (error instanceof AttributionInvariantError) console.error(error.pools, error.paid, error.unassigned);
 */
export class AttributionInvariantError extends OracleError {
  override name = "AttributionInvariantError";
  readonly pools: bigint;
  readonly paid: bigint;
  readonly unassigned: bigint;

  constructor(fields: { pools: bigint; paid: bigint; unassigned: bigint }) {
    super(
      `Attribution defect: rewards ${fields.paid} + unassigned ${fields.unassigned} differ from the pools ` +
        `${fields.pools}; nothing was posted. Report this with the epoch's inputs.`,
    );
    this.pools = fields.pools;
    this.paid = fields.paid;
    this.unassigned = fields.unassigned;
  }
}
