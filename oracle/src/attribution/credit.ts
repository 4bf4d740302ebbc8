// Credit: what each contribution earns in one output. Integers only.
//
// A span of length ℓ held by d non-duplicate contributions (1 ≤ d ≤ commonDocuments) credits each
// of them ℓ · W[d], with W[d] = floor(weightScale / (d · bitLength(d))), bitLength(d) = ⌊log2 d⌋ + 1:
// the span's total, d · ℓ · W[d] ≈ ℓ · weightScale / bitLength(d), grows with its length and falls
// slowly (like 1 / log d) as more contributions hold it, and is shared equally by the holders.
// With weightScale = 2^20: W[1] = 1,048,576, W[2] = 262,144, W[3] = 174,762, W[4] = 87,381,
// W[8] = 32,768, W[16] = 13,107, W[64] = 2,340. A span held by more than commonDocuments
// contributions, or with more than maxOccurrences occurrences, is common: it credits nobody and
// covers nothing (boilerplate, famous quotes, frequent phrases).
// The wash rule: in an output paid by P, the contributions of P earn nothing; their part of each
// span's credit is counted as `excludedCredit` (the output's span part shrinks by that share).
import { spanDocuments, findSpans } from "./spans.ts";
import type { CorpusIndex, Span, SpanMatchParams } from "./types.ts";

/**
 * ⌊log2 d⌋ + 1 for d ≥ 1: 1 → 1, 2–3 → 2, 4–7 → 3, …
 *
 * @example
 * bitLength(64); // 7
 */
export function bitLength(d: number): number {
  return 32 - Math.clz32(d);
}

const tables = new Map<string, Float64Array>();

/**
 * W[0 … commonDocuments]: the credit per token a span held by d contributions gives each of them
 * (W[0] = 0). Exact integers (below 2^30).
 *
 * @example
 * creditTable(SPAN_MATCH_V1.params)[2]; // 262144
 */
export function creditTable(params: Pick<SpanMatchParams, "commonDocuments" | "weightScale">): Float64Array {
  const key = `${params.commonDocuments}/${params.weightScale}`;
  let table = tables.get(key);
  if (table === undefined) {
    table = new Float64Array(params.commonDocuments + 1);
    for (let d = 1; d <= params.commonDocuments; d++) table[d] = Math.floor(params.weightScale / (d * bitLength(d)));
    tables.set(key, table);
  }
  return table;
}

/**
 * A span of an output with its holders and the credit each gets. `documents` is null when the
 * span has more than maxOccurrences occurrences (not enumerated); `common` spans credit nobody.
 *
 * @example
 * for (const span of credit.spans) if (!span.common) console.log(span.start, span.end, span.documents);
 */
export type CreditedSpan = Span & {
  documents: readonly number[] | null;
  common: boolean;
  /** ℓ · W[d], 0 for a common span. */
  creditPerDocument: number;
};

/**
 * The credit of one output: its spans, the tokens covered by credited spans, and the credit of
 * each document (excluded ones, the payer's own, apart).
 *
 * @example
 * const { coveredTokens, creditable, documents } = creditOutput(index, tokens, params, payer);
 */
export type OutputCredit = {
  spans: CreditedSpan[];
  /** Tokens of the output inside at least one non-common span (whatever its holders). */
  coveredTokens: number;
  /** Documents credited, increasing, and their credit: `documents[i]` earned `credits[i]`. */
  documents: number[];
  credits: bigint[];
  /** Sum of `credits`. */
  creditable: bigint;
  /** Credit the payer's own contributions would have earned (the wash rule). */
  excludedCredit: bigint;
};

const lowerContributors = new WeakMap<CorpusIndex, string[]>();

/**
 * The lower-case contributor of each document of `index` (cached per index).
 *
 * @example
 * const owners = contributorsLower(index); // owners[d] === index.documents[d].contributor.toLowerCase()
 */
export function contributorsLower(index: CorpusIndex): string[] {
  let owners = lowerContributors.get(index);
  if (owners === undefined) {
    owners = index.documents.map((document) => document.contributor.toLowerCase());
    lowerContributors.set(index, owners);
  }
  return owners;
}

/**
 * Finds the output's spans and credits the documents holding them. `payer` (any case) names the
 * account whose contributions are excluded (the wash rule); pass undefined to exclude nobody.
 *
 * @example
 * const credit = creditOutput(index, tokenize(text), SPAN_MATCH_V1.params, "0xAb58…");
 */
export function creditOutput(
  index: CorpusIndex,
  tokens: Uint32Array,
  params: Pick<SpanMatchParams, "commonDocuments" | "maxOccurrences" | "weightScale">,
  payer: string | undefined,
): OutputCredit {
  const table = creditTable(params);
  const owners = contributorsLower(index);
  const payerLower = payer?.toLowerCase();
  const found = findSpans(index, tokens);
  const spans: CreditedSpan[] = [];
  const byDocument = new Map<number, bigint>();
  let excluded = 0n;
  let coveredTokens = 0;
  let coveredTo = 0;
  for (const span of found) {
    const documents = spanDocuments(index, span.lo, span.hi, params.maxOccurrences);
    const d = documents?.length ?? 0;
    const common = documents === null || d > params.commonDocuments;
    const creditPerDocument = common ? 0 : (span.end - span.start) * table[d]!;
    spans.push({ ...span, documents, common, creditPerDocument });
    if (common) continue;
    // spans come with increasing starts and ends: the union grows at the right
    coveredTokens += span.end - Math.max(span.start, coveredTo);
    coveredTo = span.end;
    const credit = BigInt(creditPerDocument); // ℓ < 2^22 tokens, W < 2^30: exact
    for (const document of documents) {
      if (owners[document] === payerLower) excluded += credit;
      else byDocument.set(document, (byDocument.get(document) ?? 0n) + credit);
    }
  }
  const documents = [...byDocument.keys()].sort((a, b) => a - b);
  const credits = documents.map((document) => byDocument.get(document)!);
  let creditable = 0n;
  for (const credit of credits) creditable += credit;
  return { spans, coveredTokens, documents, credits, creditable, excludedCredit: excluded };
}
