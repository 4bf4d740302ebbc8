/**
 * The order `StandardMerkleTree.of` puts leaves in: indexes of `count` 32-byte hashes (`hashes`,
 * hash `i` at byte `32 * i`) sorted by hash as an unsigned big-endian number, equal hashes
 * keeping their input order (OpenZeppelin sorts with the stable `Array.prototype.sort`).
 *
 * A stable LSD radix sort on each hash's first 32 bits (two passes of 16 bits, about ten times
 * faster than a comparison sort of a million hashes), then runs that tie on those bits (rare:
 * hashes are uniform) are ordered by the whole hash.
 *
 * @example
 * const order = sortedLeafOrder(leafHashes, count); // order[0] is the value with the smallest leaf hash
 */
export function sortedLeafOrder(hashes: Uint8Array, count: number): Uint32Array {
  let keys = new Uint32Array(count);
  let order = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const s = 32 * i;
    keys[i] = ((hashes[s]! << 24) | (hashes[s + 1]! << 16) | (hashes[s + 2]! << 8) | hashes[s + 3]!) >>> 0;
    order[i] = i;
  }
  let nextKeys = new Uint32Array(count);
  let nextOrder = new Uint32Array(count);
  const starts = new Uint32Array(1 << 16);
  for (const shift of [0, 16]) {
    starts.fill(0);
    for (let i = 0; i < count; i++) starts[(keys[i]! >>> shift) & 0xffff]!++;
    for (let bucket = 0, sum = 0; bucket < 1 << 16; bucket++) {
      const size = starts[bucket]!;
      starts[bucket] = sum;
      sum += size;
    }
    for (let i = 0; i < count; i++) {
      const key = keys[i]!;
      const to = starts[(key >>> shift) & 0xffff]!++;
      nextKeys[to] = key;
      nextOrder[to] = order[i]!;
    }
    [keys, nextKeys] = [nextKeys, keys];
    [order, nextOrder] = [nextOrder, order];
  }
  // Runs with equal first 32 bits are in index order; order them by the whole hash (stable).
  for (let k = 1; k < count; k++) {
    if (keys[k] !== keys[k - 1]) continue;
    let end = k + 1;
    while (end < count && keys[end] === keys[k]) end++;
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
