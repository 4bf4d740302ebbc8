// The SDK against a real node: anvil, started here on 127.0.0.1 and stopped after, with the suite
// deployed by the production Ignition module (test/utils/anvil.ts). Clients are built the way an
// app builds them — a plain ethers JsonRpcProvider and Wallet, none of Hardhat's signers.
//
// Every test starts from the freshly deployed suite (a snapshot is reverted after each one), so a
// new SDK flow is one more `describe` below that uses `chain` and `clientOf`.
import { expect } from "chai";
import { ethers } from "ethers";

import {
  type Client,
  ContractRevertError,
  createClient,
  type DatanetRegistry,
  datanetRegistry,
  openToken,
  sendAndWait,
  TransactionRevertedError,
  usageLedger,
  withDecodedReverts,
} from "../../sdk/src/index.js";
import { type AnvilSuite, startAnvilSuite } from "../utils/anvil.js";

/** The default accounts' roles in deploy/parameters/localhost.json (0 also holds all OPEN); 6–9 have none. */
const ACCOUNT = { deployer: 0, treasury: 1, oracle: 2, guardian: 3, registrar: 4, trainer: 5, alice: 6, bob: 7 };

/** Error from a promise that must reject. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );
}

describe("SDK on anvil", function () {
  this.timeout(30_000);
  let chain: AnvilSuite;
  let deployerClient: Client;
  let revert: (() => Promise<void>) | undefined;

  /** An SDK client of default account `index`, or read-only on the provider. */
  function clientOf(index?: number): Promise<Client> {
    const runner = index === undefined ? chain.provider : chain.wallets[index];
    return createClient({ runner, addresses: chain.addresses });
  }

  async function blockTime(blockNumber: number): Promise<bigint> {
    const block = await chain.provider.getBlock(blockNumber);
    if (block === null) throw new Error(`no block ${blockNumber}`);
    return BigInt(block.timestamp);
  }

  before(async function () {
    chain = await startAnvilSuite();
    deployerClient = await clientOf(ACCOUNT.deployer);
  });
  after(async function () {
    await chain?.stop();
  });
  beforeEach(async function () {
    revert = await chain.snapshot();
  });
  afterEach(async function () {
    await revert?.();
    revert = undefined;
  });

  describe("client", function () {
    it("reads the chain id and the deployment from a plain JsonRpcProvider", async function () {
      const client = await clientOf();
      expect(client.chainId).to.equal(31337n);
      expect(client.addresses).to.deep.equal(chain.addresses);
      for (const address of Object.values(chain.addresses)) {
        expect(await chain.provider.getCode(address)).to.not.equal("0x");
      }
      expect(await datanetRegistry(client).datanetCount()).to.equal(0n);
      const token = openToken(client);
      // deploy/parameters/localhost.json gives the whole supply to account 0.
      expect(await token.balanceOf(chain.wallets[ACCOUNT.deployer].address)).to.equal(await token.TOTAL_SUPPLY());
      expect(await token.balanceOf(chain.wallets[ACCOUNT.alice].address)).to.equal(0n);
    });
  });

  describe("transactions", function () {
    it("creates a Datanet through sendAndWait and reads it back", async function () {
      const alice = chain.wallets[ACCOUNT.alice];
      const client = await clientOf(ACCOUNT.alice);
      const registry = datanetRegistry(client);
      let sent: string | undefined;
      const receipt = await sendAndWait(
        () =>
          registry.createDatanet({
            metadataURI: "ipfs://meta",
            license: "CC-BY-4.0",
            stake: 5n,
            reviewPeriod: 3600n,
            treasury: chain.wallets[ACCOUNT.treasury].address,
          }),
        { onSent: (hash) => (sent = hash) },
      );
      expect(receipt.status).to.equal(1);
      expect(receipt.hash).to.equal(sent);
      expect(receipt.from).to.equal(alice.address);
      expect(receipt.to).to.equal(chain.addresses.datanetRegistry);
      const [created] = receipt.logs
        .map((log) => registry.interface.parseLog(log))
        .filter((event) => event?.name === "DatanetCreated");
      expect(created?.args.datanetId).to.equal(1n);
      expect(created?.args.owner).to.equal(alice.address);

      expect(await registry.datanetCount()).to.equal(1n);
      const datanet = await registry.getDatanet(1n);
      expect(datanet.owner).to.equal(alice.address);
      expect(datanet.stake).to.equal(5n);
      expect(datanet.metadataURI).to.equal("ipfs://meta");
    });

    it("is back on the fresh deployment in the next test (the snapshot was reverted)", async function () {
      expect(await datanetRegistry(await clientOf()).datanetCount()).to.equal(0n);
    });
  });

  describe("reverts", function () {
    it("decodes a transaction's custom error before sending it, and sends nothing", async function () {
      const bob = chain.wallets[ACCOUNT.bob];
      const client = await clientOf(ACCOUNT.bob);
      const error = await rejection(
        sendAndWait(() =>
          datanetRegistry(client).createDatanet({
            metadataURI: "m",
            license: "l",
            stake: 0n,
            reviewPeriod: 60n,
            treasury: bob.address,
          }),
        ),
      );
      expect(error).to.be.instanceOf(ContractRevertError);
      const revert = error as ContractRevertError;
      expect(revert.errorName).to.equal("DatanetReviewPeriodOutOfRange");
      expect(revert.args.reviewPeriod).to.equal(60n);
      expect([revert.args[1], revert.args[2]]).to.deep.equal([3600n, 90n * 24n * 3600n]);
      expect(await chain.provider.getTransactionCount(bob.address)).to.equal(0);
    });

    it("decodes a view's custom error through withDecodedReverts", async function () {
      const client = await clientOf();
      const error = await rejection(withDecodedReverts(() => datanetRegistry(client).getDatanet(42n)));
      expect(error).to.be.instanceOf(ContractRevertError);
      expect((error as ContractRevertError).errorName).to.equal("DatanetUnknown");
      expect((error as ContractRevertError).args.datanetId).to.equal(42n);
    });

    it("decodes a revert bubbled up from a nested call (UsageLedger.pay → ModelRegistry)", async function () {
      const client = await clientOf(ACCOUNT.bob);
      const error = await rejection(sendAndWait(() => usageLedger(client).pay(7n, 1n, 1n)));
      expect(error).to.be.instanceOf(ContractRevertError);
      expect((error as ContractRevertError).errorName).to.equal("ModelUnknownAdapter");
      expect((error as ContractRevertError).args.adapterId).to.equal(7n);
    });
  });

  describe("commit-reveal contribution", function () {
    const stake = ethers.parseEther("10");
    const contentHash = ethers.id("row 1");
    const uri = "ipfs://row1";
    const salt = ethers.id("salt");
    let bob: ethers.Wallet;
    let registry: DatanetRegistry;
    let commitment: string;

    // Alice creates Datanet 1 with a stake; Bob holds exactly the stake and approved the registry.
    beforeEach(async function () {
      bob = chain.wallets[ACCOUNT.bob];
      const owner = datanetRegistry(await clientOf(ACCOUNT.alice));
      await sendAndWait(() =>
        owner.createDatanet({
          metadataURI: "ipfs://meta",
          license: "CC-BY-4.0",
          stake,
          reviewPeriod: 3600n,
          treasury: chain.wallets[ACCOUNT.alice].address,
        }),
      );
      const bobClient = await clientOf(ACCOUNT.bob);
      await sendAndWait(() => openToken(bobClient).approve(chain.addresses.datanetRegistry, stake));
      await sendAndWait(() => openToken(deployerClient).transfer(bob.address, stake));
      registry = datanetRegistry(bobClient);
      commitment = await registry.commitmentOf(bob.address, 1n, [contentHash], salt);
    });

    it("reveals only in a block after the commitment's, then records the contribution", async function () {
      const notCommitted = await rejection(sendAndWait(() => registry.contribute(1n, contentHash, uri, salt)));
      expect((notCommitted as ContractRevertError).errorName).to.equal("DatanetNotCommitted");
      expect((notCommitted as ContractRevertError).args.commitment).to.equal(commitment);

      const committed = await sendAndWait(() => registry.commit(commitment));
      const committedAt = await blockTime(committed.blockNumber);
      expect(await registry.committedAt(commitment)).to.equal(committedAt);
      // At the commitment's own block (same timestamp) the reveal reverts.
      const tooRecent = await rejection(
        withDecodedReverts(() =>
          registry.contribute.staticCall(1n, contentHash, uri, salt, { blockTag: committed.blockNumber }),
        ),
      );
      expect((tooRecent as ContractRevertError).errorName).to.equal("DatanetCommitmentTooRecent");
      expect((tooRecent as ContractRevertError).args.committedAt).to.equal(committedAt);

      await chain.increaseTime(1);
      const receipt = await sendAndWait(() => registry.contribute(1n, contentHash, uri, salt));
      const revealedAt = await blockTime(receipt.blockNumber);
      expect(revealedAt).to.be.greaterThan(committedAt);
      expect(await registry.committedAt(commitment)).to.equal(0n);
      const contribution = await registry.getContribution(1n, contentHash);
      expect([contribution.id, contribution.contributor, contribution.submittedAt]).to.deep.equal([
        1n,
        bob.address,
        revealedAt,
      ]);
      expect(contribution.deadline).to.equal(revealedAt + 3600n);
      const token = openToken(deployerClient);
      expect(await token.balanceOf(bob.address)).to.equal(0n);
      expect(await token.balanceOf(chain.addresses.datanetRegistry)).to.equal(stake);
    });

    it("reports a reveal mined in the commitment's own block as TransactionRevertedError", async function () {
      // Commit and reveal wait in the pool and are mined in one block. The reveal skips the
      // simulation (explicit gas limit), so its revert surfaces only in the receipt.
      await chain.provider.send("evm_setAutomine", [false]);
      const commitTx = await registry.commit(commitment);
      let markSent!: (hash: string) => void;
      const sent = new Promise<string>((resolve) => (markSent = resolve));
      const reveal = rejection(
        sendAndWait(() => registry.contribute(1n, contentHash, uri, salt, { gasLimit: 300_000n }), {
          onSent: markSent,
        }),
      );
      const hash = await sent;
      await chain.provider.send("evm_mine", []);
      const error = await reveal;
      expect(error).to.be.instanceOf(TransactionRevertedError);
      expect((error as TransactionRevertedError).hash).to.equal(hash);
      const commitReceipt = await commitTx.wait();
      const revealReceipt = await chain.provider.getTransactionReceipt(hash);
      expect(revealReceipt?.status).to.equal(0);
      expect(revealReceipt?.blockNumber).to.equal(commitReceipt?.blockNumber);

      // The commitment survives the failed reveal: retried in a later block, it goes through.
      await chain.provider.send("evm_setAutomine", [true]);
      await chain.increaseTime(1);
      await sendAndWait(() => registry.contribute(1n, contentHash, uri, salt));
      expect((await registry.getContribution(1n, contentHash)).contributor).to.equal(bob.address);
    });

    afterEach(async function () {
      await chain.provider.send("evm_setAutomine", [true]);
    });
  });
});
