// Classification of RPC failures (retry or fatal, by class and code, never by message) and the
// bounded exponential backoff of withRetry.
import { ContractRevertError as DistContractRevertError } from "@openattribution/sdk";
import { expect } from "chai";
import { FetchRequest, FetchResponse, makeError } from "ethers";

import { TransientChainError } from "../../../oracle/src/chain/errors.js";
import { backoffDelay, classify, RetriesExhaustedError, withRetry } from "../../../oracle/src/chain/retry.js";
import type { LogEvent } from "../../../oracle/src/log.js";
import { ContractRevertError, decodeRevertData, SdkError } from "../../../sdk/src/index.js";

/** An ethers error with `code` (ethers types `info` per code; these tests only need the code). */
function ethersError(code: string, info: Record<string, unknown> = {}): Error {
  return makeError(`ethers ${code}`, code as "UNKNOWN_ERROR", info as never);
}

/** A Node system error (what a refused or reset socket raises). */
function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code, syscall: "connect" });
}

/** ethers' SERVER_ERROR for an HTTP answer with `status`. */
function serverError(status: number): Error {
  const request = new FetchRequest("http://127.0.0.1:8545");
  const response = new FetchResponse(status, "status", {}, null, request);
  return ethersError("SERVER_ERROR", { request, response });
}

/** ethers' UNKNOWN_ERROR around a JSON-RPC error object. */
function rpcError(code: number): Error {
  return makeError("could not coalesce error", "UNKNOWN_ERROR", { error: { code, message: "rpc" } });
}

const revert = decodeRevertData("0x4e487b710000000000000000000000000000000000000000000000000000000000000011")!;

describe("classify", function () {
  const retry: [string, unknown][] = [
    ["ethers NETWORK_ERROR", ethersError("NETWORK_ERROR", { event: "request" })],
    ["ethers TIMEOUT", ethersError("TIMEOUT", { operation: "request" })],
    ["SERVER_ERROR with HTTP 429", serverError(429)],
    ["SERVER_ERROR with HTTP 502", serverError(502)],
    ["SERVER_ERROR with HTTP 503", serverError(503)],
    ["SERVER_ERROR without a response", ethersError("SERVER_ERROR")],
    ["ECONNREFUSED", systemError("ECONNREFUSED")],
    ["ECONNRESET", systemError("ECONNRESET")],
    ["ETIMEDOUT", systemError("ETIMEDOUT")],
    ["EAI_AGAIN", systemError("EAI_AGAIN")],
    ["fetch failed, caused by ECONNREFUSED", new TypeError("fetch failed", { cause: systemError("ECONNREFUSED") })],
    ["undici socket error", systemError("UND_ERR_SOCKET")],
    ["JSON-RPC -32005 (limit exceeded)", rpcError(-32005)],
    ["JSON-RPC -32603 (internal error)", rpcError(-32603)],
    ["a bare HTTP 429", Object.assign(new Error("too many"), { status: 429 })],
    ["a bare HTTP 500", Object.assign(new Error("oops"), { statusCode: 500 })],
    ["TransientChainError", new TransientChainError("moved")],
    ["an Error caused by a NETWORK_ERROR", new Error("outer", { cause: ethersError("NETWORK_ERROR") })],
  ];
  const fatal: [string, unknown][] = [
    ["ContractRevertError (the SDK's source)", revert],
    [
      "ContractRevertError (the SDK package the oracle imports)",
      new DistContractRevertError("Panic", [17n] as unknown as DistContractRevertError["args"], "0x4e487b71"),
    ],
    ["an SdkError wrapping a ContractRevertError", new SdkError("the send failed", { cause: revert })],
    [
      "a revert whose cause chain holds a network error",
      new ContractRevertError(
        "Unknown",
        [] as unknown as ContractRevertError["args"],
        "0x",
        ethersError("NETWORK_ERROR"),
      ),
    ],
    [
      "CALL_EXCEPTION",
      makeError("call", "CALL_EXCEPTION", {
        action: "call",
        data: "0x",
        reason: null,
        transaction: { to: null, data: "0x" },
        invocation: null,
        revert: null,
      }),
    ],
    ["INVALID_ARGUMENT", ethersError("INVALID_ARGUMENT", { argument: "x", value: 1 })],
    ["BAD_DATA", ethersError("BAD_DATA", { value: "0x" })],
    ["SERVER_ERROR with HTTP 401", serverError(401)],
    ["SERVER_ERROR with HTTP 404", serverError(404)],
    ["ENOTFOUND (a wrong host)", systemError("ENOTFOUND")],
    ["JSON-RPC -32602 (invalid params)", rpcError(-32602)],
    ["RetriesExhaustedError (retries do not nest)", new RetriesExhaustedError("x", 3, ethersError("NETWORK_ERROR"))],
    ["a plain Error", new Error("boom")],
    ["a string", "boom"],
    ["undefined", undefined],
  ];
  for (const [what, error] of retry) {
    it(`retries ${what}`, function () {
      expect(classify(error)).to.equal("retry");
    });
  }
  for (const [what, error] of fatal) {
    it(`is fatal: ${what}`, function () {
      expect(classify(error)).to.equal("fatal");
    });
  }

  it("stops on a cycle of causes", function () {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    Object.assign(a, { cause: b });
    expect(classify(a)).to.equal("fatal");
  });
});

describe("withRetry", function () {
  const options = (slept: number[], log?: LogEvent[]) => ({
    attempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 250,
    label: "eth_getLogs 1-10",
    sleep: async (ms: number) => {
      slept.push(ms);
    },
    log: log === undefined ? undefined : (event: LogEvent) => log.push(event),
  });

  it("succeeds after two transient failures, waiting 100 then 200 ms", async function () {
    const slept: number[] = [];
    const log: LogEvent[] = [];
    const attempts: number[] = [];
    const result = await withRetry(
      async (attempt) => {
        attempts.push(attempt);
        if (attempt <= 2) throw ethersError("NETWORK_ERROR");
        return "logs";
      },
      options(slept, log),
    );
    expect(result).to.equal("logs");
    expect(attempts).to.deep.equal([1, 2, 3]);
    expect(slept).to.deep.equal([100, 200]);
    expect(log.map(({ level, msg, call, attempt, delayMs }) => ({ level, msg, call, attempt, delayMs }))).to.deep.equal(
      [
        { level: "warn", msg: "retrying", call: "eth_getLogs 1-10", attempt: 1, delayMs: 100 },
        { level: "warn", msg: "retrying", call: "eth_getLogs 1-10", attempt: 2, delayMs: 200 },
      ],
    );
  });

  it("rethrows a fatal error at once, unchanged, without waiting", async function () {
    const slept: number[] = [];
    let calls = 0;
    const error = await withRetry(async () => {
      calls++;
      throw revert;
    }, options(slept)).catch((e: unknown) => e);
    expect(error).to.equal(revert);
    expect(calls).to.equal(1);
    expect(slept).to.deep.equal([]);
  });

  it("gives up after `attempts` tries with RetriesExhaustedError holding the last error; waits are capped", async function () {
    const slept: number[] = [];
    const errors: Error[] = [];
    const error = await withRetry(async () => {
      const failure = ethersError("TIMEOUT");
      errors.push(failure);
      throw failure;
    }, options(slept)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RetriesExhaustedError).and.include({ attempts: 4, label: "eth_getLogs 1-10" });
    expect((error as RetriesExhaustedError).cause).to.equal(errors.at(-1));
    expect(errors).to.have.length(4);
    expect(slept).to.deep.equal([100, 200, 250]);
  });

  it("takes another classifier", async function () {
    let calls = 0;
    const result = await withRetry(
      async () => {
        if (++calls === 1) throw new Error("my transient error");
        return calls;
      },
      { ...options([]), classify: () => "retry" },
    );
    expect(result).to.equal(2);
  });

  it("refuses attempts below 1", async function () {
    const error = await withRetry(async () => 1, { attempts: 0 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RangeError);
  });

  it("backs off exponentially up to the cap", function () {
    const delays = { baseDelayMs: 500, maxDelayMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map((retry) => backoffDelay(retry, delays))).to.deep.equal([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});
