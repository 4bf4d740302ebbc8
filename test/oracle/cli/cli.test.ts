// `oa-oracle` as the operator runs it: a child process (`node oracle/src/cli.ts …`, Node 24 type
// stripping) with a temporary config file, against anvil with the suite deployed by the production
// Ignition module (deploy/parameters/localhost.json: account 2 holds ORACLE_ROLE). The chain gets
// a Datanet with two contributions (files), a model and an active adapter, and payments, all
// through the SDK. Covered: the command line (usage, exit code 2), start-up refusals (one stderr
// line, exit code 1), SIGINT, index (resumed), ingest (bad lines), status, serve (HTTP and
// SIGTERM), the epoch flow (attribute → build → check (and a hand-edited tree refused) → post →
// accept → rewards served and claimed → verify with only an RPC URL), and the run daemon. The tests
// of a describe block run in order and build on each other's chain and store.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { expect } from "chai";
import { id, Wallet } from "ethers";

import {
  activateAdapter,
  addBaseModel,
  attributionDistributor,
  attest,
  claim,
  type Client,
  contribute,
  createClient,
  createDatanet,
  createModel,
  formatInferenceLogLine,
  hashAdapterWeights,
  hashContent,
  openToken,
  pay,
  publishAdapter,
  publishVersion,
  review,
} from "../../../sdk/src/index.js";
import { type AnvilSuite, startAnvilSuite } from "../../utils/anvil.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const NODE = path.join(ROOT, "node_modules/.bin/node");
const CLI = path.join(ROOT, "oracle/src/cli.ts");
const KEY_ENV = "OA_TEST_CLI_ORACLE_KEY";

/** Roles of deploy/parameters/localhost.json, and the accounts the test gives parts to. */
const ACCOUNT = {
  openHolder: 0,
  treasury: 1,
  oracle: 2,
  registrar: 4,
  trainer: 5,
  builder: 7,
  contributor: 8,
  payer: 9,
};

const CONTENTS = [
  "The river delta formed over ten thousand years as silt settled where the slow water met the tide and spread into wide fans.",
  "Honeybees communicate the direction and distance of flowers through a waggle dance performed on the vertical comb inside the hive.",
];

type Run = { code: number | null; stdout: string; stderr: string; lines: string[] };

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, OA_LOG: "json", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr, lines: stderr.split("\n").filter((l) => l !== "") }));
  });
}

/** The JSON result on stdout. */
function result<T = Record<string, unknown>>(run: Run): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/** Log events on stderr (OA_LOG=json), parsed. */
function events(run: Run): Record<string, unknown>[] {
  return run.lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * Runs `oa-oracle serve` while `fn` runs against its URL (read from the `listening` line on
 * stdout), then stops it with SIGTERM; expects exit code 0 and resolves to its stderr.
 */
async function withServe(configFile: string, fn: (url: string) => Promise<void>): Promise<string> {
  const child = spawn(NODE, [CLI, "serve", "--config", configFile], {
    cwd: ROOT,
    env: { ...process.env, OA_LOG: "json" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const closed = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8");
        const match = /"listening":"([^"]+)"/.exec(out);
        if (match !== null) resolve(match[1]!);
      });
      void closed.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    await fn(url);
  } finally {
    child.kill("SIGTERM");
  }
  expect(await closed, stderr).to.equal(0);
  return stderr;
}

describe("oa-oracle CLI (child process on anvil)", function () {
  this.timeout(240_000);
  let chain: AnvilSuite;
  let dir: string;
  let configFile: string;
  let config: Record<string, unknown>;
  let payBlock: number;
  let payTimestamp: number;
  let reader: Client;

  async function writeConfig(overrides: Record<string, unknown> = {}, file = configFile): Promise<string> {
    await writeFile(file, JSON.stringify({ ...config, ...overrides }, null, 2));
    return file;
  }

  before(async function () {
    chain = await startAnvilSuite();
    dir = await mkdtemp(path.join(os.tmpdir(), "oa-oracle-cli-"));
    const w = chain.wallets;
    const client = (index: number) => createClient({ runner: w[index]!, addresses: chain.addresses });
    reader = await createClient({ runner: chain.provider, addresses: chain.addresses });
    const builder = await client(ACCOUNT.builder);
    const contributor = await client(ACCOUNT.contributor);

    // Datanet 1 with both contributions accepted and version 1 published; contents are files.
    await mkdir(path.join(dir, "content"));
    await createDatanet(builder, {
      metadataURI: "ipfs://datanet/1",
      license: "CC-BY-4.0",
      stake: 0n,
      reviewPeriod: 3600n,
      treasury: w[ACCOUNT.treasury]!.address,
    });
    for (const [i, text] of CONTENTS.entries()) {
      const file = path.join(dir, "content", `c${i + 1}.txt`);
      await writeFile(file, text);
      const bytes = new TextEncoder().encode(text);
      await contribute(contributor, {
        datanetId: 1n,
        contents: [{ bytes, uri: pathToFileURL(file).href }],
        pollingInterval: 50,
        onCommitted: () => chain.increaseTime(2),
      });
      await review(builder, { datanetId: 1n, reviews: [{ contentHash: hashContent(bytes), verdict: "Accept" }] });
    }
    await publishVersion(builder, { datanetId: 1n, manifestURI: "ipfs://manifest/1/1" });
    // Base model 1, model 1 on Datanet 1 version 1, adapter 1 verified and active.
    const registrar = await client(ACCOUNT.registrar);
    await addBaseModel(registrar, {
      name: "Qwen2.5-0.5B",
      weightsHash: await hashAdapterWeights(new TextEncoder().encode("base")),
      licenseURI: "https://apache.org/l",
    });
    await createModel(builder, { baseModelId: 1n, sources: [{ datanetId: 1n, version: 1n }], metadataURI: "ipfs://m" });
    await publishAdapter(builder, {
      modelId: 1n,
      weights: new TextEncoder().encode("adapter weights"),
      configHash: id("config"),
      manifestHash: id("manifest"),
      uri: "ipfs://adapter",
    });
    await attest(await client(ACCOUNT.trainer), { adapterId: 1n, score: 90n, reportHash: id("report") });
    await activateAdapter(builder, { adapterId: 1n, pricePerCall: 10n ** 15n });
    // The payer gets OPEN and pays for 20 calls.
    const token = openToken(await client(ACCOUNT.openHolder));
    await (await token.transfer(w[ACCOUNT.payer]!.address, 10n ** 18n)).wait();
    const paid = await pay(await client(ACCOUNT.payer), { adapterId: 1n, calls: 20n });
    payBlock = paid.receipt.blockNumber;
    payTimestamp = (await chain.provider.getBlock(payBlock))!.timestamp;

    configFile = path.join(dir, "oracle.config.json");
    config = {
      rpcUrl: chain.url,
      chainId: Number(chain.chainId),
      addresses: chain.addresses,
      startBlock: 0,
      epochBlocks: payBlock + 1,
      confirmations: 1,
      signer: { privateKeyEnv: KEY_ENV },
      dataDir: "data",
      publish: { dir: "public", baseURI: `${pathToFileURL(path.join(dir, "public")).href}/` },
      content: { baseDir: "content" },
      http: { host: "127.0.0.1", port: 0 },
    };
    await writeConfig();
  });

  after(async function () {
    await chain?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  describe("command line", function () {
    it("--help prints the usage on stdout and exits 0; a bad command line exits 2", async function () {
      const help = await cli(["--help"]);
      expect(help.code).to.equal(0);
      expect(help.stdout).to.match(/^Usage: oa-oracle <command> \[options\]/);
      expect(help.stderr).to.equal("");
      for (const args of [
        ["frob"],
        ["index", "--frob"],
        ["build"],
        ["build", "--epoch", "0"],
        ["ingest"],
        ["index", "--epoch", "1"],
      ]) {
        const bad = await cli(args);
        expect(bad.code, args.join(" ")).to.equal(2);
        expect(bad.lines[0], args.join(" ")).to.match(/^oa-oracle: /);
        expect(bad.stderr).to.include("Usage: oa-oracle");
        expect(bad.stdout).to.equal("");
      }
    });
  });

  describe("start-up refusals: exit 1 and exactly one line on stderr", function () {
    it("a missing config file", async function () {
      const missing = path.join(dir, "nope.json");
      const run = await cli(["index", "--config", missing]);
      expect(run.code).to.equal(1);
      expect(run.lines).to.deep.equal([`oa-oracle: config ${missing}: no such file (pass --config <file>)`]);
      expect(run.stdout).to.equal("");
    });

    it("a config with an unknown key", async function () {
      const file = await writeConfig({ epochBlock: 5 }, path.join(dir, "typo.json"));
      const run = await cli(["status", "--config", file]);
      expect(run.code).to.equal(1);
      expect(run.lines).to.have.length(1);
      expect(run.lines[0]).to.match(new RegExp(`^oa-oracle: config .*typo\\.json: epochBlock: unknown key`));
    });

    it("a wrong chain id", async function () {
      const file = await writeConfig({ chainId: 1 }, path.join(dir, "chain1.json"));
      const run = await cli(["index", "--config", file]);
      expect(run.code).to.equal(1);
      expect(run.lines).to.deep.equal([`oa-oracle: the node at ${chain.url} is chain 31337, the config says 1`]);
    });

    it("wrong addresses", async function () {
      const empty = Wallet.createRandom().address;
      const file = await writeConfig(
        { addresses: { ...chain.addresses, modelRegistry: empty } },
        path.join(dir, "addr.json"),
      );
      const run = await cli(["index", "--config", file]);
      expect(run.code).to.equal(1);
      expect(run.lines).to.deep.equal([`oa-oracle: no contract at modelRegistry ${empty} on chain 31337`]);
    });

    it("a signer without ORACLE_ROLE (a command that posts)", async function () {
      const stranger = chain.wallets[ACCOUNT.payer]!;
      const run = await cli(["accept", "--config", configFile], { [KEY_ENV]: stranger.privateKey });
      expect(run.code).to.equal(1);
      expect(run.lines).to.deep.equal([
        `oa-oracle: the signer ${stranger.address} does not hold ORACLE_ROLE on the distributor ${chain.addresses.attributionDistributor}`,
      ]);
    });

    it("a signer key variable that is not set", async function () {
      const run = await cli(["accept", "--config", configFile], { [KEY_ENV]: "" });
      expect(run.code).to.equal(1);
      expect(run.lines).to.deep.equal([
        `oa-oracle: the environment variable ${KEY_ENV} (signer.privateKeyEnv) is not set`,
      ]);
    });
  });

  describe("signals", function () {
    it("SIGINT stops a one-shot command at once: one line, exit code 130", async function () {
      // A "node" that accepts the connection and never answers: the command waits on it.
      const { createServer } = await import("node:net");
      const sockets: import("node:net").Socket[] = [];
      let connected!: () => void;
      const reached = new Promise<void>((resolve) => (connected = resolve));
      const silent = createServer((socket) => {
        sockets.push(socket);
        connected();
      });
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const port = (silent.address() as import("node:net").AddressInfo).port;
      try {
        const file = await writeConfig({ rpcUrl: `http://127.0.0.1:${port}` }, path.join(dir, "silent.json"));
        const child = spawn(NODE, [CLI, "index", "--config", file], {
          cwd: ROOT,
          env: { ...process.env, OA_LOG: "json" },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        const closed = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
        await reached;
        const started = Date.now();
        child.kill("SIGINT");
        expect(await closed).to.equal(130);
        expect(Date.now() - started).to.be.lessThan(5_000);
        expect(stderr.split("\n").filter((l) => l !== "")).to.deep.equal([
          "oa-oracle: interrupted by SIGINT: stopped, nothing half-written",
        ]);
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });
  });

  describe("index, ingest, status, serve", function () {
    let indexedTo: number;

    it("index follows the chain up to head − confirmations, and a second run resumes (nothing new)", async function () {
      const first = await cli(["index", "--config", configFile]);
      expect(first.code, first.stderr).to.equal(0);
      const head = await chain.provider.getBlockNumber();
      const report = result<{
        fromBlock: number;
        toBlock: number;
        events: number;
        cursor: { blockNumber: number };
        target: number;
      }>(first);
      expect(report.fromBlock).to.equal(0);
      expect(report.target).to.equal(head - 1);
      expect(report.cursor.blockNumber).to.equal(head - 1);
      expect(report.events).to.be.greaterThan(10);
      expect(events(first).some((e) => e.msg === "index progress")).to.equal(true);
      indexedTo = report.cursor.blockNumber;

      const second = await cli(["index", "--config", configFile]);
      expect(second.code, second.stderr).to.equal(0);
      const again = result<{ fromBlock?: number; events: number; chunks: number; cursor: { blockNumber: number } }>(
        second,
      );
      expect(again.fromBlock).to.equal(undefined);
      expect(again.chunks).to.equal(0);
      expect(again.events).to.equal(0);
      expect(again.cursor.blockNumber).to.equal(indexedTo);

      // Two more blocks: the next run starts after the cursor.
      await chain.provider.send("evm_mine", []);
      await chain.provider.send("evm_mine", []);
      const third = await cli(["index", "--config", configFile]);
      const resumed = result<{ fromBlock: number; cursor: { blockNumber: number } }>(third);
      expect(resumed.fromBlock).to.equal(indexedTo + 1);
      expect(resumed.cursor.blockNumber).to.equal(indexedTo + 2);
      indexedTo += 2;
    });

    it("ingest keeps the good lines and reports every bad one with its line number; a re-run keeps nothing twice", async function () {
      const payer = chain.wallets[ACCOUNT.payer]!.address;
      const line = (requestId: string, output: string, adapterId = 1n) =>
        formatInferenceLogLine({ requestId, adapterId, payer, timestamp: payTimestamp, output });
      const log = [
        line("r-1", `Here is what I know: ${CONTENTS[0]}`),
        "{not json",
        line("r-2", `As the notes say, ${CONTENTS[1]!.slice(0, 90)} and so on.`),
        line("r-3", "an output for an adapter nobody published", 9n),
        "",
        line("r-1", "the same request id again, another output"),
        '{"requestId":"r-4","adapterId":"1","payer":"0x1234","timestamp":1,"output":"x"}',
      ].join("\n");
      const file = path.join(dir, "gateway.jsonl");
      await writeFile(file, `${log}\n`);

      const run = await cli(["ingest", file, "--config", configFile]);
      expect(run.code, run.stderr).to.equal(0);
      const report = result<{
        accepted: number;
        duplicates: number;
        blank: number;
        lines: number;
        rejected: { line: number; problem: string; reason: string }[];
        duplicateLines: { line: number; requestId: string; conflicting: boolean }[];
        source: string;
      }>(run);
      expect(report.lines).to.equal(7);
      expect(report.accepted).to.equal(2);
      expect(report.blank).to.equal(1);
      expect(report.rejected.map((r) => [r.line, r.problem])).to.deep.equal([
        [2, "malformed"],
        [4, "unknown-adapter"],
        [7, "invalid"],
      ]);
      expect(report.rejected[1]!.reason).to.equal("unknown adapter 9");
      expect(report.duplicateLines).to.deep.equal([{ line: 6, requestId: "r-1", conflicting: true }]);
      expect(report.source).to.equal(pathToFileURL(file).href);
      const warned = events(run)
        .filter((e) => e.msg === "line rejected")
        .map((e) => e.line);
      expect(warned).to.deep.equal([2, 4, 7]);

      const again = await cli(["ingest", file, "--config", configFile]);
      const second = result<{ accepted: number; duplicates: number; rejected: unknown[] }>(again);
      expect(second.accepted).to.equal(0);
      expect(second.duplicates).to.equal(3);
      expect(second.rejected).to.have.length(3);

      const missing = await cli(["ingest", path.join(dir, "none.jsonl"), "--config", configFile]);
      expect(missing.code).to.equal(1);
      expect(missing.lines).to.deep.equal([
        `oa-oracle: cannot read the inference log ${path.join(dir, "none.jsonl")}: no such file`,
      ]);
    });

    it("status shows the store and the chain", async function () {
      const run = await cli(["status", "--config", configFile]);
      expect(run.code, run.stderr).to.equal(0);
      const status = result<{
        chainId: string;
        chain: { ok: boolean; head: number };
        indexed: { block: number };
        inference: { records: number; ingests: number };
        epochs: { lastIndexed: number; epochBlocks: number };
        boundTo: { chainId: string };
      }>(run);
      expect(status.chainId).to.equal("31337");
      expect(status.boundTo.chainId).to.equal("31337");
      expect(status.chain.ok).to.equal(true);
      expect(status.chain.head).to.equal(await chain.provider.getBlockNumber());
      expect(status.indexed.block).to.equal(indexedTo);
      expect(status.inference).to.deep.equal({ records: 2, ingests: 2 });
      expect(status.epochs.lastIndexed).to.equal(1);
    });

    it("serve answers the API on 127.0.0.1 and stops on SIGTERM", async function () {
      const stderr = await withServe(configFile, async (url) => {
        expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
        const health = await fetch(`${url}/health`);
        expect(health.status).to.equal(200);
        expect(health.headers.get("access-control-allow-origin")).to.equal("*");
        const body = (await health.json()) as { ok: boolean; indexedBlock: number; chainId: string };
        expect(body.ok).to.equal(true);
        expect(body.indexedBlock).to.equal(indexedTo);
        expect(body.chainId).to.equal("31337");
        expect((await fetch(`${url}/v1/rewards/0x1234`)).status).to.equal(400);
        expect((await fetch(`${url}/nothing`)).status).to.equal(404);
      });
      expect(stderr).to.include('"msg":"stopping"');
    });
  });

  describe("the epoch flow through the CLI: attribute → build → check → post → accept → serve → claim → verify", function () {
    const publish = () => path.join(dir, "public");
    const withKey = () => ({ [KEY_ENV]: chain.wallets[ACCOUNT.oracle]!.privateKey });

    it("attributes and builds epoch 1; a rebuild writes the same bytes", async function () {
      const attributed = await cli(["attribute", "--epoch", "1", "--config", configFile]);
      expect(attributed.code, attributed.stderr).to.equal(0);
      const attribution = result<{
        epoch: string;
        payments: number;
        corpus: number;
        outputs: { used: number };
        total: string;
        excluded: unknown[];
      }>(attributed);
      expect(attribution.epoch).to.equal("1");
      expect(attribution.payments).to.equal(1);
      expect(attribution.corpus).to.equal(2);
      expect(attribution.excluded).to.deep.equal([]);
      expect(attribution.outputs.used).to.equal(2);
      expect(BigInt(attribution.total)).to.be.greaterThan(0n);

      const built = await cli(["build", "--epoch", "1", "--config", configFile]);
      expect(built.code, built.stderr).to.equal(0);
      const build = result<{ root: string; files: { tree: { path: string; hash: string } } }>(built);
      const bytes = await readFile(build.files.tree.path);
      expect(path.dirname(build.files.tree.path)).to.equal(publish());
      const again = result<{ root: string; changed: boolean }>(
        await cli(["build", "--epoch", "1", "--config", configFile]),
      );
      expect(again.root).to.equal(build.root);
      expect(again.changed).to.equal(false);
      expect((await readFile(build.files.tree.path)).equals(bytes)).to.equal(true);
    });

    it("a tree file edited by hand fails check (exit 1, one line) and post refuses it", async function () {
      const treeFile = path.join(publish(), "epoch-1.tree.json");
      const original = await readFile(treeFile, "utf8");
      try {
        // The first leaf's amount + 1 (the dump is indented: the amount is the value's last string).
        const edited = original.replace(
          /"(\d+)"(\s*)\]/,
          (_, amount: string, space: string) => `"${BigInt(amount) + 1n}"${space}]`,
        );
        expect(edited).to.not.equal(original);
        await writeFile(treeFile, edited);
        const checked = await cli(["check", "--epoch", "1", "--config", configFile]);
        expect(checked.code).to.equal(1);
        expect(result<{ ok: boolean }>(checked).ok).to.equal(false);
        expect(checked.lines.filter((l) => l.startsWith("oa-oracle: "))).to.have.length(1);
        expect(checked.lines.at(-1)).to.match(/^oa-oracle: the certificate of epoch 1 failed: /);
        const posted = await cli(["post", "--epoch", "1", "--config", configFile], withKey());
        expect(posted.code).to.equal(1);
        expect(posted.lines.at(-1)).to.match(/^oa-oracle: /);
        expect(posted.stdout).to.equal("");
        expect(await chain.provider.getTransactionCount(chain.wallets[ACCOUNT.oracle]!.address)).to.equal(0);
      } finally {
        await writeFile(treeFile, original);
      }
      const checked = await cli(["check", "--epoch", "1", "--config", configFile]);
      expect(checked.code, checked.stderr).to.equal(0);
      expect(result<{ ok: boolean }>(checked).ok).to.equal(true);
    });

    it("posts once (a second post sends nothing), accepts after the challenge period", async function () {
      const oracle = chain.wallets[ACCOUNT.oracle]!.address;
      const posted = await cli(["post", "--epoch", "1", "--config", configFile], withKey());
      expect(posted.code, posted.stderr).to.equal(0);
      expect(result<{ outcome: string }>(posted).outcome).to.equal("proposed");
      const nonce = await chain.provider.getTransactionCount(oracle);
      const again = await cli(["post", "--epoch", "1", "--config", configFile], withKey());
      expect(again.code, again.stderr).to.equal(0);
      expect(result<{ outcome: string }>(again).outcome).to.equal("already-pending");
      expect(await chain.provider.getTransactionCount(oracle)).to.equal(nonce);

      const early = await cli(["accept", "--config", configFile], withKey());
      expect(early.code, early.stderr).to.equal(0);
      expect(result<{ outcome: string }>(early).outcome).to.equal("waiting");
      await chain.increaseTime(3601);
      const accepted = await cli(["accept", "--config", configFile], withKey());
      expect(accepted.code, accepted.stderr).to.equal(0);
      expect(result<{ outcome: string; epoch: string }>(accepted)).to.include({ outcome: "accepted", epoch: "1" });
    });

    it("serves the rewards, the epoch and the attribution; the contributor claims with the served proof", async function () {
      await chain.provider.send("evm_mine", []);
      await chain.provider.send("evm_mine", []);
      expect((await cli(["index", "--config", configFile])).code).to.equal(0);
      const contributor = chain.wallets[ACCOUNT.contributor]!;
      await withServe(configFile, async (url) => {
        const epoch = (await (await fetch(`${url}/v1/epochs/1`)).json()) as { root: string; status: string };
        expect(epoch.status).to.equal("accepted");
        expect(epoch.root).to.equal((await attributionDistributor(reader).root()).toLowerCase());
        const rewards = (await (await fetch(`${url}/v1/rewards/${contributor.address.toLowerCase()}`)).json()) as {
          account: string;
          epoch: string;
          cumulative: string;
          claimed: string;
          claimable: string;
          proof: string[];
        };
        expect(rewards.account).to.equal(contributor.address);
        expect(rewards.epoch).to.equal("1");
        expect(BigInt(rewards.cumulative)).to.be.greaterThan(0n);
        expect(rewards.claimed).to.equal("0");
        expect(rewards.claimable).to.equal(rewards.cumulative);
        const attribution = await fetch(`${url}/v1/attribution/1/${contributor.address}`);
        expect(attribution.status).to.equal(200);
        const explanation = (await attribution.json()) as { outputs: { requestId: string }[] };
        expect(explanation.outputs.map((o) => o.requestId).sort()).to.deep.equal(["r-1", "r-2"]);
        expect((await fetch(`${url}/files/epoch-1.tree.json`)).status).to.equal(200);

        const claimer = await createClient({ runner: contributor, addresses: chain.addresses });
        const paid = await claim(claimer, {
          account: contributor.address,
          cumulativeAmount: BigInt(rewards.cumulative),
          proof: rewards.proof,
        });
        expect(paid.amount).to.equal(BigInt(rewards.cumulative));
        const after = (await (await fetch(`${url}/v1/rewards/${contributor.address}`)).json()) as {
          claimed: string;
          claimable: string;
        };
        expect(after).to.include({ claimed: rewards.cumulative, claimable: "0" });
      });
    });

    it("verify, with only an RPC URL and the published files, confirms the on-chain root", async function () {
      const addresses = path.join(dir, "addresses.json");
      await writeFile(addresses, JSON.stringify(chain.addresses));
      const run = await cli([
        "verify",
        "--epoch",
        "1",
        "--rpc",
        chain.url,
        "--addresses",
        addresses,
        "--content-dir",
        path.join(dir, "content"),
      ]);
      expect(run.code, run.stderr).to.equal(0);
      const verified = result<{ ok: boolean; root: string }>(run);
      expect(verified.ok).to.equal(true);
      expect(verified.root).to.equal((await attributionDistributor(reader).root()).toLowerCase());
      // With the config instead.
      const withConfig = await cli(["verify", "--epoch", "1", "--config", configFile]);
      expect(withConfig.code, withConfig.stderr).to.equal(0);
      // A published inference log edited after the fact: refused with one line.
      const log = path.join(publish(), "epoch-1.inference.jsonl");
      const original = await readFile(log, "utf8");
      try {
        await writeFile(log, original.replace("river", "ocean"));
        const tampered = await cli(["verify", "--epoch", "1", "--config", configFile]);
        expect(tampered.code).to.equal(1);
        expect(tampered.lines.filter((l) => l.startsWith("oa-oracle: "))).to.have.length(1);
      } finally {
        await writeFile(log, original);
      }
    });
  });
  describe("run: the daemon", function () {
    const withKey = () => ({ [KEY_ENV]: chain.wallets[ACCOUNT.oracle]!.privateKey });

    it("posts the next ended epoch in a pass, waits while it is pending, accepts it later and stops on SIGTERM", async function () {
      // Epoch 2 = [E, 2E − 1] with E = epochBlocks: a payment and its output inside it, then its end settled.
      const epochBlocks = payBlock + 1;
      const payer = chain.wallets[ACCOUNT.payer]!;
      const head = await chain.provider.getBlockNumber();
      expect(head).to.be.lessThan(2 * epochBlocks - 2);
      const paid = await pay(await createClient({ runner: payer, addresses: chain.addresses }), {
        adapterId: 1n,
        calls: 2n,
      });
      expect(paid.receipt.blockNumber).to.be.at.least(epochBlocks);
      const timestamp = (await chain.provider.getBlock(paid.receipt.blockNumber))!.timestamp;
      const file = path.join(dir, "gateway-2.jsonl");
      const output = `Recall that ${CONTENTS[1]}`;
      await writeFile(
        file,
        `${formatInferenceLogLine({ requestId: "r-10", adapterId: 1n, payer: payer.address, timestamp, output })}\n`,
      );
      expect(result<{ accepted: number }>(await cli(["ingest", file, "--config", configFile])).accepted).to.equal(1);
      const target = 2 * epochBlocks - 1 + 1; // the epoch's last block under one confirmation
      const now = await chain.provider.getBlockNumber();
      await chain.provider.send("anvil_mine", [`0x${(target - now).toString(16)}`]);

      const first = await cli(["run", "--once", "--config", configFile], withKey());
      expect(first.code, first.stderr).to.equal(0);
      const pass = result<{
        passes: number;
        failedPasses: number;
        last: { posted?: { epoch: string; result: { outcome: string } } };
      }>(first);
      expect(pass.passes).to.equal(1);
      expect(pass.failedPasses).to.equal(0);
      expect(pass.last.posted?.epoch).to.equal("2");
      expect(pass.last.posted?.result.outcome).to.equal("proposed");

      const second = await cli(["run", "--once", "--config", configFile], withKey());
      expect(second.code, second.stderr).to.equal(0);
      const waiting = result<{ last: { posted?: unknown; waiting: string } }>(second);
      expect(waiting.last.posted).to.equal(undefined);
      expect(waiting.last.waiting).to.match(/^epoch 2 is pending: acceptable in \d+ s$/);

      await chain.increaseTime(3601);
      const child = spawn(NODE, [CLI, "run", "--interval", "1", "--config", configFile], {
        cwd: ROOT,
        env: { ...process.env, OA_LOG: "json", ...withKey() },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      const closed = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
      try {
        await new Promise<void>((resolve, reject) => {
          child.stderr.on("data", (chunk: Buffer) => {
            stderr += chunk.toString("utf8");
            if (stderr.includes('"msg":"pass done"')) resolve();
          });
          void closed.then((code) => reject(new Error(`run exited with ${code}: ${stderr}`)));
        });
      } finally {
        child.kill("SIGTERM");
      }
      expect(await closed, stderr).to.equal(0);
      expect(stderr).to.include('"msg":"accept: accepted"');
      expect(stderr).to.include('"msg":"stopping"');
      expect(await attributionDistributor(reader).epoch()).to.equal(2n);
    });

    it("status then lists both epochs accepted, and the proposals", async function () {
      await chain.provider.send("anvil_mine", ["0x2"]);
      expect((await cli(["index", "--config", configFile])).code).to.equal(0);
      const run = await cli(["status", "--config", configFile]);
      expect(run.code, run.stderr).to.equal(0);
      const status = result<{
        builds: { epoch: string; status: string; root: string }[];
        proposals: { epoch: string; status: string; root: string }[];
      }>(run);
      expect(status.builds.map((b) => [b.epoch, b.status])).to.deep.equal([
        ["1", "accepted"],
        ["2", "accepted"],
      ]);
      expect(status.proposals.map((p) => [p.epoch, p.status, p.root])).to.deep.equal(
        status.builds.map((b) => [b.epoch, "accepted", b.root]),
      );
    });
  });
});
