// The suffix array of an integer string, built with SA-IS (Nong, Zhang and Chan, "Two Efficient
// Algorithms for Linear Time Suffix Array Construction", 2009), written for this package on
// Int32Arrays. Two devices from Yuta Mori's sais make it fast and small:
// - no type array: while inducing, the sign of an entry says whether its predecessor still has
//   to be induced in this pass (the predecessor's type, computed from two adjacent symbols when
//   the entry is written, so a pass reads the text once per entry);
// - the recursion lives inside the suffix array: the reduced string takes the array's tail, its
//   suffix array the head, and the middle is the child's scratch space for its buckets.
// Working memory beyond the text and the result: a 16-bit copy of the text when the alphabet has
// at most 2^16 symbols (2 bytes per symbol, during the build only), two bucket arrays of the
// top-level alphabet (the caller remaps symbols to a dense alphabet), plus at most one bucket array
// per recursion level that does not fit in that level's free space (none for typical text;
// ≤ 1 byte/symbol in the worst case measured by the tests).
//
// Order: suffixes are compared symbol by symbol, and a suffix that is a proper prefix of another
// is smaller (the usual virtual sentinel, smaller than every symbol, ends the string).

import { InvalidSymbolError } from "./errors.ts";

/** A text over at most this many symbols is sorted from a 16-bit copy. */
const NARROW_ALPHABET = 1 << 16;

/** A text as the build reads it: the caller's, or its 16-bit copy. */
type Text = Int32Array | Uint16Array;

/** Bucket arrays of at most this many entries (1 MiB) are allocated rather than recomputed. */
const SMALL_ALPHABET = 1 << 18;

const NO_WORKSPACE = new Int32Array(0);

/** Entries per block of the passes that gather their random reads first (see the induction passes). */
const BLOCK = 512;
const gatheredEntry = new Int32Array(BLOCK);
const gatheredSymbol = new Int32Array(BLOCK);

/**
 * The suffix array of `text`: the start positions of its suffixes in increasing lexicographic
 * order. `text` holds symbols in `[0, alphabetSize)`; a dense alphabet (every symbol used, as
 * `buildCorpus` makes it) keeps the bucket arrays small. Linear time; memory: the result
 * (4 bytes per symbol), a 16-bit copy of the text while it runs when `alphabetSize` ≤ 2^16, and
 * two arrays of `alphabetSize` entries, plus bounded scratch space.
 *
 * `out`, when given, receives the result (the same length as `text`, another buffer): a caller
 * rebuilding an index reuses its memory.
 *
 * @throws {InvalidSymbolError} when a symbol is outside `[0, alphabetSize)` or `alphabetSize` is
 *   not a positive integer below 2^31.
 * @throws {RangeError} when `out` has another length than `text` or shares its buffer.
 * @example
 * const sa = buildSuffixArray(Int32Array.of(1, 2, 1, 2, 0), 3); // Int32Array [4, 2, 0, 3, 1]
 */
export function buildSuffixArray(text: Int32Array, alphabetSize: number, out?: Int32Array): Int32Array {
  if (!Number.isInteger(alphabetSize) || alphabetSize < 1 || alphabetSize > 0x7fffffff) {
    throw new InvalidSymbolError({ position: -1, symbol: alphabetSize, alphabetSize });
  }
  const n = text.length;
  // A 16-bit copy of the text when the symbols fit: half the cache footprint for the passes'
  // random reads (~10% faster at 10M symbols), 2 bytes per symbol during the build, freed at once.
  const narrow = alphabetSize <= NARROW_ALPHABET ? new Uint16Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (c < 0 || c >= alphabetSize) throw new InvalidSymbolError({ position: i, symbol: c, alphabetSize });
    if (narrow !== undefined) narrow[i] = c;
  }
  if (out !== undefined && (out.length !== n || out.buffer === text.buffer)) {
    throw new RangeError("buildSuffixArray: out must have the text's length and its own buffer");
  }
  const sa = out ?? new Int32Array(n);
  if (n > 0) sais(narrow ?? text, sa, n, alphabetSize, NO_WORKSPACE);
  if (narrow !== undefined) {
    const buffer = narrow.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
    if (typeof buffer.transfer === "function") buffer.transfer(0);
  }
  return sa;
}

/** Counts of each symbol of `t[0, n)` into `counts[0, k)`. */
function countSymbols(t: Text, counts: Int32Array, n: number, k: number): void {
  counts.fill(0, 0, k);
  for (let i = 0; i < n; i++) counts[t[i]!]!++;
}

/**
 * Bucket starts (`end` false) or ends (`end` true, exclusive) into `buckets`, from `counts`, or,
 * when `counts` is null (a large alphabet without room for both arrays), recounted from `t`.
 */
function bucketBounds(
  t: Text,
  counts: Int32Array | null,
  buckets: Int32Array,
  n: number,
  k: number,
  end: boolean,
): void {
  const source = counts ?? buckets;
  if (counts === null) countSymbols(t, buckets, n, k);
  let sum = 0;
  if (end) {
    for (let c = 0; c < k; c++) {
      sum += source[c]!;
      buckets[c] = sum;
    }
  } else {
    for (let c = 0; c < k; c++) {
      const count = source[c]!;
      buckets[c] = sum;
      sum += count;
    }
  }
}

/**
 * SA-IS on `t[0, n)` (symbols in `[0, k)`, n ≥ 1) into `sa[0, n)`. `workspace` is free memory the
 * call may use for its bucket arrays (the parent's free middle), disjoint from `t` and `sa`.
 */
function sais(t: Text, sa: Int32Array, n: number, k: number, workspace: Int32Array): void {
  if (n === 1) {
    sa[0] = 0;
    return;
  }
  let counts: Int32Array | null;
  let buckets: Int32Array;
  if (workspace.length >= 2 * k) {
    counts = workspace.subarray(0, k);
    buckets = workspace.subarray(k, 2 * k);
  } else {
    buckets = workspace.length >= k ? workspace.subarray(0, k) : new Int32Array(k);
    counts = k <= SMALL_ALPHABET ? new Int32Array(k) : null;
  }
  if (counts !== null) countSymbols(t, counts, n, k);

  // Stage 1: sort the LMS substrings. Entries here are "shifted": an entry in the slot of suffix s
  // holds s − 1, the next suffix to induce (so 0 doubles as empty: suffix 0 induces nothing and no
  // LMS substring needs it), complemented when that suffix belongs to the other pass.
  // Suffix n − 1 is L-type (the sentinel is smaller); i is LMS when i is S-type and i − 1 L-type.
  bucketBounds(t, counts, buckets, n, k, true);
  sa.fill(0, 0, n);
  let m = 0;
  let firstLms = 0;
  {
    let nextS = 0;
    let next = t[n - 1]!;
    for (let i = n - 2; i >= 0; i--) {
      const c = t[i]!;
      const isS = ((c - next) >>> 31) | ((((c ^ next) - 1) >>> 31) & nextS); // branch-free, as below
      if ((nextS & (isS ^ 1)) !== 0) {
        sa[--buckets[next]!] = i; // LMS suffix i + 1, shifted
        firstLms = i + 1;
        m++;
      }
      nextS = isS;
      next = c;
    }
  }

  if (m > 1) {
    // Induce the L-type suffixes left to right from the bucket starts, then the S-type suffixes
    // right to left from the bucket ends; LMS suffixes are kept complemented.
    bucketBounds(t, counts, buckets, n, k, false);
    induceShiftedL(t, sa, buckets, n);
    bucketBounds(t, counts, buckets, n, k, true);
    induceShiftedS(t, sa, buckets, n);
    // The LMS suffixes, sorted by their LMS substring, to sa[0, m).
    let j = 0;
    for (let i = 0; i < n; i++) {
      const v = sa[i]!;
      sa[j] = ~v; // kept when v is an LMS entry (negative); j ≤ i: only read entries are overwritten
      j += v >>> 31;
    }
    sa.fill(0, m, n);

    // The length of each LMS substring (through the next LMS symbol; the last one also covers the
    // sentinel, so it ends past n), stored at m + (position >> 1): LMS positions are ≥ 2 apart.
    {
      let nextS = 0;
      let next = t[n - 1]!;
      let nextLms = n;
      for (let i = n - 2; i >= 0; i--) {
        const c = t[i]!;
        const isS = ((c - next) >>> 31) | ((((c ^ next) - 1) >>> 31) & nextS);
        if ((nextS & (isS ^ 1)) !== 0) {
          const lms = i + 1;
          sa[m + (lms >> 1)] = nextLms === n ? n - lms + 1 : nextLms - lms + 1;
          nextLms = lms;
        }
        nextS = isS;
        next = c;
      }
    }
    // Name them: equal neighbours (same length and symbols, neither reaching the sentinel) share a name.
    // (In blocks: the lengths and first symbols are gathered first, independent reads.)
    let names = 0;
    let q = 0;
    let qLength = 0;
    const lengths = gatheredEntry;
    const firsts = gatheredSymbol;
    for (let start = 0; start < m; start += BLOCK) {
      const end = Math.min(m, start + BLOCK);
      for (let i = start; i < end; i++) {
        const p = sa[i]!;
        lengths[i - start] = sa[m + (p >> 1)]!;
        firsts[i - start] = t[p]!;
      }
      for (let i = start; i < end; i++) {
        const p = sa[i]!;
        const pLength = lengths[i - start]!;
        let same = false;
        if (pLength === qLength && firsts[i - start] === t[q] && p + pLength <= n && q + qLength <= n) {
          let x = 1;
          while (x < pLength && t[p + x] === t[q + x]) x++;
          same = x === pLength;
        }
        if (!same) {
          names++;
          q = p;
          qLength = pLength;
        }
        sa[m + (p >> 1)] = names; // 1-based, so that 0 still means "no LMS position here"
      }
    }
    // The reduced string (names in text order, 0-based) to the tail sa[n − m, n): read downwards,
    // written downwards, never overtaking the reads.
    j = n - 1;
    for (let i = m + (n >> 1) - 1; i >= m; i--) {
      const v = sa[i]!;
      if (v !== 0) sa[j--] = v - 1;
    }

    // Stage 2: the suffix array of the reduced string into sa[0, m).
    const reduced = sa.subarray(n - m, n);
    if (2 * names >= m && names < m) {
      // Mostly distinct names (text without much repetition): prefix doubling finishes in a few
      // cheap passes, where SA-IS would induce over an alphabet almost as large as the string.
      sortByDoubling(reduced, sa.subarray(0, m), m, names, sa.subarray(m, n - m));
    } else if (names < m) {
      sais(reduced, sa.subarray(0, m), m, names, sa.subarray(m, n - m));
    } else {
      for (let i = 0; i < m; i++) sa[reduced[i]!] = i;
    }
    // Back to text positions: the reduced string's slots now hold the LMS positions in text order.
    {
      // Without branches (they mispredict on text): every position is written to reduced[j], which
      // moves on after an LMS position. Types are 0/1; symbols are below 2^31, so c − next cannot overflow.
      let nextS = 0;
      let next = t[n - 1]!;
      j = m - 1;
      for (let i = n - 2; i >= 0 && j >= 0; i--) {
        const c = t[i]!;
        const isS = ((c - next) >>> 31) | ((((c ^ next) - 1) >>> 31) & nextS);
        reduced[j] = i + 1;
        j -= nextS & (isS ^ 1);
        nextS = isS;
        next = c;
      }
    }
    for (let i = 0; i < m; i++) sa[i] = reduced[sa[i]!]!;
  } else if (m === 1) {
    sa.fill(0, 0, n);
    sa[0] = firstLms; // one LMS suffix: sorted already
  }

  // Stage 3: the sorted LMS suffixes at their bucket ends (in order), then induce the rest.
  // Entries now hold suffix positions; a complemented entry's predecessor is left to the other pass.
  bucketBounds(t, counts, buckets, n, k, true);
  if (m > 0) {
    sa.fill(0, m, n);
    const symbols = gatheredSymbol;
    for (let end = m; end > 0; end -= BLOCK) {
      const start = Math.max(0, end - BLOCK);
      for (let i = end - 1; i >= start; i--) symbols[i - start] = t[sa[i]!]!;
      for (let i = end - 1; i >= start; i--) {
        const s = sa[i]!;
        sa[i] = 0;
        sa[--buckets[symbols[i - start]!]!] = s; // never below i: i smaller LMS suffixes precede it
      }
    }
  } else {
    sa.fill(0, 0, n);
  }
  bucketBounds(t, counts, buckets, n, k, false);
  induceL(t, sa, buckets, n);
  bucketBounds(t, counts, buckets, n, k, true);
  induceS(t, sa, buckets, n);
}

// The four induction passes. Each scans the suffix array in blocks: a first loop gathers the text
// symbol each entry will need (independent random reads, which the processor overlaps), the second
// does the induction with them (an entry written into the block after the gather reads the text
// itself). This halves the time of the passes, which wait on memory.

/** Stage 1, L-type suffixes. Entries are shifted (they hold the suffix to induce next). */
function induceShiftedL(t: Text, sa: Int32Array, buckets: Int32Array, n: number): void {
  const entries = gatheredEntry;
  const symbols = gatheredSymbol;
  let c1 = t[n - 1]!;
  let b = buckets[c1]!;
  sa[b++] = t[n - 2]! < c1 ? ~(n - 2) : n - 2; // suffix n − 1, induced by the sentinel
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (let i = start; i < end; i++) {
      const v = sa[i]!;
      entries[i - start] = v;
      symbols[i - start] = v > 0 ? t[v]! : 0;
    }
    for (let i = start; i < end; i++) {
      const v = sa[i]!;
      if (v > 0) {
        // suffix v is L-type: place it; its predecessor v − 1 is S-type when t[v − 1] < t[v]
        const c0 = v === entries[i - start] ? symbols[i - start]! : t[v]!;
        if (c0 !== c1) {
          buckets[c1] = b;
          c1 = c0;
          b = buckets[c1]!;
        }
        const p = v - 1;
        sa[b++] = t[p]! < c0 ? ~p : p;
        sa[i] = 0;
      } else if (v < 0) {
        sa[i] = ~v; // an L-type suffix whose predecessor is S-type: the S pass induces it
      }
    }
  }
}

/** Stage 1, S-type suffixes; an LMS suffix is written complemented and induces nothing. */
function induceShiftedS(t: Text, sa: Int32Array, buckets: Int32Array, n: number): void {
  const entries = gatheredEntry;
  const symbols = gatheredSymbol;
  let c1 = 0;
  let b = buckets[0]!;
  for (let end = n; end > 0; end -= BLOCK) {
    const start = Math.max(0, end - BLOCK);
    for (let i = start; i < end; i++) {
      const v = sa[i]!;
      entries[i - start] = v;
      symbols[i - start] = v > 0 ? t[v]! : 0;
    }
    for (let i = end - 1; i >= start; i--) {
      const v = sa[i]!;
      if (v > 0) {
        const c0 = v === entries[i - start] ? symbols[i - start]! : t[v]!;
        if (c0 !== c1) {
          buckets[c1] = b;
          c1 = c0;
          b = buckets[c1]!;
        }
        const p = v - 1;
        sa[--b] = t[p]! > c0 ? ~v : p; // v is LMS when its predecessor is L-type
        sa[i] = 0;
      }
    }
  }
}

/** Stage 3, L-type suffixes. Entries hold suffixes; complemented ones are left to the S pass. */
function induceL(t: Text, sa: Int32Array, buckets: Int32Array, n: number): void {
  const entries = gatheredEntry;
  const symbols = gatheredSymbol;
  let c1 = t[n - 1]!;
  let b = buckets[c1]!;
  sa[b++] = t[n - 2]! < c1 ? ~(n - 1) : n - 1;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (let i = start; i < end; i++) {
      const v = sa[i]!;
      entries[i - start] = v;
      symbols[i - start] = v > 0 ? t[v - 1]! : 0;
    }
    for (let i = start; i < end; i++) {
      const v = sa[i]!;
      sa[i] = ~v;
      if (v > 0) {
        const p = v - 1; // L-type
        const c0 = v === entries[i - start] ? symbols[i - start]! : t[p]!;
        if (c0 !== c1) {
          buckets[c1] = b;
          c1 = c0;
          b = buckets[c1]!;
        }
        sa[b++] = p > 0 && t[p - 1]! < c0 ? ~p : p;
      }
    }
  }
}

/** Stage 3, S-type suffixes; restores every complemented entry. */
function induceS(t: Text, sa: Int32Array, buckets: Int32Array, n: number): void {
  const entries = gatheredEntry;
  const symbols = gatheredSymbol;
  let c1 = 0;
  let b = buckets[0]!;
  for (let end = n; end > 0; end -= BLOCK) {
    const start = Math.max(0, end - BLOCK);
    for (let i = start; i < end; i++) {
      const v = sa[i]!;
      entries[i - start] = v;
      symbols[i - start] = v > 0 ? t[v - 1]! : 0;
    }
    for (let i = end - 1; i >= start; i--) {
      const v = sa[i]!;
      if (v > 0) {
        const p = v - 1; // S-type
        const c0 = v === entries[i - start] ? symbols[i - start]! : t[p]!;
        if (c0 !== c1) {
          buckets[c1] = b;
          c1 = c0;
          b = buckets[c1]!;
        }
        sa[--b] = p === 0 || t[p - 1]! > c0 ? ~p : p;
      } else {
        sa[i] = ~v;
      }
    }
  }
}

/**
 * The suffix array of `text` (symbols in `[0, alphabetSize)`) by prefix doubling alone
 * (`sortByDoubling`), on a copy of `text`: what SA-IS uses for reduced strings with mostly
 * distinct symbols, exported for the tests. O(n log n).
 *
 * @example
 * suffixArrayByDoubling(Int32Array.of(1, 0, 1), 2); // Int32Array [1, 2, 0]
 */
export function suffixArrayByDoubling(text: Int32Array, alphabetSize: number): Int32Array {
  const sa = new Int32Array(text.length);
  if (text.length > 0) sortByDoubling(Int32Array.from(text), sa, text.length, alphabetSize, NO_WORKSPACE);
  return sa;
}

// Prefix doubling, after Larsson and Sadakane, "Faster Suffix Sorting" (2007), qsufsort: suffixes
// are bucketed by their first symbol, then each pass sorts the unsorted groups (suffixes equal in
// their first h symbols) by the group of the suffix h further, doubling h. `ranks[i]` is the group
// of suffix i: the index of the group's last entry in `order`. Sorted runs of `order` hold −length
// at their start, so a pass skips them at once. The split is Bentley–McIlroy's ternary quicksort
// (insertion-like selection below 7 entries), run from an explicit stack in the recursive order
// (smaller keys, then the equal group, then larger keys).

/**
 * Suffix array of `r[0, m)` (symbols in `[0, k)`) into `order[0, m)`; `r` becomes the rank array.
 * `workspace` holds the bucket counts when it has room for k entries.
 */
function sortByDoubling(r: Int32Array, order: Int32Array, m: number, k: number, workspace: Int32Array): void {
  const ranks = r;
  const bucket = workspace.length >= k ? workspace.subarray(0, k) : new Int32Array(k);
  bucket.fill(0, 0, k);
  for (let i = 0; i < m; i++) bucket[r[i]!]!++;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const count = bucket[c]!;
    bucket[c] = sum;
    sum += count;
  }
  for (let i = 0; i < m; i++) order[bucket[r[i]!]!++] = i; // bucket[c] ends as the bucket's end
  for (let i = 0; i < m; i++) ranks[i] = bucket[r[i]!]! - 1; // in place: r[j > i] is read later
  let previousEnd = 0;
  for (let c = 0; c < k; c++) {
    const end = bucket[c]!;
    if (end - previousEnd === 1) order[previousEnd] = -1; // a group of one: sorted
    previousEnd = end;
  }

  const sorter = new GroupSorter(order, ranks, m);
  for (let h = 1; order[0]! > -m; h *= 2) {
    sorter.h = h;
    let i = 0;
    let sortedRun = 0; // −length of the sorted runs just passed
    while (i < m) {
      const s = order[i]!;
      if (s < 0) {
        i -= s;
        sortedRun += s;
      } else {
        if (sortedRun !== 0) {
          order[i + sortedRun] = sortedRun; // merge the sorted runs before i into one
          sortedRun = 0;
        }
        const end = ranks[s]! + 1;
        sorter.sort(i, end - i);
        i = end;
      }
    }
    if (sortedRun !== 0) order[i + sortedRun] = sortedRun;
  }
  for (let i = 0; i < m; i++) order[ranks[i]!] = i;
}

class GroupSorter {
  order: Int32Array;
  ranks: Int32Array;
  m: number;
  h = 1;
  /** Pending tasks, 3 entries each: kind (0 sort, 1 group), from, count. */
  stack = new Int32Array(3 * 64);

  constructor(order: Int32Array, ranks: Int32Array, m: number) {
    this.order = order;
    this.ranks = ranks;
    this.m = m;
  }

  /** The sort key of the entry at `x`: the group of the suffix h further, −1 past the end. */
  key(x: number): number {
    const s = this.order[x]! + this.h;
    return s < this.m ? this.ranks[s]! : -1;
  }

  swap(a: number, b: number): void {
    const order = this.order;
    const t = order[a]!;
    order[a] = order[b]!;
    order[b] = t;
  }

  push(kind: number, from: number, count: number): void {
    if (this.stackSize + 3 > this.stack.length) {
      const grown = new Int32Array(2 * this.stack.length);
      grown.set(this.stack);
      this.stack = grown;
    }
    this.stack[this.stackSize++] = kind;
    this.stack[this.stackSize++] = from;
    this.stack[this.stackSize++] = count;
  }

  stackSize = 0;

  /** Sorts the group `order[from, from + count)` by key, giving each new group its number. */
  sort(from: number, count: number): void {
    this.push(0, from, count);
    while (this.stackSize > 0) {
      const length = this.stack[--this.stackSize]!;
      const start = this.stack[--this.stackSize]!;
      const kind = this.stack[--this.stackSize]!;
      if (kind === 1) this.updateGroup(start, start + length - 1);
      else if (length < 7) this.selectSort(start, length);
      else this.split(start, length);
    }
  }

  /** Group number `last` for entries [first, last]; a group of one is marked sorted. */
  updateGroup(first: number, last: number): void {
    const { order, ranks } = this;
    if (first === last) {
      ranks[order[first]!] = last;
      order[first] = -1;
      return;
    }
    for (let x = first; x <= last; x++) ranks[order[x]!] = last;
  }

  /** Small groups: repeatedly pick out the entries with the smallest key. */
  selectSort(from: number, count: number): void {
    let a = from;
    const last = from + count - 1;
    while (a < last) {
      let smallest = this.key(a);
      let b = a + 1; // entries [a, b) have the smallest key so far
      for (let x = a + 1; x <= last; x++) {
        const v = this.key(x);
        if (v < smallest) {
          smallest = v;
          this.swap(x, a);
          b = a + 1;
        } else if (v === smallest) {
          this.swap(x, b);
          b++;
        }
      }
      this.updateGroup(a, b - 1);
      a = b;
    }
    if (a === last) this.updateGroup(a, a);
  }

  /** A median of three keys' position. */
  median3(a: number, b: number, c: number): number {
    const ka = this.key(a);
    const kb = this.key(b);
    const kc = this.key(c);
    return ka < kb ? (kb < kc ? b : ka < kc ? c : a) : kb > kc ? b : ka > kc ? c : a;
  }

  /** Ternary split around a pivot key; the parts are pushed to be sorted in order. */
  split(from: number, count: number): void {
    let mid = from + (count >>> 1);
    if (count > 7) {
      let lo = from;
      let hi = from + count - 1;
      if (count > 40) {
        const step = count >>> 3;
        lo = this.median3(lo, lo + step, lo + 2 * step);
        mid = this.median3(mid - step, mid, mid + step);
        hi = this.median3(hi - 2 * step, hi - step, hi);
      }
      mid = this.median3(lo, mid, hi);
    }
    const pivot = this.key(mid);
    let pa = from;
    let pb = from;
    let pc = from + count - 1;
    let pd = pc;
    for (;;) {
      let f: number;
      while (pb <= pc && (f = this.key(pb)) <= pivot) {
        if (f === pivot) this.swap(pa++, pb);
        pb++;
      }
      while (pc >= pb && (f = this.key(pc)) >= pivot) {
        if (f === pivot) this.swap(pc, pd--);
        pc--;
      }
      if (pb > pc) break;
      this.swap(pb++, pc--);
    }
    const end = from + count;
    let s = Math.min(pa - from, pb - pa);
    for (let l = from, r = pb - s; s > 0; s--, l++, r++) this.swap(l, r);
    s = Math.min(pd - pc, end - pd - 1);
    for (let l = pb, r = end - s; s > 0; s--, l++, r++) this.swap(l, r);
    const smaller = pb - pa;
    const larger = pd - pc;
    // LIFO: pushed in reverse of the order they must run in
    if (larger > 0) this.push(0, end - larger, larger);
    this.push(1, from + smaller, count - smaller - larger);
    if (smaller > 0) this.push(0, from, smaller);
  }
}
