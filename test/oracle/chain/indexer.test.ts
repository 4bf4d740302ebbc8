// The indexer against a real chain (in-process, or anvil with SDK_TEST_CHAIN=anvil): what it
// derives from every kind of event, confirmations, resuming from the cursor, reorgs (evm_revert
// then different blocks), crashes mid-run (in the provider and inside a write) and flaky RPCs.
import { expect } from "chai";
import { makeError } from "ethers";

import { ChainUnstableError, ReorgTooDeepError } from "../../../oracle/src/chain/errors.js";
import { indexChain, type IndexChainParameters } from "../../../oracle/src/chain/indexer.js";
import type { LogEvent } from "../../../oracle/src/log.js";
import { bindChain, getCursor } from "../../../oracle/src/store/chain.js";
import { StoreChainMismatchError, VersionNotReproducibleError } from "../../../oracle/src/store/errors.js";
import {
  findAdapter,
  listAcceptedContributions,
  listAdapters,
  listEvents,
  listPayments,
  listRootAcceptances,
  listRootProposals,
  listVersions,
  resolveVersionContributions,
} from "../../../oracle/src/store/protocol.js";
import {
  buildVersionTree,
  contribute,
  hashContent,
  parseAttributionDistributorLogs,
  parseDatanetRegistryLogs,
  parseModelRegistryLogs,
  parseUsageLedgerLogs,
  pay,
  publishVersion,
  review,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../../sdk/utils/chain.js";
import { SUITE_BUILDER_BPS, SUITE_TREASURY_BPS } from "../../sdk/utils/deploy.js";
import { PRICE } from "../../sdk/usage/fixture.js";
import { clientWithProvider, dumpChainTables, EPOCH_1_ROOT, oracleChainFixture, tempStore } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();
const fixture = () => oracleChainFixture(ethers, networkHelpers);
const FAST_RETRY = { attempts: 4, baseDelayMs: 1, maxDelayMs: 4 };

/** What the crashing provider throws. */
class SimulatedCrash extends Error {}

describe("indexChain", function () {
  this.timeout(120_000);
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async function () {
    await Promise.all(disposers.splice(0).map((dispose) => dispose()));
  });
  async function newStore() {
    const temp = await tempStore();
    disposers.push(() => temp.dispose());
    return temp;
  }
  /** Indexes everything into a fresh store in one pass: the reference the other runs must equal. */
  async function referenceDump(parameters: Omit<IndexChainParameters, "store">) {
    const temp = await newStore();
    await indexChain({ ...parameters, store: temp.store });
    return dumpChainTables(temp.store);
  }

  it("stores every event and derives contributions, versions, adapters, payments and roots", async function () {
    const { reader, signers, addresses } = await networkHelpers.loadFixture(fixture);
    const { store } = await newStore();
    const head = await ethers.provider.getBlockNumber();
    const progress: LogEvent[] = [];
    const result = await indexChain({
      client: reader,
      store,
      confirmations: 0,
      blockRange: 7,
      log: (event) => progress.push(event),
    });

    expect(result).to.include({ fromBlock: 0, toBlock: head, target: head, chunks: Math.ceil((head + 1) / 7) });
    expect(result.cursor?.blockNumber).to.equal(head);
    expect(result.cursor?.blockHash).to.equal((await ethers.provider.getBlock(head))!.hash);
    expect(getCursor(store)).to.deep.equal(result.cursor);
    const steps = progress.filter((event) => event.msg === "index progress");
    expect(steps.at(-1)).to.include({ done: head + 1, total: head + 1 });
    expect(steps.map((event) => event.done)).to.deep.equal(
      [...steps.map((event) => event.done)].sort((a, b) => Number(a) - Number(b)),
    );

    // The generic table holds exactly what the SDK decodes from the chain's logs, in chain order.
    const logs = await ethers.provider.getLogs({ fromBlock: 0, toBlock: head });
    const decoded = [
      ...parseDatanetRegistryLogs(reader, { logs }),
      ...parseModelRegistryLogs(reader, { logs }),
      ...parseUsageLedgerLogs(reader, { logs }),
      ...parseAttributionDistributorLogs(reader, { logs }),
    ].sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
    const stored = listEvents(store);
    expect(result.events).to.equal(decoded.length);
    expect(stored.map((e) => [e.blockNumber, e.logIndex, e.eventName, e.transactionHash])).to.deep.equal(
      decoded.map((e) => [e.blockNumber, e.logIndex, e.eventName, e.transactionHash]),
    );
    const [paidEvent] = listEvents(store, { contract: "UsageLedger", eventNames: ["Paid"] });
    expect(paidEvent!.args).to.include({
      paymentId: "1",
      adapterId: "1",
      calls: "10",
      payer: signers.stranger.address,
    });
    expect(stored.some((event) => event.address === addresses.openToken)).to.equal(false);

    // Accepted contributions, versions and the contributions of each version.
    const d1a = hashContent(new TextEncoder().encode("d1-a"));
    const d1b = hashContent(new TextEncoder().encode("d1-b"));
    const accepted = listAcceptedContributions(store, { datanetId: 1n });
    expect(
      accepted.map(({ contributionId, contributor, contentHash, uri }) => ({
        contributionId,
        contributor,
        contentHash,
        uri,
      })),
    ).to.deep.equal([
      { contributionId: 1n, contributor: signers.relayer.address, contentHash: d1a, uri: "ipfs://d1-a" },
      { contributionId: 2n, contributor: signers.relayer.address, contentHash: d1b, uri: "ipfs://d1-b" },
    ]);
    expect(
      listVersions(store).map(({ datanetId, version, count, manifestURI }) => ({
        datanetId,
        version,
        count,
        manifestURI,
      })),
    ).to.deep.equal([
      { datanetId: 1n, version: 1n, count: 1n, manifestURI: "ipfs://manifest/1/d1-a" },
      { datanetId: 1n, version: 2n, count: 2n, manifestURI: "ipfs://manifest/1/d1-b" },
      { datanetId: 2n, version: 1n, count: 1n, manifestURI: "ipfs://manifest/2/d2-a" },
    ]);
    const v1 = await resolveVersionContributions(store, { datanetId: 1n, version: 1n });
    const v2 = await resolveVersionContributions(store, { datanetId: 1n, version: 2n });
    expect(v1.contributions.map((c) => c.contentHash)).to.deep.equal([d1a]);
    expect(v2.contributions.map((c) => c.contentHash)).to.deep.equal([d1a, d1b]);
    expect(v2.version.root).to.equal((await buildVersionTree(1n, v2.contributions)).root);

    // Adapters with their model's builder and Datanet versions.
    const adapters = listAdapters(store);
    expect(
      adapters.map(({ adapterId, modelId, version, builder, sources }) => ({
        adapterId,
        modelId,
        version,
        builder,
        sources,
      })),
    ).to.deep.equal([
      {
        adapterId: 1n,
        modelId: 1n,
        version: 1n,
        builder: signers.builder.address,
        sources: [{ datanetId: 2n, version: 1n }],
      },
      {
        adapterId: 2n,
        modelId: 1n,
        version: 2n,
        builder: signers.builder.address,
        sources: [{ datanetId: 2n, version: 1n }],
      },
    ]);
    expect(findAdapter(store, 2n)).to.deep.equal(adapters[1]);
    expect(findAdapter(store, 3n)).to.equal(undefined);
    expect(findAdapter(store, 2n ** 200n)).to.equal(undefined);

    // Payments with their block's timestamp; the split adds up.
    const payments = listPayments(store);
    expect(payments.map((p) => [p.paymentId, p.adapterId, p.modelId, p.payer, p.calls, p.amount])).to.deep.equal([
      [1n, 1n, 1n, signers.stranger.address, 10n, 10n * PRICE],
      [2n, 1n, 1n, signers.stranger.address, 3n, 3n * PRICE],
    ]);
    for (const p of payments) {
      expect(p.builderAmount).to.equal((p.amount * SUITE_BUILDER_BPS) / 10_000n);
      expect(p.treasuryAmount).to.equal((p.amount * SUITE_TREASURY_BPS) / 10_000n);
      expect(p.builderAmount + p.treasuryAmount + p.attributionAmount).to.equal(p.amount);
      expect(p.timestamp).to.equal((await ethers.provider.getBlock(p.blockNumber))!.timestamp);
    }
    expect(listPayments(store, { fromBlock: payments[1]!.blockNumber }).map((p) => p.paymentId)).to.deep.equal([2n]);
    expect(listPayments(store, { adapterId: 2n })).to.deep.equal([]);

    // The root proposed, then accepted.
    const [proposal] = listRootProposals(store);
    expect(proposal).to.include({
      epoch: 1n,
      root: EPOCH_1_ROOT,
      totalCumulative: 1n,
      treeURI: "https://oracle.example/epoch-1.json",
      status: "accepted",
    });
    expect(listRootAcceptances(store).map((a) => [a.epoch, a.root])).to.deep.equal([[1n, EPOCH_1_ROOT]]);
    expect(paidEvent!.address).to.equal(addresses.usageLedger);
  });

  it("indexes only blocks buried under the confirmations, and the rest once they are", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const { store } = await newStore();
    const head = await ethers.provider.getBlockNumber();
    const lastPayment = listPaymentsBlock(await referenceDump({ client: reader, confirmations: 0 }));
    const confirmations = head - lastPayment + 1; // the last payment's block is one too recent

    const first = await indexChain({ client: reader, store, confirmations });
    expect(first.cursor?.blockNumber).to.equal(lastPayment - 1);
    expect(listPayments(store).map((p) => p.paymentId)).to.deep.equal([1n]);
    expect(await indexChain({ client: reader, store, confirmations })).to.include({ chunks: 0, events: 0 });

    await networkHelpers.mine(1);
    const second = await indexChain({ client: reader, store, confirmations });
    expect(second).to.include({ fromBlock: lastPayment, toBlock: lastPayment });
    expect(listPayments(store).map((p) => p.paymentId)).to.deep.equal([1n, 2n]);
  });

  it("resumes from the cursor after the store is closed: the same rows as one pass", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const reference = await referenceDump({ client: reader, confirmations: 0, blockRange: 5 });
    const temp = await newStore();
    const head = await ethers.provider.getBlockNumber();
    const half = Math.floor(head / 2);

    const first = await indexChain({
      client: reader,
      store: temp.store,
      confirmations: 0,
      toBlock: half,
      blockRange: 5,
    });
    expect(first.cursor?.blockNumber).to.equal(half);
    const store = temp.reopen();
    expect(getCursor(store)?.blockNumber).to.equal(half);
    const rest = await indexChain({ client: reader, store, confirmations: 0, blockRange: 5 });
    expect(rest).to.include({ fromBlock: half + 1, toBlock: head });
    expect(dumpChainTables(store)).to.deep.equal(reference);
  });

  it("starts an empty store at fromBlock and ignores fromBlock once it has a cursor", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const { store } = await newStore();
    const head = await ethers.provider.getBlockNumber();
    const from = head - 2;
    expect(await indexChain({ client: reader, store, confirmations: 0, fromBlock: from })).to.include({
      fromBlock: from,
    });
    expect(listEvents(store).every((event) => event.blockNumber >= from)).to.equal(true);
    await networkHelpers.mine(2);
    expect(await indexChain({ client: reader, store, confirmations: 0, fromBlock: 0 })).to.include({
      fromBlock: head + 1,
      toBlock: head + 2,
    });
  });

  it("rolls back a reorg: the replaced blocks' rows are gone and the new blocks' rows are in", async function () {
    const { reader, payer } = await networkHelpers.loadFixture(fixture);
    const { store } = await newStore();
    const fork = await networkHelpers.takeSnapshot();
    const forkBlock = await ethers.provider.getBlockNumber();
    const stale = await pay(payer, { adapterId: 1n, calls: 5n }); // payment 3, to be replaced
    await networkHelpers.mine(3);
    await indexChain({ client: reader, store, confirmations: 0 });
    expect(listPayments(store).map((p) => [p.paymentId, p.calls])).to.deep.equal([
      [1n, 10n],
      [2n, 3n],
      [3n, 5n],
    ]);
    const staleCursor = getCursor(store)!;

    // The chain goes back to the fork point, shorter than the store's cursor: roll back, index nothing new.
    await fork.restore();
    const logs: LogEvent[] = [];
    const shorter = await indexChain({ client: reader, store, confirmations: 0, log: (event) => logs.push(event) });
    expect(shorter.reorgs).to.have.length(1);
    expect(shorter.reorgs[0]).to.include({ from: staleCursor.blockNumber, to: forkBlock });
    expect(shorter.reorgs[0]!.events).to.be.greaterThan(0);
    expect(logs.some((event) => event.level === "warn" && event.msg === "reorg rolled back")).to.equal(true);
    expect(listPayments(store).map((p) => p.paymentId)).to.deep.equal([1n, 2n]);
    expect(getCursor(store)?.blockNumber).to.equal(forkBlock);

    // Different blocks at the same heights and beyond: payment 3 is now 7 calls, in another transaction.
    const replacement = await pay(payer, { adapterId: 1n, calls: 7n });
    await networkHelpers.mine(5);
    const after = await indexChain({ client: reader, store, confirmations: 0 });
    expect(after.reorgs).to.deep.equal([]);
    const payments = listPayments(store);
    expect(payments.map((p) => [p.paymentId, p.calls, p.transactionHash])).to.deep.equal([
      [1n, 10n, payments[0]!.transactionHash],
      [2n, 3n, payments[1]!.transactionHash],
      [3n, 7n, replacement.receipt.hash],
    ]);
    expect(listEvents(store).some((event) => event.transactionHash === stale.receipt.hash)).to.equal(false);
    expect(dumpChainTables(store)).to.deep.equal(await referenceDump({ client: reader, confirmations: 0 }));
  });

  it("rolls back a reorg replacing blocks at and below the cursor while the chain grew past it", async function () {
    const { reader, payer } = await networkHelpers.loadFixture(fixture);
    const { store } = await newStore();
    const fork = await networkHelpers.takeSnapshot();
    await pay(payer, { adapterId: 1n, calls: 5n });
    await indexChain({ client: reader, store, confirmations: 0 });
    const staleCursor = getCursor(store)!;
    await fork.restore();
    await networkHelpers.mine(2); // empty blocks where the payment was, then more
    await pay(payer, { adapterId: 1n, calls: 9n });
    const result = await indexChain({ client: reader, store, confirmations: 0 });
    expect(result.reorgs).to.have.length(1);
    expect(result.reorgs[0]!.to).to.be.lessThan(staleCursor.blockNumber);
    expect(listPayments(store).map((p) => p.calls)).to.deep.equal([10n, 3n, 9n]);
    expect(dumpChainTables(store)).to.deep.equal(await referenceDump({ client: reader, confirmations: 0 }));
  });

  it("refuses with ReorgTooDeepError when no kept block hash is still on the chain", async function () {
    const { reader, payer } = await networkHelpers.loadFixture(fixture);
    const { store } = await newStore();
    const fork = await networkHelpers.takeSnapshot();
    await networkHelpers.mine(3);
    await indexChain({ client: reader, store, confirmations: 0, margin: 1 }); // keeps the cursor's hash only
    const cursor = getCursor(store)!;
    await fork.restore();
    await pay(payer, { adapterId: 1n, calls: 1n });
    await networkHelpers.mine(3);
    const error = await indexChain({ client: reader, store, confirmations: 0, margin: 1 }).catch((e: unknown) => e);
    expect(error)
      .to.be.instanceOf(ReorgTooDeepError)
      .and.include({ cursor: cursor.blockNumber, oldestKept: cursor.blockNumber });
    expect(getCursor(store)).to.deep.equal(cursor); // nothing changed
  });

  it("converges after crashes mid-run (the provider fails after K eth_getLogs): same store as one run", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const reference = await referenceDump({ client: reader, confirmations: 0, blockRange: 4 });
    const { store } = await newStore();
    const crashAfter = 3;
    let crashes = 0;
    for (;;) {
      let calls = 0;
      const crashing = clientWithProvider(reader, (provider) => ({
        getLogs: async (filter) => {
          if (++calls > crashAfter) throw new SimulatedCrash();
          return provider.getLogs(filter);
        },
      }));
      const error = await indexChain({ client: crashing, store, confirmations: 0, blockRange: 4 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (error === undefined) break;
      expect(error).to.be.instanceOf(SimulatedCrash);
      expect(calls).to.equal(crashAfter + 1); // a plain Error is fatal: not retried
      crashes++;
      // Each run wrote its first K chunks of 4 blocks, whole, and nothing of the chunk that crashed.
      expect(getCursor(store)!.blockNumber).to.equal(crashes * crashAfter * 4 - 1);
    }
    expect(crashes).to.be.greaterThan(1);
    expect(dumpChainTables(store)).to.deep.equal(reference);
  });

  it("writes nothing of a chunk whose write fails midway, and converges on the next run", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const reference = await referenceDump({ client: reader, confirmations: 0, blockRange: 1000 });
    const { store } = await newStore();
    // Fails the transaction at the first payment row, after the chunk's events were inserted.
    store.db.exec("CREATE TEMP TRIGGER crash BEFORE INSERT ON main.payments BEGIN SELECT RAISE(ABORT, 'crash'); END");
    const error = await indexChain({ client: reader, store, confirmations: 0, blockRange: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(Error);
    expect(getCursor(store)).to.equal(undefined);
    for (const rows of Object.values(dumpChainTables(store)).slice(0, -1)) expect(rows).to.deep.equal([]);
    store.db.exec("DROP TRIGGER crash");
    await indexChain({ client: reader, store, confirmations: 0, blockRange: 1000 });
    expect(dumpChainTables(store)).to.deep.equal(reference);
  });

  it("retries transient RPC errors (twice NETWORK_ERROR) and gives the same store", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const reference = await referenceDump({ client: reader, confirmations: 0, blockRange: 10 });
    const { store } = await newStore();
    let failures = 0;
    let calls = 0;
    const flaky = clientWithProvider(reader, (provider) => ({
      getLogs: async (filter) => {
        calls++;
        if (failures < 2) {
          failures++;
          throw makeError("socket hang up", "NETWORK_ERROR", { event: "request" });
        }
        return provider.getLogs(filter);
      },
    }));
    const logs: LogEvent[] = [];
    const result = await indexChain({
      client: flaky,
      store,
      confirmations: 0,
      blockRange: 10,
      retry: FAST_RETRY,
      log: (event) => logs.push(event),
    });
    expect(calls).to.equal(result.chunks + 2);
    expect(logs.filter((event) => event.msg === "retrying").map((event) => event.attempt)).to.deep.equal([1, 2]);
    expect(dumpChainTables(store)).to.deep.equal(reference);
  });

  it("does not retry a fatal RPC error", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const { store } = await newStore();
    let calls = 0;
    const fatal = makeError("bad filter", "INVALID_ARGUMENT", { argument: "filter", value: {} });
    const broken = clientWithProvider(reader, () => ({
      getLogs: async () => {
        calls++;
        throw fatal;
      },
    }));
    const error = await indexChain({ client: broken, store, confirmations: 0, retry: FAST_RETRY }).catch(
      (e: unknown) => e,
    );
    expect(error).to.equal(fatal);
    expect(calls).to.equal(1);
    expect(getCursor(store)).to.equal(undefined);
  });

  it("reads a chunk again when the chain changes during the read, and gives up after 5 tries", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const reference = await referenceDump({ client: reader, confirmations: 0, blockRange: 1000 });
    const { store } = await newStore();
    // The chunk's last block has another hash on the first read: as if the node switched forks.
    let lies = 1;
    const switching = clientWithProvider(reader, (provider) => ({
      getBlock: async (block) => {
        const found = await provider.getBlock(block);
        if (found === null || lies === 0) return found;
        lies--;
        return new Proxy(found, { get: (b, p) => (p === "hash" ? `0x${"ab".repeat(32)}` : Reflect.get(b, p, b)) });
      },
    }));
    const logs: LogEvent[] = [];
    await indexChain({ client: switching, store, confirmations: 0, blockRange: 1000, log: (e) => logs.push(e) });
    expect(logs.filter((event) => event.msg === "chain changed during read")).to.have.length(1);
    expect(dumpChainTables(store)).to.deep.equal(reference);

    const { store: other } = await newStore();
    lies = Infinity;
    const error = await indexChain({ client: switching, store: other, confirmations: 0 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ChainUnstableError).and.include({ tries: 5 });
    expect(getCursor(other)).to.equal(undefined);
  });

  it("refuses a store indexed from other contracts", async function () {
    const { reader, addresses } = await networkHelpers.loadFixture(fixture);
    const { store } = await newStore();
    bindChain(store, {
      chainId: reader.chainId,
      addresses: { ...addresses, usageLedger: addresses.modelRegistry },
    });
    const error = await indexChain({ client: reader, store, confirmations: 0 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StoreChainMismatchError).and.include({
      field: "usageLedger",
      stored: addresses.modelRegistry,
      actual: addresses.usageLedger,
    });
    const otherChain = await (async () => {
      try {
        bindChain(store, { chainId: 1n, addresses });
      } catch (e) {
        return e;
      }
    })();
    expect(otherChain).to.be.instanceOf(StoreChainMismatchError).and.include({ field: "chainId", stored: "31337" });
  });

  it("refuses bad parameters with a RangeError", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const { store } = await newStore();
    for (const bad of [
      { confirmations: -1 },
      { confirmations: 1.5 },
      { confirmations: 0, blockRange: 0 },
      { confirmations: 0, margin: 0 },
    ]) {
      const error = await indexChain({ client: reader, store, ...bad }).catch((e: unknown) => e);
      expect(error, JSON.stringify(bad)).to.be.instanceOf(RangeError);
    }
  });

  it("names the manifest when a version is not the contributions accepted before it", async function () {
    const { reader, builder, relayer } = await networkHelpers.loadFixture(fixture);
    const items = ["d1-c", "d1-d"].map((item) => ({ bytes: new TextEncoder().encode(item), uri: `ipfs://${item}` }));
    await contribute(relayer, { datanetId: 1n, contents: items, onCommitted: () => networkHelpers.mine() });
    await review(builder, {
      datanetId: 1n,
      reviews: items.map(({ bytes }) => ({ contentHash: hashContent(bytes), verdict: "Accept" as const })),
    });
    // Version 3 holds d1-a, d1-b and d1-c only: not every contribution accepted before it.
    const { store } = await newStore();
    await indexChain({ client: reader, store, confirmations: 0 });
    const subset = listAcceptedContributions(store, { datanetId: 1n }).slice(0, 3);
    await publishVersion(builder, {
      datanetId: 1n,
      manifestURI: "ipfs://manifest/1/v3",
      tree: await buildVersionTree(1n, subset),
    });
    await indexChain({ client: reader, store, confirmations: 0 });
    const error = await resolveVersionContributions(store, { datanetId: 1n, version: 3n }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(VersionNotReproducibleError).and.include({
      datanetId: 1n,
      version: 3n,
      manifestURI: "ipfs://manifest/1/v3",
    });
  });
});

/** The block of the last payment in a dump. */
function listPaymentsBlock(dump: Record<string, unknown[]>): number {
  const payments = dump.payments as { block_number: number }[];
  return payments.at(-1)!.block_number;
}
