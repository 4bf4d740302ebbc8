// Reading the attribution distributor through the SDK: its state in one block (accepted and
// pending roots with their posted tree hash and URI, funds, dispute, pause), the proposals, the
// decoded events of a receipt, and a watcher of proposals.
import { expect } from "chai";
import { ZeroHash } from "ethers";

import {
  formatRewardTreeFile,
  getDistributorState,
  getRootProposal,
  hashRewardTreeFile,
  InvalidBlockRangeError,
  InvalidIdError,
  parseAttributionDistributorLogs,
  proposeRoot,
  type RootProposal,
  watchRootProposals,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { waitUntil } from "../utils/wait.js";
import { CHALLENGE_PERIOD, FUNDED, OPEN, publishEpoch, rewardsFixture } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();
const fixture = () => rewardsFixture(ethers);

describe("getDistributorState", function () {
  it("reads a funded distributor before its first epoch: epoch 0, zero root, nothing pending", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const state = await getDistributorState(f.clients.reader);
    expect(state.address).to.equal(f.addresses.attributionDistributor);
    expect(state.token).to.equal(f.addresses.openToken);
    expect([state.epoch, state.root, state.totalCumulative]).to.deep.equal([0n, ZeroHash, 0n]);
    expect([state.totalFunded, state.balance]).to.deep.equal([FUNDED, FUNDED]);
    expect([state.challengePeriod, state.disputeBond, state.paused]).to.deep.equal([CHALLENGE_PERIOD, 0n, false]);
    expect(state.pending).to.equal(undefined);
    expect(state.dispute).to.equal(undefined);
    expect(state.acceptedProposal).to.equal(undefined);
    expect(state.blockNumber).to.equal(await ethers.provider.getBlockNumber());
  });

  it("reads a pending root with its posted tree hash and URI, open window, not yet acceptable", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const tree = f.trees.epoch1;
    const proposed = await proposeRoot(f.clients.oracle, { tree, treeURI: "https://rewards.example/epoch-1.json" });
    const proposedAt = BigInt((await ethers.provider.getBlock(proposed.receipt.blockNumber))!.timestamp);

    const state = await getDistributorState(f.clients.reader);
    const pending = state.pending!;
    expect([pending.epoch, pending.root, pending.totalCumulative]).to.deep.equal([1n, tree.root, 175n * OPEN]);
    expect(pending.validAt).to.equal(proposedAt + CHALLENGE_PERIOD);
    expect(pending.status).to.equal("Pending");
    expect([pending.challengeWindowOpen, pending.acceptable]).to.deep.equal([true, false]);
    expect(pending.secondsUntilAcceptable).to.equal(pending.validAt - state.timestamp);
    expect(pending.proposal!.treeURI).to.equal("https://rewards.example/epoch-1.json");
    expect(pending.proposal!.treeHash).to.equal(hashRewardTreeFile(formatRewardTreeFile(tree)));
    expect(pending.proposal!.proposedAt).to.equal(proposedAt);
    expect(pending.proposal!.transactionHash).to.equal(proposed.receipt.hash);
    // Nothing accepted yet: claims still see epoch 0.
    expect([state.epoch, state.root]).to.deep.equal([0n, ZeroHash]);

    const viewsOnly = await getDistributorState(f.clients.reader, { proposals: false });
    expect(viewsOnly.pending!.proposal).to.equal(undefined);
    expect(viewsOnly.pending!.root).to.equal(tree.root);
  });

  it("says a pending root is acceptable once its window has passed, and reads the accepted epoch after", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const proposed = await publishEpoch(f, networkHelpers, f.trees.epoch1, { accept: false });
    await networkHelpers.time.increaseTo(proposed.validAt);
    const waiting = await getDistributorState(f.clients.reader);
    expect([waiting.pending!.challengeWindowOpen, waiting.pending!.acceptable]).to.deep.equal([false, true]);
    expect(waiting.pending!.secondsUntilAcceptable).to.equal(0n);

    await f.distributor.acceptRoot();
    const state = await getDistributorState(f.clients.reader);
    expect([state.epoch, state.root, state.totalCumulative]).to.deep.equal([1n, f.trees.epoch1.root, 175n * OPEN]);
    expect(state.pending).to.equal(undefined);
    expect(state.acceptedProposal!.epoch).to.equal(1n);
    expect(state.acceptedProposal!.treeURI).to.equal(`ipfs://tree/${f.trees.epoch1.root}`);
  });

  it("reads a paused distributor, the dispute bond and an open dispute", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const { alice, guardian } = f.signers;
    await publishEpoch(f, networkHelpers, f.trees.epoch1, { accept: false });
    await f.distributor.setDisputeBond(5n * OPEN);
    await f.token.transfer(alice.address, 5n * OPEN);
    await f.token.connect(alice).approve(f.addresses.attributionDistributor, 5n * OPEN);
    await f.distributor.connect(alice).dispute("double payment");
    await f.distributor.connect(guardian).pause();

    const state = await getDistributorState(f.clients.reader);
    expect(state.paused).to.equal(true);
    expect(state.disputeBond).to.equal(5n * OPEN);
    expect(state.dispute).to.deep.equal({ disputer: alice.address, bond: 5n * OPEN });
    expect(state.pending!.status).to.equal("Disputed");
    expect(state.pending!.acceptable).to.equal(false);
    expect(state.balance).to.equal(FUNDED + 5n * OPEN);
    expect(state.totalFunded).to.equal(FUNDED);
  });

  it("throws InvalidBlockRangeError for a negative fromBlock", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await publishEpoch(f, networkHelpers, f.trees.epoch1, { accept: false });
    const error = await getDistributorState(f.clients.reader, { fromBlock: -1 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidBlockRangeError);
  });
});

describe("getRootProposal", function () {
  it("finds an epoch's latest proposal (after a veto, the second one), or undefined", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    expect(await getRootProposal(f.clients.reader, { epoch: 1n })).to.equal(undefined);
    await proposeRoot(f.clients.oracle, { tree: f.trees.epoch2, treeURI: "ipfs://first", epoch: 1n });
    await f.distributor.connect(f.signers.guardian).vetoRoot();
    await proposeRoot(f.clients.oracle, { tree: f.trees.epoch1, treeURI: "ipfs://second" });

    const latest = await getRootProposal(f.clients.reader, { epoch: 1n });
    expect([latest!.root, latest!.treeURI]).to.deep.equal([f.trees.epoch1.root, "ipfs://second"]);
    const vetoed = await getRootProposal(f.clients.reader, { epoch: 1n, root: f.trees.epoch2.root });
    expect([vetoed!.root, vetoed!.treeURI]).to.deep.equal([f.trees.epoch2.root, "ipfs://first"]);
    expect(vetoed!.totalCumulative).to.equal(250n * OPEN);
    expect(await getRootProposal(f.clients.reader, { epoch: 2n })).to.equal(undefined);
  });

  it("throws InvalidIdError for epoch 0", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const error = await getRootProposal(f.clients.reader, { epoch: 0n }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidIdError);
    expect((error as InvalidIdError).field).to.equal("epoch");
  });
});

describe("parseAttributionDistributorLogs", function () {
  it("decodes the distributor's events of a receipt and skips the token's", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await publishEpoch(f, networkHelpers, f.trees.epoch1);
    const { alice } = f.signers;
    const { cumulativeAmount, proof } = { cumulativeAmount: 100n * OPEN, proof: f.trees.epoch1.getProof(0) };
    const receipt = (await (await f.distributor.claim(alice.address, cumulativeAmount, proof)).wait())!;
    const events = parseAttributionDistributorLogs(f.clients.reader, receipt);
    expect(receipt.logs.length).to.equal(2); // Claimed, then the token's Transfer
    expect(events.map((e) => e.eventName)).to.deep.equal(["Claimed"]);
    const [claimed] = events;
    if (claimed!.eventName !== "Claimed") throw new Error("unreachable");
    expect([claimed!.args.account, claimed!.args.amount]).to.deep.equal([alice.address, 100n * OPEN]);
  });
});

describe("watchRootProposals", function () {
  it("reports each new proposal once, in order, until stopped", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const seen: RootProposal[] = [];
    const errors: unknown[] = [];
    const unwatch = watchRootProposals(f.clients.reader, {
      pollingInterval: 10,
      onProposals: (proposals) => void seen.push(...proposals),
      onError: (error) => errors.push(error),
    });
    try {
      await waitUntil(() => false, 50); // let the first poll fix its starting block
      await proposeRoot(f.clients.oracle, { tree: f.trees.epoch1, treeURI: "ipfs://one" });
      await waitUntil(() => seen.length >= 1);
      await f.distributor.connect(f.signers.guardian).vetoRoot();
      await proposeRoot(f.clients.oracle, { tree: f.trees.epoch2, treeURI: "ipfs://two", epoch: 1n });
      await waitUntil(() => seen.length >= 2);
    } finally {
      unwatch();
    }
    expect(errors).to.deep.equal([]);
    expect(seen.map((p) => [p.epoch, p.root, p.treeURI])).to.deep.equal([
      [1n, f.trees.epoch1.root, "ipfs://one"],
      [1n, f.trees.epoch2.root, "ipfs://two"],
    ]);
  });
});
