// Posting an epoch's root idempotently, against a real chain (the in-process one, or anvil with
// SDK_TEST_CHAIN=anvil): post once; call again; crash at each point and resume; another root
// pending; transient RPC failures; epoch skipping.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DatabaseSync } from "node:sqlite";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  acceptRoot,
  attributionDistributor,
  type Client,
  createClient,
  fundDistributor,
  getDistributorState,
  loadRewardTree,
  proposeRoot,
  TransactionDroppedError,
} from "@openattribution/sdk";
import { expect } from "chai";
import type { Provider } from "ethers";

import { readDistributorFacts } from "../../../oracle/src/chain/certificateFacts.js";
import { RetriesExhaustedError } from "../../../oracle/src/chain/retry.js";
import {
  classifyPostError,
  discardPostIntent,
  EpochAcceptedWithOtherRootError,
  EpochNotNextError,
  getPostIntent,
  listPostIntents,
  OtherRootPendingError,
  postEpoch,
  type PostEpochParameters,
  PostIntentConflictError,
  PostIntentInFlightError,
} from "../../../oracle/src/chain/poster.js";
import type { LogEvent } from "../../../oracle/src/log.js";
import { certify } from "../../../oracle/src/epoch/certificate.js";
import { cumulativeRewards, sumRewards } from "../../../oracle/src/epoch/cumulative.js";
import { anchorTreeURI, buildEpochMetadata, hashEpochMetadata } from "../../../oracle/src/epoch/metadata.js";
import { buildEpochTree } from "../../../oracle/src/epoch/tree.js";
import { deploySuite } from "../../sdk/utils/deploy.js";
import { connectTestChain } from "../../sdk/utils/chain.js";

const { ethers, networkHelpers } = await connectTestChain();

const OPEN = 10n ** 18n;
const FAST = { retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 }, pollMs: 20 };

/** What a simulated crash throws: not transient, so nothing retries it. */
class Crash extends Error {
  override name = "Crash";
}

async function fixture() {
  const [admin, treasury, oracle, alice, bob, carol] = await ethers.getSigners();
  const suite = await deploySuite(ethers, { admin, treasury });
  await (await suite.distributor.grantRole(await suite.distributor.ORACLE_ROLE(), oracle.address)).wait();
  const { addresses } = suite;
  const adminClient = await createClient({ runner: admin, addresses });
  const oracleClient = await createClient({ runner: oracle, addresses });
  await fundDistributor(adminClient, { amount: 1_000n * OPEN });
  const build = (amounts: [HardhatEthersSigner, bigint][]) =>
    buildEpochTree({
      chainId: oracleClient.chainId,
      distributor: addresses.attributionDistributor,
      cumulative: cumulativeRewards(
        undefined,
        amounts.map(([signer, amount]) => [signer.address, amount]),
      ),
    });
  const epoch1 = await build([
    [alice, 100n * OPEN],
    [bob, 50n * OPEN],
  ]);
  const other1 = await build([[carol, 10n * OPEN]]);
  const epoch2 = await build([
    [alice, 150n * OPEN],
    [bob, 50n * OPEN],
    [carol, 25n * OPEN],
  ]);
  return { ...suite, signers: { admin, oracle, alice, bob, carol }, adminClient, oracleClient, epoch1, other1, epoch2 };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;
type Built = Fixture["epoch1"];

/** postEpoch's parameters for `tree` as `epoch`, with a fresh in-memory store unless one is given. */
function parametersFor(
  client: Client,
  db: DatabaseSync,
  epoch: bigint,
  tree: Built,
  uri = `ipfs://epoch-${epoch}`,
): PostEpochParameters {
  return {
    client,
    db,
    epoch,
    root: tree.root,
    totalCumulative: tree.totalCumulative,
    treeHash: tree.treeHash,
    treeURI: uri,
    ...FAST,
  };
}

/** A client whose signer is `signer` with one method replaced (bound methods otherwise). */
async function clientWith(f: Fixture, signer: HardhatEthersSigner, replace: Record<string, unknown>): Promise<Client> {
  const proxy = new Proxy(signer, {
    get(target, property, receiver) {
      if (typeof property === "string" && property in replace) return replace[property];
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return createClient({ runner: proxy, addresses: f.addresses });
}

/** A client whose provider fails `method` with `error` the first `times` calls. */
function flakyClient(client: Client, method: keyof Provider, times: number, error: () => unknown) {
  let failures = 0;
  const provider = new Proxy(client.provider, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (property === method) {
        return async (...args: unknown[]) => {
          if (failures < times) {
            failures++;
            throw error();
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { client: { ...client, provider } as Client, failures: () => failures };
}

async function nonceOf(signer: HardhatEthersSigner) {
  return ethers.provider.getTransactionCount(signer.address);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe("postEpoch", function () {
  it("posts once, records the intent, and a second call sends nothing", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const db = new DatabaseSync(":memory:");
    const events: LogEvent[] = [];
    const nonce = await nonceOf(f.signers.oracle);
    const first = await postEpoch({ ...parametersFor(f.oracleClient, db, 1n, f.epoch1), log: (e) => events.push(e) });
    expect([first.outcome, first.epoch, first.root]).to.deep.equal(["proposed", 1n, f.epoch1.root]);
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce + 1);
    const pending = await f.distributor.pendingRoot();
    expect([pending.epoch, pending.root, pending.totalCumulative]).to.deep.equal([1n, f.epoch1.root, 150n * OPEN]);
    expect(first.intent).to.deep.include({
      status: "confirmed",
      resolution: "proposed",
      txHash: first.txHash,
      attempts: 1,
      nonce,
      sender: f.signers.oracle.address,
      treeHash: f.epoch1.treeHash,
      treeURI: "ipfs://epoch-1",
    });
    expect(events.map((e) => e.msg)).to.include.members(["post: intent recorded", "post: sent", "post: proposed"]);

    const again = await postEpoch(parametersFor(f.oracleClient, db, 1n, f.epoch1));
    expect([again.outcome, again.txHash, again.validAt]).to.deep.equal([
      "already-pending",
      first.txHash,
      first.validAt,
    ]);
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce + 1);
    expect(
      listPostIntents(db, { chainId: f.oracleClient.chainId, distributor: f.addresses.attributionDistributor }),
    ).to.have.length(1);
  });

  it("crash after the intent, before sending: the next call sends exactly once", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const db = new DatabaseSync(":memory:");
    const nonce = await nonceOf(f.signers.oracle);
    const crashing = await clientWith(f, f.signers.oracle, {
      sendTransaction: async () => {
        throw new Crash("the process died before the transaction left");
      },
    });
    expect(await rejection(postEpoch(parametersFor(crashing, db, 1n, f.epoch1)))).to.be.instanceOf(Crash);
    const key = { chainId: f.oracleClient.chainId, distributor: f.addresses.attributionDistributor, epoch: 1n };
    expect(getPostIntent(db, key)).to.deep.include({ status: "planned", txHash: undefined, attempts: 1 });
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce);

    const resumed = await postEpoch(parametersFor(f.oracleClient, db, 1n, f.epoch1));
    expect(resumed.outcome).to.equal("proposed");
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce + 1);
    expect(resumed.intent).to.deep.include({ status: "confirmed", attempts: 2 });
  });

  it("crash after sending, before the receipt: the next call finds the pending root and sends nothing", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const db = new DatabaseSync(":memory:");
    const nonce = await nonceOf(f.signers.oracle);
    let sent: string | undefined;
    const crashed = await rejection(
      postEpoch({
        ...parametersFor(f.oracleClient, db, 1n, f.epoch1),
        onSent: (hash) => {
          sent = hash;
          throw new Crash("killed after the transaction left");
        },
      }),
    );
    expect(crashed).to.be.instanceOf(Crash);
    const key = { chainId: f.oracleClient.chainId, distributor: f.addresses.attributionDistributor, epoch: 1n };
    expect(getPostIntent(db, key)).to.deep.include({ status: "sent", txHash: sent });
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce + 1);

    const resumed = await postEpoch(parametersFor(f.oracleClient, db, 1n, f.epoch1));
    expect([resumed.outcome, resumed.txHash]).to.deep.equal(["already-pending", sent]);
    expect(resumed.intent).to.deep.include({ status: "confirmed", resolution: "proposed", attempts: 1 });
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce + 1);
  });

  it("crash after sending, transaction still in the mempool: waits, then finds it mined; nothing more sent", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const db = new DatabaseSync(":memory:");
    const nonce = await nonceOf(f.signers.oracle);
    await ethers.provider.send("evm_setAutomine", [false]);
    try {
      const crashed = await rejection(
        postEpoch({
          ...parametersFor(f.oracleClient, db, 1n, f.epoch1),
          onSent: () => {
            throw new Crash("killed after the transaction left");
          },
        }),
      );
      expect(crashed).to.be.instanceOf(Crash);
      const waiting = await postEpoch({ ...parametersFor(f.oracleClient, db, 1n, f.epoch1), waitTimeoutMs: 100 });
      expect(waiting.outcome).to.equal("waiting");
      expect(await ethers.provider.getTransactionCount(f.signers.oracle.address, "pending")).to.equal(nonce + 1);
      await networkHelpers.mine();
      const done = await postEpoch(parametersFor(f.oracleClient, db, 1n, f.epoch1));
      expect([done.outcome, done.txHash]).to.deep.equal(["already-pending", waiting.txHash]);
      expect(await nonceOf(f.signers.oracle)).to.equal(nonce + 1);
    } finally {
      await ethers.provider.send("evm_setAutomine", [true]);
    }
  });

  it("transaction dropped and its nonce used by another: re-plans and proposes once", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const db = new DatabaseSync(":memory:");
    const nonce = await nonceOf(f.signers.oracle);
    await ethers.provider.send("evm_setAutomine", [false]);
    let sent: string | undefined;
    try {
      await rejection(
        postEpoch({
          ...parametersFor(f.oracleClient, db, 1n, f.epoch1),
          onSent: (hash) => {
            sent = hash;
            throw new Crash("killed after the transaction left");
          },
        }),
      );
      // The same nonce is replaced by a plain transfer at a higher fee, and mined: our proposal is gone.
      const original = await ethers.provider.getTransaction(sent!);
      await f.signers.oracle.sendTransaction({
        to: f.signers.oracle.address,
        value: 0n,
        nonce,
        maxFeePerGas: original!.maxFeePerGas! * 2n,
        maxPriorityFeePerGas: original!.maxPriorityFeePerGas! * 2n,
      });
      await networkHelpers.mine();
    } finally {
      await ethers.provider.send("evm_setAutomine", [true]);
    }
    expect(await ethers.provider.getTransaction(sent!)).to.equal(null);
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce + 1);

    const events: LogEvent[] = [];
    const replanned = await postEpoch({
      ...parametersFor(f.oracleClient, db, 1n, f.epoch1),
      log: (e) => events.push(e),
    });
    expect(replanned.outcome).to.equal("proposed");
    expect(replanned.txHash).to.not.equal(sent);
    expect(replanned.intent).to.deep.include({ status: "confirmed", attempts: 2, nonce: nonce + 1 });
    expect(events.map((e) => e.msg)).to.include(
      "post: our transaction's nonce was used by another transaction; re-planning",
    );
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce + 2);
    expect((await f.distributor.pendingRoot()).root).to.equal(f.epoch1.root);
  });

  it("refuses with OtherRootPendingError when another root is pending for the epoch, sending nothing", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await proposeRoot(f.oracleClient, { tree: f.other1.tree, treeURI: "ipfs://someone-else" });
    const nonce = await nonceOf(f.signers.oracle);
    const error = await rejection(postEpoch(parametersFor(f.oracleClient, new DatabaseSync(":memory:"), 1n, f.epoch1)));
    expect(error).to.be.instanceOf(OtherRootPendingError);
    const pending = error as OtherRootPendingError;
    expect([pending.epoch, pending.pendingRoot, pending.pendingTotal, pending.root]).to.deep.equal([
      1n,
      f.other1.root,
      10n * OPEN,
      f.epoch1.root,
    ]);
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce);
    expect((await f.distributor.pendingRoot()).root).to.equal(f.other1.root);
  });

  it("refuses to skip an epoch (EpochNotNextError), before or while an earlier root is pending", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const db = new DatabaseSync(":memory:");
    const nonce = await nonceOf(f.signers.oracle);
    const skip = (await rejection(postEpoch(parametersFor(f.oracleClient, db, 2n, f.epoch2)))) as EpochNotNextError;
    expect(skip).to.be.instanceOf(EpochNotNextError);
    expect([skip.epoch, skip.nextEpoch, skip.pendingEpoch]).to.deep.equal([2n, 1n, undefined]);

    await postEpoch(parametersFor(f.oracleClient, db, 1n, f.epoch1));
    const blocked = (await rejection(postEpoch(parametersFor(f.oracleClient, db, 2n, f.epoch2)))) as EpochNotNextError;
    expect(blocked).to.be.instanceOf(EpochNotNextError);
    expect([blocked.nextEpoch, blocked.pendingEpoch]).to.deep.equal([1n, 1n]);
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce + 1);
  });

  it("after acceptance: already-accepted for the same root, EpochAcceptedWithOtherRootError for another", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const db = new DatabaseSync(":memory:");
    const { validAt } = await postEpoch(parametersFor(f.oracleClient, db, 1n, f.epoch1));
    await networkHelpers.time.increaseTo(validAt!);
    await acceptRoot(f.adminClient);
    const nonce = await nonceOf(f.signers.oracle);
    const again = await postEpoch(parametersFor(f.oracleClient, db, 1n, f.epoch1));
    expect(again.outcome).to.equal("already-accepted");
    const other = await rejection(postEpoch(parametersFor(f.oracleClient, new DatabaseSync(":memory:"), 1n, f.other1)));
    expect(other).to.be.instanceOf(EpochAcceptedWithOtherRootError);
    expect((other as EpochAcceptedWithOtherRootError).acceptedRoot).to.equal(f.epoch1.root);
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce);
    // And the next epoch goes through.
    expect((await postEpoch(parametersFor(f.oracleClient, db, 2n, f.epoch2))).outcome).to.equal("proposed");
  });

  it("refuses a second, different intent for an epoch (PostIntentConflictError); a planned one can be discarded", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const db = new DatabaseSync(":memory:");
    const key = { chainId: f.oracleClient.chainId, distributor: f.addresses.attributionDistributor, epoch: 1n };
    const crashing = await clientWith(f, f.signers.oracle, {
      sendTransaction: async () => {
        throw new Crash("before send");
      },
    });
    await rejection(postEpoch(parametersFor(crashing, db, 1n, f.epoch1)));
    const conflict = await rejection(postEpoch(parametersFor(f.oracleClient, db, 1n, f.other1)));
    expect(conflict).to.be.instanceOf(PostIntentConflictError);
    expect((conflict as PostIntentConflictError).recorded.root).to.equal(f.epoch1.root);
    expect(discardPostIntent(db, key)).to.equal(true);
    expect((await postEpoch(parametersFor(f.oracleClient, db, 1n, f.other1))).outcome).to.equal("proposed");
    expect(() => discardPostIntent(db, key)).to.throw(PostIntentInFlightError);
    const sameRootOtherURI = await rejection(
      postEpoch(parametersFor(f.oracleClient, db, 1n, f.other1, "ipfs://moved")),
    );
    expect(sameRootOtherURI).to.be.instanceOf(PostIntentConflictError);
  });

  it("retries transient RPC failures with bounded backoff, and not other errors", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const db = new DatabaseSync(":memory:");
    const nonce = await nonceOf(f.signers.oracle);
    const transient = () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const flaky = flakyClient(f.oracleClient, "getBlock", 2, transient);
    const events: LogEvent[] = [];
    const result = await postEpoch({ ...parametersFor(flaky.client, db, 1n, f.epoch1), log: (e) => events.push(e) });
    expect(result.outcome).to.equal("proposed");
    expect(flaky.failures()).to.equal(2);
    expect(events.filter((e) => e.msg === "retrying")).to.have.length(2);
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce + 1);

    // Past the bound, RetriesExhaustedError with the last transient error; nothing was sent.
    const down = flakyClient(f.oracleClient, "getBlock", 100, transient);
    const db2 = new DatabaseSync(":memory:");
    const error = await rejection(postEpoch(parametersFor(down.client, db2, 2n, f.epoch2)));
    expect(error).to.be.instanceOf(RetriesExhaustedError);
    expect(((error as RetriesExhaustedError).cause as { code?: string }).code).to.equal("ECONNRESET");
    expect(down.failures()).to.equal(FAST.retry.attempts);
    // A non-transient failure is not retried.
    const broken = flakyClient(f.oracleClient, "getBlock", 100, () => new Error("bad request"));
    await rejection(postEpoch(parametersFor(broken.client, db2, 2n, f.epoch2)));
    expect(broken.failures()).to.equal(1);
    expect(await nonceOf(f.signers.oracle)).to.equal(nonce + 1);
  });

  it("certifies a tree against the contract's leaf() and state, posts it with an anchored URI the SDK loads", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const server = createServer((request, response) => {
      if (request.url === "/epoch-1.json") response.writeHead(200).end(f.epoch1.file);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/epoch-1.json`;
      const metadata = buildEpochMetadata({
        chainId: f.oracleClient.chainId,
        distributor: f.addresses.attributionDistributor,
        epoch: 1n,
        root: f.epoch1.root,
        previousRoot: "0x" + "0".repeat(64),
        totalCumulative: f.epoch1.totalCumulative,
        epochTotal: sumRewards([
          [f.signers.alice.address, 100n * OPEN],
          [f.signers.bob.address, 50n * OPEN],
        ]),
        treeFile: { uri, hash: f.epoch1.treeHash },
        method: { name: "span-match", version: "1", params: {} },
        inputs: {
          blockRange: { fromBlock: 0n, toBlock: BigInt(await ethers.provider.getBlockNumber()) },
          inferenceLog: { uri: "file:///log.jsonl", hash: f.epoch1.treeHash },
          corpus: [],
          payments: [],
        },
        explanations: { uri: `${uri}.explanations`, hash: f.epoch1.treeHash },
      });
      const state = await readDistributorFacts(f.oracleClient, { treeFile: f.epoch1.file });
      expect(state.leafSamples).to.have.length(2);
      const leaf = await attributionDistributor(f.oracleClient).leaf(f.signers.alice.address, 100n * OPEN);
      expect(state.leafSamples.map((s) => s.leaf)).to.include(leaf.toLowerCase());
      const config = { chainId: f.oracleClient.chainId, distributor: f.addresses.attributionDistributor };
      const certificate = await certify({ treeFile: f.epoch1.file, metadata, previous: undefined, state, config });
      expect(certificate.ok, JSON.stringify(certificate.checks.filter((c) => !c.ok))).to.equal(true);
      // The certificate is not fooled by a tree for another chain id than the node's.
      const wrong = await certify({
        treeFile: f.epoch1.file,
        metadata,
        previous: undefined,
        state,
        config: { ...config, chainId: 1n },
      });
      expect(wrong.ok).to.equal(false);

      const treeURI = anchorTreeURI(uri, hashEpochMetadata(metadata));
      const posted = await postEpoch({
        ...parametersFor(f.oracleClient, new DatabaseSync(":memory:"), 1n, f.epoch1),
        treeURI,
      });
      expect(posted.outcome).to.equal("proposed");
      const { pending } = await getDistributorState(f.oracleClient);
      expect(pending?.proposal?.treeURI).to.equal(treeURI);
      const loaded = await loadRewardTree(f.oracleClient, { against: "pending" });
      expect(loaded.tree.root).to.equal(f.epoch1.root);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("classifyPostError", function () {
  it("retries what the reconciliation resolves (dropped transaction, nonce taken) and transient RPC errors, not refusals", function () {
    expect(classifyPostError(new TransactionDroppedError("0x" + "1".repeat(64)))).to.equal("retry");
    expect(classifyPostError(Object.assign(new Error("x"), { code: "NONCE_EXPIRED" }))).to.equal("retry");
    expect(classifyPostError(Object.assign(new Error("x"), { code: "NETWORK_ERROR" }))).to.equal("retry");
    expect(classifyPostError(Object.assign(new Error("x"), { code: "CALL_EXCEPTION" }))).to.equal("fatal");
    expect(classifyPostError(new EpochNotNextError(3n, 2n, undefined))).to.equal("fatal");
    expect(classifyPostError(new Crash("x"))).to.equal("fatal");
  });
});
