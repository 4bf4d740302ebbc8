import { expect } from "chai";
import { getAddress } from "ethers";

import { buildRewardTree, proofOf } from "../scripts/lib/reward-tree.js";

describe("buildRewardTree", () => {
  const distributor = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  const alice = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

  it("throws when one account appears twice in another letter case", () => {
    const rewards = new Map([
      [alice, 1n],
      [alice.toLowerCase(), 2n],
    ]);
    expect(() => buildRewardTree(31337n, distributor, rewards)).to.throw(`account ${alice} appears twice`);
  });

  it("throws on a negative amount", () => {
    expect(() => buildRewardTree(31337n, distributor, new Map([[alice, -1n]]))).to.throw("negative amount");
  });

  it("checksums accounts, so proofs are found whatever the case of the query", () => {
    const bob = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    const tree = buildRewardTree(
      31337n,
      distributor,
      new Map([
        [alice, 5n],
        [bob, 7n],
      ]),
    );
    const accounts = [...tree.entries()].map(([, [, , account]]) => account);
    expect(accounts).to.have.members([alice, getAddress(bob)]);
    expect(proofOf(tree, bob.toUpperCase().replace("0X", "0x"))).to.have.length(1);
    expect(() => proofOf(tree, distributor)).to.throw("is not in the reward tree");
  });
});
