// The SDK against a real node: anvil, started here on 127.0.0.1 and stopped after, with the suite
// deployed by the production Ignition module (test/utils/anvil.ts). Clients are built the way an
// app builds them — a plain ethers JsonRpcProvider and Wallet, none of Hardhat's signers.
//
// Every test starts from the freshly deployed suite (a snapshot is reverted after each one), so a
// new SDK flow is one more `describe` below that uses `chain` and `clientOf`.
//
// Then "the SDK test suite on anvil" runs every SDK test file that connects through
// `connectTestChain()` (test/sdk/utils/chain.ts) again, on anvil, in a child `hardhat test mocha`.
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect } from "chai";
import { ethers } from "ethers";
import hre from "hardhat";

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
import { SDK_TEST_CHAIN, testChain } from "./utils/chain.js";

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

// Every SDK test file that connects through `connectTestChain()` runs a second time here, on anvil:
// in a child `hardhat test mocha <files>` with SDK_TEST_CHAIN=anvil, where each file's connection is
// a new anvil (test/sdk/utils/chain.ts) that the child stops when it is done. The files are found
// when this runs, so a new test file joins by connecting through `connectTestChain()`.
describe("the SDK test suite on anvil", function () {
  this.timeout(10 * 60_000);
  const THIS_FILE = fileURLToPath(import.meta.url);
  /** Where test files that may call `connectTestChain()` live: the SDK's and the oracle's. */
  const CHAIN_TEST_FOLDERS = [path.dirname(THIS_FILE), path.resolve(path.dirname(THIS_FILE), "../oracle")];
  /** Output shown when the child fails: the end, where mocha lists the failures. */
  const OUTPUT_TAIL = 30_000;
  let child: ReturnType<typeof spawn> | undefined;

  after(function () {
    // Only if this test was interrupted (timeout): the child stops its anvils on SIGTERM.
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  });

  /** The SDK and oracle test files (absolute paths) that connect through `connectTestChain()`, sorted. */
  async function chainTestFiles(): Promise<string[]> {
    const files: string[] = [];
    for (const folder of CHAIN_TEST_FOLDERS) {
      for (const name of await readdir(folder, { recursive: true }).catch(() => [])) {
        const file = path.join(folder, name);
        if (!name.endsWith(".test.ts") || file === THIS_FILE) continue;
        if ((await readFile(file, "utf8")).includes("connectTestChain(")) files.push(file);
      }
    }
    return files.sort();
  }

  /** How many tests `files` define in this process (in-process), if this run loaded all of them. */
  function inProcessCounts(root: Mocha.Suite, files: readonly string[]) {
    const wanted = new Set(files);
    const seen = new Set<string>();
    let active = 0;
    let pending = 0;
    const visit = (suite: Mocha.Suite) => {
      for (const test of suite.tests) {
        if (test.file === undefined || !wanted.has(path.resolve(test.file))) continue;
        seen.add(path.resolve(test.file));
        if (test.isPending()) pending++;
        else active++;
      }
      suite.suites.forEach(visit);
    };
    visit(root);
    return seen.size === wanted.size ? { active, pending } : undefined;
  }

  it("passes on anvil, with as many passing tests as in-process", async function () {
    // In the child itself (SDK_TEST_CHAIN=anvil), running the suite again would recurse.
    if (testChain() === "anvil") this.skip();
    const files = await chainTestFiles();
    expect(files.length, "no SDK test file calls connectTestChain()").to.be.greaterThan(0);

    const cli = fileURLToPath(new URL("./cli.js", import.meta.resolve("hardhat")));
    // The child never compiles: it runs on this run's build. A --coverage run keeps its instrumented
    // build under coverage/ (hardhat.config.ts), and COVERAGE_BUILD points the child there (anvil
    // runs instrumented bytecode: its code-size limit is off).
    const coverageBuild = hre.config.paths.artifacts !== path.join(hre.config.paths.root, "artifacts");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      [SDK_TEST_CHAIN]: "anvil",
      COVERAGE_BUILD: coverageBuild ? "1" : "",
    };
    // Hardhat passes its global options on to child processes as environment variables: the child
    // measures neither coverage nor gas.
    for (const name of ["HARDHAT_COVERAGE", "HARDHAT_GAS_STATS", "HARDHAT_GAS_STATS_JSON"]) delete env[name];

    const started = Date.now();
    child = spawn(process.execPath, [cli, "test", "mocha", "--no-compile", ...files], {
      cwd: hre.config.paths.root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child?.once("error", reject);
      child?.once("close", (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);

    // eslint-disable-next-line no-control-regex -- mocha may colour its summary
    const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
    const count = (label: string) => Number(new RegExp(`^\\s*(\\d+) ${label}`, "m").exec(plain)?.[1] ?? 0);
    const [passing, failing, pending] = [count("passing"), count("failing"), count("pending")];
    let root = this.test!.parent!;
    while (root.parent !== undefined) root = root.parent;
    const inProcess = inProcessCounts(root, files);
    console.log(
      `      ${files.length} files on anvil: ${passing} passing, ${failing} failing, ${pending} pending in ${seconds} s` +
        (inProcess ? ` (in-process: ${inProcess.active} tests, ${inProcess.pending} pending)` : ""),
    );

    const report = `hardhat test mocha on anvil exited with code ${code}, signal ${signal}; its output ends with:\n${plain.slice(-OUTPUT_TAIL)}`;
    expect(code, report).to.equal(0);
    expect(failing, report).to.equal(0);
    expect(passing, report).to.be.greaterThan(0);
    // When this run loaded the same files in-process: nothing left out on anvil, nothing more skipped.
    if (inProcess !== undefined) {
      expect(passing, report).to.equal(inProcess.active);
      expect(pending, report).to.equal(inProcess.pending);
    }
  });
});
