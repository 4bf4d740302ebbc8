// A real node for tests: anvil (from `@foundry-rs/anvil`) on 127.0.0.1 and a free port, started and
// stopped by the tests, and the suite deployed on it by the production Ignition module.
//
//   let chain: AnvilSuite;
//   before(async function () { chain = await startAnvilSuite(); });
//   after(async function () { await chain?.stop(); });
//
// Mocha loads every .ts file under test/, this one included: importing it has no side effect.
import { type ChildProcess, spawn } from "node:child_process";
import { readFile, rm, rmdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer, type Socket } from "node:net";
import path from "node:path";

import { ethers } from "ethers";
import hre from "hardhat";

import OpenAttribution from "../../deploy/modules/OpenAttribution.js";
import type { Addresses } from "../../sdk/src/index.js";

const HOST = "127.0.0.1";
/** Anvil's (and Hardhat's) default accounts: `test test … junk`, m/44'/60'/0'/0/<index>. */
export const DEFAULT_MNEMONIC = "test test test test test test test test test test test junk";
/** How many default accounts anvil funds (its default, 10). */
const ACCOUNTS = 10;
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
/** The tail of anvil's output kept for error messages. */
const OUTPUT_LIMIT = 16_384;

export type AnvilOptions = {
  /** 31337 by default, as Hardhat's in-process chain. */
  chainId?: number;
  /** As `evmVersion` in hardhat.config.ts by default. */
  hardfork?: string;
  /** How many default accounts anvil unlocks and funds: 10 by default (Hardhat's chain has 20). */
  accounts?: number;
  /** More command-line flags for anvil. */
  args?: string[];
};

export type Anvil = {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly chainId: bigint;
  /** The last lines anvil printed, for diagnosing a failure. */
  output(): string;
  /** Kills anvil and resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
};

/** The anvil binary of this platform, from the optional dependency of `@foundry-rs/anvil`. */
export function anvilBinary(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const name = `@foundry-rs/anvil-${process.platform}-${arch}`;
  let manifest: string;
  try {
    manifest = createRequire(import.meta.url).resolve(`${name}/package.json`);
  } catch (error) {
    throw new Error(`${name} is not installed: anvil has no binary for this platform here`, { cause: error });
  }
  return path.join(path.dirname(manifest), "bin", process.platform === "win32" ? "anvil.exe" : "anvil");
}

/** A port that was free on 127.0.0.1 a moment ago (the OS picks it; we close it at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, HOST, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP port from the OS");
  return address.port;
}

/**
 * Starts anvil on 127.0.0.1 and a free port and resolves once it answers `eth_chainId`. Its output
 * is kept in memory and shown only when it fails to start. Retries on another port if the chosen
 * one was taken in the meantime. Call `stop()` in an `after` hook; anvil is also killed if this
 * process exits without it.
 */
export async function startAnvil(options: AnvilOptions = {}): Promise<Anvil> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(await freePort(), options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof AnvilExitedError) || !/address already in use/i.test(error.output)) throw error;
    }
  }
  throw lastError;
}

class AnvilExitedError extends Error {
  constructor(
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly output: string,
  ) {
    super(`anvil exited before it was ready (code ${code}, signal ${signal}):\n${output}`);
  }
}

async function startOnce(port: number, options: AnvilOptions): Promise<Anvil> {
  const chainId = options.chainId ?? 31337;
  const args = [
    "--host",
    HOST,
    "--port",
    String(port),
    "--chain-id",
    String(chainId),
    "--hardfork",
    options.hardfork ?? "prague",
    "--accounts",
    String(options.accounts ?? ACCOUNTS),
    "--mnemonic",
    DEFAULT_MNEMONIC,
    // `npm test -- --coverage` instruments the contracts beyond the 24 KiB limit; the in-process
    // chain (which keeps the limit) is where deployability is tested (test/deploy/).
    "--disable-code-size-limit",
    ...(options.args ?? []),
  ];
  const child = spawn(anvilBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);

  const exited = new Promise<void>((resolve) => {
    // "close" (not "exit"): the process is gone and its output is read to the end.
    child.once("close", () => resolve());
  });
  track(child);
  // Nor does it keep this process alive: a forgotten `stop()` ends in the exit hook, not a hang.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as unknown as Socket).unref();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      } else {
        await exited;
      }
      untrack(child);
    })();
    return stopping;
  };

  const url = `http://${HOST}:${port}`;
  try {
    await waitUntilReady(child, url, exited, () => output);
    const answered = BigInt(await rpc<string>(url, "eth_chainId"));
    if (answered !== BigInt(chainId)) throw new Error(`anvil answered chain id ${answered}, not ${chainId}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, chainId: BigInt(chainId), output: () => output, stop };
}

// Whatever happens to the tests, anvil does not outlive this process: the running ones are killed
// when it exits (also on process.exit or an uncaught error) or is told to stop by a signal.
const running = new Set<ChildProcess>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function killAll() {
  for (const child of running) child.kill("SIGKILL");
}

function onSignal(signal: NodeJS.Signals) {
  killAll();
  untrackAll();
  // Our listener kept the default action (terminate) from happening: restore it, unless someone
  // else listens and decides.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function track(child: ChildProcess) {
  if (running.size === 0) {
    process.on("exit", killAll);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  running.add(child);
}

function untrack(child: ChildProcess) {
  if (running.delete(child) && running.size === 0) untrackAll();
}

function untrackAll() {
  running.clear();
  process.removeListener("exit", killAll);
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}

async function waitUntilReady(child: ChildProcess, url: string, exited: Promise<void>, output: () => string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new AnvilExitedError(child.exitCode, child.signalCode, output());
    try {
      await rpc(url, "eth_chainId");
      return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`anvil did not answer on ${url} within ${READY_TIMEOUT_MS} ms:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One JSON-RPC call over HTTP, without ethers (used before anything else talks to the node). */
async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(2_000),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

// ---------------------------------------------------------------- the suite on anvil

export type AnvilSuite = Anvil & {
  /** A plain ethers provider on anvil (not Hardhat's). */
  readonly provider: ethers.JsonRpcProvider;
  /** The default accounts (0–9 unless `accounts` says otherwise) as plain ethers wallets on `provider` (roles: deploy/parameters/localhost.json). */
  readonly wallets: readonly ethers.Wallet[];
  /** Where the Ignition module deployed the suite. */
  readonly addresses: Addresses;
  /** Increases the time of the next block by `seconds` and mines it. */
  increaseTime(seconds: number | bigint): Promise<void>;
  /** Snapshots the chain; the returned function reverts to the snapshot (once). */
  snapshot(): Promise<() => Promise<void>>;
};

const PARAMETERS_FILE = new URL("../../deploy/parameters/localhost.json", import.meta.url);

/**
 * Starts anvil and deploys the suite on it with the production Ignition module and the parameters
 * of deploy/parameters/localhost.json, through Hardhat's `localhost` network pointed at anvil's
 * port. Ignition journals a deployment on an http network to `deploy/deployments/<id>`: a unique
 * id is used and its folder is deleted right after the deployment. Anvil is stopped if anything
 * fails here; otherwise `stop()` is the caller's.
 */
export async function startAnvilSuite(options: AnvilOptions = {}): Promise<AnvilSuite> {
  const anvil = await startAnvil(options);
  try {
    const addresses = await deploySuite(anvil.url);
    // No request cache (ethers shares identical requests for 250 ms by default): with it, a wallet
    // sending twice within 250 ms gets the same nonce again and anvil rejects the second
    // transaction ("nonce has already been used"), and a read may predate a snapshot's revert.
    const provider = new ethers.JsonRpcProvider(anvil.url, anvil.chainId, {
      staticNetwork: true,
      cacheTimeout: -1,
      pollingInterval: 50,
    });
    const wallets = Array.from({ length: options.accounts ?? ACCOUNTS }, (_, index) => {
      const account = ethers.HDNodeWallet.fromPhrase(DEFAULT_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
      return new ethers.Wallet(account.privateKey, provider);
    });
    return {
      ...anvil,
      provider,
      wallets,
      addresses,
      async increaseTime(seconds) {
        await provider.send("evm_increaseTime", [ethers.toQuantity(seconds)]);
        await provider.send("evm_mine", []);
      },
      async snapshot() {
        const id = await provider.send("evm_snapshot", []);
        return async () => {
          if ((await provider.send("evm_revert", [id])) !== true) throw new Error(`evm_revert ${id} failed`);
        };
      },
      async stop() {
        provider.destroy();
        await anvil.stop();
      },
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

async function deploySuite(url: string): Promise<Addresses> {
  const parameters = JSON.parse(await readFile(PARAMETERS_FILE, "utf8"));
  const deploymentId = `anvil-test-${process.pid}-${new URL(url).port}`;
  const deployments = path.join(hre.config.paths.ignition, "deployments");
  const hadDeployments = await stat(deployments).then(
    () => true,
    () => false,
  );
  const connection = await hre.network.create({ network: "localhost", override: { url } });
  try {
    const deployed = await connection.ignition.deploy(OpenAttribution, { parameters, deploymentId });
    return {
      openToken: await deployed.openToken.getAddress(),
      datanetRegistry: await deployed.datanetRegistry.getAddress(),
      modelRegistry: await deployed.modelRegistry.getAddress(),
      usageLedger: await deployed.usageLedger.getAddress(),
      attributionDistributor: await deployed.attributionDistributor.getAddress(),
    };
  } finally {
    await connection.close();
    await rm(path.join(deployments, deploymentId), { recursive: true, force: true });
    // Ignition created the folder: remove it unless something else appeared in it meanwhile.
    if (!hadDeployments) await rmdir(deployments).catch(() => undefined);
  }
}
