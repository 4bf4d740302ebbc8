// The span finder: every maximal span of at least k tokens of an output that occurs in the corpus,
// with the suffix-array interval of its occurrences, and the documents holding a span.
//
// Definitions. For an output q of m tokens, L(i) is the length of the longest prefix of q[i, m)
// occurring in the corpus and R(i) = i + L(i). R never decreases (q[i + 1, R(i)) occurs too). A span
// q[i, R(i)) with L(i) ≥ k is maximal (no longer matching span contains it) iff R(i) > R(i − 1).
//
// Search. A k-gram filter marks the positions whose k-gram may occur; at such a position i the
// suffix array gives the interval of q[i, i + k), which is then narrowed symbol by symbol to L(i).
// The next maximal span after i starts at the smallest j > i with q[j, R(i) + 1) occurring
// (occurrence of that string is monotone in j), found by binary search, so the positions a span
// covers are not searched one by one.
import { documentAt } from "./corpus.ts";
import { markCandidates } from "./kgram.ts";
import type { CorpusIndex, Span } from "./types.ts";

let symbolsScratch = new Int32Array(1024);
let candidatesScratch = new Uint8Array(1024);

/**
 * The output's tokens as corpus symbols (−1 for a token no indexed document holds), in a scratch
 * buffer reused by the next call.
 */
function toSymbols(index: CorpusIndex, tokens: Uint32Array): Int32Array {
  if (symbolsScratch.length < tokens.length) symbolsScratch = new Int32Array(2 * tokens.length);
  const { symbolOf } = index;
  const symbols = symbolsScratch;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    symbols[i] = token < symbolOf.length ? symbolOf[token]! : -1;
  }
  return symbols;
}

/**
 * Compares the suffix at `position` with `q[from, from + length)` from symbol `depth` on (the
 * first `depth` symbols are known equal): negative if the suffix is smaller, 0 if the pattern is
 * a prefix of it, positive if greater. The text ends with a separator (0) below every symbol of a
 * pattern, so a suffix never runs out before a mismatch.
 */
function compareSuffix(
  text: Int32Array,
  position: number,
  q: Int32Array,
  from: number,
  depth: number,
  length: number,
): number {
  for (let j = depth; j < length; j++) {
    const a = text[position + j]!;
    const b = q[from + j]!;
    if (a !== b) return a - b;
  }
  return 0;
}

/**
 * The sub-interval of `suffixArray[lo, hi)` (suffixes sharing q's first `depth` symbols) whose
 * suffixes start with `q[from, from + length)`, as [lo, hi) (empty when lo === hi).
 */
function findInterval(
  index: CorpusIndex,
  q: Int32Array,
  from: number,
  length: number,
  lo: number,
  hi: number,
  depth: number,
): [number, number] {
  const { text, suffixArray } = index;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareSuffix(text, suffixArray[mid]!, q, from, depth, length);
    if (c < 0) lo = mid + 1;
    else if (c > 0) hi = mid;
    else {
      // a match at mid: the first match in [lo, mid], the first greater in (mid, hi)
      let a = lo;
      let b = mid;
      while (a < b) {
        const x = (a + b) >>> 1;
        if (compareSuffix(text, suffixArray[x]!, q, from, depth, length) < 0) a = x + 1;
        else b = x;
      }
      let c2 = mid + 1;
      let d = hi;
      while (c2 < d) {
        const x = (c2 + d) >>> 1;
        if (compareSuffix(text, suffixArray[x]!, q, from, depth, length) > 0) d = x;
        else c2 = x + 1;
      }
      return [a, c2];
    }
  }
  return [lo, lo];
}

/**
 * Extends the match q[i, i + length) with interval [lo, hi) as far as the corpus allows: returns
 * [L(i), lo, hi] for the longest match.
 */
function extend(
  index: CorpusIndex,
  q: Int32Array,
  m: number,
  i: number,
  length: number,
  lo: number,
  hi: number,
): [number, number, number] {
  const { text, suffixArray } = index;
  while (i + length < m) {
    const c = q[i + length]!;
    if (c < 0) break;
    if (hi - lo === 1) {
      const position = suffixArray[lo]!;
      while (i + length < m && text[position + length] === q[i + length]) length++;
      break;
    }
    // suffixes in [lo, hi) share `length` symbols: narrow to those with c next
    let a = lo;
    let b = hi;
    while (a < b) {
      const x = (a + b) >>> 1;
      if (text[suffixArray[x]! + length]! < c) a = x + 1;
      else b = x;
    }
    if (a === hi || text[suffixArray[a]! + length] !== c) break;
    let e = a + 1;
    b = hi;
    while (e < b) {
      const x = (e + b) >>> 1;
      if (text[suffixArray[x]! + length]! > c) b = x;
      else e = x + 1;
    }
    lo = a;
    hi = e;
    length++;
  }
  return [length, lo, hi];
}

/**
 * Every maximal span of at least `index.k` tokens of `tokens` that occurs in the indexed corpus,
 * in increasing start (and end) order, with the suffix-array interval of its occurrences.
 *
 * @example
 * const spans = findSpans(index, tokenize(output)); // [{ start: 12, end: 40, lo: 9120, hi: 9122 }, …]
 */
export function findSpans(index: CorpusIndex, tokens: Uint32Array): Span[] {
  const m = tokens.length;
  const { k } = index;
  const spans: Span[] = [];
  if (m < k || index.documents.length === 0) return spans;
  const q = toSymbols(index, tokens);
  if (candidatesScratch.length < m) candidatesScratch = new Uint8Array(2 * m);
  const candidates = candidatesScratch;
  markCandidates(index.filter, q, m, k, candidates);
  const n = index.suffixArray.length;

  let x = 0;
  let known = k; // q[x, x + known) is known to occur when known > k (after a jump)
  while (x + k <= m) {
    if (candidates[x] === 0) {
      x++;
      known = k;
      continue;
    }
    const [lo0, hi0] = findInterval(index, q, x, known, 0, n, 0);
    if (lo0 === hi0) {
      x++; // a filter false positive
      known = k;
      continue;
    }
    const [length, lo, hi] = extend(index, q, m, x, known, lo0, hi0);
    const end = x + length;
    spans.push({ start: x, end, lo, hi });
    if (end >= m || q[end]! < 0) {
      x = end + 1; // no match crosses q[end]: every position up to it ends by `end`
      known = k;
      continue;
    }
    // The smallest j in (x, end] with q[j, end + 1) occurring: R(j) > end, and every position in
    // (x, j) ends at `end`, inside this span. j = end qualifies (q[end] is a corpus token).
    let a = x + 1;
    let b = end;
    while (a < b) {
      const j = (a + b) >>> 1;
      const [l, h] = findInterval(index, q, j, end + 1 - j, 0, n, 0);
      if (l < h) b = j;
      else a = j + 1;
    }
    // j is the next span if L(j) ≥ k; if not, the next one is the next position with L ≥ k (any
    // position with L ≥ k right after one without is maximal), which the loop finds.
    x = a;
    known = Math.max(k, end + 1 - a);
  }
  return spans;
}

let documentsScratch = new Int32Array(256);

/**
 * The documents holding the span with occurrences `suffixArray[lo, hi)`, sorted and distinct, or
 * null when it has more than `maxOccurrences` occurrences (then it is common whatever the count of
 * documents, and they are not enumerated).
 *
 * @example
 * const holders = spanDocuments(index, span.lo, span.hi, SPAN_MATCH_V1.params.maxOccurrences);
 */
export function spanDocuments(index: CorpusIndex, lo: number, hi: number, maxOccurrences: number): number[] | null {
  const count = hi - lo;
  if (count > maxOccurrences) return null;
  if (documentsScratch.length < count) documentsScratch = new Int32Array(2 * count);
  const documents = documentsScratch.subarray(0, count);
  for (let x = lo; x < hi; x++) documents[x - lo] = documentAt(index.starts, index.suffixArray[x]!);
  documents.sort();
  const distinct: number[] = [];
  for (let i = 0; i < count; i++) if (i === 0 || documents[i] !== documents[i - 1]) distinct.push(documents[i]!);
  return distinct;
}
