// The attribution method "span-match" version 1: its name, parameters, their validation and the
// canonical JSON text the epoch metadata hashes. The rules themselves: README.md in this folder.
import { InvalidMethodParamsError } from "./errors.ts";
import type { AttributionMethod, SpanMatchParams } from "./types.ts";

/**
 * The tokenizer of version 1: `gpt-tokenizer` 4.0.0 (pinned exactly in oracle/package.json) with
 * the o200k_base encoding, the one of current OpenAI models (GPT-4o, GPT-4.1, GPT-5, o-series).
 *
 * @example
 * SPAN_MATCH_V1.params.tokenizer === TOKENIZER; // true
 */
export const TOKENIZER = "gpt-tokenizer@4.0.0/o200k_base";

/**
 * The method the oracle runs: span matching with k = 8, near-duplicates at 50% coverage, spans in
 * more than 64 contributions (or with more than 4,096 occurrences) common, credit scale 2^20.
 *
 * @example
 * const result = attributeEpoch({ params: SPAN_MATCH_V1.params, adapters });
 * const metadataMethod = SPAN_MATCH_V1; // hashed with methodJson(SPAN_MATCH_V1)
 */
export const SPAN_MATCH_V1: AttributionMethod = Object.freeze({
  name: "span-match",
  version: 1,
  params: Object.freeze({
    k: 8,
    tokenizer: TOKENIZER,
    nearDuplicateCoverageBps: 5_000,
    commonDocuments: 64,
    maxOccurrences: 4_096,
    weightScale: 2 ** 20,
  }),
});

const PARAMETER_NAMES: readonly string[] = Object.keys(SPAN_MATCH_V1.params);

/** The largest `commonDocuments` (the credit table has this many entries). */
export const MAX_COMMON_DOCUMENTS = 1 << 16;

/**
 * Checks the parameters are ones version 1 supports (those six keys, no other): k in [1, 1024]; the tokenizer `TOKENIZER`;
 * nearDuplicateCoverageBps in [1, 10,000]; commonDocuments in [1, 2^16]; maxOccurrences in
 * [commonDocuments, 2^24]; weightScale in [1, 2^30], all integers.
 *
 * @throws {InvalidMethodParamsError} naming the first parameter out of range (`params` for an unknown key).
 * @example
 * validateParams(SPAN_MATCH_V1.params); // returns the same object
 */
export function validateParams(params: SpanMatchParams): SpanMatchParams {
  if (typeof params !== "object" || params === null)
    throw new InvalidMethodParamsError({ parameter: "params", value: params });
  for (const key of Object.keys(params)) {
    if (!PARAMETER_NAMES.includes(key)) throw new InvalidMethodParamsError({ parameter: "params", value: key });
  }
  const integer = (parameter: keyof SpanMatchParams, min: number, max: number) => {
    const value: unknown = params?.[parameter];
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      throw new InvalidMethodParamsError({ parameter, value });
    }
  };
  integer("k", 1, 1024);
  if (params.tokenizer !== TOKENIZER)
    throw new InvalidMethodParamsError({ parameter: "tokenizer", value: params.tokenizer });
  integer("nearDuplicateCoverageBps", 1, 10_000);
  integer("commonDocuments", 1, MAX_COMMON_DOCUMENTS);
  integer("maxOccurrences", params.commonDocuments, 1 << 24);
  integer("weightScale", 1, 2 ** 30);
  return params;
}

/**
 * Checks a whole method: name "span-match", version 1, valid parameters.
 *
 * @throws {InvalidMethodParamsError} for another name or version, or a parameter out of range.
 * @example
 * validateMethod(JSON.parse(metadataText).method);
 */
export function validateMethod(method: AttributionMethod): AttributionMethod {
  if (method?.name !== "span-match") throw new InvalidMethodParamsError({ parameter: "name", value: method?.name });
  if (method.version !== 1) throw new InvalidMethodParamsError({ parameter: "version", value: method.version });
  validateParams(method.params);
  return method;
}

/**
 * The canonical JSON text of a method: no whitespace, object keys sorted by UTF-16 code units at
 * every depth. Equal methods give equal bytes, whatever the key order they were written in.
 *
 * @throws {InvalidMethodParamsError} when the method is not a valid span-match version 1.
 * @example
 * methodJson(SPAN_MATCH_V1);
 * // '{"name":"span-match","params":{"commonDocuments":64,"k":8,"maxOccurrences":4096,"nearDuplicateCoverageBps":5000,"tokenizer":"gpt-tokenizer@4.0.0/o200k_base","weightScale":1048576},"version":1}'
 */
export function methodJson(method: AttributionMethod): string {
  validateMethod(method);
  return canonical(method);
}

/** Canonical JSON of validated method data: strings, safe integers and plain objects only. */
function canonical(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
