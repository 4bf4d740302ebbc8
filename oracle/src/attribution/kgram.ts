// The k-gram filter of a corpus index: a blocked Bloom filter (Putze, Sanders, Singler 2007) of
// every k-symbol window of the corpus, so the span finder searches the suffix array only at output
// positions whose next k tokens may occur in the corpus (and never misses one that does: a Bloom
// filter has false positives, which the suffix array search then rejects, but no false negatives).
// One block is 512 bits (16 words, one cache line): a window sets 3 bits of one block, so a lookup
// costs one cache miss. 8 bits per window (1 byte per corpus token): about 4% false positives.
//
// Window hash: polynomial over the symbols modulo 2^32, rolled in O(1) per position, then mixed
// with MurmurHash3's finalizer. It only decides which bits to set, never a result: a collision is
// one more false positive.

const BASE = 0x01000193; // odd, so every power of it is a unit modulo 2^32
const WORDS_PER_BLOCK = 16;

/** Words of the filter for `windows` k-grams: 16 per block, 8 bits per window (at least one block). */
export function filterWords(windows: number): number {
  return Math.max(1, Math.ceil((windows * 8) / 512)) * WORDS_PER_BLOCK;
}

/** BASE^(k − 1) modulo 2^32: what the leaving symbol is multiplied by when a window rolls. */
export function leadingPower(k: number): number {
  let power = 1;
  for (let i = 1; i < k; i++) power = Math.imul(power, BASE);
  return power;
}

function mix(hash: number): number {
  let x = hash ^ (hash >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/** The block of a mixed hash: its high bits scaled to the block count (Lemire's fast range). */
function blockOf(x: number, blocks: number): number {
  return Math.floor(((x >>> 0) / 4294967296) * blocks) * WORDS_PER_BLOCK;
}

function setWindow(filter: Uint32Array, blocks: number, hash: number): void {
  const x = mix(hash);
  const y = mix(x ^ 0x5bd1e995);
  const base = blockOf(x, blocks);
  const b1 = y & 511;
  const b2 = (y >>> 9) & 511;
  const b3 = (y >>> 18) & 511;
  filter[base + (b1 >>> 5)]! |= 1 << (b1 & 31);
  filter[base + (b2 >>> 5)]! |= 1 << (b2 & 31);
  filter[base + (b3 >>> 5)]! |= 1 << (b3 & 31);
}

function hasWindow(filter: Uint32Array, blocks: number, hash: number): boolean {
  const x = mix(hash);
  const y = mix(x ^ 0x5bd1e995);
  const base = blockOf(x, blocks);
  const b1 = y & 511;
  const b2 = (y >>> 9) & 511;
  const b3 = (y >>> 18) & 511;
  return (
    (filter[base + (b1 >>> 5)]! & (1 << (b1 & 31))) !== 0 &&
    (filter[base + (b2 >>> 5)]! & (1 << (b2 & 31))) !== 0 &&
    (filter[base + (b3 >>> 5)]! & (1 << (b3 & 31))) !== 0
  );
}

/**
 * Adds every window of k symbols of `symbols[from, to)` that holds no symbol ≤ 0 (a separator or
 * an unknown token) to `filter`.
 */
export function addWindows(filter: Uint32Array, symbols: Int32Array, from: number, to: number, k: number): void {
  const blocks = filter.length / WORDS_PER_BLOCK;
  const lead = leadingPower(k);
  let hash = 0;
  let run = 0; // symbols > 0 ending at i
  for (let i = from; i < to; i++) {
    const c = symbols[i]!;
    if (c <= 0) {
      run = 0;
      hash = 0;
      continue;
    }
    if (run >= k) hash = (hash - Math.imul(symbols[i - k]!, lead)) | 0;
    hash = (Math.imul(hash, BASE) + c) | 0;
    run++;
    if (run >= k) setWindow(filter, blocks, hash);
  }
}

/**
 * Sets `candidates[i]` to 1 when the window `symbols[i, i + k)` may occur in the filter's corpus
 * (no symbol ≤ 0 in it and its bits are set), else 0, for every i in `[0, length − k]`.
 */
export function markCandidates(
  filter: Uint32Array,
  symbols: Int32Array,
  length: number,
  k: number,
  candidates: Uint8Array,
): void {
  const blocks = filter.length / WORDS_PER_BLOCK;
  const lead = leadingPower(k);
  candidates.fill(0, 0, length);
  let hash = 0;
  let run = 0;
  for (let i = 0; i < length; i++) {
    const c = symbols[i]!;
    if (c <= 0) {
      run = 0;
      hash = 0;
      continue;
    }
    if (run >= k) hash = (hash - Math.imul(symbols[i - k]!, lead)) | 0;
    hash = (Math.imul(hash, BASE) + c) | 0;
    run++;
    if (run >= k && hasWindow(filter, blocks, hash)) candidates[i - k + 1] = 1;
  }
}
