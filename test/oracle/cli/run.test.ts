// The daemon's loop without a chain: a pass that fails transiently or fatally is logged and the
// next pass runs; the API server is started once and closed on stop; `--once` rethrows.
import { expect } from "chai";

import { TransientChainError } from "../../../oracle/src/chain/errors.js";
import type { StepContext } from "../../../oracle/src/cli/pipeline.js";
import { type PassReport, runDaemon } from "../../../oracle/src/cli/run.js";
import type { ApiServer } from "../../../oracle/src/http/server.js";
import type { LogEvent } from "../../../oracle/src/log.js";

const DONE: PassReport = { indexedTo: 10, accepted: undefined, posted: undefined, waiting: "epoch 2 ends at block 20" };

function setup(passes: (() => Promise<PassReport>)[]) {
  const events: LogEvent[] = [];
  const controller = new AbortController();
  const ctx = { log: (event: LogEvent) => events.push(event) } as unknown as StepContext;
  let served = 0;
  let closed = 0;
  const server = { url: "http://127.0.0.1:1", port: 1, close: async () => void closed++ } as unknown as ApiServer;
  let calls = 0;
  const stdout: string[] = [];
  const options = {
    signal: controller.signal,
    intervalSeconds: 0.01,
    once: false,
    serve: async () => {
      served++;
      return server;
    },
    stdout: (text: string) => void stdout.push(text),
    runPass: async () => {
      const next = passes[calls++];
      if (next === undefined) {
        controller.abort("SIGTERM");
        return DONE;
      }
      return next();
    },
  };
  return { ctx, options, events, controller, stdout, counts: () => ({ served, closed, calls }) };
}

describe("oa-oracle run: the daemon's loop", function () {
  it("survives a transient and a fatal pass failure, logs them, and stops cleanly when signalled", async function () {
    const { ctx, options, events, stdout, counts } = setup([
      () => Promise.reject(new TransientChainError("the node changed forks")),
      () => Promise.reject(new Error("certificate failed")),
      () => Promise.resolve(DONE),
    ]);
    const summary = await runDaemon(ctx, options);
    expect(summary.passes).to.equal(4);
    expect(summary.failedPasses).to.equal(2);
    expect(summary.last).to.deep.equal(DONE);
    expect(counts()).to.deep.equal({ served: 1, closed: 1, calls: 4 });
    expect(stdout).to.deep.equal(['{"listening":"http://127.0.0.1:1"}\n']);
    const failures = events.filter((e) => e.msg.startsWith("pass failed"));
    expect(failures.map((e) => [e.level, e.errorName, e.error])).to.deep.equal([
      ["warn", "TransientChainError", "the node changed forks"],
      ["error", "Error", "certificate failed"],
    ]);
    expect(events.filter((e) => e.msg === "pass done")).to.have.length(2);
    expect(events.at(-1)).to.include({ level: "info", msg: "stopping", reason: "SIGTERM" });
  });

  it("--once runs one pass without a server, and rethrows its failure", async function () {
    const ok = setup([() => Promise.resolve(DONE)]);
    const summary = await runDaemon(ok.ctx, { ...ok.options, once: true });
    expect(summary).to.deep.equal({ passes: 1, failedPasses: 0, last: DONE });
    expect(ok.counts()).to.deep.equal({ served: 0, closed: 0, calls: 1 });

    const failing = setup([() => Promise.reject(new TransientChainError("down"))]);
    const error = await runDaemon(failing.ctx, { ...failing.options, once: true }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TransientChainError);
    expect(failing.counts().calls).to.equal(1);
  });

  it("does not start a pass once stopped", async function () {
    const { ctx, options, controller, counts } = setup([]);
    controller.abort("SIGINT");
    const summary = await runDaemon(ctx, options);
    expect(summary.passes).to.equal(0);
    expect(counts()).to.deep.equal({ served: 1, closed: 1, calls: 0 });
  });
});
