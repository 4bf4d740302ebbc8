// `runVerify`: anyone recomputes an epoch from the chain and the published files: it confirms an
// honest root (epoch 1, then epoch 2 on top of it), names the first account whose amount differs
// when the oracle's tree was not computed from the inputs it published, and refuses a published
// file changed after the proposal.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { claim, createClient, formatInferenceLogLine, pay } from "@openattribution/sdk";
import { expect } from "chai";

import { indexChain } from "../../../oracle/src/chain/indexer.js";
import { readRewardTreeFile } from "../../../oracle/src/epoch/tree.js";
import {
  epochBlockRange,
  epochFileNames,
  firstDifferenceOf,
  getAttribution,
  runAccept,
  runAttribute,
  runBuild,
  runCheck,
  runPost,
  runVerify,
  VerifyInputError,
} from "../../../oracle/src/pipeline/index.js";
import { putAttribution } from "../../../oracle/src/pipeline/tables.js";
import { ingestInferenceLog } from "../../../oracle/src/store/ingest.js";
import { SUITE_CHALLENGE_PERIOD } from "../../sdk/utils/deploy.js";
import { connectTestChain } from "../../sdk/utils/chain.js";
import { type PipelineFixture, pipelineFixture, TEXTS } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();

const FAST = { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, pollMs: 20 };

/** Mines past the epoch's last block, indexes, ingests the fixture's log and attributes the epoch. */
async function prepare(f: PipelineFixture, epoch: number, logText: string) {
  const { toBlock } = epochBlockRange(f.ctx.config, epoch);
  const head = await ethers.provider.getBlockNumber();
  if (head <= toBlock) await networkHelpers.mine(toBlock - head + 1);
  await indexChain({ client: f.ctx.client, store: f.ctx.store, confirmations: 0 });
  ingestInferenceLog({ store: f.ctx.store, source: `epoch-${epoch}.jsonl`, text: logText });
  return runAttribute(f.ctx, { epoch });
}

describe("oracle pipeline: verify", function () {
  const fixtures: PipelineFixture[] = [];
  const fixture = async () => {
    const f = await pipelineFixture(ethers, networkHelpers);
    fixtures.push(f);
    return f;
  };
  const verify = (f: PipelineFixture, epoch: number) =>
    runVerify({ client: f.ctx.client, epoch, contentBaseDir: f.ctx.config.content.baseDir });
  after(async function () {
    for (const f of fixtures) await f.dispose();
  });

  it("confirms honest roots: epoch 1, then epoch 2 on top of it", async function () {
    const f = await fixture();
    await prepare(f, 1, f.logText);
    const built = await runBuild(f.ctx, { epoch: 1 });
    await runPost(f.ctx, { epoch: 1, options: FAST });
    const first = await verify(f, 1);
    expect(first).to.deep.include({ ok: true, epoch: 1n, root: built.root, accounts: 3 });

    // Epoch 2: accepted epoch 1 as its base, one more payment and output.
    await networkHelpers.time.increase(SUITE_CHALLENGE_PERIOD);
    expect((await runAccept(f.ctx)).outcome).to.equal("accepted");
    // A claim in between: epoch 2's certificate counts it (claimed + balance cover the total).
    const { tree } = await readRewardTreeFile(await readFile(built.files.tree.path, "utf8"));
    await claim(await createClient({ runner: f.signers.alice, addresses: f.addresses }), { tree });
    const { fromBlock } = epochBlockRange(f.ctx.config, 2);
    const head = await ethers.provider.getBlockNumber();
    if (head < fromBlock) await networkHelpers.mine(fromBlock - head);
    const payer = await createClient({ runner: f.signers.payer2, addresses: f.addresses });
    await pay(payer, { adapterId: 1n, calls: 1n });
    const timestamp = (await ethers.provider.getBlock("latest"))!.timestamp + 1; // see the fixture
    const line = formatInferenceLogLine({
      requestId: "e2-1",
      adapterId: 1n,
      payer: f.signers.payer2.address,
      timestamp,
      output: `Again: ${TEXTS.bob}`,
    });
    const second = await prepare(f, 2, `${line}\n`);
    expect(second.outputs.used).to.equal(1);
    const built2 = await runBuild(f.ctx, { epoch: 2 });
    expect(built2.previousRoot).to.equal(built.root);
    expect(built2.totalCumulative > built.totalCumulative).to.equal(true);
    const check2 = await runCheck(f.ctx, { epoch: 2 });
    expect(check2.checks.find((c) => c.check === "total-within-funds")?.ok).to.equal(true);
    expect(check2.ok).to.equal(true);
    await runPost(f.ctx, { epoch: 2, options: FAST });
    expect(await verify(f, 2)).to.deep.include({ ok: true, epoch: 2n, root: built2.root });
  });

  it("names the first account whose amount differs when the tree was not computed from the published inputs", async function () {
    const f = await fixture();
    await prepare(f, 1, f.logText);
    // The oracle publishes an inference log where r3 echoes Alice instead of Carol, but keeps the
    // amounts computed from the real one: the metadata commits to the published log, the tree does not follow from it.
    const stored = getAttribution(f.ctx.store.db, 1n)!;
    const tampered = stored.inferenceLog
      .split("\n")
      .map((line) =>
        line.includes('"requestId":"r3"') ? line.replace(JSON.stringify(TEXTS.carol).slice(1, -1), TEXTS.alice) : line,
      )
      .join("\n");
    expect(tampered).to.not.equal(stored.inferenceLog);
    putAttribution(f.ctx.store.db, { ...stored, inferenceLog: tampered });
    const built = await runBuild(f.ctx, { epoch: 1 });
    await runPost(f.ctx, { epoch: 1, options: FAST });

    const result = await verify(f, 1);
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.root).to.equal(built.root);
    expect(result.recomputedRoot).to.not.equal(built.root);
    // Bob's amount is the same either way; of Alice and Carol, whose amounts change, Carol's
    // address sorts first (Hardhat accounts 6, 7, 8: 0x976E…, 0x14dC…, 0x2361…). Per the published
    // log she should have had less: her text is no longer echoed.
    const { alice, bob, carol } = f.signers;
    expect(bob.address.toLowerCase() < carol.address.toLowerCase()).to.equal(true);
    expect(carol.address.toLowerCase() < alice.address.toLowerCase()).to.equal(true);
    expect(result.firstDifference?.account).to.equal(carol.address);
    expect(result.firstDifference!.expected < result.firstDifference!.actual).to.equal(true);
    expect(result.mismatches).to.include("explanations: the published explanations do not recompute");
  });

  it("refuses a published file changed after the proposal", async function () {
    const f = await fixture();
    await prepare(f, 1, f.logText);
    await runBuild(f.ctx, { epoch: 1 });
    await runPost(f.ctx, { epoch: 1, options: FAST });
    const file = path.join(f.ctx.config.publish.dir, epochFileNames(1n).inferenceLog);
    await writeFile(file, (await readFile(file, "utf8")).replace("Sure.", "Sure!"));
    const error = await verify(f, 1).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(VerifyInputError);
    expect((error as VerifyInputError).what).to.equal("inference-log");

    const metadataFile = path.join(f.ctx.config.publish.dir, epochFileNames(1n).metadata);
    await writeFile(metadataFile, (await readFile(metadataFile, "utf8")).replace('"epochTotal"', '"epochTotal" '));
    const metadataError = await verify(f, 1).catch((e: unknown) => e);
    expect(metadataError).to.be.instanceOf(VerifyInputError);
    expect((metadataError as VerifyInputError).what).to.equal("metadata");

    const none = await runVerify({ client: f.ctx.client, epoch: 2 }).catch((e: unknown) => e);
    expect(none).to.be.instanceOf(VerifyInputError);
    expect((none as VerifyInputError).what).to.equal("proposal");
  });

  it("firstDifferenceOf orders accounts by lower-case address and counts a missing account as 0", function () {
    const a = "0x00000000000000000000000000000000000000aa";
    const b = "0x00000000000000000000000000000000000000BB".toLowerCase();
    expect(
      firstDifferenceOf(
        [
          [a, 1n],
          [b, 2n],
        ],
        [
          [a, 1n],
          [b, 3n],
        ],
      ),
    ).to.deep.include({ expected: 2n, actual: 3n });
    expect(
      firstDifferenceOf(
        [[a, 1n]],
        [
          [a, 1n],
          [b, 3n],
        ],
      ),
    ).to.deep.include({ expected: 0n, actual: 3n });
    expect(firstDifferenceOf([[a, 1n]], [[a, 1n]])).to.equal(undefined);
  });
});
