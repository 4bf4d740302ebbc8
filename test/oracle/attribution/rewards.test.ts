// apportion / equalSplit: exact sums, each part within one wei of its exact share, deterministic
// tie-breaks.
import { expect } from "chai";

import { apportion, compareAddresses, equalSplit } from "../../../oracle/src/attribution/rewards.js";
import { Random } from "./fixtures.js";

describe("apportion", () => {
  it("sums exactly to the total with each part the floor or the floor + 1 of its exact share (random)", () => {
    const random = new Random(41);
    for (let round = 0; round < 2_000; round++) {
      const count = 1 + random.below(12);
      const weights: bigint[] = Array.from({ length: count }, () =>
        random.below(4) === 0 ? 0n : BigInt(random.u32()) * BigInt(1 + random.below(1_000)),
      );
      if (!weights.some((w) => w > 0n)) weights[0] = 1n;
      const total =
        random.below(3) === 0 ? BigInt(random.below(20)) : BigInt(random.u32()) * 10n ** BigInt(random.below(20));
      const parts = apportion(total, weights, (i, j) => i - j);
      const sum = weights.reduce((s, w) => s + w, 0n);
      expect(parts.reduce((s, p) => s + p, 0n)).to.equal(total);
      parts.forEach((part, i) => {
        const floor = (total * weights[i]!) / sum;
        expect(part === floor || part === floor + 1n, `part ${i}`).to.equal(true);
        if (weights[i] === 0n) expect(part).to.equal(0n);
      });
    }
  });

  it("gives the leftover wei to the largest remainders, equal remainders in the tie order", () => {
    expect(apportion(10n, [1n, 1n, 1n], (i, j) => i - j)).to.deep.equal([4n, 3n, 3n]);
    expect(apportion(10n, [1n, 1n, 1n], (i, j) => j - i)).to.deep.equal([3n, 3n, 4n]);
    // exact shares 10·2/7 = 2.857, 10·5/7 = 7.142: the larger remainder (0.857) gets the wei
    expect(apportion(10n, [2n, 5n], () => 0)).to.deep.equal([3n, 7n]);
    expect(apportion(0n, [0n, 0n], () => 0)).to.deep.equal([0n, 0n]);
  });

  it("throws RangeError for a negative total or weight, or no weight with a positive total", () => {
    expect(() => apportion(-1n, [1n], () => 0)).to.throw(RangeError);
    expect(() => apportion(1n, [-1n, 2n], () => 0)).to.throw(RangeError);
    expect(() => apportion(1n, [0n, 0n], () => 0)).to.throw(RangeError);
  });
});

describe("equalSplit", () => {
  it("splits into floor parts and a remainder count", () => {
    expect(equalSplit(10n, 3)).to.deep.equal([3n, 1]);
    expect(equalSplit(2n, 5)).to.deep.equal([0n, 2]);
    expect(equalSplit(0n, 1)).to.deep.equal([0n, 0]);
    expect(() => equalSplit(1n, 0)).to.throw(RangeError);
    expect(() => equalSplit(-1n, 2)).to.throw(RangeError);
  });
});

describe("compareAddresses", () => {
  it("orders by lower-case hex", () => {
    const list = ["0xB000000000000000000000000000000000000000", "0xa000000000000000000000000000000000000000"];
    expect([...list].sort(compareAddresses)).to.deep.equal([list[1], list[0]]);
    expect(compareAddresses(list[0]!, list[0]!.toLowerCase())).to.equal(0);
  });
});
