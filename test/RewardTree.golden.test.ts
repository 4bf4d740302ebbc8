// Golden vectors: the distributor's leaves, roots and proofs against @openzeppelin/merkle-tree's
// StandardMerkleTree (ARCHITECTURE.md, "Reward leaf and tree"), on 1,000- and 100,000-leaf trees.
import { createHash } from "node:crypto";

import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();
const [admin, oracle, relayer] = await ethers.getSigners();
const chainId = (await ethers.provider.getNetwork()).chainId;

const TYPES = ["uint256", "address", "address", "uint256"];
const CHALLENGE = 3600n;
type Leaf = [chainId: bigint, distributor: string, account: string, cumulativeAmount: bigint];
type Tree = StandardMerkleTree<Leaf>;

async function deployDistributor() {
  const token = await ethers.deployContract("MockERC20");
  const distributor = await ethers.deployContract("AttributionDistributor", [
    await token.getAddress(),
    admin.address,
    CHALLENGE,
  ]);
  return { token, distributor, address: await distributor.getAddress() };
}

/** `n` distinct lower-case addresses from a fixed seed: sha256 is native, so 100,000 take ~0.1 s. */
function seededAccounts(n: number, seed: string): string[] {
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
  return Array.from({ length: n }, (_, i) => "0x" + sha256(`${seed}/${i}`).slice(0, 40));
}

/** Deploys a distributor, builds an OpenZeppelin tree of `size` leaves for it, funds it and accepts the root. */
async function acceptedTree(size: number, seed: string) {
  const { token, distributor, address } = await deployDistributor();
  const amount = (i: number) => 10n ** 15n * BigInt(i + 1) + BigInt(i); // distinct, not round
  const values = seededAccounts(size, seed).map((account, i): Leaf => [chainId, address, account, amount(i)]);
  const tree = StandardMerkleTree.of(values, TYPES);
  const total = values.reduce((sum, [, , , amount]) => sum + amount, 0n);

  await token.mint(admin.address, total);
  await token.approve(address, total);
  await distributor.fund(total);
  await distributor.grantRole(await distributor.ORACLE_ROLE(), oracle.address);
  await distributor.connect(oracle).proposeRoot(1, tree.root, total, ethers.ZeroHash, "ipfs://golden-test");
  await networkHelpers.time.increase(CHALLENGE);
  await distributor.acceptRoot();
  return { token, distributor, tree, total };
}

/** Value indexes to claim: the first and last values, the leaves with the shortest and longest
 * proofs (smallest and largest tree index), and 16 spread between. */
function sampleIndexes(tree: Tree): number[] {
  const { values } = tree.dump();
  const byTreeIndex = values.map(({ treeIndex }, i) => [treeIndex, i]).sort(([a], [b]) => a - b);
  const n = values.length;
  const spread = Array.from({ length: 16 }, (_, k) => Math.floor(((k + 1) * n) / 17));
  return [...new Set([0, n - 1, byTreeIndex[0][1], byTreeIndex[n - 1][1], ...spread])];
}

/** A relayer claims each sampled leaf; every account receives exactly its amount. */
async function claimSample({ token, distributor, tree, total }: Awaited<ReturnType<typeof acceptedTree>>) {
  const indexes = sampleIndexes(tree);
  const proofLengths = new Set<number>();
  let paid = 0n;
  for (const i of indexes) {
    const [, , account, amount] = tree.at(i)!;
    const proof = tree.getProof(i);
    proofLengths.add(proof.length);
    await expect(distributor.connect(relayer).claim(account, amount, proof))
      .to.emit(distributor, "Claimed")
      .withArgs(ethers.getAddress(account), amount);
    expect(await token.balanceOf(account)).to.equal(amount);
    expect(await distributor.claimed(account)).to.equal(amount);
    paid += amount;
  }
  expect(indexes.length).to.be.at.least(18);
  expect(proofLengths.size, "sample covers both proof depths").to.equal(2);
  expect(await token.balanceOf(relayer.address)).to.equal(0n);
  expect(await token.balanceOf(await distributor.getAddress())).to.equal(total - paid);
}

describe("AttributionDistributor reward tree (golden vectors from @openzeppelin/merkle-tree)", function () {
  let small: Awaited<ReturnType<typeof acceptedTree>>;
  let large: Awaited<ReturnType<typeof acceptedTree>>;

  before(async function () {
    this.timeout(120_000); // building the 100,000-leaf tree takes ~15 s
    small = await acceptedTree(1_000, "golden-1k");
    large = await acceptedTree(100_000, "golden-100k");
  });

  it("computes leaf() exactly as StandardMerkleTree hashes [chainId, distributor, account, amount]", async function () {
    const { distributor, address } = await deployDistributor();
    const values: Leaf[] = [
      [chainId, address, admin.address, 0n],
      [chainId, address, relayer.address, 1n],
      [chainId, address, "0x000000000000000000000000000000000000dEaD", ethers.parseEther("1250.5")],
      [chainId, address, ethers.ZeroAddress, ethers.MaxUint256],
    ];
    const tree = StandardMerkleTree.of(values, TYPES);
    for (const [, , account, amount] of values) {
      expect(await distributor.leaf(account, amount)).to.equal(tree.leafHash([chainId, address, account, amount]));
    }
    // The leaf binds the chain and the deployment.
    const onChain = await distributor.leaf(admin.address, 0n);
    expect(onChain).to.not.equal(tree.leafHash([chainId + 1n, address, admin.address, 0n]));
    expect(onChain).to.not.equal(tree.leafHash([chainId, relayer.address, admin.address, 0n]));
  });

  it("accepted the OpenZeppelin roots", async function () {
    expect(await small.distributor.root()).to.equal(small.tree.root);
    expect(await large.distributor.root()).to.equal(large.tree.root);
    expect(await large.distributor.totalCumulative()).to.equal(large.total);
  });

  it("pays sampled leaves of a 1,000-leaf tree, claimed by a relayer", async function () {
    await claimSample(small);
  });

  it("pays sampled leaves of a 100,000-leaf tree, claimed by a relayer", async function () {
    this.timeout(30_000);
    await claimSample(large);
  });

  it("reverts with DistributorNothingToClaim when a leaf is claimed twice", async function () {
    const [, , account, amount] = small.tree.at(0)!; // claimed by the sample above
    await expect(small.distributor.claim(account, amount, small.tree.getProof(0)))
      .to.be.revertedWithCustomError(small.distributor, "DistributorNothingToClaim")
      .withArgs(ethers.getAddress(account), amount, amount);
  });

  it("reverts with DistributorInvalidProof when a proof of one deployment's tree is used on the other", async () => {
    const [, , smallAccount, smallAmount] = small.tree.at(1)!;
    await expect(large.distributor.connect(relayer).claim(smallAccount, smallAmount, small.tree.getProof(1)))
      .to.be.revertedWithCustomError(large.distributor, "DistributorInvalidProof")
      .withArgs(ethers.getAddress(smallAccount), smallAmount);

    const [, , largeAccount, largeAmount] = large.tree.at(1)!;
    await expect(small.distributor.connect(relayer).claim(largeAccount, largeAmount, large.tree.getProof(1)))
      .to.be.revertedWithCustomError(small.distributor, "DistributorInvalidProof")
      .withArgs(ethers.getAddress(largeAccount), largeAmount);
  });
});
