// The reward and Datanet version tree helpers, checksums and Keccak.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import { getAddress, keccak256 } from "ethers";
import { createKeccak } from "hash-wasm";

import {
  type Address,
  buildContributionTree,
  buildRewardTree,
  checksumAddress,
  CONTRIBUTION_LEAF_TYPES,
  contributionProof,
  loadKeccak,
  MerkleDuplicateAccountError,
  MerkleEmptyTreeError,
  MerkleInvalidContributionError,
  MerkleLeafEncodingError,
  MerkleLeafNotFoundError,
  MerkleNegativeAmountError,
  REWARD_LEAF_TYPES,
  rewardClaim,
  type RewardLeafValues,
  serialExecutor,
  StandardTree,
} from "../../../sdk/src/merkle/index.js";
import { coreFromHasher } from "../../../sdk/src/merkle/keccak.js";
import { Random, toJson } from "./fixtures.js";

const DISTRIBUTOR: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ALICE: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

/** The error `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("loadKeccak and checksumAddress", () => {
  it("loads one Keccak-256 that agrees with ethers' keccak256, small inputs and above 16 KiB", async () => {
    const keccak = await loadKeccak();
    expect(await loadKeccak()).to.equal(keccak);
    const random = new Random(2);
    for (const length of [0, 1, 31, 32, 64, 135, 136, 137, 1000, 16_384, 16_385, 100_000]) {
      const data = random.bytes(length);
      expect("0x" + Buffer.from(keccak.hash(data)).toString("hex"), `${length} bytes`).to.equal(keccak256(data));
    }
  });

  it("gives the same tree through hash-wasm's public hasher (the fallback of the raw instance)", async () => {
    const fallback = serialExecutor(coreFromHasher(await createKeccak(256)));
    const random = new Random(3);
    const values = Array.from({ length: 3_000 }, () => [random.address(), random.uint(256)]);
    const types = ["address", "uint256"];
    const tree = await StandardTree.of(values, types, { executor: fallback });
    expect(tree.root).to.equal((await StandardTree.of(values, types)).root);
    expect(tree.root).to.equal(StandardMerkleTree.of(values, types).root);
  });

  it("checksums addresses as ethers' getAddress, and refuses what it refuses", async () => {
    const { core } = await loadKeccak();
    const random = new Random(4);
    for (let i = 0; i < 500; i++) {
      const address = random.hex(20);
      expect(checksumAddress(core, address)).to.equal(getAddress(address));
      expect(checksumAddress(core, getAddress(address))).to.equal(getAddress(address));
      expect(checksumAddress(core, "0x" + address.slice(2).toUpperCase())).to.equal(getAddress(address));
    }
    for (const bad of [ALICE.slice(0, -1) + "c", ALICE.slice(0, -1), "0x" + "z".repeat(40), ALICE.slice(2) + "00"]) {
      expect(checksumAddress(core, bad), bad).to.equal(undefined);
    }
  });
});

describe("buildRewardTree", () => {
  it("builds OpenZeppelin's tree of the checksummed leaves, whatever the input case", async () => {
    const random = new Random(8);
    const rewards = new Map<string, bigint>();
    for (let i = 0; i < 300; i++) rewards.set(random.address(), random.uint(128));
    const tree = await buildRewardTree(31337n, DISTRIBUTOR.toLowerCase(), rewards);
    const values = [...rewards].map(([account, amount]) => [31337n, DISTRIBUTOR, getAddress(account), amount]);
    const oz = StandardMerkleTree.of(values, [...REWARD_LEAF_TYPES]);
    expect(tree.root).to.equal(oz.root);
    expect([...tree.entries()]).to.deep.equal([...oz.entries()]);
    expect(REWARD_LEAF_TYPES).to.deep.equal(["uint256", "address", "address", "uint256"]);
  });

  it("throws MerkleDuplicateAccountError when one account appears twice in another letter case", async () => {
    const rewards = new Map([
      [ALICE, 1n],
      [ALICE.toLowerCase(), 2n],
    ]);
    const error = await rejection(buildRewardTree(31337n, DISTRIBUTOR, rewards));
    expect(error).to.be.instanceOf(MerkleDuplicateAccountError);
    expect((error as MerkleDuplicateAccountError).account).to.equal(ALICE);
    expect((error as MerkleDuplicateAccountError).shortMessage).to.include("merge its amounts");
  });

  it("throws MerkleNegativeAmountError on a negative amount", async () => {
    const error = await rejection(buildRewardTree(31337n, DISTRIBUTOR, new Map([[BOB.toLowerCase(), -1n]])));
    expect(error).to.be.instanceOf(MerkleNegativeAmountError);
    expect((error as MerkleNegativeAmountError).account).to.equal(BOB);
    expect((error as MerkleNegativeAmountError).amount).to.equal(-1n);
  });

  it("throws MerkleLeafEncodingError for a malformed account, distributor, amount or chain id", async () => {
    const one = (account: string, amount: unknown) => new Map([[account, amount as bigint]]);
    for (const build of [
      () => buildRewardTree(31337n, DISTRIBUTOR, one(ALICE.slice(0, -1) + "c", 1n)), // wrong checksum
      () => buildRewardTree(31337n, DISTRIBUTOR, one("0x1234", 1n)),
      () => buildRewardTree(31337n, "0x00", one(ALICE, 1n)),
      () => buildRewardTree(31337n, DISTRIBUTOR, one(ALICE, 1)),
      () => buildRewardTree(31337n, DISTRIBUTOR, one(ALICE, 2n ** 256n)),
      () => buildRewardTree(0n, DISTRIBUTOR, one(ALICE, 1n)),
    ]) {
      expect(await rejection(build())).to.be.instanceOf(MerkleLeafEncodingError);
    }
  });

  it("throws MerkleEmptyTreeError for no rewards", async () => {
    expect(await rejection(buildRewardTree(31337n, DISTRIBUTOR, new Map()))).to.be.instanceOf(MerkleEmptyTreeError);
  });

  it("finds an account's claim in any letter case, also in a loaded tree, in O(log n)", async () => {
    const random = new Random(12);
    const rewards = new Map<string, bigint>([[BOB, 7n]]);
    for (let i = 0; i < 1000; i++) rewards.set(random.address(), random.uint(64));
    const tree = await buildRewardTree(31337n, DISTRIBUTOR, rewards);
    const loaded = await StandardTree.load<RewardLeafValues>(JSON.parse(toJson(tree.dump())));
    for (const t of [tree, loaded]) {
      const claim = rewardClaim(t, BOB.toLowerCase());
      expect(claim.account).to.equal(BOB);
      expect(claim.cumulativeAmount).to.equal(7n);
      expect(claim.proof.length).to.be.within(10, 11); // ⌊log2 1001⌋ or one more
      expect(t.verify([31337n, DISTRIBUTOR, BOB, 7n], claim.proof)).to.equal(true);
      expect(() => rewardClaim(t, DISTRIBUTOR)).to.throw(MerkleLeafNotFoundError, `Account ${DISTRIBUTOR}`);
    }
  });
});

describe("buildContributionTree", () => {
  const hash = (i: number) => "0x" + i.toString(16).padStart(64, "0");

  it("builds OpenZeppelin's tree of [datanetId, contributionId, contributor, contentHash]", async () => {
    const random = new Random(13);
    const contributions = Array.from({ length: 200 }, (_, i) => ({
      contributionId: BigInt(i + 1),
      contributor: random.address(),
      contentHash: random.hex(32).toUpperCase().replace("0X", "0x"),
    }));
    const tree = await buildContributionTree(3n, contributions);
    const values = contributions.map((c) => [
      3n,
      c.contributionId,
      getAddress(c.contributor),
      c.contentHash.toLowerCase(),
    ]);
    const oz = StandardMerkleTree.of(values, [...CONTRIBUTION_LEAF_TYPES]);
    expect(tree.root).to.equal(oz.root);
    expect([...tree.entries()]).to.deep.equal([...oz.entries()]);
    const { values: leaf, proof } = contributionProof(tree, 150n);
    expect(leaf).to.deep.equal(values[149]);
    expect(proof).to.deep.equal(oz.getProof(149));
    expect(() => contributionProof(tree, 201n)).to.throw(MerkleLeafNotFoundError, "Contribution 201");
  });

  it("throws MerkleInvalidContributionError for a repeated id or content hash, or an id below 1", async () => {
    const c = (id: bigint, content: string) => ({ contributionId: id, contributor: ALICE, contentHash: content });
    for (const [list, problem] of [
      [[c(1n, hash(1)), c(1n, hash(2))], "contribution 1 repeats"],
      [[c(1n, hash(1)), c(2n, hash(1).toUpperCase().replace("0X", "0x"))], `the content hash ${hash(1)} repeats`],
      [[c(0n, hash(1))], "not a bigint ≥ 1"],
    ] as const) {
      const error = await rejection(buildContributionTree(1n, list));
      expect(error).to.be.instanceOf(MerkleInvalidContributionError);
      expect((error as MerkleInvalidContributionError).shortMessage).to.include(problem);
    }
  });

  it("throws MerkleLeafEncodingError for a malformed contributor or content hash", async () => {
    for (const contribution of [
      { contributionId: 1n, contributor: "0x1234", contentHash: hash(1) },
      { contributionId: 1n, contributor: ALICE, contentHash: "0x1234" },
      { contributionId: 1n, contributor: ALICE, contentHash: hash(1) + "00" },
    ]) {
      expect(await rejection(buildContributionTree(1n, [contribution]))).to.be.instanceOf(MerkleLeafEncodingError);
    }
  });
});
