// The epoch pipeline end to end against a real chain (in-process, or anvil with
// SDK_TEST_CHAIN=anvil): index → ingest → attribute → build → check → post → accept → claim
// through the SDK; byte-identical rebuilds; content not matching its hash excluded and reported;
// a published tree edited by hand fails the certificate and nothing is posted.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { claim, getDistributorState, openToken } from "@openattribution/sdk";
import { expect } from "chai";

import { indexChain } from "../../../oracle/src/chain/indexer.js";
import { readRewardTreeFile } from "../../../oracle/src/epoch/tree.js";
import {
  BuildConflictError,
  CertificateFailedError,
  EpochPostedError,
  getAttribution,
  epochBlockRange,
  epochFileNames,
  epochReady,
  getAttributionOf,
  getEpochInfo,
  getRewardsOf,
  NotIndexedError,
  runAccept,
  runAttribute,
  runBuild,
  runCheck,
  runPost,
  StepMissingError,
} from "../../../oracle/src/pipeline/index.js";
import { putAttribution } from "../../../oracle/src/pipeline/tables.js";
import { ingestInferenceLog } from "../../../oracle/src/store/ingest.js";
import { SUITE_CHALLENGE_PERIOD } from "../../sdk/utils/deploy.js";
import { connectTestChain } from "../../sdk/utils/chain.js";
import { EPOCH_BLOCKS, type PipelineFixture, pipelineFixture, PRICE, TEXTS } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();

const FAST = { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, pollMs: 20 };

describe("oracle pipeline: one epoch end to end", function () {
  let f: PipelineFixture;
  const files = async () => {
    const names = epochFileNames(1n);
    const read = (name: string) => readFile(path.join(f.ctx.config.publish.dir, name), "utf8");
    return {
      tree: await read(names.tree),
      metadata: await read(names.metadata),
      explanations: await read(names.explanations),
      inferenceLog: await read(names.inferenceLog),
    };
  };

  before(async function () {
    f = await pipelineFixture(ethers, networkHelpers);
  });
  after(async function () {
    await f?.dispose();
  });

  it("numbers epochs by blocks from startBlock", function () {
    const { startBlock } = f.ctx.config;
    expect(epochBlockRange(f.ctx.config, 1)).to.deep.equal({
      fromBlock: startBlock,
      toBlock: startBlock + EPOCH_BLOCKS - 1,
    });
    expect(epochBlockRange(f.ctx.config, 2n).fromBlock).to.equal(startBlock + EPOCH_BLOCKS);
    expect(epochReady(f.ctx.config, startBlock + EPOCH_BLOCKS - 2, 1)).to.equal(false);
    expect(epochReady(f.ctx.config, startBlock + EPOCH_BLOCKS - 1, 1)).to.equal(true);
  });

  it("refuses to attribute an epoch the store is not indexed through", async function () {
    await indexChain({ client: f.ctx.client, store: f.ctx.store, confirmations: 0 });
    const error = await runAttribute(f.ctx, { epoch: 1 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(NotIndexedError);
    expect((error as NotIndexedError).epochEnd).to.equal(epochBlockRange(f.ctx.config, 1).toBlock);
    expect(await runBuild(f.ctx, { epoch: 1 }).catch((e: unknown) => e)).to.be.instanceOf(StepMissingError);
  });

  it("attributes the paid outputs, excludes the contribution whose content does not match its hash", async function () {
    const { toBlock } = epochBlockRange(f.ctx.config, 1);
    await networkHelpers.mine(toBlock - (await ethers.provider.getBlockNumber()) + 1);
    await indexChain({ client: f.ctx.client, store: f.ctx.store, confirmations: 0 });
    const ingest = ingestInferenceLog({ store: f.ctx.store, source: f.logFile, text: f.logText });
    expect(ingest.accepted).to.equal(6);

    const result = await runAttribute(f.ctx, { epoch: 1 });
    expect(result.cached).to.equal(false);
    expect(result.payments).to.equal(2);
    // 5 calls paid at PRICE; 20% of each payment goes to the pool (70% builder, 10% treasury).
    expect(result.pools).to.deep.equal([{ adapterId: 1n, pool: (5n * PRICE * 2n) / 10n }]);
    expect(result.corpus).to.equal(3);
    expect(result.excluded).to.have.length(1);
    expect(result.excluded[0]).to.include({ datanetId: 1n, contributionId: 4n, reason: "hash-mismatch" });
    expect(result.outputs).to.deep.equal({ used: 4, ignored: { unpaid: 1, overCalls: 1 } });
    expect(result.accounts).to.equal(3);
    expect(result.total + result.unassigned.reduce((s, u) => s + u.amount, 0n)).to.equal(result.pools[0]!.pool);
    expect(f.events.some((e) => e.msg === "attribute: contribution excluded" && e.reason === "hash-mismatch")).to.equal(
      true,
    );

    // Idempotent: the stored attribution comes back.
    const again = await runAttribute(f.ctx, { epoch: 1 });
    expect(again.cached).to.equal(true);
    expect(again.total).to.equal(result.total);
  });

  it("builds the tree, metadata and explanations, byte for byte the same on every run", async function () {
    const built = await runBuild(f.ctx, { epoch: 1 });
    expect(built.changed).to.equal(true);
    const first = await files();
    const { cumulative } = await readRewardTreeFile(first.tree);
    const accounts = cumulative.map(([account]) => account);
    const { alice, bob, carol, dave } = f.signers;
    expect(accounts).to.include.members([alice.address, bob.address, carol.address]);
    expect(accounts).to.not.include(dave.address);
    const amountOf = (a: string) => cumulative.find(([account]) => account === a)![1];
    expect(amountOf(alice.address) + amountOf(bob.address) + amountOf(carol.address)).to.equal(built.totalCumulative);
    expect(built.epochTotal).to.equal(built.totalCumulative);
    expect(JSON.parse(first.metadata).inputs.excluded).to.have.length(1);

    const rebuilt = await runBuild(f.ctx, { epoch: 1 });
    expect(rebuilt.changed).to.equal(false);
    expect(rebuilt.root).to.equal(built.root);
    // Recomputed from scratch (attribution forced again): the same bytes.
    await runAttribute(f.ctx, { epoch: 1, force: true });
    const again = await runBuild(f.ctx, { epoch: 1 });
    expect(again.changed).to.equal(false);
    expect(await files()).to.deep.equal(first);
  });

  it("serves the built epoch, an account's rewards with proof, and its explanation with span texts", async function () {
    const info = getEpochInfo(f.ctx.store, 1)!;
    expect(info.status).to.equal("built");
    expect(info.accounts).to.equal(3);
    expect(info.metadata?.root).to.equal(info.root);
    expect(info.inputsDigest).to.match(/^0x[0-9a-f]{64}$/);
    expect(getEpochInfo(f.ctx.store, 2)).to.equal(undefined);

    const { alice, dave } = f.signers;
    const rewards = await getRewardsOf(f.ctx.store, alice.address);
    expect(rewards?.accepted).to.equal(undefined);
    expect(rewards?.latest).to.include({ epoch: 1n, status: "built", root: info.root });
    expect(rewards?.latest?.proof.length).to.be.greaterThan(0);
    expect(await getRewardsOf(f.ctx.store, dave.address)).to.equal(undefined);

    const explanation = getAttributionOf(f.ctx.store, 1, alice.address)!;
    expect(explanation.amount).to.equal(rewards?.latest?.cumulative);
    const r1 = explanation.outputs.find((o) => o.requestId === "r1")!;
    expect(r1.amount > 0n).to.equal(true);
    expect(r1.spans).to.have.length(1);
    expect(TEXTS.alice).to.include(r1.spans[0]!.text.trim());
    expect(r1.spans[0]!.text.length).to.be.greaterThan(TEXTS.alice.length / 2);
    expect(getAttributionOf(f.ctx.store, 1, dave.address)).to.equal(undefined);
    expect(getAttributionOf(f.ctx.store, 2, alice.address)).to.equal(undefined);
  });

  it("a tree file edited by hand fails the certificate and nothing is posted", async function () {
    const file = path.join(f.ctx.config.publish.dir, epochFileNames(1n).tree);
    const original = await readFile(file, "utf8");
    const dump = JSON.parse(original) as { values: { value: string[] }[] };
    dump.values[0]!.value[3] = (BigInt(dump.values[0]!.value[3]!) + 1n).toString();
    await writeFile(file, JSON.stringify(dump));

    const check = await runCheck(f.ctx, { epoch: 1 });
    expect(check.ok).to.equal(false);
    expect(check.failures.map((x) => x.check)).to.include.members(["tree-file-hash", "root-recomputes"]);
    const error = await runPost(f.ctx, { epoch: 1, options: FAST }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(CertificateFailedError);
    expect((error as CertificateFailedError).failures.map((x) => x.check)).to.include("tree-file-hash");
    expect((await getDistributorState(f.ctx.client, { proposals: false })).pending).to.equal(undefined);

    // Not even a tree: a failure too, not an exception.
    await writeFile(file, "not a tree");
    const garbage = await runCheck(f.ctx, { epoch: 1 });
    expect(garbage.ok).to.equal(false);
    expect(garbage.failures.map((x) => x.check)).to.include("tree-file-format");
    expect(await runPost(f.ctx, { epoch: 1, options: FAST }).catch((e: unknown) => e)).to.be.instanceOf(
      CertificateFailedError,
    );

    // Building again restores the published file.
    await runBuild(f.ctx, { epoch: 1 });
    expect(await readFile(file, "utf8")).to.equal(original);
    expect((await runCheck(f.ctx, { epoch: 1 })).ok).to.equal(true);
  });

  it("posts once the certificate passes, accepts after the challenge window, and the rewards can be claimed", async function () {
    const check = await runCheck(f.ctx, { epoch: 1 });
    expect(check.failures).to.deep.equal([]);
    expect(check.ok).to.equal(true);

    const posted = await runPost(f.ctx, { epoch: 1, options: FAST });
    expect(posted.outcome).to.equal("proposed");
    const state = await getDistributorState(f.ctx.client);
    expect(state.pending?.epoch).to.equal(1n);
    expect(state.pending?.proposal?.treeURI).to.equal(posted.treeURI);
    expect((await runPost(f.ctx, { epoch: 1, options: FAST })).outcome).to.equal("already-pending");

    const waiting = await runAccept(f.ctx);
    expect(waiting.outcome).to.equal("waiting");
    await networkHelpers.time.increase(SUITE_CHALLENGE_PERIOD);
    const accepted = await runAccept(f.ctx);
    expect(accepted).to.include({ outcome: "accepted", epoch: 1n, root: posted.root });
    expect((await runAccept(f.ctx)).outcome).to.equal("nothing-pending");
    // Posting an accepted epoch again sends nothing.
    expect((await runPost(f.ctx, { epoch: 1, options: FAST })).outcome).to.equal("already-accepted");

    // The store learns of the acceptance by indexing; the API's proof then claims through the SDK.
    await indexChain({ client: f.ctx.client, store: f.ctx.store, confirmations: 0 });
    expect(getEpochInfo(f.ctx.store, 1)?.status).to.equal("accepted");
    const { cumulative } = await readRewardTreeFile((await files()).tree);
    const { alice, bob } = f.signers;
    const rewards = await getRewardsOf(f.ctx.store, alice.address.toLowerCase());
    expect(rewards?.latest).to.equal(undefined);
    expect(rewards?.accepted).to.include({ epoch: 1n, root: posted.root, status: "accepted" });
    const expected = cumulative.find(([account]) => account === alice.address)![1];
    expect(rewards?.accepted?.cumulative).to.equal(expected);
    const aliceClient = await f.client(alice);
    const token = openToken(aliceClient);
    const before = await token.balanceOf(alice.address);
    const claimed = await claim(aliceClient, {
      account: alice.address,
      cumulativeAmount: rewards!.accepted!.cumulative,
      proof: rewards!.accepted!.proof,
    });
    expect(claimed.amount).to.equal(expected);
    expect((await token.balanceOf(alice.address)) - before).to.equal(expected);
    // Bob claims with the tree file itself.
    const { tree } = await readRewardTreeFile((await files()).tree);
    const bobClaim = await claim(await f.client(bob), { tree });
    expect(bobClaim.amount).to.equal(cumulative.find(([account]) => account === bob.address)![1]);
  });

  it("a posted epoch is neither re-attributed nor rebuilt with other amounts", async function () {
    const error = await runAttribute(f.ctx, { epoch: 1, force: true }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(EpochPostedError);
    expect((error as EpochPostedError).epoch).to.equal(1n);
    expect((await runAttribute(f.ctx, { epoch: 1 })).cached).to.equal(true);

    // Other amounts in the store (e.g. a bug or a hand edit): the build refuses to replace the posted tree.
    const stored = getAttribution(f.ctx.store.db, 1n)!;
    const [first, ...rest] = stored.rewards;
    putAttribution(f.ctx.store.db, { ...stored, rewards: [[first![0], first![1] + 1n], ...rest] });
    const built = await files();
    const conflict = await runBuild(f.ctx, { epoch: 1 }).catch((e: unknown) => e);
    expect(conflict).to.be.instanceOf(BuildConflictError);
    expect((conflict as BuildConflictError).builtRoot).to.equal(getEpochInfo(f.ctx.store, 1)!.root);
    expect(await files()).to.deep.equal(built);
    putAttribution(f.ctx.store.db, stored);
  });
});
