// Integer apportionment: splitting an amount of wei among weighted recipients so the parts sum to
// it exactly (the largest-remainder method, Hamilton's): each gets floor(total · w / W), then the
// wei left over (fewer than the recipients) go one each to the largest remainders, equal
// remainders in a caller-given deterministic order (by address, in this package).

/**
 * Splits `total` in proportion to `weights` (non-negative, not all 0 unless total is 0): parts
 * summing exactly to `total`, each within 1 wei of its exact share. `tieOrder(i, j)` orders
 * recipients with equal remainders (negative: i first); it must be a total order for the result
 * to be deterministic.
 *
 * @throws {RangeError} for a negative total or weight, or all weights 0 with a positive total.
 * @example
 * apportion(10n, [1n, 1n, 1n], (i, j) => i - j); // [4n, 3n, 3n]
 */
export function apportion(
  total: bigint,
  weights: readonly bigint[],
  tieOrder: (i: number, j: number) => number,
): bigint[] {
  if (total < 0n) throw new RangeError("apportion: negative total");
  let sum = 0n;
  for (const weight of weights) {
    if (weight < 0n) throw new RangeError("apportion: negative weight");
    sum += weight;
  }
  const parts = weights.map(() => 0n);
  if (total === 0n) return parts;
  if (sum === 0n) throw new RangeError("apportion: a positive total and no weight");
  const remainders: bigint[] = [];
  let assigned = 0n;
  for (let i = 0; i < weights.length; i++) {
    const product = total * weights[i]!;
    parts[i] = product / sum;
    remainders.push(product % sum);
    assigned += parts[i]!;
  }
  let left = Number(total - assigned); // < weights.length
  if (left > 0) {
    const order = weights.map((_, i) => i);
    order.sort((i, j) => (remainders[i]! > remainders[j]! ? -1 : remainders[i]! < remainders[j]! ? 1 : tieOrder(i, j)));
    for (const i of order) {
      if (left === 0) break;
      parts[i]! += 1n;
      left--;
    }
  }
  return parts;
}

/**
 * Splits `total` into `count` equal parts: `count − r` parts of `floor(total / count)` and r parts
 * one more, r = total mod count. Returns `[base, r]`: the first r recipients in the caller's order
 * get `base + 1`.
 *
 * @throws {RangeError} for a negative total or a count below 1.
 * @example
 * equalSplit(10n, 3); // [3n, 1]: 4, 3, 3
 */
export function equalSplit(total: bigint, count: number): [bigint, number] {
  if (total < 0n || !Number.isSafeInteger(count) || count < 1) throw new RangeError("equalSplit: bad total or count");
  const n = BigInt(count);
  return [total / n, Number(total % n)];
}

/**
 * Compares two addresses by their lower-case hex (their numeric order): the tie-break of every
 * split and the order of the reward list.
 *
 * @example
 * ["0xB…", "0xa…"].sort(compareAddresses); // ["0xa…", "0xB…"]
 */
export function compareAddresses(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
