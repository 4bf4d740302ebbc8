// The pipeline tests' starting point, all through the SDK: the suite; Datanet 1 curated by the
// builder with four contributions whose content is in files under a temporary content directory
// (file names as URIs), Dave's file NOT matching its on-chain hash; version 1 published; model 1
// on it with adapter 1 active; the oracle role granted; then epoch 1's payments (payer 1: 3
// calls, payer 2: 2 calls) and an inference log of six records (one over payer 1's calls, one of
// a payer who paid nothing). Importing this file has no side effect.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import {
  activateAdapter,
  addBaseModel,
  attest,
  contribute,
  createClient,
  createDatanet,
  createModel,
  formatInferenceLogLine,
  hashAdapterWeights,
  hashContent,
  type InferenceLogRecord,
  pay,
  publishAdapter,
  publishVersion,
  review,
} from "@openattribution/sdk";
import { id } from "ethers";

import { parseConfig } from "../../../oracle/src/config/config.js";
import type { LogEvent } from "../../../oracle/src/log.js";
import type { PipelineContext } from "../../../oracle/src/pipeline/index.js";
import { openStore } from "../../../oracle/src/store/db.js";
import { deploySuite } from "../../sdk/utils/deploy.js";

export const PRICE = 10n ** 16n;
export const EPOCH_BLOCKS = 40;

export const TEXTS = {
  alice:
    "The mitochondria converts nutrients into adenosine triphosphate through a chain of membrane proteins that pump protons across the inner membrane.",
  bob: "Rivers carve canyons over millions of years as sediment laden water grinds against the bedrock during seasonal floods and snowmelt.",
  carol:
    "A sourdough starter is a living culture of wild yeast and lactic acid bacteria kept alive by regular feeding with flour and water.",
  dave: "Lighthouses once used clockwork mechanisms to rotate heavy glass lenses so that sailors could tell one coast from another at night.",
};

export async function pipelineFixture(ethers: HardhatEthers, networkHelpers: NetworkHelpers) {
  const [admin, treasury, registrar, builder, trainer, oracle, alice, bob, carol, dave, payer1, payer2, payer3] =
    await ethers.getSigners();
  const suite = await deploySuite(ethers, { admin, treasury });
  const { addresses } = suite;
  await (await suite.models.connect(admin).grantRole(await suite.models.REGISTRAR_ROLE(), registrar.address)).wait();
  await (await suite.models.connect(admin).grantRole(await suite.models.TRAINER_ROLE(), trainer.address)).wait();
  await (
    await suite.distributor.connect(admin).grantRole(await suite.distributor.ORACLE_ROLE(), oracle.address)
  ).wait();
  const client = (runner: typeof admin) => createClient({ runner, addresses });
  const builderClient = await client(builder);

  const dir = await mkdtemp(path.join(os.tmpdir(), "oa-pipeline-test-"));
  const contentDir = path.join(dir, "content");
  const publishDir = path.join(dir, "public");
  await mkdir(contentDir, { recursive: true });

  await createDatanet(builderClient, {
    metadataURI: "ipfs://datanet/1",
    license: "CC-BY-4.0",
    stake: 0n,
    reviewPeriod: 3600n,
    treasury: treasury.address,
  });
  const contributors = { alice, bob, carol, dave };
  const contentHashes: string[] = [];
  for (const [name, signer] of Object.entries(contributors)) {
    const bytes = new TextEncoder().encode(TEXTS[name as keyof typeof TEXTS]);
    const uri = `${name}.txt`;
    // Dave's file on disk is not what he registered: its hash does not match.
    await writeFile(path.join(contentDir, uri), name === "dave" ? "Tampered: not what was registered." : bytes);
    await contribute(await client(signer), {
      datanetId: 1n,
      contents: [{ bytes, uri }],
      onCommitted: () => networkHelpers.mine(),
    });
    contentHashes.push(hashContent(bytes));
  }
  await review(builderClient, {
    datanetId: 1n,
    reviews: contentHashes.map((contentHash) => ({ contentHash, verdict: "Accept" as const })),
  });
  await publishVersion(builderClient, { datanetId: 1n, manifestURI: "ipfs://manifest/1/1" });

  const weightsHash = await hashAdapterWeights(new TextEncoder().encode("base weights"));
  await addBaseModel(await client(registrar), {
    name: "Qwen2.5-0.5B",
    weightsHash,
    licenseURI: "https://apache.org/l",
  });
  await createModel(builderClient, {
    baseModelId: 1n,
    sources: [{ datanetId: 1n, version: 1n }],
    metadataURI: "ipfs://m",
  });
  await publishAdapter(builderClient, {
    modelId: 1n,
    weights: new TextEncoder().encode("adapter weights"),
    configHash: id("config"),
    manifestHash: id("manifest"),
    uri: "ipfs://adapter",
  });
  await attest(await client(trainer), { adapterId: 1n, score: 90n, reportHash: id("report") });
  await activateAdapter(builderClient, { adapterId: 1n, pricePerCall: PRICE });
  for (const payer of [payer1, payer2])
    await (await suite.token.connect(admin).transfer(payer.address, 10n ** 19n)).wait();

  // Epoch 1 starts here.
  const startBlock = (await ethers.provider.getBlockNumber()) + 1;
  const payer1Client = await client(payer1);
  const payer2Client = await client(payer2);
  await pay(payer1Client, { adapterId: 1n, calls: 3n });
  await pay(payer2Client, { adapterId: 1n, calls: 2n });
  // A second after the payments' block: on anvil, blocks mined within one second share a
  // timestamp, and a record stamped with the epoch's first block time could equal the previous
  // block's, which belongs to the previous epoch's window. Mining to the epoch's end advances time.
  const timestamp = (await ethers.provider.getBlock("latest"))!.timestamp + 1;
  const record = (requestId: string, payer: string, output: string): InferenceLogRecord => ({
    requestId,
    adapterId: 1n,
    payer,
    timestamp,
    output,
  });
  const records = [
    record("r1", payer1.address, `Sure. ${TEXTS.alice}`),
    record("r2", payer1.address, `Here is what I know: ${TEXTS.bob} Hope it helps.`),
    record("r3", payer2.address, TEXTS.carol),
    record("r4", payer1.address, "Nothing relevant here at all, only some filler words about nothing."),
    record("r5", payer1.address, `Beyond the calls paid: ${TEXTS.alice}`),
    record("r6", payer3.address, `Never paid: ${TEXTS.bob}`),
  ];
  const logText = records.map((r) => `${formatInferenceLogLine(r)}\n`).join("");
  const logFile = path.join(dir, "gateway.jsonl");
  await writeFile(logFile, logText);

  const config = parseConfig(
    {
      rpcUrl: "http://127.0.0.1:8545",
      chainId: 31337,
      addresses,
      startBlock,
      epochBlocks: EPOCH_BLOCKS,
      confirmations: 0,
      dataDir: path.join(dir, "data"),
      publish: { dir: publishDir, baseURI: `${pathToFileURL(publishDir).href}/` },
      content: { baseDir: contentDir },
    },
    path.join(dir, "oracle.config.json"),
  );
  const events: LogEvent[] = [];
  const store = openStore(config.dataDir);
  const oracleClient = await client(oracle);
  const ctx: PipelineContext = { config, client: oracleClient, store, log: (event) => events.push(event) };
  return {
    ...suite,
    ctx,
    events,
    dir,
    logFile,
    logText,
    records,
    signers: { admin, alice, bob, carol, dave, payer1, payer2, payer3, oracle },
    client,
    async dispose() {
      store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type PipelineFixture = Awaited<ReturnType<typeof pipelineFixture>>;
