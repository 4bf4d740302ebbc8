// Bounded retries of transient RPC failures. `classify` decides from the error alone — its class
// or name and its ethers / Node / HTTP / JSON-RPC code, never its message — whether trying again
// can help:
// - retry: ethers NETWORK_ERROR and TIMEOUT; SERVER_ERROR with HTTP 429 or 5xx (or no status);
//   HTTP 429/5xx anywhere; Node socket errors (ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE,
//   EAI_AGAIN, ECONNABORTED, EHOSTUNREACH, ENETUNREACH, ENETDOWN) and undici's connect/header/
//   body timeouts and socket errors; JSON-RPC -32005 (limit exceeded / rate limited) and -32603
//   (internal error); the oracle's own `TransientChainError`.
// - fatal: everything else, among them a decoded contract revert (`ContractRevertError`: the same
//   call reverts again), CALL_EXCEPTION, bad arguments, HTTP 4xx other than 429 (a wrong URL or
//   key), ENOTFOUND (a wrong host), `RetriesExhaustedError` (retries do not nest) and unknown errors.
// The error's `cause` chain (and ethers' wrapped `error`) is followed: the first link that decides wins.
import { OracleError } from "../errors.ts";
import type { Log } from "../log.ts";
import { TransientChainError } from "./errors.ts";

/**
 * What to do about a failed call.
 *
 * @example
 * const decision: RetryDecision = classify(error);
 */
export type RetryDecision = "retry" | "fatal";

const RETRY_ETHERS_CODES = new Set(["NETWORK_ERROR", "TIMEOUT"]);
const FATAL_ETHERS_CODES = new Set([
  "CALL_EXCEPTION",
  "INVALID_ARGUMENT",
  "MISSING_ARGUMENT",
  "UNEXPECTED_ARGUMENT",
  "NUMERIC_FAULT",
  "BUFFER_OVERRUN",
  "VALUE_MISMATCH",
  "NOT_IMPLEMENTED",
  "UNSUPPORTED_OPERATION",
  "INSUFFICIENT_FUNDS",
  "NONCE_EXPIRED",
  "REPLACEMENT_UNDERPRICED",
  "TRANSACTION_REPLACED",
  "UNCONFIGURED_NAME",
  "ACTION_REJECTED",
  "CANCELLED",
  "BAD_DATA",
]);
const RETRY_SYSTEM_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_SOCKET",
]);
/** JSON-RPC error codes of a busy or failing node: -32005 limit exceeded, -32603 internal error. */
const RETRY_RPC_CODES = new Set([-32005, -32603, 429]);

/**
 * "retry" if the error is transient (a network, timeout, rate-limit or server error), "fatal"
 * otherwise; the rules are at the top of chain/retry.ts.
 *
 * @example
 * if (classify(error) === "fatal") throw error;
 */
export function classify(error: unknown): RetryDecision {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== "object" || seen.has(current) || seen.size > 50) continue;
    seen.add(current);
    const decision = classifyOne(current as Record<string, unknown>);
    if (decision !== undefined) return decision;
    const { cause, error: inner } = current as { cause?: unknown; error?: unknown };
    queue.push(cause, inner);
  }
  return "fatal";
}

function classifyOne(error: Record<string, unknown>): RetryDecision | undefined {
  const name = error.name;
  if (name === "ContractRevertError" || error instanceof RetriesExhaustedError) return "fatal";
  if (error instanceof TransientChainError) return "retry";
  const { code } = error;
  if (typeof code === "string") {
    if (RETRY_ETHERS_CODES.has(code) || RETRY_SYSTEM_CODES.has(code)) return "retry";
    if (code === "SERVER_ERROR") {
      const status = httpStatus((error.response as Record<string, unknown> | undefined) ?? {});
      return status === undefined || status === 429 || status >= 500 ? "retry" : "fatal";
    }
    if (FATAL_ETHERS_CODES.has(code) || code === "ENOTFOUND") return "fatal";
  }
  if (typeof code === "number" && RETRY_RPC_CODES.has(code)) return "retry";
  const status = httpStatus(error);
  if (status !== undefined && status >= 400) return status === 429 || status >= 500 ? "retry" : "fatal";
  return undefined;
}

function httpStatus(object: Record<string, unknown>): number | undefined {
  const status = object.statusCode ?? object.status;
  return typeof status === "number" && Number.isInteger(status) ? status : undefined;
}

/**
 * The call still failed with a transient error after every attempt; `cause` is the last error.
 *
 * @example
 * if (error instanceof RetriesExhaustedError) console.error(`gave up after ${error.attempts} attempts`, error.cause);
 */
export class RetriesExhaustedError extends OracleError {
  override name = "RetriesExhaustedError";
  readonly attempts: number;
  readonly label: string;

  constructor(label: string, attempts: number, cause: unknown) {
    super(
      `${label} failed ${attempts} times with transient errors (${describeError(cause)}); ` +
        "check the node (RPC URL, rate limits) and run the command again",
      { cause },
    );
    this.attempts = attempts;
    this.label = label;
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const first = (error as { shortMessage?: unknown }).shortMessage ?? error.message.split("\n")[0];
    return code === undefined ? String(first) : `${String(code)}: ${String(first)}`;
  }
  return String(error);
}

/**
 * The options of `withRetry`.
 *
 * @example
 * const options: RetryOptions = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };
 */
export type RetryOptions = {
  /** Tries in all (the first included); 5 by default. */
  attempts?: number | undefined;
  /** Wait before the first retry; doubled before each next one; 500 ms by default. */
  baseDelayMs?: number | undefined;
  /** Cap of a single wait; 30 s by default. */
  maxDelayMs?: number | undefined;
  /** What the call is, for logs and errors ("eth_getLogs 100-199"). */
  label?: string | undefined;
  /** Receives a `warn` event before each retry. */
  log?: Log | undefined;
  /** Replaces `classify` (tests, or a caller with its own rules). */
  classify?: ((error: unknown) => RetryDecision) | undefined;
  /** Replaces the timer (tests). */
  sleep?: ((ms: number) => Promise<void>) | undefined;
};

const DEFAULTS = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * The wait before retry `retry` (1 for the first): `baseDelayMs · 2^(retry−1)`, at most `maxDelayMs`.
 *
 * @example
 * backoffDelay(3, { baseDelayMs: 500, maxDelayMs: 30_000 }); // 2000
 */
export function backoffDelay(
  retry: number,
  { baseDelayMs, maxDelayMs }: { baseDelayMs: number; maxDelayMs: number },
): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(retry - 1, 40));
}

/**
 * Calls `fn` until it succeeds, retrying transient failures (`classify`) with bounded exponential
 * backoff. A fatal error is rethrown at once, unchanged (a `ContractRevertError` is never retried);
 * a transient one that persists past `attempts` tries becomes `RetriesExhaustedError` (`cause`:
 * the last error).
 *
 * @example
 * const logs = await withRetry(() => provider.getLogs(filter), { label: "eth_getLogs", log });
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? DEFAULTS.attempts;
  if (!Number.isSafeInteger(attempts) || attempts < 1)
    throw new RangeError(`attempts must be an integer ≥ 1, got ${attempts}`);
  const delays = {
    baseDelayMs: options.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
  };
  const decide = options.classify ?? classify;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const label = options.label ?? "RPC call";
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (decide(error) === "fatal") throw error;
      if (attempt >= attempts) throw new RetriesExhaustedError(label, attempt, error);
      const delayMs = backoffDelay(attempt, delays);
      options.log?.({
        level: "warn",
        msg: "retrying",
        call: label,
        attempt,
        attempts,
        delayMs,
        error: describeError(error),
      });
      await sleep(delayMs);
    }
  }
}
