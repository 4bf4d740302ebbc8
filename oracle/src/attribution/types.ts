// The types of the attribution method "span-match" version 1 (README.md in this folder says what
// each rule is and why). Pure data: bigints for ids and amounts, plain numbers for token counts,
// positions and credits (integers below 2^53), checksummed addresses.

/**
 * The parameters of the method: what the epoch metadata names, and what `attributeEpoch` uses.
 * `SPAN_MATCH_V1.params` holds the values the oracle runs with.
 *
 * @example
 * const params: SpanMatchParams = { ...SPAN_MATCH_V1.params, k: 12 };
 */
export type SpanMatchParams = {
  /** The shortest span credited, in tokens (8). */
  k: number;
  /** The tokenizer the corpus and the outputs were tokenized with ("gpt-tokenizer@4.0.0/o200k_base"). */
  tokenizer: string;
  /**
   * A contribution is a near-duplicate, and gets nothing, when at least this share (basis points,
   * 1–10,000) of its tokens lies in k-token windows that also occur in an earlier contribution (5,000).
   */
  nearDuplicateCoverageBps: number;
  /** A span held by more than this many (non-duplicate) contributions is common and credits nobody (64). */
  commonDocuments: number;
  /** A span with more occurrences than this in the corpus is common without counting its contributions (4,096). */
  maxOccurrences: number;
  /** Credit per token of a span, per contribution holding it: floor(weightScale / (d · bitLength(d))) (2^20). */
  weightScale: number;
};

/**
 * An attribution method as the epoch metadata records it: `methodJson(method)` is its canonical text.
 *
 * @example
 * const method: AttributionMethod = SPAN_MATCH_V1; // { name: "span-match", version: 1, params: {…} }
 */
export type AttributionMethod = { name: "span-match"; version: 1; params: SpanMatchParams };

/**
 * One accepted contribution of an adapter's corpus, with its content tokenized (`tokenize`).
 * Pass accepted contributions only: rejected and pending ones are not part of any corpus.
 *
 * @example
 * const entry: CorpusContribution = { datanetId: 1n, contributionId: 7n, contributor, contentHash, tokens: tokenize(text) };
 */
export type CorpusContribution = {
  datanetId: bigint;
  contributionId: bigint;
  /** The contributor's address (any letter case; stored checksummed). */
  contributor: string;
  /** The on-chain content hash the content was checked against (kept for the explanations). */
  contentHash: string;
  /** Token ids below 2^24 (o200k_base has about 200,000). */
  tokens: Uint32Array;
};

/**
 * A contribution of an indexed corpus: `CorpusIndex.documents[i]` is document `i`.
 *
 * @example
 * const { contributor, tokenCount }: CorpusDocument = index.documents[0];
 */
export type CorpusDocument = {
  datanetId: bigint;
  contributionId: bigint;
  /** Checksummed. */
  contributor: string;
  contentHash: string;
  tokenCount: number;
};

/**
 * A contribution left out of the index because it repeats earlier ones (see `SpanMatchParams.nearDuplicateCoverageBps`).
 *
 * @example
 * for (const { contributionId, coveredTokens, tokenCount } of index.nearDuplicates) console.log(contributionId, coveredTokens / tokenCount);
 */
export type NearDuplicate = CorpusDocument & {
  /** Its tokens inside k-token windows that occur in an earlier contribution. */
  coveredTokens: number;
  /** The earliest contribution sharing a k-token window with it. */
  repeats: { datanetId: bigint; contributionId: bigint };
};

/**
 * The searchable index of one corpus (`buildCorpus`): the non-duplicate contributions' tokens in
 * one text over a dense alphabet, its suffix array and a k-gram filter. Immutable once built;
 * one index can serve every adapter trained on the same contributions.
 *
 * @example
 * const index: CorpusIndex = buildCorpus(contributions, SPAN_MATCH_V1.params);
 * console.log(index.documents.length, index.nearDuplicates.length, index.text.length);
 */
export type CorpusIndex = {
  /** The `k` and near-duplicate threshold the index was built with (`attributeEpoch` checks them). */
  k: number;
  nearDuplicateCoverageBps: number;
  /** The indexed contributions, ordered by (datanetId, contributionId): document i. */
  documents: readonly CorpusDocument[];
  /** The near-duplicates left out, in the same order. */
  nearDuplicates: readonly NearDuplicate[];
  /**
   * The documents' symbols, each document followed by the separator 0, so no match crosses two
   * documents (an output never holds the separator). Symbols 1… are token ids remapped densely.
   */
  text: Int32Array;
  /** `documents.length + 1` entries: document i is `text[starts[i], starts[i + 1] − 1)`. */
  starts: Int32Array;
  suffixArray: Int32Array;
  /** Token id → symbol, or -1 for a token that no indexed document holds. */
  symbolOf: Int32Array;
  /** A blocked Bloom filter of the documents' k-grams (16 words per block): skips most positions of an output. */
  filter: Uint32Array;
};

/**
 * A maximal span of an output found in the corpus: `tokens[start, end)` occurs in the corpus, is
 * at least k tokens long, and no longer matching span contains it. `suffixArray[lo, hi)` are its
 * occurrences.
 *
 * @example
 * for (const { start, end } of findSpans(index, tokens)) console.log(decode(tokens.subarray(start, end)));
 */
export type Span = { start: number; end: number; lo: number; hi: number };

/**
 * One paid output to attribute.
 *
 * @example
 * const output: PaidOutput = { requestId: record.requestId, payer: record.payer, tokens: tokenize(record.output) };
 */
export type PaidOutput = {
  /** Unique across the epoch. */
  requestId: string;
  /** Who paid for the call (any letter case). */
  payer: string;
  tokens: Uint32Array;
};

/**
 * One adapter's part of an epoch: its attribution pool (the attribution amounts of its usage
 * payments in the epoch), its corpus and its paid outputs.
 *
 * @example
 * const adapter: AdapterEpochInput = { adapterId: 3n, pool: 10n ** 18n, corpus: index, outputs };
 */
export type AdapterEpochInput = {
  adapterId: bigint;
  /** OPEN wei to distribute. */
  pool: bigint;
  /** The accepted contributions of the Datanet versions the adapter was trained on, or their index. */
  corpus: CorpusIndex | readonly CorpusContribution[];
  outputs: readonly PaidOutput[];
};

/**
 * A span in an explanation: the output's tokens `[start, end)` (the caller can decode them), how
 * many contributions hold it, and what each of this account's holding contributions earned.
 *
 * @example
 * const text = decode(output.tokens.subarray(span.start, span.end));
 */
export type ExplainedSpan = {
  start: number;
  end: number;
  /** Non-duplicate contributions holding the span (the credit is split among them). */
  documents: number;
  /** Credit each holding contribution earned: (end − start) · floor(weightScale / (d · bitLength(d))). */
  creditPerDocument: number;
  /** This account's contributions among the holders. */
  contributions: readonly { datanetId: bigint; contributionId: bigint }[];
};

/**
 * What one output paid one account, and why.
 *
 * @example
 * for (const output of explanation.outputs) console.log(output.requestId, output.amount, output.spans.length);
 */
export type ExplainedOutput = {
  adapterId: bigint;
  requestId: string;
  payer: string;
  /** OPEN wei this account received from this output's span part. */
  amount: bigint;
  /** This account's credit in the output (sum over its spans and contributions). */
  credit: bigint;
  /** The output's total credit (all accounts, payer's own contributions excluded). */
  outputCredit: bigint;
  spans: readonly ExplainedSpan[];
};

/**
 * What one fallback pot paid one account: the parts of outputs not explained by spans go, per
 * adapter, equally to its corpus's non-duplicate contributions (minus the payer's own).
 *
 * @example
 * for (const pot of explanation.fallback) console.log(pot.adapterId, pot.payer ?? "any payer", pot.amount);
 */
export type ExplainedFallback = {
  adapterId: bigint;
  /** The payer whose outputs fed this pot, or null for the pot of payers owning no contribution of the corpus. */
  payer: string | null;
  amount: bigint;
  /** This account's contributions that shared the pot. */
  contributions: number;
  /** All contributions that shared the pot. */
  eligibleContributions: number;
};

/**
 * Everything one account earned in the epoch, output by output.
 *
 * @example
 * const mine = result.explanations.find((e) => e.account === me);
 */
export type AccountExplanation = {
  account: string;
  amount: bigint;
  /** Sorted by (adapterId, requestId). */
  outputs: readonly ExplainedOutput[];
  /** Sorted by (adapterId, payer, null first). */
  fallback: readonly ExplainedFallback[];
};

/** Why part of a pool could not be assigned. */
export type UnassignedReason = "emptyCorpus" | "payerOwnsCorpus";

/**
 * Part of a pool left unassigned: the adapter's corpus is empty, or a payer owns every contribution
 * of it (the wash rule forbids paying them). The caller carries it over.
 *
 * @example
 * for (const { adapterId, amount, reason } of result.unassigned) console.warn(adapterId, amount, reason);
 */
export type Unassigned = { adapterId: bigint; payer: string | null; amount: bigint; reason: UnassignedReason };

/**
 * Per adapter figures of an epoch.
 *
 * @example
 * for (const a of result.adapters) console.log(a.adapterId, a.spanAmount, a.fallbackAmount);
 */
export type AdapterSummary = {
  adapterId: bigint;
  pool: bigint;
  outputs: number;
  /** Outputs with at least one credited span. */
  creditedOutputs: number;
  documents: number;
  nearDuplicates: readonly { datanetId: bigint; contributionId: bigint }[];
  /** Paid through spans. */
  spanAmount: bigint;
  /** Paid through the fallback pots. */
  fallbackAmount: bigint;
  unassignedAmount: bigint;
};

/**
 * The result of `attributeEpoch`. `sum(rewards) + sum(unassigned) === sum(pools)` exactly.
 *
 * @example
 * const { rewards, explanations } = attributeEpoch({ params: SPAN_MATCH_V1.params, adapters });
 */
export type EpochAttribution = {
  /** [checksummed account, OPEN wei > 0], sorted by address (lower case). */
  rewards: readonly (readonly [string, bigint])[];
  /** One per account of `rewards` (and accounts with credit that rounded to 0), same order. */
  explanations: readonly AccountExplanation[];
  unassigned: readonly Unassigned[];
  adapters: readonly AdapterSummary[];
};
