import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";

import { cumulativeRewards, type RewardEntry } from "../../../oracle/src/epoch/cumulative.js";
import { RewardTreeFileInvalidError } from "../../../oracle/src/epoch/errors.js";
import { buildEpochTree, parseRewardTreeLeaves, readRewardTreeFile } from "../../../oracle/src/epoch/tree.js";
import { randomTools } from "./random.js";
import { ALICE, BOB, CHAIN_ID, DISTRIBUTOR, sampleEpoch } from "./samples.js";

const TYPES = ["uint256", "address", "address", "uint256"];

describe("buildEpochTree / readRewardTreeFile", function () {
  it("builds OpenZeppelin's tree and dump: same root, and the file is its JSON with a 2-space indent", async function () {
    const cumulative = cumulativeRewards(undefined, [
      [BOB, 7n],
      [ALICE, 10n ** 20n],
    ]);
    const built = await buildEpochTree({ chainId: CHAIN_ID, distributor: DISTRIBUTOR, cumulative });
    const oz = StandardMerkleTree.of(
      cumulative.map(([account, amount]) => [CHAIN_ID, DISTRIBUTOR, account, amount]),
      TYPES,
    );
    expect(built.root).to.equal(oz.root);
    const ozFile = JSON.stringify(oz.dump(), (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
    expect(built.file).to.equal(ozFile);
    expect(built.treeHash).to.equal(keccak256(toUtf8Bytes(built.file)));
    expect(built.totalCumulative).to.equal(10n ** 20n + 7n);
  });

  it("property: the same cumulative list gives the same file byte for byte, and the file reads back to it", async function () {
    const r = randomTools(0x7ee);
    for (let round = 0; round < 25; round++) {
      const epoch: RewardEntry[] = Array.from({ length: 1 + r.int(20) }, () => [r.address(), 1n + r.amount()]);
      const cumulative = cumulativeRewards(undefined, epoch);
      const a = await buildEpochTree({ chainId: CHAIN_ID, distributor: DISTRIBUTOR, cumulative });
      const b = await buildEpochTree({
        chainId: CHAIN_ID,
        distributor: DISTRIBUTOR.toLowerCase(),
        cumulative: cumulativeRewards(undefined, r.shuffle(epoch)),
      });
      expect(b.file).to.equal(a.file);
      const read = await readRewardTreeFile(a.file);
      expect(read.cumulative).to.deep.equal(cumulative);
      expect([read.tree.root, read.treeHash]).to.deep.equal([a.root, a.treeHash]);
      expect(read.leaves.every((l) => l.chainId === CHAIN_ID && l.distributor === DISTRIBUTOR)).to.equal(true);
    }
  });

  it("refuses a file that is not a reward tree, or whose amount was edited by hand, with RewardTreeFileInvalidError", async function () {
    const { tree2 } = await sampleEpoch();
    const refuse = async (text: string) => {
      const error = await readRewardTreeFile(text).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(RewardTreeFileInvalidError);
      return error as RewardTreeFileInvalidError;
    };
    await refuse("not json");
    await refuse(JSON.stringify({ ...JSON.parse(tree2.file), leafEncoding: ["bytes32", "uint256"] }));
    await refuse(JSON.stringify({ ...JSON.parse(tree2.file), format: "simple-v1" }));
    const [first] = parseRewardTreeLeaves(tree2.file);
    const edited = tree2.file.replace(`"${first!.cumulativeAmount}"`, `"${first!.cumulativeAmount + 1n}"`);
    expect(edited).to.not.equal(tree2.file);
    expect(parseRewardTreeLeaves(edited)[0]!.cumulativeAmount).to.equal(first!.cumulativeAmount + 1n);
    const error = await refuse(edited);
    expect(error.cause).to.be.instanceOf(Error);
    expect(() => parseRewardTreeLeaves(tree2.file.replace(ALICE, "0x1234"))).to.throw(RewardTreeFileInvalidError);
  });
});
