// The SDK as a dApp gets it: built, packed with `npm pack`, installed from the tarball into a fresh
// ESM project without network, imported by plain Node and type-checked by a consumer's tsc.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { expect } from "chai";
import ts from "typescript";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SDK = path.join(ROOT, "sdk");
const NODE = path.join(ROOT, "node_modules", ".bin", "node");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");

type Manifest = { name: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };

const CONSUMER_JS = `
import { Interface } from "ethers";
import { ContractRevertError, createClient, decodeRevertData, errorsAbi } from "@openattribution/sdk";

const data = new Interface(errorsAbi).encodeErrorResult("DatanetUnknown", [99n]);
const decoded = decodeRevertData(data);
console.log(JSON.stringify({
  createClient: typeof createClient,
  ContractRevertError: typeof ContractRevertError,
  errorsAbi: Array.isArray(errorsAbi) ? errorsAbi.length : -1,
  isContractRevertError: decoded instanceof ContractRevertError,
  errorName: decoded?.errorName,
  datanetId: String(decoded?.args.datanetId),
  shortMessage: decoded?.shortMessage,
}));
`;

const CONSUMER_MERKLE_JS = `
import { buildRewardTree, rewardClaim, StandardTree } from "@openattribution/sdk/merkle";
import { createWorkerExecutor } from "@openattribution/sdk/merkle/node";

const rewards = new Map();
for (let i = 1; i <= 3000; i++) rewards.set("0x" + i.toString(16).padStart(40, "0"), BigInt(i) * 10n ** 15n);
const distributor = "0x0000000000000000000000000000000000000005";
const serial = await buildRewardTree(31337n, distributor, rewards);
const executor = await createWorkerExecutor({ workers: 1 });
try {
  const workers = await buildRewardTree(31337n, distributor, rewards, { executor });
  const claim = rewardClaim(workers, "0x" + (1234).toString(16).padStart(40, "0"));
  const verified = await StandardTree.verify(
    workers.root,
    ["uint256", "address", "address", "uint256"],
    [31337n, distributor, claim.account, claim.cumulativeAmount],
    claim.proof,
  );
  console.log(JSON.stringify({ serial: serial.root, workers: workers.root, root: serial.root, leaves: workers.length, verified }));
} finally {
  await executor.close();
}
`;

const CONSUMER_TS = `
import { JsonRpcProvider } from "ethers";
import { createClient, decodeRevertData, type Addresses, type Client } from "@openattribution/sdk";

const addresses: Addresses = {
  openToken: "0x0000000000000000000000000000000000000001",
  datanetRegistry: "0x0000000000000000000000000000000000000002",
  modelRegistry: "0x0000000000000000000000000000000000000003",
  usageLedger: "0x0000000000000000000000000000000000000004",
  attributionDistributor: "0x0000000000000000000000000000000000000005",
};
export const client: Promise<Client> = createClient({ runner: new JsonRpcProvider(), addresses });
export const name: string | undefined = decodeRevertData("0x")?.errorName;
`;

/** Every module specifier a JavaScript or declaration file imports (comments ignored). */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe("SDK package", function () {
  this.timeout(120_000);
  let work: string;
  let manifest: Manifest;
  let project: string;
  let installed: string;

  before(async function () {
    work = await mkdtemp(path.join(tmpdir(), "openattribution-sdk-pack-"));
    manifest = JSON.parse(await readFile(path.join(SDK, "package.json"), "utf8")) as Manifest;
    await run("npm", ["run", "build", "-w", "sdk"], { cwd: ROOT });
    const { stdout } = await run("npm", ["pack", SDK, "--json", "--pack-destination", work], { cwd: ROOT });
    const [{ filename }] = JSON.parse(stdout) as { filename: string }[];

    // A fresh ESM project. The tarball's dependencies and peers come from this repository's
    // node_modules (installed as links) and npm runs offline with an empty cache: no network.
    project = path.join(work, "consumer");
    await mkdir(project);
    await writeFile(
      path.join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    const local = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).map((name) =>
      path.join(ROOT, "node_modules", name),
    );
    await run(
      "npm",
      [
        "install",
        "--offline",
        "--cache",
        path.join(work, "npm-cache"),
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        path.join(work, filename),
        ...local,
      ],
      { cwd: project },
    );
    installed = path.join(project, "node_modules", ...manifest.name.split("/"));
  });

  after(async function () {
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it("installs as a copy of the tarball, not a link to the source", async function () {
    const files = await filesUnder(installed);
    expect(files.map((file) => path.relative(installed, file))).to.include.members([
      "package.json",
      path.join("dist", "index.js"),
      path.join("dist", "index.d.ts"),
    ]);
    expect(files.some((file) => file.includes(`${path.sep}src${path.sep}`))).to.equal(false);
  });

  it("ships a declaration file next to every JavaScript file", async function () {
    const files = (await filesUnder(path.join(installed, "dist"))).map((file) => path.relative(installed, file));
    const js = files.filter((file) => file.endsWith(".js"));
    expect(js.length).to.be.greaterThan(5);
    for (const file of js) expect(files).to.include(file.replace(/\.js$/, ".d.ts"));
  });

  it("imports no Hardhat and nothing undeclared", async function () {
    const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const files = (await filesUnder(path.join(installed, "dist"))).filter((file) => /\.(js|d\.ts)$/.test(file));
    const external = new Set<string>();
    for (const file of files) {
      for (const specifier of importsOf(await readFile(file, "utf8"))) {
        expect(/^(hardhat|@nomicfoundation\/)/.test(specifier), `${file} imports ${specifier}`).to.equal(false);
        if (!specifier.startsWith(".") && !builtins.has(specifier)) external.add(specifier);
      }
    }
    for (const specifier of external) expect(declared, `undeclared import ${specifier}`).to.include(specifier);
    expect([...external]).to.include("ethers");
  });

  it("is browser-safe: nothing the main and merkle entries reach imports a Node built-in", async function () {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const pending = [path.join(installed, "dist", "index.js"), path.join(installed, "dist", "merkle", "index.js")];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const specifier of importsOf(await readFile(file, "utf8"))) {
        expect(builtins.has(specifier), `${path.relative(installed, file)} imports ${specifier}`).to.equal(false);
        if (specifier.startsWith(".")) pending.push(path.resolve(path.dirname(file), specifier));
      }
    }
    expect(seen.size).to.be.greaterThan(50);
    expect([...seen].some((file) => file.endsWith(path.join("merkle", "node.js")))).to.equal(false);
  });

  it("runs in a fresh ESM project on Node 24: exports the client and decodes a revert", async function () {
    await writeFile(path.join(project, "consumer.js"), CONSUMER_JS);
    const { stdout } = await run(NODE, ["consumer.js"], { cwd: project });
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).to.deep.include({
      createClient: "function",
      ContractRevertError: "function",
      isContractRevertError: true,
      errorName: "DatanetUnknown",
      datanetId: "99",
      shortMessage: "The contract reverted with DatanetUnknown(99).",
    });
    expect(result.errorsAbi).to.be.greaterThan(0);
  });

  it("builds the same reward tree on worker threads through the Node-only merkle/node entry", async function () {
    await writeFile(path.join(project, "merkle.js"), CONSUMER_MERKLE_JS);
    const { stdout } = await run(NODE, ["merkle.js"], { cwd: project });
    const result = JSON.parse(stdout) as {
      serial: string;
      workers: string;
      root: string;
      leaves: number;
      verified: boolean;
    };
    expect(result.leaves).to.equal(3000);
    expect(result.root).to.match(/^0x[0-9a-f]{64}$/);
    expect(result.workers).to.equal(result.serial);
    expect(result.verified).to.equal(true);
  });

  it("type-checks a TypeScript consumer against the shipped declarations", async function () {
    await writeFile(path.join(project, "consumer.ts"), CONSUMER_TS);
    const compilerOptions = { noEmit: true, strict: true, module: "nodenext", target: "es2022", types: [] };
    await writeFile(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
    // tsc prints its diagnostics on stdout and exits non-zero.
    const { stdout } = await run(NODE, [TSC, "-p", "."], { cwd: project }).catch((error: { stdout: string }) => error);
    expect(stdout).to.equal("");
  });
});
