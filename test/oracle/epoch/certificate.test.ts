import { formatRewardTreeFile, REWARD_LEAF_TYPES, StandardTree } from "@openattribution/sdk";
import { expect } from "chai";
import { keccak256, solidityPackedKeccak256, ZeroHash } from "ethers";

import {
  CERTIFICATE_CHECKS,
  type CertificateCheckName,
  certify,
  type CertifyParameters,
  pickLeafSamples,
} from "../../../oracle/src/epoch/certificate.js";
import { cumulativeRewards, type RewardEntry, sumRewards } from "../../../oracle/src/epoch/cumulative.js";
import { buildEpochTree, parseRewardTreeLeaves } from "../../../oracle/src/epoch/tree.js";
import { randomTools } from "./random.js";
import {
  ALICE,
  BOB,
  CAROL,
  CHAIN_ID,
  contractLeaf,
  DISTRIBUTOR,
  leafSamplesOf,
  metadataFor,
  OTHER_DISTRIBUTOR,
  sampleEpoch,
} from "./samples.js";

const OPEN = 10n ** 18n;

/** The sample epoch as certify's parameters (they pass). */
async function passing(): Promise<CertifyParameters & { sample: Awaited<ReturnType<typeof sampleEpoch>> }> {
  const sample = await sampleEpoch();
  return {
    treeFile: sample.tree2.file,
    metadata: sample.metadata,
    previous: sample.epoch1,
    state: sample.state,
    config: sample.config,
    sample,
  };
}

/** Certifies and returns the names of the failed checks (sorted as CERTIFICATE_CHECKS lists them). */
async function failedChecks(parameters: CertifyParameters): Promise<CertificateCheckName[]> {
  const result = await certify(parameters);
  expect(result.checks.map((c) => c.check)).to.deep.equal([...CERTIFICATE_CHECKS]);
  if (result.ok) return [];
  expect(result.failures.length).to.be.greaterThan(0);
  for (const failure of result.failures) expect(failure.detail).to.be.a("string").and.not.equal("");
  return result.failures.map((f) => f.check);
}

describe("certify", function () {
  it("passes an honest epoch: every check runs, in order, and passes", async function () {
    const result = await certify(await passing());
    expect(result.ok).to.equal(true);
    expect(result.checks.map((c) => [c.check, c.ok])).to.deep.equal(CERTIFICATE_CHECKS.map((name) => [name, true]));
  });

  it("passes the first epoch (no previous list, zero accepted root)", async function () {
    const cumulative = cumulativeRewards(undefined, [[ALICE, 5n * OPEN]]);
    const tree = await buildEpochTree({ chainId: CHAIN_ID, distributor: DISTRIBUTOR, cumulative });
    const metadata = metadataFor(tree.file, tree.root, tree.totalCumulative, tree.totalCumulative, { epoch: 1n });
    const { state, config } = await passing();
    const failed = await failedChecks({
      treeFile: tree.file,
      metadata,
      previous: undefined,
      state: {
        ...state,
        acceptedEpoch: 0n,
        acceptedRoot: ZeroHash,
        acceptedTotalCumulative: 0n,
        leafSamples: leafSamplesOf(tree.file, CHAIN_ID, DISTRIBUTOR),
      },
      config,
    });
    expect(failed).to.deep.equal([]);
  });

  it("fails a tree file edited by hand (an amount raised): its nodes no longer recompute", async function () {
    const p = await passing();
    const [first] = parseRewardTreeLeaves(p.treeFile);
    const edited = p.treeFile.replace(`"${first!.cumulativeAmount}"`, `"${first!.cumulativeAmount + OPEN}"`);
    // The caller samples the file it certifies and reads the contract's leaf() of those values.
    const state = { ...p.state, leafSamples: leafSamplesOf(edited, CHAIN_ID, DISTRIBUTOR) };
    expect(await failedChecks({ ...p, treeFile: edited, state })).to.deep.equal([
      "tree-file-hash",
      "root-recomputes",
      "leaf-encoding",
      "totals-match",
    ]);
  });

  it("fails root-recomputes alone when the file is consistent but its root is not the metadata's", async function () {
    const p = await passing();
    const metadata = metadataFor(p.treeFile, keccak256("0x99"), p.metadata.totalCumulative, p.metadata.epochTotal, {
      previousRoot: p.metadata.previousRoot,
      explanationsHash: p.metadata.explanations.hash,
    });
    expect(await failedChecks({ ...p, metadata })).to.deep.equal(["root-recomputes"]);
  });

  it("fails tree-file-hash alone when the metadata states another file hash", async function () {
    const p = await passing();
    const metadata = { ...p.metadata, treeFile: { ...p.metadata.treeFile, hash: keccak256("0x98") } };
    expect(await failedChecks({ ...p, metadata })).to.deep.equal(["tree-file-hash"]);
  });

  it("fails total-within-funds alone when the total is above totalFunded, or above claimed + balance", async function () {
    const p = await passing();
    const total = p.metadata.totalCumulative;
    expect(await failedChecks({ ...p, state: { ...p.state, totalFunded: total - 1n } })).to.deep.equal([
      "total-within-funds",
    ]);
    expect(await failedChecks({ ...p, state: { ...p.state, totalFunded: total } })).to.deep.equal([]);
    expect(
      await failedChecks({ ...p, state: { ...p.state, claimedTotal: 10n * OPEN, balance: total - 10n * OPEN - 1n } }),
    ).to.deep.equal(["total-within-funds"]);
    // Without the claimed total, only the contract's own check (totalFunded) applies.
    expect(await failedChecks({ ...p, state: { ...p.state, claimedTotal: undefined, balance: 0n } })).to.deep.equal([]);
  });

  it("fails no-account-decreases alone when an account has less than in the accepted tree", async function () {
    const p = await passing();
    // An accepted epoch 1 where bob had 60 OPEN; epoch 2's tree still gives him 50.
    const epoch1 = cumulativeRewards(undefined, [
      [ALICE, 100n * OPEN],
      [BOB, 60n * OPEN],
    ]);
    const tree1 = await buildEpochTree({ chainId: CHAIN_ID, distributor: DISTRIBUTOR, cumulative: epoch1 });
    const total = p.metadata.totalCumulative;
    const metadata = metadataFor(p.treeFile, p.metadata.root, total, total - sumRewards(epoch1), {
      previousRoot: tree1.root,
    });
    const state = { ...p.state, acceptedRoot: tree1.root, acceptedTotalCumulative: tree1.totalCumulative };
    const result = await certify({ ...p, metadata, previous: epoch1, state });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.failures.map((f) => f.check)).to.deep.equal(["no-account-decreases"]);
    expect(result.failures[0]!.detail).to.include(BOB);

    // An account dropped from the tree is a decrease too.
    const dropped = await buildEpochTree({
      chainId: CHAIN_ID,
      distributor: DISTRIBUTOR,
      cumulative: cumulativeRewards(undefined, [
        [ALICE, 150n * OPEN],
        [CAROL, 75n * OPEN],
      ]),
    });
    const droppedMetadata = metadataFor(dropped.file, dropped.root, dropped.totalCumulative, 75n * OPEN, {
      previousRoot: p.sample.tree1.root,
    });
    expect(
      await failedChecks({
        ...p,
        treeFile: dropped.file,
        metadata: droppedMetadata,
        state: { ...p.state, leafSamples: leafSamplesOf(dropped.file, CHAIN_ID, DISTRIBUTOR) },
      }),
    ).to.deep.equal(["no-account-decreases"]);
  });

  it("fails no-duplicate-account alone when one account has two leaves", async function () {
    const p = await passing();
    const values: RewardEntry[] = [
      [ALICE, 150n * OPEN],
      [BOB, 50n * OPEN],
      [CAROL, 20n * OPEN],
      [CAROL, 5n * OPEN],
    ];
    const tree = await StandardTree.of(
      values.map(([account, amount]) => [CHAIN_ID, DISTRIBUTOR, account, amount] as const),
      REWARD_LEAF_TYPES,
    );
    const file = formatRewardTreeFile(tree as never);
    const total = sumRewards(values);
    const metadata = metadataFor(file, tree.root, total, total - sumRewards(p.previous!), {
      previousRoot: p.sample.tree1.root,
    });
    const state = { ...p.state, leafSamples: leafSamplesOf(file, CHAIN_ID, DISTRIBUTOR) };
    expect(await failedChecks({ ...p, treeFile: file, metadata, state })).to.deep.equal(["no-duplicate-account"]);
  });

  it("fails chain-matches-config when the RPC or the tree is on another chain", async function () {
    const p = await passing();
    // The node is another chain: its contract's leaf() differs too.
    const otherNode = { ...p.state, chainId: 1n, leafSamples: leafSamplesOf(p.treeFile, 1n, DISTRIBUTOR) };
    expect(await failedChecks({ ...p, state: otherNode })).to.deep.equal(["leaf-encoding", "chain-matches-config"]);

    // The tree's leaves are for another chain (metadata and node right).
    const tree = await buildEpochTree({ chainId: 1n, distributor: DISTRIBUTOR, cumulative: p.sample.cumulative });
    const metadata = metadataFor(tree.file, tree.root, tree.totalCumulative, p.metadata.epochTotal, {
      previousRoot: p.sample.tree1.root,
    });
    const state = { ...p.state, leafSamples: leafSamplesOf(tree.file, CHAIN_ID, DISTRIBUTOR) };
    expect(await failedChecks({ ...p, treeFile: tree.file, metadata, state })).to.deep.equal([
      "leaf-encoding",
      "chain-matches-config",
    ]);

    // Only the metadata names another chain.
    const wrongMetadata = { ...p.metadata, chainId: 5n };
    expect(await failedChecks({ ...p, metadata: wrongMetadata })).to.deep.equal(["chain-matches-config"]);
  });

  it("fails distributor-matches-config when the configured distributor is another", async function () {
    const p = await passing();
    const metadata = { ...p.metadata, distributor: OTHER_DISTRIBUTOR };
    expect(await failedChecks({ ...p, metadata })).to.deep.equal(["distributor-matches-config"]);
    // Configured for another distributor than the one read (and the tree is for): the previous
    // list's tree, built for the configured one, is not the accepted root either.
    expect(await failedChecks({ ...p, config: { ...p.config, distributor: OTHER_DISTRIBUTOR } })).to.deep.equal([
      "distributor-matches-config",
      "previous-is-accepted",
    ]);
  });

  it("fails leaf-encoding alone when our leaves are not the contract's leaf(), or no sample was read", async function () {
    const p = await passing();
    const packed = p.state.leafSamples.map((s) => ({
      ...s,
      leaf: solidityPackedKeccak256([...REWARD_LEAF_TYPES], [CHAIN_ID, DISTRIBUTOR, s.account, s.cumulativeAmount]),
    }));
    expect(await failedChecks({ ...p, state: { ...p.state, leafSamples: packed } })).to.deep.equal(["leaf-encoding"]);
    const single = p.state.leafSamples.map((s) => ({ ...s, leaf: keccak256(s.leaf) }));
    expect(await failedChecks({ ...p, state: { ...p.state, leafSamples: single } })).to.deep.equal(["leaf-encoding"]);
    expect(await failedChecks({ ...p, state: { ...p.state, leafSamples: [] } })).to.deep.equal(["leaf-encoding"]);
    const notInTree = [{ account: ALICE, cumulativeAmount: 1n, leaf: contractLeaf(CHAIN_ID, DISTRIBUTOR, ALICE, 1n) }];
    expect(await failedChecks({ ...p, state: { ...p.state, leafSamples: notInTree } })).to.deep.equal([
      "leaf-encoding",
    ]);
  });

  it("fails epoch-is-next alone when the epoch skips or repeats one", async function () {
    const p = await passing();
    for (const epoch of [3n, 1n]) {
      const metadata = metadataFor(p.treeFile, p.metadata.root, p.metadata.totalCumulative, p.metadata.epochTotal, {
        previousRoot: epoch === 1n ? ZeroHash : p.metadata.previousRoot,
        epoch,
      });
      const expected: CertificateCheckName[] =
        epoch === 1n ? ["previous-is-accepted", "epoch-is-next"] : ["epoch-is-next"];
      expect(await failedChecks({ ...p, metadata }), `epoch ${epoch}`).to.deep.equal(expected);
    }
  });

  it("fails no-other-root-pending alone when another root is pending, and passes when this one is", async function () {
    const p = await passing();
    const other = { ...p.state, pending: { epoch: 2n, root: keccak256("0x77") } };
    expect(await failedChecks({ ...p, state: other })).to.deep.equal(["no-other-root-pending"]);
    const same = { ...p.state, pending: { epoch: 2n, root: p.metadata.root } };
    expect(await failedChecks({ ...p, state: same })).to.deep.equal([]);
  });

  it("fails previous-is-accepted alone when the previous list is not the accepted tree", async function () {
    const p = await passing();
    const previous = cumulativeRewards(undefined, [
      [ALICE, 100n * OPEN],
      [BOB, 49n * OPEN],
    ]);
    const metadata = metadataFor(
      p.treeFile,
      p.metadata.root,
      p.metadata.totalCumulative,
      p.metadata.totalCumulative - sumRewards(previous),
      {
        previousRoot: p.metadata.previousRoot,
        explanationsHash: p.metadata.explanations.hash,
      },
    );
    expect(await failedChecks({ ...p, previous, metadata })).to.deep.equal(["previous-is-accepted"]);
    expect(
      await failedChecks({
        ...p,
        previous: undefined,
        metadata: { ...p.metadata, epochTotal: p.metadata.totalCumulative },
      }),
    ).to.deep.equal(["previous-is-accepted"]);
  });

  it("fails totals-match alone when the metadata's totals are not the tree's", async function () {
    const p = await passing();
    const metadata = metadataFor(p.treeFile, p.metadata.root, p.metadata.totalCumulative, p.metadata.epochTotal - 1n, {
      previousRoot: p.metadata.previousRoot,
    });
    expect(await failedChecks({ ...p, metadata })).to.deep.equal(["totals-match"]);
  });

  it("fails total-not-below-accepted alone when the total is below the accepted total", async function () {
    const p = await passing();
    const state = { ...p.state, acceptedTotalCumulative: p.metadata.totalCumulative + 1n };
    expect(await failedChecks({ ...p, state })).to.deep.equal(["total-not-below-accepted"]);
  });

  it("fails inputs-digest alone when the inputs were changed after the digest", async function () {
    const p = await passing();
    const inputs = { ...p.metadata.inputs, blockRange: { fromBlock: 10n, toBlock: 91n } };
    expect(await failedChecks({ ...p, metadata: { ...p.metadata, inputs } })).to.deep.equal(["inputs-digest"]);
  });

  it("runs every check and lists every failure when several fail, including a file that is not JSON", async function () {
    const p = await passing();
    const many = await failedChecks({
      ...p,
      state: { ...p.state, totalFunded: 0n, acceptedEpoch: 5n, pending: { epoch: 6n, root: keccak256("0x01") } },
    });
    expect(many).to.deep.equal(["total-within-funds", "epoch-is-next", "no-other-root-pending"]);

    const broken = await certify({ ...p, treeFile: "{ not json" });
    expect(broken.ok).to.equal(false);
    if (broken.ok) return;
    const failed = broken.failures.map((f) => f.check);
    for (const check of [
      "tree-file-format",
      "tree-file-hash",
      "root-recomputes",
      "leaf-encoding",
      "chain-matches-config",
      "distributor-matches-config",
      "no-duplicate-account",
      "no-account-decreases",
      "totals-match",
    ] as const) {
      expect(failed, check).to.include(check);
    }
    expect(failed).to.not.include("inputs-digest");
  });

  it("property: honest random epochs pass; raising any one leaf by hand always fails root-recomputes", async function () {
    const r = randomTools(0xce27);
    for (let round = 0; round < 12; round++) {
      const pool = Array.from({ length: 2 + r.int(10) }, () => r.address());
      const epoch1 = cumulativeRewards(
        undefined,
        pool.slice(0, 1 + r.int(pool.length - 1)).map((a) => [a, 1n + r.amount()]),
      );
      const tree1 = await buildEpochTree({ chainId: CHAIN_ID, distributor: DISTRIBUTOR, cumulative: epoch1 });
      const rewards: RewardEntry[] = pool.filter(() => r.int(2) === 0).map((a) => [a, r.amount()]);
      const cumulative = cumulativeRewards(epoch1, rewards);
      const tree2 = await buildEpochTree({ chainId: CHAIN_ID, distributor: DISTRIBUTOR, cumulative });
      const metadata = metadataFor(tree2.file, tree2.root, tree2.totalCumulative, sumRewards(rewards), {
        previousRoot: tree1.root,
      });
      const state = {
        chainId: CHAIN_ID,
        distributor: DISTRIBUTOR,
        acceptedEpoch: 1n,
        acceptedRoot: tree1.root,
        acceptedTotalCumulative: tree1.totalCumulative,
        totalFunded: tree2.totalCumulative + BigInt(r.int(3)),
        balance: tree2.totalCumulative,
        pending: undefined,
        leafSamples: leafSamplesOf(tree2.file, CHAIN_ID, DISTRIBUTOR),
      };
      const config = { chainId: CHAIN_ID, distributor: DISTRIBUTOR };
      const honest = { treeFile: tree2.file, metadata, previous: epoch1, state, config };
      expect(await failedChecks(honest), `round ${round}`).to.deep.equal([]);

      const leaves = parseRewardTreeLeaves(tree2.file);
      const victim = leaves[r.int(leaves.length)]!;
      const json = JSON.parse(tree2.file) as { values: { value: string[] }[] };
      json.values[victim.index]!.value[3] = (victim.cumulativeAmount + 1n + BigInt(r.int(1000))).toString();
      const edited = JSON.stringify(json, null, 2);
      expect(await failedChecks({ ...honest, treeFile: edited }), `round ${round}`).to.include("root-recomputes");
    }
  });
});

describe("pickLeafSamples", function () {
  it("picks the first, middle and last leaves, fewer when the tree has fewer", async function () {
    const { tree2 } = await sampleEpoch();
    const leaves = parseRewardTreeLeaves(tree2.file);
    expect(pickLeafSamples(tree2.file).map((s) => s.account)).to.deep.equal(leaves.map((l) => l.account));
    expect(pickLeafSamples(tree2.file, 1)).to.deep.equal([
      { account: leaves[0]!.account, cumulativeAmount: leaves[0]!.cumulativeAmount },
    ]);
    const big = await buildEpochTree({
      chainId: CHAIN_ID,
      distributor: DISTRIBUTOR,
      cumulative: cumulativeRewards(
        undefined,
        Array.from(
          { length: 9 },
          (_, i) => [`0x${(i + 1).toString(16).padStart(40, "0")}`, BigInt(i + 1)] as RewardEntry,
        ),
      ),
    });
    expect(pickLeafSamples(big.file).map((s) => s.cumulativeAmount)).to.deep.equal([1n, 5n, 9n]);
  });
});
