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
 * `contributions` is an array or any other iterable, e.g. a generator that tokenizes one
 * contribution at a time: an iterable's entries are copied as they come (the caller can drop each
 * token array once the next entry is asked for), an array's are read in place.
 *
 * Cost: two suffix arrays when there are near-duplicates (one to find them, one without them), one
 * otherwise; memory: 8 bytes per token (text and suffix array) plus the filter (1 byte per token),
 * besides an array's token arrays (an iterable's are copied in chunks that are freed as the text
 * is laid out, before the suffix array is allocated).
 *
 * @throws {InvalidContributionError} for a malformed entry or a conflicting repeat.
 * @throws {InvalidMethodParamsError} for parameters out of range.
 * @example
 * const index = buildCorpus(contributions.map((c) => ({ ...c, tokens: tokenize(c.text) })), SPAN_MATCH_V1.params);
 * // or one contribution tokenized at a time:
 * const streamed = buildCorpus(
 *   (function* () { for (const c of contributions) yield { ...c, tokens: tokenize(c.text) }; })(),
 *   SPAN_MATCH_V1.params,
 * );
 */
export function buildCorpus(
  contributions: Iterable<CorpusContribution>,
  params: SpanMatchParams,
  options: BuildCorpusOptions = {},
): CorpusIndex {
  validateParams(params);
  const started = performance.now();
  const { k, nearDuplicateCoverageBps } = params;
  const { entries, chunks, maxToken } = sortedEntries(contributions);
  const documents: CorpusDocument[] = entries.map((entry) => ({
    datanetId: entry.datanetId,
    contributionId: entry.contributionId,
    contributor: entry.contributor,
    contentHash: entry.contentHash,
    tokenCount: entry.tokens.length,
  }));

  let built = assemble(entries, chunks, maxToken);
  entries.length = 0; // the chunks are freed; an array's tokens are the caller's
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
      built = withoutDocuments(built, keep);
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

/** A validated entry: its tokens are the caller's array, or a view into a chunk (`chunk` ≥ 0). */
type Entry = {
  datanetId: bigint;
  contributionId: bigint;
  contributor: string;
  contentHash: string;
  tokens: Uint32Array;
  chunk: number;
  index: number;
};

/** Chunks an iterable's tokens are copied into: 256 KiB first, doubling to 32 MiB (mmapped, so returned when freed). */
const FIRST_CHUNK = 1 << 16;
const LARGEST_CHUNK = 1 << 23;

/** Copies of an iterable's token arrays, packed into chunks in arrival order. */
class Chunks {
  list: Uint32Array[] = [];
  current = new Uint32Array(0);
  used = 0;

  /** A copy of `tokens` in the current chunk, or in a new one when it does not fit. */
  copy(tokens: Uint32Array): { chunk: number; tokens: Uint32Array } {
    if (this.used + tokens.length > this.current.length || this.list.length === 0) {
      const grown = this.list.length === 0 ? FIRST_CHUNK : Math.min(LARGEST_CHUNK, 2 * this.current.length);
      this.current = new Uint32Array(Math.max(grown, tokens.length));
      this.list.push(this.current);
      this.used = 0;
    }
    const at = this.used;
    this.current.set(tokens, at);
    this.used += tokens.length;
    return { chunk: this.list.length - 1, tokens: this.current.subarray(at, this.used) };
  }

  /** Frees chunk `c` now (its buffer detached: its views become empty), not at the next collection. */
  free(c: number): void {
    const buffer = this.list[c]!.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
    if (typeof buffer.transfer === "function") buffer.transfer(0);
    this.list[c] = new Uint32Array(0);
  }
}

/**
 * The entries validated, checksummed, sorted by (datanetId, contributionId), identical repeats
 * merged; an iterable's tokens copied into chunks; the largest token id (−1 for none).
 */
function sortedEntries(contributions: Iterable<CorpusContribution>): {
  entries: Entry[];
  chunks: Chunks | undefined;
  maxToken: number;
} {
  if (
    typeof contributions !== "object" ||
    contributions === null ||
    typeof (contributions as Partial<Iterable<unknown>>)[Symbol.iterator] !== "function"
  ) {
    throw new InvalidContributionError({ index: -1, reason: "tokens" });
  }
  const chunks = Array.isArray(contributions) ? undefined : new Chunks();
  const entries: Entry[] = [];
  let maxToken = -1;
  let index = 0;
  for (const entry of contributions) {
    const fail = (reason: ConstructorParameters<typeof InvalidContributionError>[0]["reason"]) => {
      throw new InvalidContributionError({ index, reason });
    };
    if (typeof entry !== "object" || entry === null) fail("tokens");
    if (typeof entry.datanetId !== "bigint" || entry.datanetId < 0n) fail("datanetId");
    if (typeof entry.contributionId !== "bigint" || entry.contributionId < 0n) fail("contributionId");
    if (typeof entry.contentHash !== "string") fail("contentHash");
    if (!(entry.tokens instanceof Uint32Array)) fail("tokens");
    let max = -1;
    for (let i = 0; i < entry.tokens.length; i++) if (entry.tokens[i]! > max) max = entry.tokens[i]!;
    if (max >= MAX_TOKEN_ID) fail("tokens");
    let contributor = "";
    try {
      contributor = getAddress(entry.contributor);
    } catch {
      fail("contributor");
    }
    const { chunk, tokens } = chunks === undefined ? { chunk: -1, tokens: entry.tokens } : chunks.copy(entry.tokens);
    if (max > maxToken) maxToken = max;
    entries.push({
      datanetId: entry.datanetId,
      contributionId: entry.contributionId,
      contributor,
      contentHash: entry.contentHash,
      tokens,
      chunk,
      index: index++,
    });
  }
  entries.sort((a, b) =>
    a.datanetId !== b.datanetId
      ? a.datanetId < b.datanetId
        ? -1
        : 1
      : a.contributionId !== b.contributionId
        ? a.contributionId < b.contributionId
          ? -1
          : 1
        : a.index - b.index,
  );
  const merged: Entry[] = [];
  for (const current of entries) {
    const previous = merged.at(-1);
    if (
      previous !== undefined &&
      previous.datanetId === current.datanetId &&
      previous.contributionId === current.contributionId
    ) {
      const same =
        previous.contributor === current.contributor &&
        previous.contentHash.toLowerCase() === current.contentHash.toLowerCase() &&
        equalTokens(previous.tokens, current.tokens);
      if (!same)
        throw new InvalidContributionError({ index: Math.max(previous.index, current.index), reason: "conflict" });
      continue;
    }
    merged.push(current);
  }
  return { entries: merged, chunks, maxToken };
}

function equalTokens(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

type Assembled = { text: Int32Array; starts: Int32Array; symbolOf: Int32Array; alphabetSize: number };

/**
 * The documents' tokens over a dense alphabet (symbol 1… by increasing token id, 0 the separator
 * after each document). Chunked tokens are copied chunk by chunk, each chunk freed once copied, so
 * the memory held is the text written so far plus the chunks not copied yet.
 */
function assemble(entries: readonly Entry[], chunks: Chunks | undefined, maxToken: number): Assembled {
  const symbolOf = new Int32Array(maxToken + 1).fill(-1);
  let length = entries.length;
  for (const { tokens } of entries) {
    length += tokens.length;
    for (let i = 0; i < tokens.length; i++) symbolOf[tokens[i]!] = 0;
  }
  let alphabetSize = 1;
  for (let token = 0; token <= maxToken; token++) if (symbolOf[token] === 0) symbolOf[token] = alphabetSize++;

  const text = new Int32Array(length);
  const starts = new Int32Array(entries.length + 1);
  let at = 0;
  for (let d = 0; d < entries.length; d++) {
    starts[d] = at;
    at += entries[d]!.tokens.length + 1; // the separator, 0, is already there
  }
  starts[entries.length] = at;
  const copy = (d: number) => {
    const tokens = entries[d]!.tokens;
    for (let i = 0, p = starts[d]!; i < tokens.length; i++, p++) text[p] = symbolOf[tokens[i]!]!;
  };
  if (chunks === undefined) {
    for (let d = 0; d < entries.length; d++) copy(d);
  } else {
    const byChunk = Array.from({ length: chunks.list.length }, (): number[] => []);
    for (let d = 0; d < entries.length; d++) byChunk[entries[d]!.chunk]!.push(d);
    for (let c = 0; c < byChunk.length; c++) {
      for (const d of byChunk[c]!) copy(d);
      chunks.free(c);
    }
  }
  return { text, starts, symbolOf, alphabetSize };
}

/**
 * `built` without the documents not in `keep` (increasing), in place: the kept documents move
 * down in the same buffer and the symbols are made dense again, so the result is what `assemble`
 * gives for the kept documents alone.
 */
function withoutDocuments(built: Assembled, keep: readonly number[]): Assembled {
  const { text: full, starts: fullStarts, symbolOf: fullSymbolOf, alphabetSize: fullAlphabet } = built;
  const starts = new Int32Array(keep.length + 1);
  let at = 0;
  for (let i = 0; i < keep.length; i++) {
    const d = keep[i]!;
    starts[i] = at;
    full.copyWithin(at, fullStarts[d]!, fullStarts[d + 1]!);
    at += fullStarts[d + 1]! - fullStarts[d]!;
  }
  starts[keep.length] = at;
  const text = full.subarray(0, at);
  // Symbols still used, renumbered in order (the old numbering already follows the token ids).
  const symbol = new Int32Array(fullAlphabet);
  for (let p = 0; p < at; p++) symbol[text[p]!] = 1;
  symbol[0] = 0; // the separator stays 0
  let alphabetSize = 1;
  let largest = 0; // the largest old symbol still used
  for (let c = 1; c < fullAlphabet; c++) {
    if (symbol[c] === 1) {
      symbol[c] = alphabetSize++;
      largest = c;
    }
  }
  for (let p = 0; p < at; p++) text[p] = symbol[text[p]!]!;
  let maxToken = -1;
  for (let token = 0; token < fullSymbolOf.length; token++) if (fullSymbolOf[token] === largest) maxToken = token;
  const symbolOf = new Int32Array(largest === 0 ? 0 : maxToken + 1).fill(-1);
  for (let token = 0; token < symbolOf.length; token++) {
    const c = fullSymbolOf[token]!;
    if (c > 0 && symbol[c]! > 0) symbolOf[token] = symbol[c]!;
  }
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
