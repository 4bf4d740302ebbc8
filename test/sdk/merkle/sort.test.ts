// sortedLeafOrder: OpenZeppelin's leaf order (ascending hash, stable), also when hashes tie on
// the 32 bits the radix sort uses, or entirely (duplicate values).
import { expect } from "chai";

import { sortedLeafOrder } from "../../../sdk/src/merkle/sort.js";
import { Random } from "./fixtures.js";

/** OpenZeppelin's order: a stable sort by the hash as a number (its `compare` uses BigInt). */
function reference(hashes: Uint8Array, count: number): number[] {
  const hex = (i: number) => BigInt("0x" + Buffer.from(hashes.subarray(32 * i, 32 * i + 32)).toString("hex"));
  const keyed = Array.from({ length: count }, (_, i) => ({ i, key: hex(i) }));
  keyed.sort((a, b) => (a.key > b.key ? 1 : a.key < b.key ? -1 : 0));
  return keyed.map(({ i }) => i);
}

describe("sortedLeafOrder", () => {
  it("orders uniform hashes as OpenZeppelin", () => {
    const random = new Random(41);
    for (const count of [1, 2, 3, 100, 65_537]) {
      const hashes = random.bytes(32 * count);
      expect([...sortedLeafOrder(hashes, count)]).to.deep.equal(reference(hashes, count));
    }
  });

  it("orders hashes that tie on their first 4 bytes by the rest, and equal hashes by input order", () => {
    const random = new Random(42);
    const count = 3_000;
    const hashes = random.bytes(32 * count);
    for (let i = 0; i < count; i++) {
      hashes.set(hashes.subarray(0, 4 + random.below(4)), 32 * i); // few distinct 4–7-byte prefixes
      if (random.below(10) === 0) hashes[32 * i + 31] = 0;
      if (i > 0 && random.below(5) === 0) hashes.copyWithin(32 * i, 32 * random.below(i), 32 * random.below(i) + 32);
    }
    const order = sortedLeafOrder(hashes, count);
    expect([...order]).to.deep.equal(reference(hashes, count));
  });
});
