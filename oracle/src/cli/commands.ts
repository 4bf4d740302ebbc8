// The commands of `oa-oracle`: each loads the config, connects (the signer only for the commands
// that send: post, accept, run), opens the store, runs one function and returns its result. The
// resources are closed whatever happens, also when the process is asked to stop.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import type { Client } from "@openattribution/sdk";

import { indexChain } from "../chain/indexer.ts";
import { loadConfig, type OracleConfig, parseConfig } from "../config/config.ts";
import { connect, type Connection, StartupError } from "../config/connect.ts";
import { type ApiReads, storeApiData } from "../http/data.ts";
import { type ApiServer, startApiServer } from "../http/server.ts";
import type { Log } from "../log.ts";
import { getChainBinding, getCursor } from "../store/chain.ts";
import { openStore, type Store } from "../store/db.ts";
import { countInferenceRecords, listIngests } from "../store/inference.ts";
import { ingestInferenceLog } from "../store/ingest.ts";
import { listRootProposals } from "../store/protocol.ts";
import type { CliArgs, Command } from "./args.ts";
import { InputFileError, InterruptedError } from "./errors.ts";
import type { CommandOutcome } from "./main.ts";
import { apiReads, loadPipeline, PipelineUnavailableError, type StepContext } from "./pipeline.ts";

/** What a command gets besides its arguments. */
export type CommandEnv = {
  log: Log;
  /** Aborted on SIGINT / SIGTERM. */
  signal: AbortSignal;
  stdout: (text: string) => void;
};

/** Commands that send transactions, and so load the signer (which must hold ORACLE_ROLE). */
const SENDING: readonly Command[] = ["post", "accept", "run"];

/**
 * Runs one parsed command and returns its outcome.
 *
 * @example
 * const { result } = await runCommand(parseArgs(["status"]), { log, signal, stdout });
 */
export async function runCommand(args: CliArgs & { command: Command }, env: CommandEnv): Promise<CommandOutcome> {
  const resources = new Resources();
  const stop = () => resources.close();
  // A one-shot command stops at once on a signal (the store is transactional); serve and run stop
  // at their next step boundary themselves.
  const longRunning = args.command === "serve" || args.command === "run";
  const interrupted = new Promise<never>((_, reject) => {
    if (longRunning) return;
    const onAbort = () => {
      stop();
      reject(new InterruptedError(String(env.signal.reason ?? "a signal")));
    };
    if (env.signal.aborted) onAbort();
    else env.signal.addEventListener("abort", onAbort, { once: true });
  });
  interrupted.catch(() => undefined);
  try {
    return await Promise.race([dispatch(args, env, resources), interrupted]);
  } finally {
    stop();
  }
}

async function dispatch(
  args: CliArgs & { command: Command },
  env: CommandEnv,
  resources: Resources,
): Promise<CommandOutcome> {
  const { log } = env;
  switch (args.command) {
    case "ingest":
      return ingest(args, env, resources);
    case "status":
      return status(args, env, resources);
    case "verify":
      return verify(args, env, resources);
    default:
      break;
  }
  const config = await loadConfig(args.config);
  const connection = resources.connection(await connect(config, { signer: SENDING.includes(args.command) }));
  const store = resources.store(openStore(config.dataDir));
  const ctx: StepContext = { config, client: connection.client, store, log };
  switch (args.command) {
    case "index":
      return {
        result: await indexChain({
          client: connection.client,
          store,
          confirmations: config.confirmations,
          fromBlock: config.startBlock,
          log,
        }),
      };
    case "serve": {
      const server = await serve(ctx, resources);
      env.stdout(`${JSON.stringify({ listening: server.url })}\n`);
      await untilAborted(env.signal);
      log({ level: "info", msg: "stopping", reason: String(env.signal.reason) });
      await server.close();
      return { result: undefined };
    }
    case "run": {
      const { runDaemon } = await import("./run.ts");
      return {
        result: await runDaemon(ctx, {
          signal: env.signal,
          intervalSeconds: args.intervalSeconds ?? 30,
          once: args.once,
          serve: () => serve(ctx, resources),
          stdout: env.stdout,
        }),
      };
    }
    default:
      break;
  }
  const pipeline = await loadPipeline();
  const epoch = args.epoch!;
  switch (args.command) {
    case "attribute":
      return { result: await pipeline.runAttribute(ctx, { epoch, force: args.force }) };
    case "build":
      return { result: await pipeline.runBuild(ctx, { epoch }) };
    case "check": {
      const result = await pipeline.runCheck(ctx, { epoch });
      return {
        result,
        failure: result.ok ? undefined : `the certificate of epoch ${epoch} failed: ${failures(result)}`,
      };
    }
    case "post":
      return { result: await pipeline.runPost(ctx, { epoch }) };
    case "accept":
      return { result: await pipeline.runAccept(ctx) };
    default:
      throw new Error(`unhandled command ${args.command}`);
  }
}

/** Starts the HTTP API on the store and the chain. */
export async function serve(ctx: StepContext, resources: Resources): Promise<ApiServer> {
  let reads: ApiReads;
  try {
    reads = apiReads(await loadPipeline());
  } catch (error) {
    if (!(error instanceof PipelineUnavailableError)) throw error;
    // Health and files still work; the epoch routes answer 404 until the pipeline is there.
    ctx.log({ level: "warn", msg: "serving without epoch data", reason: error.shortMessage });
    reads = { getRewardsOf: () => undefined, getEpochInfo: () => undefined, getAttributionOf: () => undefined };
  }
  const data = storeApiData({ store: ctx.store, client: ctx.client, reads, confirmations: ctx.config.confirmations });
  return resources.server(
    await startApiServer({
      host: ctx.config.http.host,
      port: ctx.config.http.port,
      data,
      filesDir: ctx.config.publish.dir,
      log: ctx.log,
    }),
  );
}

function describeError(error: unknown): string {
  const short = (error as { shortMessage?: unknown }).shortMessage;
  return String(typeof short === "string" ? short : (error as Error).message).split("\n")[0]!;
}

function failures({ failures: list }: { failures: readonly { check: string; detail: string }[] }): string {
  return list.map((f) => `${f.check}: ${f.detail}`).join("; ");
}

/** `ingest <file>`: needs the config and the store only (no node): adapters are checked against the indexed store. */
async function ingest(args: CliArgs, env: CommandEnv, resources: Resources): Promise<CommandOutcome> {
  const config = await loadConfig(args.config);
  const file = args.positionals[0]!;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(
      `cannot read the inference log ${file}: ${code === "ENOENT" ? "no such file" : (code ?? "error")}`,
      { cause: error },
    );
  }
  const store = resources.store(openStore(config.dataDir));
  const source = args.source ?? pathToFileURL(path.resolve(file)).href;
  const report = ingestInferenceLog({ store, bytes, source, log: env.log });
  for (const { line, reason } of report.rejected) env.log({ level: "warn", msg: "line rejected", file, line, reason });
  return { result: report };
}

/** `status`: the store, and the chain when the node answers (a node that does not is reported, not fatal). */
async function status(args: CliArgs, env: CommandEnv, resources: Resources): Promise<CommandOutcome> {
  const config = await loadConfig(args.config);
  const store = resources.store(openStore(config.dataDir));
  let chain: Record<string, unknown>;
  let client: Client | undefined;
  try {
    client = resources.connection(await connect(config, { timeoutSeconds: 10 })).client;
    const head = await client.provider.getBlockNumber();
    chain = { ok: true, head, settled: Math.max(0, head - config.confirmations) };
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    chain = { ok: false, error: error.shortMessage };
  }
  const cursor = getCursor(store);
  const binding = getChainBinding(store);
  const epochs = (block: number | undefined) =>
    block === undefined || block < config.startBlock
      ? 0
      : Math.floor((block - config.startBlock + 1) / config.epochBlocks);
  // Loaded here: status needs the poster's table only, and reports (rather than fails on) a poster it cannot load.
  let intents: unknown;
  try {
    const { initPostTables, listPostIntents } = await import("../chain/poster.ts");
    initPostTables(store.db);
    intents =
      binding === undefined
        ? []
        : listPostIntents(store.db, {
            chainId: binding.chainId,
            distributor: binding.addresses.attributionDistributor,
          }).map(({ epoch, root, status: state, resolution, txHash }) => ({
            epoch,
            root,
            status: state,
            resolution,
            txHash,
          }));
  } catch (error) {
    intents = { error: `cannot read the post intents: ${describeError(error)}` };
  }
  // The epochs built, with their status (attributed / built / posting / pending / accepted …).
  let builds: unknown;
  try {
    const pipeline = await loadPipeline();
    builds = pipeline.listBuilds(store.db).map(({ epoch, root, totalCumulative, epochTotal, treeURI }) => ({
      epoch,
      status: pipeline.getEpochInfo(store, epoch)?.status,
      root,
      totalCumulative,
      epochTotal,
      treeURI,
    }));
  } catch (error) {
    builds = { error: describeError(error) };
  }
  return {
    result: {
      config: config.file,
      store: store.path,
      chainId: config.chainId,
      boundTo: binding ?? null,
      chain,
      indexed:
        cursor === undefined
          ? null
          : { block: cursor.blockNumber, hash: cursor.blockHash, timestamp: cursor.timestamp },
      epochs: {
        startBlock: config.startBlock,
        epochBlocks: config.epochBlocks,
        /** The last epoch whose blocks are all indexed. */
        lastIndexed: epochs(cursor?.blockNumber),
        /** The last epoch whose blocks are all settled on the chain. */
        lastSettled: typeof chain.settled === "number" ? epochs(chain.settled) : null,
      },
      inference: { records: countInferenceRecords(store), ingests: listIngests(store).length },
      proposals: listRootProposals(store).map(({ epoch, root, totalCumulative, status: state, treeURI }) => ({
        epoch,
        root,
        totalCumulative,
        status: state,
        treeURI,
      })),
      builds,
      postIntents: intents,
    },
  };
}

/**
 * `verify`: no store and no signer. With `--rpc`: that node, the SDK's known deployment of its
 * chain or `--addresses <file>`, and `--content-dir` for file contributions; otherwise the
 * config's node (checked as at start-up), addresses and content settings.
 */
async function verify(args: CliArgs, env: CommandEnv, resources: Resources): Promise<CommandOutcome> {
  const pipeline = await loadPipeline();
  const parameters: Parameters<typeof pipeline.runVerify>[0] = { epoch: args.epoch!, log: env.log };
  if (args.metadata !== undefined) parameters.metadataURI = args.metadata;
  if (args.rpc === undefined) {
    const config: OracleConfig = await loadConfig(args.config);
    parameters.client = resources.connection(await connect(config)).client;
    parameters.contentBaseDir = config.content.baseDir;
    parameters.maxContentBytes = config.content.maxBytes;
    parameters.fromBlock = config.startBlock;
  } else {
    parameters.rpcUrl = args.rpc;
    if (args.addresses !== undefined) parameters.addresses = await readAddresses(args.addresses);
    if (args.contentDir !== undefined) parameters.contentBaseDir = path.resolve(args.contentDir);
  }
  const result = await pipeline.runVerify(parameters);
  if (result.ok) return { result };
  const { firstDifference: difference, mismatches } = result;
  return {
    result,
    failure:
      difference === undefined
        ? `epoch ${args.epoch} does not verify${mismatches.length > 0 ? `: ${mismatches.join("; ")}` : ""}`
        : `epoch ${args.epoch} does not verify: first difference at ${difference.account}: recomputed ${String(difference.expected)}, published ${String(difference.actual)}`,
  };
}

/** The addresses file of `verify --addresses`, validated as the config's `addresses` are. */
async function readAddresses(file: string): Promise<OracleConfig["addresses"]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(
      `cannot read the addresses file ${file}: ${code === "ENOENT" ? "no such file" : (code ?? "error")}`,
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputFileError(`the addresses file ${file} is not valid JSON`);
  }
  // The config's validation, on a config made of these addresses only.
  return parseConfig({ rpcUrl: "http://unused", chainId: 1, epochBlocks: 1, addresses: json }, path.resolve(file))
    .addresses;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

/** What a command opened, closed in reverse order (idempotent). */
export class Resources {
  #closers: (() => void)[] = [];

  connection(connection: Connection): Connection {
    this.#closers.push(() => connection.provider.destroy());
    return connection;
  }

  store(store: Store): Store {
    this.#closers.push(() => store.close());
    return store;
  }

  server(server: ApiServer): ApiServer {
    this.#closers.push(() => void server.close());
    return server;
  }

  close(): void {
    for (const close of this.#closers.splice(0).reverse()) {
      try {
        close();
      } catch {
        // closing is best effort
      }
    }
  }
}
