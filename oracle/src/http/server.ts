// The oracle's HTTP API (`serve`, `run`): read-only JSON over node:http, 127.0.0.1 by default.
//
// Bounded on purpose: GET and HEAD only (405 otherwise), URLs of at most MAX_URL_LENGTH bytes
// (414), request bodies refused (413), a deadline per request (the data layer's answer is awaited
// at most `requestTimeoutMs`: 503), Node's header and request timeouts, and a cap on open
// connections. Every answer is JSON (`{ "error": "…" }` for 4xx/5xx), bigints as decimal strings,
// with `access-control-allow-origin: *` so a browser app (the explorer) can call it.
//
// Routes:
//   GET /health                          chain head, indexed block, last posted epoch (503 when not ok)
//   GET /v1/rewards/:account             cumulative, claimed, claimable, proof, epoch, root
//   GET /v1/epochs/:n                    root, total, tree file, metadata, inputs digest, status
//   GET /v1/attribution/:epoch/:account  which outputs and spans earned the account what
//   GET /files/:name                     the published files (publish.dir), no sub-folders
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

import { getAddress, isAddress } from "ethers";

import type { Log } from "../log.ts";

/** Longest request target accepted (bytes); longer ones get 414. */
export const MAX_URL_LENGTH = 2048;

/**
 * Where the API's answers come from. Each function returns the JSON body (any value; bigints are
 * written as decimal strings), or `undefined` for "not found" (404). `account` is checksummed and
 * `epoch` ≥ 1 when they are called.
 *
 * @example
 * const data: ApiData = { health: async () => ({ ok: true }), rewards: async () => undefined,
 *   epoch: async () => undefined, attribution: async () => undefined };
 */
export type ApiData = {
  /** `{ ok: boolean, … }`: answered with 200 when `ok`, else 503. */
  health(): Promise<{ ok: boolean } & Record<string, unknown>>;
  rewards(account: string): Promise<unknown>;
  epoch(epoch: bigint): Promise<unknown>;
  attribution(epoch: bigint, account: string): Promise<unknown>;
};

/**
 * What `startApiServer` takes.
 *
 * @example
 * const options: ApiServerOptions = { host: "127.0.0.1", port: 8787, data, filesDir: config.publish.dir };
 */
export type ApiServerOptions = {
  /** 127.0.0.1 by default. */
  host?: string | undefined;
  /** 0 picks a free port. */
  port: number;
  data: ApiData;
  /** The folder served under /files/ (config `publish.dir`); /files/ answers 404 without it. */
  filesDir?: string | undefined;
  /** Deadline of one answer from `data`, in ms; 10 s by default. */
  requestTimeoutMs?: number | undefined;
  /** Open connections at most; 256 by default. */
  maxConnections?: number | undefined;
  log?: Log | undefined;
};

/**
 * A running API server.
 *
 * @example
 * const server: ApiServer = await startApiServer(options);
 * console.log(server.url);
 * await server.close();
 */
export type ApiServer = {
  /** `http://host:port` */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Stops accepting connections, ends idle ones and resolves once every connection is closed. */
  close(): Promise<void>;
};

/** An answer: status and JSON body. */
type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const notFound = (what: string): Answer => ({ status: 404, body: { error: what } });
const badRequest = (what: string): Answer => ({ status: 400, body: { error: what } });

/**
 * Starts the API on `host:port` and resolves once it listens.
 *
 * @example
 * const server = await startApiServer({ port: config.http.port, host: config.http.host, data, filesDir: config.publish.dir, log });
 * process.once("SIGTERM", () => void server.close());
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const host = options.host ?? "127.0.0.1";
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const log = options.log;
  const server = createServer(
    { maxHeaderSize: 8192, requestTimeout: timeoutMs + 10_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 },
    (request, response) => {
      void handle(request, response, options, timeoutMs).catch((error: unknown) => {
        log?.({ level: "error", msg: "http handler failed", error: (error as Error).message });
        if (!response.headersSent) send(response, request, { status: 500, body: { error: "internal error" } });
        else response.destroy();
      });
    },
  );
  server.maxConnections = options.maxConnections ?? 256;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  log?.({ level: "info", msg: "http api listening", url });
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests in flight get their deadline to finish, then their connections are cut.
        setTimeout(() => server.closeAllConnections(), timeoutMs).unref();
      });
      return closing;
    },
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: ApiServerOptions,
  timeoutMs: number,
): Promise<void> {
  const started = Date.now();
  const target = request.url ?? "/";
  let answer: Answer | "file-sent";
  if (target.length > MAX_URL_LENGTH)
    answer = { status: 414, body: { error: `URL longer than ${MAX_URL_LENGTH} bytes` } };
  else if (request.method === "OPTIONS")
    answer = { status: 204, body: undefined, headers: { "access-control-allow-methods": "GET, HEAD" } };
  else if (request.method !== "GET" && request.method !== "HEAD") {
    answer = {
      status: 405,
      body: { error: `method ${request.method} not allowed: GET only` },
      headers: { allow: "GET, HEAD" },
    };
  } else if (hasBody(request)) answer = { status: 413, body: { error: "a GET request takes no body" } };
  else answer = await route(target, request, response, options, timeoutMs);
  if (answer !== "file-sent") send(response, request, answer);
  options.log?.({
    level: "debug",
    msg: "http request",
    method: request.method,
    url: target.slice(0, 200),
    status: answer === "file-sent" ? 200 : answer.status,
    ms: Date.now() - started,
  });
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers["content-length"];
  return (length !== undefined && length !== "0") || request.headers["transfer-encoding"] !== undefined;
}

async function route(
  target: string,
  request: IncomingMessage,
  response: ServerResponse,
  options: ApiServerOptions,
  timeoutMs: number,
): Promise<Answer | "file-sent"> {
  if (!target.startsWith("/")) return badRequest("bad request target");
  const pathname = target.split("?")[0]!.split("#")[0]!;
  const raw = pathname.split("/").slice(1);
  let parts: string[];
  try {
    parts = raw.map((part) => decodeURIComponent(part));
  } catch {
    return badRequest("malformed percent-encoding in the path");
  }
  if (parts.at(-1) === "" && parts.length > 1) parts.pop(); // a trailing slash
  const { data } = options;
  const withDeadline = (what: string, fn: () => Promise<unknown>) => deadline(what, fn, timeoutMs);

  const [head, ...rest] = parts;
  if (head === "health" && rest.length === 0) {
    const health = await withDeadline("health", () => data.health());
    if (!isAnswer(health) && typeof health === "object" && health !== null) {
      return { status: (health as { ok?: unknown }).ok === true ? 200 : 503, body: health };
    }
    return health as Answer;
  }
  if (head === "v1") {
    const [area, ...args] = rest;
    if (area === "rewards" && args.length === 1) {
      const account = parseAccount(args[0]!);
      if (typeof account !== "string") return account;
      return found(await withDeadline("rewards", () => data.rewards(account)), `no rewards for ${account}`);
    }
    if (area === "epochs" && args.length === 1) {
      const epoch = parseEpoch(args[0]!);
      if (typeof epoch !== "bigint") return epoch;
      return found(await withDeadline("epoch", () => data.epoch(epoch)), `no epoch ${epoch}`);
    }
    if (area === "attribution" && args.length === 2) {
      const epoch = parseEpoch(args[0]!);
      if (typeof epoch !== "bigint") return epoch;
      const account = parseAccount(args[1]!);
      if (typeof account !== "string") return account;
      return found(
        await withDeadline("attribution", () => data.attribution(epoch, account)),
        `no attribution for ${account} in epoch ${epoch}`,
      );
    }
  }
  if (head === "files" && rest.length >= 1) {
    if (rest.length > 1 || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(rest[0]!) || rest[0]!.includes("..")) {
      return badRequest("a file name is letters, digits, '.', '_' and '-' only, with no folder");
    }
    return sendFile(rest[0]!, request, response, options.filesDir);
  }
  return notFound(`no route ${pathname.slice(0, 200)}`);
}

function found(result: unknown, what: string): Answer {
  if (isAnswer(result)) return result;
  return result === undefined ? notFound(what) : { status: 200, body: result };
}

const ANSWER = Symbol("answer");

function isAnswer(value: unknown): value is Answer {
  return typeof value === "object" && value !== null && ANSWER in value;
}

/** Awaits `fn` at most `ms`; a late or failed answer becomes a 503 / 500 answer. */
async function deadline(what: string, fn: () => Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Answer>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 503, body: { error: `${what} took longer than ${ms} ms` }, [ANSWER]: true } as Answer),
      ms,
    );
  });
  try {
    return await Promise.race([
      fn().catch((error: unknown) => {
        const message = (error as { shortMessage?: unknown }).shortMessage ?? (error as Error).message;
        return { status: 500, body: { error: `${what} failed: ${String(message).split("\n")[0]}` }, [ANSWER]: true };
      }),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function parseAccount(text: string): string | Answer {
  if (!/^0x[0-9a-fA-F]{40}$/.test(text) || !isAddress(text)) {
    return badRequest(`not an address: "${text.slice(0, 100)}" (0x and 40 hex digits, checksum optional)`);
  }
  return getAddress(text.toLowerCase());
}

function parseEpoch(text: string): bigint | Answer {
  if (!/^[1-9]\d{0,17}$/.test(text)) return badRequest(`not an epoch: "${text.slice(0, 100)}" (1, 2, …)`);
  return BigInt(text);
}

const CONTENT_TYPES: Record<string, string> = {
  ".json": "application/json; charset=utf-8",
  ".jsonl": "application/x-ndjson; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

async function sendFile(
  name: string,
  request: IncomingMessage,
  response: ServerResponse,
  dir: string | undefined,
): Promise<Answer | "file-sent"> {
  if (dir === undefined) return notFound(`no file ${name}`);
  let file: string;
  let size: number;
  try {
    const root = await realpath(dir);
    file = await realpath(path.join(root, name));
    // A symbolic link out of the folder is refused like a path that leaves it.
    if (path.dirname(file) !== root) return notFound(`no file ${name}`);
    const stats = await stat(file);
    if (!stats.isFile()) return notFound(`no file ${name}`);
    size = stats.size;
  } catch {
    return notFound(`no file ${name}`);
  }
  response.writeHead(200, {
    ...COMMON_HEADERS,
    "content-type": CONTENT_TYPES[path.extname(name)] ?? "application/octet-stream",
    "content-length": String(size),
    "cache-control": "no-cache",
  });
  if (request.method === "HEAD") {
    response.end();
    return "file-sent";
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.once("error", () => {
      response.destroy();
      resolve();
    });
    stream.once("end", () => resolve());
    stream.pipe(response);
  });
  return "file-sent";
}

const COMMON_HEADERS = {
  "access-control-allow-origin": "*",
  "x-content-type-options": "nosniff",
};

function send(response: ServerResponse, request: IncomingMessage, { status, body, headers }: Answer): void {
  const text = body === undefined ? "" : `${toJson(body)}\n`;
  response.writeHead(status, {
    ...COMMON_HEADERS,
    ...(body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
    "content-length": String(Buffer.byteLength(text)),
    "cache-control": "no-store",
    ...headers,
  });
  response.end(request.method === "HEAD" ? undefined : text);
}

/**
 * JSON with bigints as decimal strings, indented by two spaces (the CLI's stdout uses it too).
 *
 * @example
 * toJson({ amount: 10n }); // '{\n  "amount": "10"\n}'
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, inner: unknown) => (typeof inner === "bigint" ? inner.toString() : inner), 2);
}
