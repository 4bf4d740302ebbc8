// Shared by the attribution tests: a seeded PRNG, corpus generators and naive reference
// implementations (suffix sort, span finder). No tests here.
import { getAddress } from "ethers";

import { SeededRandom } from "../../utils/random.js";
import type { CorpusContribution } from "../../../oracle/src/attribution/types.js";

/** The seeded PRNG with the attribution tests' generators. */
export class Random extends SeededRandom {
  /** A Zipf-distributed rank in [0, n): P(r) ∝ 1 / (r + 1). */
  zipf(n: number): number {
    // inverse of the continuous approximation: r = n^u − 1
    return Math.min(n - 1, Math.floor(Math.pow(n + 1, this.u32() / 2 ** 32)) - 1);
  }

  /** A checksummed address. */
  address(): string {
    let hex = "";
    for (let i = 0; i < 5; i++) hex += this.u32().toString(16).padStart(8, "0");
    return getAddress(`0x${hex}`);
  }
}

/** The suffix array by sorting: the reference the SA-IS build is checked against. */
export function naiveSuffixArray(text: ArrayLike<number>): number[] {
  const n = text.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    while (a < n && b < n) {
      if (text[a] !== text[b]) return text[a]! - text[b]!;
      a++;
      b++;
    }
    return a < n ? 1 : b < n ? -1 : 0;
  });
  return order;
}

/** Whether `pattern` occurs in `document`. */
export function occursIn(document: Uint32Array, pattern: Uint32Array): boolean {
  outer: for (let i = 0; i + pattern.length <= document.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (document[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

/** A span as the naive finder sees it: start, end and the documents (indices) holding it. */
export type NaiveSpan = { start: number; end: number; documents: number[] };

/**
 * Every maximal span of at least k tokens of `output` occurring in one of `documents`, by brute
 * force: L(i) for every i, kept when L(i) ≥ k and i + L(i) > i − 1 + L(i − 1).
 */
export function naiveSpans(documents: readonly Uint32Array[], output: Uint32Array, k: number): NaiveSpan[] {
  const occurs = (from: number, length: number) =>
    documents.some((document) => occursIn(document, output.subarray(from, from + length)));
  const longest: number[] = [];
  for (let i = 0; i < output.length; i++) {
    let length = 0;
    while (i + length < output.length && occurs(i, length + 1)) length++;
    longest.push(length);
  }
  const spans: NaiveSpan[] = [];
  for (let i = 0; i < output.length; i++) {
    if (longest[i]! < k) continue;
    if (i > 0 && i + longest[i]! <= i - 1 + longest[i - 1]!) continue;
    const pattern = output.subarray(i, i + longest[i]!);
    const holders = documents.flatMap((document, d) => (occursIn(document, pattern) ? [d] : []));
    spans.push({ start: i, end: i + longest[i]!, documents: holders });
  }
  return spans;
}

/** `count` tokens drawn from a Zipf distribution over `vocabulary` token ids (offset by `first`). */
export function zipfTokens(random: Random, count: number, vocabulary: number, first = 0): Uint32Array {
  const tokens = new Uint32Array(count);
  for (let i = 0; i < count; i++) tokens[i] = first + random.zipf(vocabulary);
  return tokens;
}

/**
 * A corpus entry: datanet 1, the given id and contributor, a content hash derived from the id.
 */
export function entry(
  contributionId: bigint,
  contributor: string,
  tokens: Uint32Array,
  datanetId = 1n,
): CorpusContribution {
  return {
    datanetId,
    contributionId,
    contributor,
    contentHash: `0x${contributionId.toString(16).padStart(64, "0")}`,
    tokens,
  };
}

/** The concatenation of token arrays. */
export function concat(...parts: Uint32Array[]): Uint32Array {
  const out = new Uint32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
