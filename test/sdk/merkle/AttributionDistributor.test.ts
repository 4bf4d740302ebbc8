// A reward tree from our builder, accepted and paid out by the on-chain AttributionDistributor.
import { expect } from "chai";

import { buildRewardTree, rewardClaim, StandardTree, type RewardLeafValues } from "../../../sdk/src/merkle/index.js";
import { createWorkerExecutor } from "../../../sdk/src/merkle/node.js";
import { connectTestChain } from "../utils/chain.js";
import { Random, toJson } from "./fixtures.js";

const { ethers, networkHelpers } = await connectTestChain();
const [admin, oracle, relayer] = await ethers.getSigners();
const chainId = (await ethers.provider.getNetwork()).chainId;
const CHALLENGE = 3600n;

describe("AttributionDistributor with a tree from sdk/src/merkle", function () {
  this.timeout(120_000);

  it("accepts the root of buildRewardTree and pays sampled claims with its proofs, also from a reloaded dump", async () => {
    const token = await ethers.deployContract("MockERC20");
    const distributor = await ethers.deployContract("AttributionDistributor", [
      await token.getAddress(),
      admin.address,
      CHALLENGE,
    ]);
    const address = await distributor.getAddress();

    const random = new Random(31);
    const rewards = new Map<string, bigint>();
    for (let i = 0; i < 5_000; i++) rewards.set(random.hex(20), 10n ** 15n * BigInt(i + 1) + random.uint(32));
    const executor = await createWorkerExecutor();
    const tree = await buildRewardTree(chainId, address.toLowerCase(), rewards, { executor }).finally(() =>
      executor.close(),
    );
    const total = [...rewards.values()].reduce((sum, amount) => sum + amount, 0n);

    await token.mint(admin.address, total);
    await token.approve(address, total);
    await distributor.fund(total);
    await distributor.grantRole(await distributor.ORACLE_ROLE(), oracle.address);
    await distributor.connect(oracle).proposeRoot(1, tree.root, total, ethers.ZeroHash, "ipfs://sdk-merkle-test");
    await networkHelpers.time.increase(CHALLENGE);
    await distributor.acceptRoot();
    expect(await distributor.root()).to.equal(tree.root);

    // The operator publishes the dump; a claimant's app reloads it and finds its proof.
    const published = await StandardTree.load<RewardLeafValues>(JSON.parse(toJson(tree.dump())));
    const accounts = [...rewards.keys()];
    const sample = [0, 1, 2_500, 4_999, ...Array.from({ length: 8 }, () => random.below(5_000))];
    let paid = 0n;
    for (const i of new Set(sample)) {
      const source = i % 2 === 0 ? tree : published;
      const { account, cumulativeAmount, proof } = rewardClaim(source, accounts[i]!);
      expect(await distributor.leaf(account, cumulativeAmount)).to.equal(
        tree.leafHash([chainId, address, account, cumulativeAmount] as RewardLeafValues),
      );
      await expect(distributor.connect(relayer).claim(account, cumulativeAmount, proof))
        .to.emit(distributor, "Claimed")
        .withArgs(account, cumulativeAmount);
      expect(await token.balanceOf(account)).to.equal(cumulativeAmount);
      paid += cumulativeAmount;
    }
    expect(await token.balanceOf(address)).to.equal(total - paid);

    // A proof of one account does not pay another.
    const first = rewardClaim(tree, accounts[3]!);
    const second = rewardClaim(tree, accounts[4]!);
    await expect(distributor.claim(first.account, first.cumulativeAmount, second.proof))
      .to.be.revertedWithCustomError(distributor, "DistributorInvalidProof")
      .withArgs(first.account, first.cumulativeAmount);
  });
});
