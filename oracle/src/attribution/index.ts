// The attribution method span-match v1: the public API of this folder (README.md says the rules).
export {
  attributeEpoch,
  type AttributeEpochErrorType,
  type AttributeEpochParameters,
  type AttributeEpochReturnType,
  MAX_OUTPUT_TOKENS,
} from "./attribute.ts";
export { buildCorpus, type BuildCorpusOptions, documentAt, MAX_TOKEN_ID } from "./corpus.ts";
export { bitLength, creditOutput, creditTable, type CreditedSpan, type OutputCredit } from "./credit.ts";
export {
  AttributionInvariantError,
  type InvalidContributionReason,
  InvalidContributionError,
  InvalidEpochInputError,
  type InvalidEpochInputReason,
  InvalidMethodParamsError,
  type InvalidMethodParamsReason,
  InvalidSymbolError,
} from "./errors.ts";
export { methodJson, SPAN_MATCH_V1, TOKENIZER, validateMethod, validateParams } from "./method.ts";
export { apportion, compareAddresses, equalSplit } from "./rewards.ts";
export { findSpans, spanDocuments } from "./spans.ts";
export { buildSuffixArray } from "./suffixArray.ts";
export { tokenize } from "./tokenizer.ts";
export type * from "./types.ts";
