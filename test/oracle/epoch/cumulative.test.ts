import { expect } from "chai";
import { getAddress } from "ethers";

import { cumulativeRewards, type RewardEntry, sumRewards } from "../../../oracle/src/epoch/cumulative.js";
import {
  DuplicateRewardAccountError,
  InvalidRewardAccountError,
  InvalidRewardAmountError,
} from "../../../oracle/src/epoch/errors.js";
import { randomTools } from "./random.js";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const CAROL = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("cumulativeRewards", function () {
  it("merges the previous amounts with the epoch's, checksummed and sorted by lower-case address", function () {
    const result = cumulativeRewards(
      [
        [ALICE, 100n],
        [BOB.toLowerCase(), 50n],
      ],
      [
        [CAROL, 7n],
        [ALICE.toLowerCase(), 5n],
      ],
    );
    expect(result).to.deep.equal([
      [BOB, 50n], // 0x3c…
      [ALICE, 105n], // 0x70…
      [CAROL, 7n], // 0x90…
    ]);
  });

  it("starts from nothing before the first epoch, keeps previous accounts at 0 and drops new zero rewards", function () {
    expect(cumulativeRewards(undefined, [[ALICE, 3n]])).to.deep.equal([[ALICE, 3n]]);
    expect(cumulativeRewards([[ALICE, 0n]], [[BOB, 0n]])).to.deep.equal([[ALICE, 0n]]);
    expect(cumulativeRewards([], [])).to.deep.equal([]);
  });

  it("refuses a negative or non-bigint amount with InvalidRewardAmountError", function () {
    const negative = thrown(() => cumulativeRewards(undefined, [[ALICE, -1n]]));
    expect(negative).to.be.instanceOf(InvalidRewardAmountError);
    expect([(negative as InvalidRewardAmountError).list, (negative as InvalidRewardAmountError).amount]).to.deep.equal([
      "epoch",
      -1n,
    ]);
    const previous = thrown(() => cumulativeRewards([[BOB, 5 as unknown as bigint]], []));
    expect(previous).to.be.instanceOf(InvalidRewardAmountError);
    expect((previous as InvalidRewardAmountError).list).to.equal("previous");
  });

  it("refuses a duplicate account (any letter case) with DuplicateRewardAccountError", function () {
    const error = thrown(() =>
      cumulativeRewards(undefined, [
        [ALICE, 1n],
        [BOB, 1n],
        [ALICE.toLowerCase(), 2n],
      ]),
    ) as DuplicateRewardAccountError;
    expect(error).to.be.instanceOf(DuplicateRewardAccountError);
    expect([error.list, error.account, error.firstIndex, error.index]).to.deep.equal(["epoch", ALICE, 0, 2]);
    const inPrevious = thrown(() =>
      cumulativeRewards(
        [
          [BOB, 1n],
          [BOB, 1n],
        ],
        [],
      ),
    ) as DuplicateRewardAccountError;
    expect(inPrevious.list).to.equal("previous");
  });

  it("refuses an account that is not an address with InvalidRewardAccountError", function () {
    const error = thrown(() => cumulativeRewards(undefined, [["0x1234", 1n]])) as InvalidRewardAccountError;
    expect(error).to.be.instanceOf(InvalidRewardAccountError);
    expect([error.list, error.index, error.account]).to.deep.equal(["epoch", 0, "0x1234"]);
    // A mixed-case address with a wrong checksum is not an address either.
    const badChecksum = ALICE.replace("C51812dc", "c51812dc");
    expect(thrown(() => cumulativeRewards([[badChecksum, 1n]], []))).to.be.instanceOf(InvalidRewardAccountError);
  });

  it("property: no account decreases, totals add up, and input order and letter case do not matter", function () {
    const r = randomTools(0x0e90c);
    for (let round = 0; round < 200; round++) {
      const pool = Array.from({ length: 1 + r.int(12) }, () => r.address());
      const previous: RewardEntry[] = pool.filter(() => r.int(2) === 0).map((a) => [a, r.amount()]);
      const epoch: RewardEntry[] = pool.filter(() => r.int(2) === 0).map((a) => [a, r.amount()]);
      const result = cumulativeRewards(previous, epoch);

      const byAccount = new Map(result.map(([a, v]) => [a, v]));
      for (const [account, before] of previous) expect(byAccount.get(account)! >= before).to.equal(true);
      expect(sumRewards(result)).to.equal(sumRewards(previous) + sumRewards(epoch));
      const keys = result.map(([a]) => a.toLowerCase());
      expect(keys).to.deep.equal([...keys].sort());
      expect(new Set(keys).size).to.equal(keys.length);
      for (const [account] of result) expect(account).to.equal(getAddress(account));

      const again = cumulativeRewards(
        r.shuffle(previous).map(([a, v]) => [r.recase(a), v]),
        r.shuffle(epoch).map(([a, v]) => [r.recase(a), v]),
      );
      expect(again).to.deep.equal(result);
    }
  });
});
