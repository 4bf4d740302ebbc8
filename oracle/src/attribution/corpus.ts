// The index of one corpus: its contributions in (datanetId, contributionId) order, near-duplicates
// found and left out, the rest concatenated over a dense alphabet with a separator after each
// document, the suffix array of that text and a k-gram filter.
import { getAddress } from "ethers";

import type { Log } from "../log.ts";
import { InvalidContributionError } from "./errors.ts";
import { addWindows, filterWords } from "./kgram.ts";
import { validateParams } from "./method.ts";
import { buildSuffixArray } from "./suffixArray.ts";
import type { CorpusContribution, CorpusDocument, CorpusIndex, NearDuplicate, SpanMatchParams } from "./types.ts";

/** Token ids must be below this (o200k_base has about 200,000): the remap table has this many entries at most. */
export const MAX_TOKEN_ID = 1 << 24;

/** The options of `buildCorpus`. */
export type BuildCorpusOptions = {
  /** Progress and figures: `corpus indexed` with documents, tokens, nearDuplicates and seconds. */
  log?: Log;
};

/**
 * Indexes a corpus: the accepted contributions of the Datanet versions an adapter was trained on.
 * Sorts them by (datanetId, contributionId), merges identical repeats (one contribution in two
 * versions), finds the near-duplicates (README: a contribution with at least
 * `nearDuplicateCoverageBps` of its tokens in k-token windows that also occur in an EARLIER
 * contribution) and indexes the others. Deterministic: the same contributions in any order give
 * the same index.
 *
 * Cost: two suffix arrays when there are near-duplicates (one to find them, one without them), one
 * otherwise; memory: 8 bytes per token besides the input, plus the filter (1 byte per token).
 *
 * @throws {InvalidContributionError} for a malformed entry or a conflicting repeat.
 * @throws {InvalidMethodParamsError} for parameters out of range.
 * @example
 * const index = buildCorpus(contributions.map((c) => ({ ...c, tokens: tokenize(c.text) })), SPAN_MATCH_V1.params);
 */
export function buildCorpus(
  contributions: readonly CorpusContribution[],
  params: SpanMatchParams,
  options: BuildCorpusOptions = {},
): CorpusIndex {
  validateParams(params);
  const started = performance.now();
  const { k, nearDuplicateCoverageBps } = params;
  const entries = sortedEntries(contributions);
  const documents: CorpusDocument[] = entries.map(({ entry, contributor }) => ({
    datanetId: entry.datanetId,
    contributionId: entry.contributionId,
    contributor,
    contentHash: entry.contentHash,
    tokenCount: entry.tokens.length,
  }));
  const tokens = entries.map(({ entry }) => entry.tokens);

  let built = assemble(tokens, undefined);
  let suffixArray = buildSuffixArray(built.text, built.alphabetSize);
  const nearDuplicates: NearDuplicate[] = [];
  let kept = documents;
  if (documents.length > 1) {
    const { covered, repeats } = nearDuplicateCoverage(built.text, suffixArray, built.starts, k);
    const keep: number[] = [];
    for (let d = 0; d < documents.length; d++) {
      const count = documents[d]!.tokenCount;
      if (count > 0 && covered[d]! * 10_000 >= nearDuplicateCoverageBps * count) {
        const original = documents[repeats[d]!]!;
        nearDuplicates.push({
          ...documents[d]!,
          coveredTokens: covered[d]!,
          repeats: { datanetId: original.datanetId, contributionId: original.contributionId },
        });
      } else {
        keep.push(d);
      }
    }
    if (nearDuplicates.length > 0) {
      // Index again without them, in the memory of the first index (the text only shrinks).
      kept = keep.map((d) => documents[d]!);
      const text = built.text;
      built = assemble(
        keep.map((d) => tokens[d]!),
        text,
      );
      suffixArray = buildSuffixArray(built.text, built.alphabetSize, suffixArray.subarray(0, built.text.length));
    }
  }

  const filter = new Uint32Array(filterWords(Math.max(1, built.text.length)));
  for (let d = 0; d < kept.length; d++) addWindows(filter, built.text, built.starts[d]!, built.starts[d + 1]! - 1, k);

  const index: CorpusIndex = {
    k,
    nearDuplicateCoverageBps,
    documents: Object.freeze(kept),
    nearDuplicates: Object.freeze(nearDuplicates),
    text: built.text,
    starts: built.starts,
    suffixArray,
    symbolOf: built.symbolOf,
    filter,
  };
  options.log?.({
    level: "debug",
    msg: "corpus indexed",
    documents: kept.length,
    nearDuplicates: nearDuplicates.length,
    tokens: built.text.length - kept.length,
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  });
  return Object.freeze(index);
}

/**
 * The document holding text position `position` of `index` (−1 for a position before the first):
 * the last i with `starts[i] ≤ position`.
 *
 * @example
 * const { contributor } = index.documents[documentAt(index.starts, index.suffixArray[lo])];
 */
export function documentAt(starts: Int32Array, position: number): number {
  let lo = 0;
  let hi = starts.length - 1; // starts[hi] is the text length
  if (position < starts[0]!) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= position) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The entries validated, checksummed, sorted by (datanetId, contributionId), identical repeats merged. */
function sortedEntries(
  contributions: readonly CorpusContribution[],
): { entry: CorpusContribution; contributor: string; index: number }[] {
  if (!Array.isArray(contributions)) throw new InvalidContributionError({ index: -1, reason: "tokens" });
  const entries = contributions.map((entry, index) => {
    const fail = (reason: ConstructorParameters<typeof InvalidContributionError>[0]["reason"]) => {
      throw new InvalidContributionError({ index, reason });
    };
    if (typeof entry !== "object" || entry === null) fail("tokens");
    if (typeof entry.datanetId !== "bigint" || entry.datanetId < 0n) fail("datanetId");
    if (typeof entry.contributionId !== "bigint" || entry.contributionId < 0n) fail("contributionId");
    if (typeof entry.contentHash !== "string") fail("contentHash");
    if (!(entry.tokens instanceof Uint32Array)) fail("tokens");
    for (let i = 0; i < entry.tokens.length; i++) if (entry.tokens[i]! >= MAX_TOKEN_ID) fail("tokens");
    let contributor = "";
    try {
      contributor = getAddress(entry.contributor);
    } catch {
      fail("contributor");
    }
    return { entry, contributor, index };
  });
  entries.sort((a, b) =>
    a.entry.datanetId !== b.entry.datanetId
      ? a.entry.datanetId < b.entry.datanetId
        ? -1
        : 1
      : a.entry.contributionId !== b.entry.contributionId
        ? a.entry.contributionId < b.entry.contributionId
          ? -1
          : 1
        : a.index - b.index,
  );
  const merged: typeof entries = [];
  for (const current of entries) {
    const previous = merged.at(-1);
    if (
      previous !== undefined &&
      previous.entry.datanetId === current.entry.datanetId &&
      previous.entry.contributionId === current.entry.contributionId
    ) {
      const same =
        previous.contributor === current.contributor &&
        previous.entry.contentHash.toLowerCase() === current.entry.contentHash.toLowerCase() &&
        equalTokens(previous.entry.tokens, current.entry.tokens);
      if (!same)
        throw new InvalidContributionError({ index: Math.max(previous.index, current.index), reason: "conflict" });
      continue;
    }
    merged.push(current);
  }
  return merged;
}

function equalTokens(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

type Assembled = { text: Int32Array; starts: Int32Array; symbolOf: Int32Array; alphabetSize: number };

/**
 * The documents' tokens over a dense alphabet (symbol 1… by increasing token id, 0 the separator
 * after each document), into `reuse` when it is long enough.
 */
function assemble(documents: readonly Uint32Array[], reuse: Int32Array | undefined): Assembled {
  let maxToken = -1;
  let length = documents.length;
  for (const tokens of documents) {
    length += tokens.length;
    for (let i = 0; i < tokens.length; i++) if (tokens[i]! > maxToken) maxToken = tokens[i]!;
  }
  const symbolOf = new Int32Array(maxToken + 1).fill(-1);
  for (const tokens of documents) for (let i = 0; i < tokens.length; i++) symbolOf[tokens[i]!] = 0;
  let alphabetSize = 1;
  for (let token = 0; token <= maxToken; token++) if (symbolOf[token] === 0) symbolOf[token] = alphabetSize++;

  const text = reuse !== undefined && reuse.length >= length ? reuse.subarray(0, length) : new Int32Array(length);
  const starts = new Int32Array(documents.length + 1);
  let at = 0;
  for (let d = 0; d < documents.length; d++) {
    starts[d] = at;
    const tokens = documents[d]!;
    for (let i = 0; i < tokens.length; i++) text[at++] = symbolOf[tokens[i]!]!;
    text[at++] = 0;
  }
  starts[documents.length] = at;
  return { text, starts, symbolOf, alphabetSize };
}

/**
 * For each document, how many of its tokens lie in a k-symbol window that also occurs in an
 * earlier document (lower index), and the earliest document sharing a window with it (itself when
 * none). One pass over the suffix array: equal windows are adjacent in it.
 */
function nearDuplicateCoverage(
  text: Int32Array,
  suffixArray: Int32Array,
  starts: Int32Array,
  k: number,
): { covered: Int32Array; repeats: Int32Array } {
  const n = text.length;
  const documentCount = starts.length - 1;
  const marked = new Uint8Array((n + 7) >>> 3); // window starts occurring in an earlier document
  const repeats = new Int32Array(documentCount);
  for (let d = 0; d < documentCount; d++) repeats[d] = d;
  let groupDocuments = new Int32Array(64);

  let r = 0;
  while (r < n) {
    const p = suffixArray[r]!;
    // A window: k symbols, none of them the separator (so it lies inside one document).
    let valid = p + k <= n;
    for (let j = 0; valid && j < k; j++) if (text[p + j] === 0) valid = false;
    let e = r + 1;
    if (valid) {
      while (e < n) {
        const q = suffixArray[e]!;
        if (q + k > n) break;
        let j = 0;
        while (j < k && text[q + j] === text[p + j]) j++;
        if (j < k) break;
        e++;
      }
    }
    if (e - r >= 2) {
      if (groupDocuments.length < e - r) groupDocuments = new Int32Array(2 * (e - r));
      let first = documentCount;
      for (let x = r; x < e; x++) {
        const d = documentAt(starts, suffixArray[x]!);
        groupDocuments[x - r] = d;
        if (d < first) first = d;
      }
      for (let x = r; x < e; x++) {
        const d = groupDocuments[x - r]!;
        if (d > first) {
          const position = suffixArray[x]!;
          marked[position >>> 3]! |= 1 << (position & 7);
          if (first < repeats[d]!) repeats[d] = first;
        }
      }
    }
    r = e;
  }

  const covered = new Int32Array(documentCount);
  for (let d = 0; d < documentCount; d++) {
    const end = starts[d + 1]! - 1; // the separator
    let count = 0;
    let coveredTo = starts[d]!;
    for (let p = starts[d]!; p < end; p++) {
      if ((marked[p >>> 3]! & (1 << (p & 7))) === 0) continue;
      const to = p + k; // ≤ end: a marked window lies inside the document
      count += to - Math.max(p, coveredTo);
      coveredTo = to;
    }
    covered[d] = count;
  }
  return { covered, repeats };
}
