// `run`: the daemon. It serves the API and, every `intervalSeconds`, makes one pass:
//
//   index → accept the pending root if its challenge window has passed → if no root is pending
//   and the next epoch (accepted + 1) has ended and is indexed: attribute → build → check → post.
//
// One epoch moves per pass (the distributor holds one pending root at a time). A transient
// failure (the node down, a timeout, a rate limit: chain/retry.ts `classify`) ends the pass with a
// warning and the next pass tries again; any other failure (a certificate that fails, another root
// pending…) is logged as an error and retried next pass too, since the operator may fix it
// meanwhile, but the daemon never works around it. Posting goes through the poster, which records
// its intent first and reconciles with the chain, so a crash or a restart never double-posts.
// SIGINT / SIGTERM: the pass in progress finishes its current step, then the server and the
// store close.
import { getDistributorState } from "@openattribution/sdk";

import { indexChain } from "../chain/indexer.ts";
import { classify, RetriesExhaustedError } from "../chain/retry.ts";
import { getCursor } from "../store/chain.ts";
import type { ApiServer } from "../http/server.ts";
import { loadPipeline, type PipelineApi, type StepContext } from "./pipeline.ts";

/**
 * What `runDaemon` takes.
 *
 * @example
 * await runDaemon(ctx, { signal, intervalSeconds: 30, once: false, serve, stdout });
 */
export type RunDaemonOptions = {
  signal: AbortSignal;
  intervalSeconds: number;
  /** One pass, then return (no server). */
  once: boolean;
  /** Starts the HTTP API. */
  serve: () => Promise<ApiServer>;
  stdout: (text: string) => void;
  /** Replaces one pass (tests); `pass` by default. */
  runPass?: (() => Promise<PassReport>) | undefined;
};

/**
 * What one pass did.
 *
 * @example
 * const { indexedTo, posted }: PassReport = await pass(ctx, pipeline);
 */
export type PassReport = {
  indexedTo: number | undefined;
  accepted: unknown;
  /** The epoch attributed, built, checked and posted in this pass, if any. */
  posted: { epoch: bigint; result: unknown } | undefined;
  /** Why no epoch was posted. */
  waiting: string | undefined;
};

/**
 * Runs the daemon until `signal` is aborted (or one pass with `once`). Resolves to a summary.
 *
 * @example
 * const summary = await runDaemon(ctx, options);
 */
export async function runDaemon(
  ctx: StepContext,
  options: RunDaemonOptions,
): Promise<{ passes: number; failedPasses: number; last: PassReport | undefined }> {
  const { log, signal } = { log: ctx.log, signal: options.signal };
  // Loaded before the first pass: a pipeline that cannot load stops `run` at start, not every pass.
  const pipeline = options.runPass === undefined ? await loadPipeline() : undefined;
  const runPass = options.runPass ?? (() => pass(ctx, pipeline!, signal));
  let server: ApiServer | undefined;
  if (!options.once) {
    server = await options.serve();
    options.stdout(`${JSON.stringify({ listening: server.url })}\n`);
  }
  let passes = 0;
  let failedPasses = 0;
  let last: PassReport | undefined;
  try {
    while (!signal.aborted) {
      passes++;
      try {
        last = await runPass();
        log({
          level: "info",
          msg: "pass done",
          pass: passes,
          indexedTo: last.indexedTo,
          posted: last.posted?.epoch,
          waiting: last.waiting,
        });
      } catch (error) {
        failedPasses++;
        const transient = error instanceof RetriesExhaustedError || classify(error) === "retry";
        const message = (error as { shortMessage?: string }).shortMessage ?? (error as Error).message;
        log({
          level: transient ? "warn" : "error",
          msg: transient ? "pass failed (transient): retrying next pass" : "pass failed: retrying next pass",
          pass: passes,
          error: String(message).split("\n")[0],
          errorName: (error as Error).name,
        });
        if (options.once) throw error;
      }
      if (options.once) break;
      await sleep(options.intervalSeconds * 1000, signal);
    }
  } finally {
    if (signal.aborted) log({ level: "info", msg: "stopping", reason: String(signal.reason) });
    await server?.close();
  }
  return { passes, failedPasses, last };
}

/**
 * One pass of the daemon (see the top of this file).
 *
 * @example
 * const report = await pass(ctx, await loadPipeline(), signal);
 */
export async function pass(ctx: StepContext, pipeline: PipelineApi, signal: AbortSignal): Promise<PassReport> {
  const { config, client, store, log } = ctx;
  const indexed = await indexChain({
    client,
    store,
    confirmations: config.confirmations,
    fromBlock: config.startBlock,
    log,
  });
  const report: PassReport = {
    indexedTo: indexed.cursor?.blockNumber,
    accepted: undefined,
    posted: undefined,
    waiting: undefined,
  };
  let state = await getDistributorState(client, { proposals: false });
  if (state.pending !== undefined) {
    if (!state.pending.acceptable) {
      report.waiting = `epoch ${state.pending.epoch} is pending: acceptable in ${state.pending.secondsUntilAcceptable} s`;
      return report;
    }
    report.accepted = await pipeline.runAccept(ctx);
    state = await getDistributorState(client, { proposals: false });
    if (state.pending !== undefined) {
      report.waiting = `epoch ${state.pending.epoch} is still pending`;
      return report;
    }
  }
  const epoch = state.epoch + 1n;
  const lastBlock = config.startBlock + Number(epoch) * config.epochBlocks - 1;
  const cursor = getCursor(store);
  if (cursor === undefined || cursor.blockNumber < lastBlock) {
    report.waiting = `epoch ${epoch} ends at block ${lastBlock}; indexed to ${cursor?.blockNumber ?? "nothing"}`;
    return report;
  }
  for (const step of ["attribute", "build", "check", "post"] as const) {
    if (signal.aborted) {
      report.waiting = `stopped before ${step} of epoch ${epoch}`;
      return report;
    }
    log({ level: "info", msg: `${step} epoch`, epoch });
    if (step === "attribute") await pipeline.runAttribute(ctx, { epoch });
    else if (step === "build") await pipeline.runBuild(ctx, { epoch });
    else if (step === "check") {
      const checked = await pipeline.runCheck(ctx, { epoch });
      if (!checked.ok) {
        report.waiting = `the certificate of epoch ${epoch} failed: nothing posted (oa-oracle check --epoch ${epoch})`;
        log({ level: "error", msg: "certificate failed: not posting", epoch, result: checked });
        return report;
      }
    } else report.posted = { epoch, result: await pipeline.runPost(ctx, { epoch }) };
  }
  return report;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
