/**
 * The order `StandardMerkleTree.of` puts leaves in: indexes of `count` 32-byte hashes (`hashes`,
 * hash `i` at byte `32 * i`) sorted by hash as an unsigned big-endian number, equal hashes
 * keeping their input order (OpenZeppelin sorts with the stable `Array.prototype.sort`).
 *
 * Each hash becomes one float64 key, its top `53 - b` bits times 2^b plus its index (`b` bits
 * hold any index), so the engine's native numeric sort of a `Float64Array` does the work; runs
 * that tie on the top bits (rare: hashes are uniform) are then ordered by the whole hash.
 *
 * @example
 * const order = sortedLeafOrder(leafHashes, count); // order[0] is the value with the smallest leaf hash
 */
export function sortedLeafOrder(hashes: Uint8Array, count: number): Uint32Array {
  let indexBits = 1;
  while (2 ** indexBits < count) indexBits++;
  const scale = 2 ** indexBits;
  const prefixBits = 53 - indexBits; // ≥ 21 while count ≤ 2^32
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const s = 32 * i;
    const top = ((hashes[s]! << 24) | (hashes[s + 1]! << 16) | (hashes[s + 2]! << 8) | hashes[s + 3]!) >>> 0;
    let prefix: number;
    if (prefixBits <= 32) {
      prefix = Math.floor(top / 2 ** (32 - prefixBits));
    } else {
      const next = ((hashes[s + 4]! << 24) | (hashes[s + 5]! << 16) | (hashes[s + 6]! << 8) | hashes[s + 7]!) >>> 0;
      prefix = top * 2 ** (prefixBits - 32) + Math.floor(next / 2 ** (64 - prefixBits));
    }
    keys[i] = prefix * scale + i;
  }
  keys.sort();
  const order = new Uint32Array(count);
  for (let k = 0; k < count; k++) order[k] = keys[k]! % scale;
  // Runs with equal prefixes are in index order; order them by the whole hash (stable).
  for (let k = 1; k < count; k++) {
    if (Math.floor(keys[k]! / scale) !== Math.floor(keys[k - 1]! / scale)) continue;
    let end = k + 1;
    while (end < count && Math.floor(keys[end]! / scale) === Math.floor(keys[k]! / scale)) end++;
    sortRun(hashes, order, k - 1, end);
    k = end - 1;
  }
  return order;
}

/** Insertion sort of `order[from..to)` by hash, then index (runs are a few elements). */
function sortRun(hashes: Uint8Array, order: Uint32Array, from: number, to: number): void {
  for (let k = from + 1; k < to; k++) {
    const item = order[k]!;
    let j = k - 1;
    while (j >= from && compareHashes(hashes, order[j]!, item) > 0) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = item;
  }
}

/** Compares hashes `a` and `b` as big-endian numbers; equal hashes compare by index. */
function compareHashes(hashes: Uint8Array, a: number, b: number): number {
  for (let k = 0; k < 32; k++) {
    const d = hashes[32 * a + k]! - hashes[32 * b + k]!;
    if (d !== 0) return d;
  }
  return a - b;
}
