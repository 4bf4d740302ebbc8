// The operators' side of the distributor through the SDK: the oracle proposes, anyone accepts, a
// guardian vetoes, a disputer bonds against a root and the admin resolves it; the pool is funded.
import { expect } from "chai";
import { Wallet } from "ethers";

import {
  acceptRoot,
  buildRewardTree,
  ChallengeWindowClosedError,
  ContractRevertError,
  dispute,
  DisputeBondNotSetError,
  EmptyStringError,
  formatRewardTreeFile,
  fundDistributor,
  getAllowance,
  getBalance,
  getDistributorState,
  hashRewardTreeFile,
  InsufficientDepositBalanceError,
  InvalidAmountError,
  InvalidHashError,
  NoPendingRootError,
  proposeRoot,
  resolveDispute,
  RewardTreeWrongDistributorError,
  RootAlreadyDisputedError,
  vetoRoot,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { CHALLENGE_PERIOD, expectNothingSent, FUNDED, OPEN, publishEpoch, rewardsFixture } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();

const BOND = 5n * OPEN;

/** The suite funded, no root yet. */
function fixture() {
  return rewardsFixture(ethers);
}

/** Epoch 1 pending, a dispute bond of 5 OPEN set, and alice holding 20 OPEN to bond. */
async function disputableFixture() {
  const f = await rewardsFixture(ethers);
  const proposed = await publishEpoch(f, networkHelpers, f.trees.epoch1, { accept: false });
  await (await f.distributor.setDisputeBond(BOND)).wait();
  await (await f.token.transfer(f.signers.alice.address, 20n * OPEN)).wait();
  return { ...f, validAt: proposed.validAt };
}

describe("proposeRoot", function () {
  it("proposes a tree: root, total as the sum of its leaves, hash of its formatted file, next epoch", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const tree = f.trees.epoch1;
    const result = await proposeRoot(f.clients.oracle, { tree, treeURI: "https://rewards.example/1.json" });
    const block = await ethers.provider.getBlock(result.receipt.blockNumber);
    expect([result.epoch, result.root, result.totalCumulative]).to.deep.equal([1n, tree.root, 175n * OPEN]);
    expect(result.treeHash).to.equal(hashRewardTreeFile(formatRewardTreeFile(tree)));
    expect([result.treeURI, result.repeated]).to.deep.equal(["https://rewards.example/1.json", false]);
    expect(result.validAt).to.equal(BigInt(block!.timestamp) + CHALLENGE_PERIOD);
    const pending = await f.distributor.pendingRoot();
    expect([pending.epoch, pending.root, pending.totalCumulative]).to.deep.equal([1n, tree.root, 175n * OPEN]);
  });

  it("is a no-op when repeated exactly (repeated: true, same validAt)", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const first = await proposeRoot(f.clients.oracle, { tree: f.trees.epoch1, treeURI: "ipfs://1" });
    await networkHelpers.time.increase(60n);
    const again = await proposeRoot(f.clients.oracle, { tree: f.trees.epoch1, treeURI: "ipfs://1" });
    expect([again.repeated, again.validAt, again.epoch]).to.deep.equal([true, first.validAt, 1n]);
  });

  it("proposes given values, and surfaces the contract's refusal as ContractRevertError before sending", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const tree = f.trees.epoch1;
    const treeHash = hashRewardTreeFile("published text");
    const result = await proposeRoot(f.clients.oracle, {
      root: tree.root,
      totalCumulative: 175n * OPEN,
      treeHash,
      treeURI: "ipfs://1",
      epoch: 1n,
    });
    expect([result.root, result.treeHash]).to.deep.equal([tree.root, treeHash]);

    const error = await expectNothingSent(
      ethers,
      f.signers.oracle,
      () => proposeRoot(f.clients.oracle, { tree: f.trees.epoch2, treeURI: "ipfs://2", epoch: 1n }),
      ContractRevertError,
    );
    expect(error.errorName).to.equal("DistributorRootAlreadyPending");
    expect([...error.args]).to.deep.equal([1n, tree.root]);

    const stranger = await proposeRoot(f.clients.stranger, { tree, treeURI: "ipfs://x" }).catch((e: unknown) => e);
    expect((stranger as ContractRevertError).errorName).to.equal("AccessControlUnauthorizedAccount");
  });

  it("refuses a tree for another distributor and malformed values before sending", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const other = await buildRewardTree(
      f.clients.reader.chainId,
      Wallet.createRandom().address,
      new Map([[f.signers.alice.address, OPEN]]),
    );
    await expectNothingSent(
      ethers,
      f.signers.oracle,
      () => proposeRoot(f.clients.oracle, { tree: other, treeURI: "ipfs://x" }),
      RewardTreeWrongDistributorError,
    );
    const badHash = await proposeRoot(f.clients.oracle, {
      root: f.trees.epoch1.root,
      totalCumulative: 1n,
      treeHash: "0x1234",
      treeURI: "ipfs://x",
    }).catch((e: unknown) => e);
    expect(badHash).to.be.instanceOf(InvalidHashError);
    expect((badHash as InvalidHashError).field).to.equal("treeHash");
    const noUri = await proposeRoot(f.clients.oracle, { tree: f.trees.epoch1, treeURI: "" }).catch((e: unknown) => e);
    expect(noUri).to.be.instanceOf(EmptyStringError);
  });
});

describe("acceptRoot", function () {
  it("accepts the pending root once its window has passed, and refuses earlier with DistributorChallengeWindowOpen", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const { validAt } = await proposeRoot(f.clients.oracle, { tree: f.trees.epoch1, treeURI: "ipfs://1" });
    const early = await expectNothingSent(
      ethers,
      f.signers.stranger,
      () => acceptRoot(f.clients.stranger),
      ContractRevertError,
    );
    expect(early.errorName).to.equal("DistributorChallengeWindowOpen");
    expect(early.args.validAt).to.equal(validAt);

    await networkHelpers.time.increaseTo(validAt);
    const accepted = await acceptRoot(f.clients.stranger);
    expect([accepted.epoch, accepted.root, accepted.totalCumulative]).to.deep.equal([
      1n,
      f.trees.epoch1.root,
      175n * OPEN,
    ]);
    expect(await f.distributor.root()).to.equal(f.trees.epoch1.root);
  });
});

describe("vetoRoot", function () {
  it("discards the pending root; the oracle may propose the epoch again", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await proposeRoot(f.clients.oracle, { tree: f.trees.epoch2, treeURI: "ipfs://wrong", epoch: 1n });
    const vetoed = await vetoRoot(f.clients.guardian);
    expect([vetoed.epoch, vetoed.root, vetoed.guardian]).to.deep.equal([
      1n,
      f.trees.epoch2.root,
      f.signers.guardian.address,
    ]);
    expect(vetoed.returnedBond).to.equal(undefined);
    expect((await getDistributorState(f.clients.reader, { proposals: false })).pending).to.equal(undefined);
    const again = await proposeRoot(f.clients.oracle, { tree: f.trees.epoch1, treeURI: "ipfs://right" });
    expect(again.epoch).to.equal(1n);

    const notGuardian = await vetoRoot(f.clients.stranger).catch((e: unknown) => e);
    expect((notGuardian as ContractRevertError).errorName).to.equal("AccessControlUnauthorizedAccount");
  });
});

describe("dispute", function () {
  it("approves and bonds against the pending root, which then waits for the admin", async function () {
    const f = await networkHelpers.loadFixture(disputableFixture);
    const { alice } = f.signers;
    const sent: string[] = [];
    const result = await dispute(f.clients.alice, { reason: "bob is paid twice", onSent: (hash) => sent.push(hash) });
    expect([result.epoch, result.root, result.disputer, result.bond]).to.deep.equal([
      1n,
      f.trees.epoch1.root,
      alice.address,
      BOND,
    ]);
    expect(result.approval?.amount).to.equal(BOND);
    expect(sent).to.deep.equal([result.approval!.receipt.hash, result.receipt.hash]);
    expect(await getBalance(f.clients.reader, { account: alice.address })).to.equal(15n * OPEN);

    const state = await getDistributorState(f.clients.reader);
    expect(state.dispute).to.deep.equal({ disputer: alice.address, bond: BOND });
    expect([state.pending!.status, state.pending!.acceptable]).to.deep.equal(["Disputed", false]);
    expect(state.balance).to.equal(FUNDED + BOND);

    await networkHelpers.time.increaseTo(f.validAt);
    const blocked = await acceptRoot(f.clients.stranger).catch((e: unknown) => e);
    expect((blocked as ContractRevertError).errorName).to.equal("DistributorRootDisputed");
    expect([...(blocked as ContractRevertError).args]).to.deep.equal([1n, alice.address]);
  });

  it("does not approve again when the allowance covers the bond", async function () {
    const f = await networkHelpers.loadFixture(disputableFixture);
    await (await f.token.connect(f.signers.alice).approve(f.addresses.attributionDistributor, BOND)).wait();
    const result = await dispute(f.clients.alice, { reason: "wrong" });
    expect(result.approval).to.equal(undefined);
    const allowance = await getAllowance(f.clients.reader, {
      owner: f.signers.alice.address,
      spender: f.addresses.attributionDistributor,
    });
    expect(allowance).to.equal(0n);
  });

  it("rejected by the admin: the root is pending again, the bond joins the pool, and it can be accepted", async function () {
    const f = await networkHelpers.loadFixture(disputableFixture);
    await dispute(f.clients.alice, { reason: "wrong" });
    const resolved = await resolveDispute(f.clients.admin, { upheld: false });
    expect([resolved.epoch, resolved.disputer, resolved.upheld, resolved.bond]).to.deep.equal([
      1n,
      f.signers.alice.address,
      false,
      BOND,
    ]);
    const state = await getDistributorState(f.clients.reader);
    expect([state.pending!.status, state.dispute, state.totalFunded]).to.deep.equal([
      "Pending",
      undefined,
      FUNDED + BOND,
    ]);
    await networkHelpers.time.increaseTo(f.validAt);
    expect((await acceptRoot(f.clients.stranger)).epoch).to.equal(1n);
  });

  it("upheld by the admin: the root is discarded and the bond returned", async function () {
    const f = await networkHelpers.loadFixture(disputableFixture);
    await dispute(f.clients.alice, { reason: "wrong" });
    const resolved = await resolveDispute(f.clients.admin, { upheld: true });
    expect([resolved.upheld, resolved.bond]).to.deep.equal([true, BOND]);
    expect(await getBalance(f.clients.reader, { account: f.signers.alice.address })).to.equal(20n * OPEN);
    const state = await getDistributorState(f.clients.reader);
    expect([state.pending, state.dispute, state.totalFunded]).to.deep.equal([undefined, undefined, FUNDED]);

    const none = await resolveDispute(f.clients.admin, { upheld: true }).catch((e: unknown) => e);
    expect((none as ContractRevertError).errorName).to.equal("DistributorNotDisputed");
  });

  it("a guardian's veto of a disputed root returns the bond", async function () {
    const f = await networkHelpers.loadFixture(disputableFixture);
    await dispute(f.clients.alice, { reason: "wrong" });
    const vetoed = await vetoRoot(f.clients.guardian);
    expect(vetoed.returnedBond).to.deep.equal({ disputer: f.signers.alice.address, bond: BOND });
    expect(await getBalance(f.clients.reader, { account: f.signers.alice.address })).to.equal(20n * OPEN);
  });

  it("refuses before sending anything (not even an approval): already disputed, window closed", async function () {
    const f = await networkHelpers.loadFixture(disputableFixture);
    await (await f.token.transfer(f.signers.bob.address, 20n * OPEN)).wait();
    await dispute(f.clients.alice, { reason: "wrong" });
    const twice = await expectNothingSent(
      ethers,
      f.signers.bob,
      () => dispute(f.clients.bob, { reason: "also wrong" }),
      RootAlreadyDisputedError,
    );
    expect([twice.epoch, twice.disputer]).to.deep.equal([1n, f.signers.alice.address]);

    await resolveDispute(f.clients.admin, { upheld: false });
    await networkHelpers.time.increaseTo(f.validAt);
    const late = await expectNothingSent(
      ethers,
      f.signers.bob,
      () => dispute(f.clients.bob, { reason: "too late" }),
      ChallengeWindowClosedError,
    );
    expect([late.epoch, late.validAt]).to.deep.equal([1n, f.validAt]);
  });

  it("refuses before sending anything: no pending root, no bond set, bond above the balance, empty reason", async function () {
    const f = await networkHelpers.loadFixture(disputableFixture);
    const poor = await expectNothingSent(
      ethers,
      f.signers.stranger,
      () => dispute(f.clients.stranger, { reason: "wrong" }),
      InsufficientDepositBalanceError,
    );
    expect([poor.balance, poor.needed, poor.purpose]).to.deep.equal([0n, BOND, "bond"]);
    const empty = await dispute(f.clients.alice, { reason: "" }).catch((e: unknown) => e);
    expect(empty).to.be.instanceOf(EmptyStringError);

    await (await f.distributor.setDisputeBond(0n)).wait();
    await expectNothingSent(
      ethers,
      f.signers.alice,
      () => dispute(f.clients.alice, { reason: "x" }),
      DisputeBondNotSetError,
    );

    await vetoRoot(f.clients.guardian);
    const none = await expectNothingSent(
      ethers,
      f.signers.alice,
      () => dispute(f.clients.alice, { reason: "x" }),
      NoPendingRootError,
    );
    expect(none.acceptedEpoch).to.equal(0n);
  });
});

describe("fundDistributor", function () {
  it("approves and funds; the Funded total caps what roots may promise", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await (await f.token.transfer(f.signers.carol.address, 30n * OPEN)).wait();
    const result = await fundDistributor(f.clients.carol, { amount: 30n * OPEN });
    expect([result.from, result.amount, result.totalFunded]).to.deep.equal([
      f.signers.carol.address,
      30n * OPEN,
      FUNDED + 30n * OPEN,
    ]);
    expect(result.approval?.amount).to.equal(30n * OPEN);
    expect(await f.distributor.totalFunded()).to.equal(FUNDED + 30n * OPEN);
  });

  it("refuses zero and more than the funder holds before sending anything", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const zero = await fundDistributor(f.clients.carol, { amount: 0n }).catch((e: unknown) => e);
    expect(zero).to.be.instanceOf(InvalidAmountError);
    const short = await expectNothingSent(
      ethers,
      f.signers.carol,
      () => fundDistributor(f.clients.carol, { amount: OPEN }),
      InsufficientDepositBalanceError,
    );
    expect([short.account, short.balance, short.needed, short.purpose]).to.deep.equal([
      f.signers.carol.address,
      0n,
      OPEN,
      "fund",
    ]);
  });
});
