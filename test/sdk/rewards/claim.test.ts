// Claiming rewards through the SDK: what is claimable, claims for oneself and for others, batches,
// a second epoch's cumulative tree, and every pre-check refusing before anything is sent.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import {
  AbstractSigner,
  type Provider,
  type TransactionRequest,
  type TransactionResponse,
  type TypedDataDomain,
  type TypedDataField,
  Wallet,
} from "ethers";

import {
  AccountNotInRewardTreeError,
  buildRewardTree,
  claim,
  claimMany,
  ContractRevertError,
  createClient,
  CumulativeBelowClaimedError,
  DistributorPausedError,
  DistributorShortOfFundsError,
  DuplicateClaimError,
  EmptyBatchError,
  encodeClaim,
  getBalance,
  getClaimable,
  InvalidAddressError,
  MerkleInvalidProofError,
  NothingToClaimError,
  ProofNotForAcceptedRootError,
  rewardClaim,
  RewardTreeWrongDistributorError,
  RunnerError,
  StandardTree,
  REWARD_LEAF_TYPES,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { expectNothingSent, FUNDED, OPEN, publishEpoch, rewardsFixture } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();

/** Epoch 1 (alice 100, bob 50, carol 25) accepted. */
async function acceptedFixture() {
  const f = await rewardsFixture(ethers);
  await publishEpoch(f, networkHelpers, f.trees.epoch1);
  return f;
}

/** Epoch 1 accepted, epoch 2 (alice 150, bob 50, carol 40, dave 10) pending. */
async function pendingFixture() {
  const f = await acceptedFixture();
  const proposed = await publishEpoch(f, networkHelpers, f.trees.epoch2, { accept: false });
  return { ...f, validAt2: proposed.validAt };
}

describe("getClaimable", function () {
  it("is the tree's cumulative amount minus what was claimed, with a proof that verifies", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const { alice } = f.signers;
    const tree = f.trees.epoch1;
    const before = await getClaimable(f.clients.reader, { account: alice.address.toLowerCase(), tree });
    expect(before).to.deep.include({
      account: alice.address,
      claimable: 100n * OPEN,
      cumulativeAmount: 100n * OPEN,
      claimed: 0n,
      inTree: true,
      isAcceptedRoot: true,
    });
    const leaf = [f.clients.reader.chainId, f.addresses.attributionDistributor, alice.address, 100n * OPEN];
    expect(await StandardTree.verify(tree.root, REWARD_LEAF_TYPES, leaf, before.proof)).to.equal(true);

    await claim(f.clients.alice, { tree });
    const after = await getClaimable(f.clients.reader, { account: alice.address, tree });
    expect([after.claimable, after.claimed]).to.deep.equal([0n, 100n * OPEN]);
  });

  it("is 0 for an account not in the tree, and says when the tree is not the accepted one", async function () {
    const f = await networkHelpers.loadFixture(pendingFixture);
    const stranger = await getClaimable(f.clients.reader, {
      account: f.signers.stranger.address,
      tree: f.trees.epoch1,
    });
    expect(stranger).to.deep.include({ claimable: 0n, cumulativeAmount: 0n, inTree: false, isAcceptedRoot: true });
    expect(stranger.proof).to.deep.equal([]);
    const next = await getClaimable(f.clients.reader, { account: f.signers.alice.address, tree: f.trees.epoch2 });
    expect([next.claimable, next.isAcceptedRoot]).to.deep.equal([150n * OPEN, false]);
  });

  it("throws InvalidAddressError for a malformed account", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const error = await getClaimable(f.clients.reader, { account: "alice", tree: f.trees.epoch1 }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(InvalidAddressError);
  });
});

describe("claim", function () {
  it("pays the signer its cumulative amount and returns the Claimed amount", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const { alice } = f.signers;
    const sent: string[] = [];
    const result = await claim(f.clients.alice, { tree: f.trees.epoch1, onSent: (hash) => sent.push(hash) });
    expect(sent).to.deep.equal([result.receipt.hash]);
    expect([result.account, result.amount, result.cumulativeAmount]).to.deep.equal([
      alice.address,
      100n * OPEN,
      100n * OPEN,
    ]);
    expect(await getBalance(f.clients.reader, { account: alice.address })).to.equal(100n * OPEN);
    expect(await f.distributor.claimed(alice.address)).to.equal(100n * OPEN);
  });

  it("claims for someone else: the relayer sends, the account is paid", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const { bob, relayer } = f.signers;
    const relayerBalance = await getBalance(f.clients.reader, { account: relayer.address });
    const result = await claim(f.clients.relayer, { tree: f.trees.epoch1, account: bob.address });
    expect([result.account, result.amount]).to.deep.equal([bob.address, 50n * OPEN]);
    expect(result.receipt.from).to.equal(relayer.address);
    expect(await getBalance(f.clients.reader, { account: bob.address })).to.equal(50n * OPEN);
    expect(await getBalance(f.clients.reader, { account: relayer.address })).to.equal(relayerBalance);
  });

  it("claims from a claim's values (account, cumulative amount, proof) without a tree", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const values = rewardClaim(f.trees.epoch1, f.signers.carol.address);
    const result = await claim(f.clients.relayer, values);
    expect([result.account, result.amount]).to.deep.equal([f.signers.carol.address, 25n * OPEN]);
  });

  it("pays only the difference from a second epoch's cumulative tree", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const { alice, carol, dave } = f.signers;
    await claim(f.clients.alice, { tree: f.trees.epoch1 });
    await claim(f.clients.relayer, { tree: f.trees.epoch1, account: carol.address });
    await publishEpoch(f, networkHelpers, f.trees.epoch2);

    expect((await claim(f.clients.alice, { tree: f.trees.epoch2 })).amount).to.equal(50n * OPEN);
    expect((await claim(f.clients.relayer, { tree: f.trees.epoch2, account: carol.address })).amount).to.equal(
      15n * OPEN,
    );
    expect((await claim(f.clients.relayer, { tree: f.trees.epoch2, account: dave.address })).amount).to.equal(
      10n * OPEN,
    );
    expect(await getBalance(f.clients.reader, { account: alice.address })).to.equal(150n * OPEN);
    expect(await getBalance(f.clients.reader, { account: carol.address })).to.equal(40n * OPEN);
    // bob never claimed epoch 1: the epoch 2 tree pays him all of it at once.
    expect((await claim(f.clients.relayer, { tree: f.trees.epoch2, account: f.signers.bob.address })).amount).to.equal(
      50n * OPEN,
    );
  });

  it("throws NothingToClaimError when everything was claimed (nothing sent)", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    await claim(f.clients.alice, { tree: f.trees.epoch1 });
    const error = await expectNothingSent(
      ethers,
      f.signers.alice,
      () => claim(f.clients.alice, { tree: f.trees.epoch1 }),
      NothingToClaimError,
    );
    expect([error.account, error.cumulativeAmount, error.claimed]).to.deep.equal([
      f.signers.alice.address,
      100n * OPEN,
      100n * OPEN,
    ]);
  });

  it("throws ProofNotForAcceptedRootError naming the pending epoch and when it becomes claimable (nothing sent)", async function () {
    const f = await networkHelpers.loadFixture(pendingFixture);
    const error = await expectNothingSent(
      ethers,
      f.signers.alice,
      () => claim(f.clients.alice, { tree: f.trees.epoch2 }),
      ProofNotForAcceptedRootError,
    );
    expect([error.treeRoot, error.acceptedRoot, error.acceptedEpoch]).to.deep.equal([
      f.trees.epoch2.root,
      f.trees.epoch1.root,
      1n,
    ]);
    expect(error.pending).to.deep.equal({ epoch: 2n, root: f.trees.epoch2.root, validAt: f.validAt2, disputed: false });

    // A bare proof of the pending tree is recognized too.
    const bare = await expectNothingSent(
      ethers,
      f.signers.relayer,
      () => claim(f.clients.relayer, rewardClaim(f.trees.epoch2, f.signers.dave.address)),
      ProofNotForAcceptedRootError,
    );
    expect([bare.treeRoot, bare.pending?.epoch]).to.deep.equal([undefined, 2n]);
  });

  it("throws ProofNotForAcceptedRootError without pending info for a stale tree (nothing sent)", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    await publishEpoch(f, networkHelpers, f.trees.epoch2);
    const error = await expectNothingSent(
      ethers,
      f.signers.relayer,
      () => claim(f.clients.relayer, { tree: f.trees.epoch1, account: f.signers.bob.address }),
      ProofNotForAcceptedRootError,
    );
    expect([error.acceptedEpoch, error.acceptedRoot, error.pending]).to.deep.equal([
      2n,
      f.trees.epoch2.root,
      undefined,
    ]);
  });

  it("throws CumulativeBelowClaimedError when the accepted tree gives less than was claimed (nothing sent)", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const { alice, bob } = f.signers;
    await claim(f.clients.alice, { tree: f.trees.epoch1 });
    // The oracle lowers alice's cumulative amount (they never decrease; the contract checks totals only).
    const wrong = await buildRewardTree(
      f.clients.reader.chainId,
      f.addresses.attributionDistributor,
      new Map([
        [alice.address, 60n * OPEN],
        [bob.address, 200n * OPEN],
      ]),
    );
    await publishEpoch(f, networkHelpers, wrong);
    const error = await expectNothingSent(
      ethers,
      alice,
      () => claim(f.clients.alice, { tree: wrong }),
      CumulativeBelowClaimedError,
    );
    expect([error.account, error.cumulativeAmount, error.claimed]).to.deep.equal([
      alice.address,
      60n * OPEN,
      100n * OPEN,
    ]);
  });

  it("throws DistributorShortOfFundsError when the leaves sum to more than the distributor holds (nothing sent)", async function () {
    const f = await networkHelpers.loadFixture(rewardsFixtureOnly);
    const { alice, bob, oracle } = f.signers;
    const tree = await buildRewardTree(
      f.clients.reader.chainId,
      f.addresses.attributionDistributor,
      new Map([
        [alice.address, 900n * OPEN],
        [bob.address, 900n * OPEN],
      ]),
    );
    // The oracle posts a total (the funded 1,000) below its leaves' sum (1,800): the contract cannot tell.
    await f.distributor.connect(oracle).proposeRoot(1n, tree.root, FUNDED, tree.root, "ipfs://insolvent");
    await networkHelpers.time.increase(3_600n);
    await f.distributor.acceptRoot();
    await claim(f.clients.alice, { tree });
    const error = await expectNothingSent(
      ethers,
      bob,
      () => claim(f.clients.bob, { tree }),
      DistributorShortOfFundsError,
    );
    expect([error.needed, error.balance]).to.deep.equal([900n * OPEN, 100n * OPEN]);
  });

  it("throws DistributorPausedError while a guardian paused claims (nothing sent)", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    await f.distributor.connect(f.signers.guardian).pause();
    await expectNothingSent(
      ethers,
      f.signers.alice,
      () => claim(f.clients.alice, { tree: f.trees.epoch1 }),
      DistributorPausedError,
    );
  });

  it("throws AccountNotInRewardTreeError for an account without a leaf (nothing sent)", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const error = await expectNothingSent(
      ethers,
      f.signers.stranger,
      () => claim(f.clients.stranger, { tree: f.trees.epoch1 }),
      AccountNotInRewardTreeError,
    );
    expect([error.account, error.treeRoot]).to.deep.equal([f.signers.stranger.address, f.trees.epoch1.root]);
  });

  it("throws RewardTreeWrongDistributorError for another deployment's tree (nothing sent)", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const other = await buildRewardTree(
      f.clients.reader.chainId,
      Wallet.createRandom().address,
      new Map([[f.signers.alice.address, 100n * OPEN]]),
    );
    await expectNothingSent(
      ethers,
      f.signers.alice,
      () => claim(f.clients.alice, { tree: other }),
      RewardTreeWrongDistributorError,
    );
  });

  it("throws MerkleInvalidProofError for a malformed proof node, RunnerError without a signer", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const values = rewardClaim(f.trees.epoch1, f.signers.alice.address);
    const malformed = await claim(f.clients.alice, { ...values, proof: ["0x12"] }).catch((e: unknown) => e);
    expect(malformed).to.be.instanceOf(MerkleInvalidProofError);
    const reader = await claim(f.clients.reader, values).catch((e: unknown) => e);
    expect(reader).to.be.instanceOf(RunnerError);
  });

  it("surfaces a revert that slips past the pre-checks as ContractRevertError with the distributor's errorName", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const { alice, bob, relayer } = f.signers;
    const values = rewardClaim(f.trees.epoch1, alice.address);
    // Between the pre-checks and the transaction, bob claims alice's rewards first.
    const racing = new RacingSigner(relayer, async () => {
      await (await f.distributor.connect(bob).claim(values.account, values.cumulativeAmount, values.proof)).wait();
    });
    const client = await createClient({ runner: racing, addresses: f.addresses });
    const error = await claim(client, { tree: f.trees.epoch1, account: alice.address }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ContractRevertError);
    const revert = error as ContractRevertError;
    expect(revert.errorName).to.equal("DistributorNothingToClaim");
    expect([...revert.args]).to.deep.equal([alice.address, 100n * OPEN, 100n * OPEN]);
    expect(await getBalance(f.clients.reader, { account: alice.address })).to.equal(100n * OPEN); // paid once
  });
});

describe("claimMany", function () {
  it("pays several accounts in one transaction, sent by a relayer", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const { alice, bob, carol, relayer } = f.signers;
    const result = await claimMany(f.clients.relayer, {
      tree: f.trees.epoch1,
      accounts: [alice.address, bob.address, carol.address.toLowerCase()],
    });
    expect(result.receipt.from).to.equal(relayer.address);
    expect(result.amount).to.equal(175n * OPEN);
    expect(result.paid).to.deep.equal([
      { account: alice.address, amount: 100n * OPEN },
      { account: bob.address, amount: 50n * OPEN },
      { account: carol.address, amount: 25n * OPEN },
    ]);
    expect(result.skipped).to.deep.equal([]);
    for (const [signer, amount] of [
      [alice, 100n],
      [bob, 50n],
      [carol, 25n],
    ] as const) {
      expect(await getBalance(f.clients.reader, { account: signer.address })).to.equal(amount * OPEN);
    }
  });

  it("skips accounts with nothing left by default, and pays the rest of a second epoch", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const { alice, bob, carol, dave } = f.signers;
    await claimMany(f.clients.relayer, { tree: f.trees.epoch1, accounts: [alice.address, bob.address, carol.address] });
    await publishEpoch(f, networkHelpers, f.trees.epoch2);
    const accounts = [alice.address, bob.address, carol.address, dave.address];
    const result = await claimMany(f.clients.relayer, { tree: f.trees.epoch2, accounts });
    expect(result.paid).to.deep.equal([
      { account: alice.address, amount: 50n * OPEN },
      { account: carol.address, amount: 15n * OPEN },
      { account: dave.address, amount: 10n * OPEN },
    ]);
    expect(result.skipped).to.deep.equal([{ account: bob.address, cumulativeAmount: 50n * OPEN, claimed: 50n * OPEN }]);
    expect(result.amount).to.equal(75n * OPEN);
  });

  it("throws NothingToClaimError when every account is empty, or any with skipNothingToClaim: false (nothing sent)", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const { alice, bob, carol } = f.signers;
    await claim(f.clients.alice, { tree: f.trees.epoch1 });
    await claim(f.clients.bob, { tree: f.trees.epoch1 });
    const all = await expectNothingSent(
      ethers,
      f.signers.relayer,
      () => claimMany(f.clients.relayer, { tree: f.trees.epoch1, accounts: [alice.address, bob.address] }),
      NothingToClaimError,
    );
    expect(all.positions.map(({ account }) => account)).to.deep.equal([alice.address, bob.address]);
    const strict = await expectNothingSent(
      ethers,
      f.signers.relayer,
      () =>
        claimMany(f.clients.relayer, {
          tree: f.trees.epoch1,
          accounts: [carol.address, alice.address],
          skipNothingToClaim: false,
        }),
      NothingToClaimError,
    );
    expect(strict.account).to.equal(alice.address);
  });

  it("claims from claims' values, checking each proof against the accepted root", async function () {
    const f = await networkHelpers.loadFixture(pendingFixture);
    const { bob, carol, dave } = f.signers;
    const claims = [rewardClaim(f.trees.epoch1, bob.address), rewardClaim(f.trees.epoch1, carol.address)];
    const result = await claimMany(f.clients.relayer, { claims });
    expect(result.amount).to.equal(75n * OPEN);

    const error = await expectNothingSent(
      ethers,
      f.signers.relayer,
      () => claimMany(f.clients.relayer, { claims: [rewardClaim(f.trees.epoch2, dave.address)] }),
      ProofNotForAcceptedRootError,
    );
    expect(error.pending?.epoch).to.equal(2n);
  });

  it("throws DuplicateClaimError, EmptyBatchError and AccountNotInRewardTreeError before reading the chain", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const { alice, stranger } = f.signers;
    const tree = f.trees.epoch1;
    const duplicate = await claimMany(f.clients.relayer, {
      tree,
      accounts: [alice.address, alice.address.toLowerCase()],
    }).catch((e: unknown) => e);
    expect(duplicate).to.be.instanceOf(DuplicateClaimError);
    expect([(duplicate as DuplicateClaimError).firstIndex, (duplicate as DuplicateClaimError).index]).to.deep.equal([
      0, 1,
    ]);
    const empty = await claimMany(f.clients.relayer, { tree, accounts: [] }).catch((e: unknown) => e);
    expect(empty).to.be.instanceOf(EmptyBatchError);
    const missing = await claimMany(f.clients.relayer, { tree, accounts: [alice.address, stranger.address] }).catch(
      (e: unknown) => e,
    );
    expect(missing).to.be.instanceOf(AccountNotInRewardTreeError);
    expect((missing as AccountNotInRewardTreeError).account).to.equal(stranger.address);
  });
});

describe("encodeClaim", function () {
  it("builds the claim calldata anyone can send", async function () {
    const f = await networkHelpers.loadFixture(acceptedFixture);
    const { bob, relayer } = f.signers;
    const request = encodeClaim(f.clients.reader, { tree: f.trees.epoch1, account: bob.address.toLowerCase() });
    expect(request.to).to.equal(f.addresses.attributionDistributor);
    expect([request.account, request.cumulativeAmount]).to.deep.equal([bob.address, 50n * OPEN]);
    const decoded = f.distributor.interface.decodeFunctionData("claim", request.data);
    expect([decoded[0], decoded[1], [...decoded[2]]]).to.deep.equal([bob.address, 50n * OPEN, request.proof]);
    await (await relayer.sendTransaction({ to: request.to, data: request.data })).wait();
    expect(await getBalance(f.clients.reader, { account: bob.address })).to.equal(50n * OPEN);
  });
});

/** The fixture without any root: a name of its own for loadFixture. */
function rewardsFixtureOnly() {
  return rewardsFixture(ethers);
}

/** A signer that runs `race` (another account's transaction) right before sending its own. */
class RacingSigner extends AbstractSigner {
  constructor(
    private readonly inner: HardhatEthersSigner,
    private readonly race: () => Promise<void>,
  ) {
    super(inner.provider as unknown as Provider);
  }
  getAddress(): Promise<string> {
    return this.inner.getAddress();
  }
  connect(): RacingSigner {
    return this;
  }
  signTransaction(tx: TransactionRequest): Promise<string> {
    return this.inner.signTransaction(tx);
  }
  signMessage(message: string | Uint8Array): Promise<string> {
    return this.inner.signMessage(message);
  }
  signTypedData(
    domain: TypedDataDomain,
    types: Record<string, TypedDataField[]>,
    value: Record<string, unknown>,
  ): Promise<string> {
    return this.inner.signTypedData(domain, types, value);
  }
  override async sendTransaction(tx: TransactionRequest): Promise<TransactionResponse> {
    await this.race();
    return this.inner.sendTransaction(tx);
  }
}
