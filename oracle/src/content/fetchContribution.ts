// Fetching a contribution's content by the URI its contributor registered, and checking it against
// the content hash on-chain (`hashContent`: keccak256 of the raw bytes, exactly as served). A bad
// contribution is never an exception: it comes back as `{ ok: false, reason }` so the epoch
// excludes and reports it (metadata `inputs.excluded`). Only a programmer error throws.
//
// URIs are chosen by contributors, so: local paths and file:// URIs are read only inside the
// configured base directory (symbolic links resolved first); http(s) bodies are capped at
// `maxBytes` while streaming and the whole request at `timeoutMs`. What remains: an http(s) URI
// makes the oracle send a GET to any host it can reach, internal ones included (the content is
// used only if it hashes to the on-chain hash, so nothing leaks back, but the request is made);
// run the oracle where that is harmless, or pass a `fetch` that refuses private addresses.
import { open, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { hashContent } from "@openattribution/sdk";

/** What a contribution fetch can fail with. */
export type ContributionFailureReason =
  /** A scheme other than file, http and https (e.g. `ipfs://`: pass a `fetch` that maps it), or a malformed URI. */
  | "unsupported-uri"
  /** A local path or file:// URI outside the base directory, or no base directory configured. */
  | "outside-base-dir"
  /** No such file, not a regular file, a network error or an HTTP status other than 2xx. */
  | "unreachable"
  /** No complete answer within `timeoutMs`. */
  | "timeout"
  /** Larger than `maxBytes`. */
  | "too-large"
  /** The bytes do not hash to the on-chain content hash. */
  | "hash-mismatch"
  /** The bytes hash correctly but are not valid UTF-8 text. */
  | "not-utf8";

/** The `fetch` the http(s) URIs go through (the global `fetch` by default). */
export type ContributionFetch = (uri: string, init: { signal: AbortSignal; redirect: "follow" }) => Promise<Response>;

/**
 * What `fetchContribution` takes besides the URI and hash.
 *
 * @example
 * const options: FetchContributionOptions = { baseDir: "/srv/corpus", maxBytes: 1 << 20 };
 */
export type FetchContributionOptions = {
  /** Where relative paths resolve; local paths and file:// URIs must be inside it. Without it, local files are refused. */
  baseDir?: string | undefined;
  /** Fetches http(s) URIs; the global `fetch` by default. */
  fetch?: ContributionFetch | undefined;
  /** The largest content accepted, in bytes. */
  maxBytes: number;
  /** The longest an http(s) fetch may take, body included; 30 s by default. */
  timeoutMs?: number | undefined;
};

/**
 * The content, checked, or why it was not used.
 *
 * @example
 * const result: FetchContributionReturnType = await fetchContribution(uri, contentHash, { maxBytes });
 * if (!result.ok) excluded.push({ ...contribution, reason: result.reason });
 */
export type FetchContributionReturnType =
  | { ok: true; bytes: Uint8Array; text: string; contentHash: string }
  | {
      ok: false;
      reason: ContributionFailureReason;
      /** One line for the operator's report. */
      detail: string;
      /** The hash of the bytes received (`hash-mismatch` only). */
      actualHash?: string | undefined;
    };

/**
 * Fetches a contribution's content from its URI — a path relative to `baseDir`, a file:// URI or
 * an http(s) URL — and checks it: at most `maxBytes`, hashing (`hashContent`) to
 * `expectedContentHash`, valid UTF-8. Never throws for a bad contribution.
 *
 * @throws {TypeError} when `uri` is not a string or `expectedContentHash` is not a 32-byte hex hash.
 * @throws {RangeError} when `maxBytes` or `timeoutMs` is not a positive safe integer.
 * @example
 * const result = await fetchContribution(contribution.uri, contribution.contentHash, { baseDir, maxBytes: 1 << 20 });
 * if (result.ok) corpus.push({ ...contribution, text: result.text });
 * else log({ level: "warn", msg: "contribution excluded", id: contribution.contributionId, reason: result.reason });
 */
export async function fetchContribution(
  uri: string,
  expectedContentHash: string,
  options: FetchContributionOptions,
): Promise<FetchContributionReturnType> {
  if (typeof uri !== "string") throw new TypeError("fetchContribution: uri must be a string");
  if (typeof expectedContentHash !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(expectedContentHash)) {
    throw new TypeError("fetchContribution: expectedContentHash must be 0x and 64 hex digits");
  }
  const { maxBytes, timeoutMs = 30_000 } = options ?? ({} as FetchContributionOptions);
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0)
    throw new RangeError("fetchContribution: maxBytes must be a positive integer");
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0)
    throw new RangeError("fetchContribution: timeoutMs must be a positive integer");

  let read: Read;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (uri === "") read = fail("unsupported-uri", "the URI is empty");
  else if (scheme === "http" || scheme === "https") {
    read = await readHttp(uri, options.fetch ?? (globalThis.fetch as ContributionFetch), maxBytes, timeoutMs);
  } else if (scheme === "file") {
    let path: string | undefined;
    try {
      path = fileURLToPath(uri);
    } catch {
      path = undefined;
    }
    read =
      path === undefined
        ? fail("unsupported-uri", `${uri} is not a valid file URI`)
        : await readLocal(path, options.baseDir, maxBytes);
  } else if (scheme !== undefined) {
    read = fail("unsupported-uri", `the scheme ${scheme}: is not fetched (only file, http and https, or local paths)`);
  } else {
    read = await readLocal(uri, options.baseDir, maxBytes);
  }
  if (!read.ok) return read;

  const { bytes } = read;
  const actualHash = hashContent(bytes);
  if (actualHash !== expectedContentHash.toLowerCase()) {
    return {
      ok: false,
      reason: "hash-mismatch",
      detail: `the content hashes to ${actualHash}, not the on-chain ${expectedContentHash.toLowerCase()}`,
      actualHash,
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, reason: "not-utf8", detail: "the content is not valid UTF-8 text" };
  }
  return { ok: true, bytes, text, contentHash: actualHash };
}

type Failure = Extract<FetchContributionReturnType, { ok: false }>;
type Read = { ok: true; bytes: Uint8Array } | Failure;

function fail(reason: ContributionFailureReason, detail: string): Failure {
  return { ok: false, reason, detail };
}

async function readLocal(path: string, baseDir: string | undefined, maxBytes: number): Promise<Read> {
  if (baseDir === undefined)
    return fail("outside-base-dir", "local files are read only under a base directory; none is configured");
  let base: string;
  try {
    base = await realpath(resolve(baseDir));
  } catch (error) {
    return fail("unreachable", `the base directory ${baseDir} cannot be read (${code(error)})`);
  }
  const wanted = resolve(base, path);
  if (!inside(base, wanted)) return fail("outside-base-dir", `${path} is outside the base directory`);
  let real: string;
  try {
    real = await realpath(wanted);
  } catch (error) {
    return fail("unreachable", `${path} cannot be read (${code(error)})`);
  }
  if (!inside(base, real)) return fail("outside-base-dir", `${path} links outside the base directory`);
  let handle;
  try {
    handle = await open(real, "r");
  } catch (error) {
    return fail("unreachable", `${path} cannot be opened (${code(error)})`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return fail("unreachable", `${path} is not a regular file`);
    if (stats.size > maxBytes)
      return fail("too-large", `${path} has ${stats.size} bytes, above the ${maxBytes} allowed`);
    // Read at most maxBytes + 1, in case the file grew since stat.
    const buffer = new Uint8Array(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return fail("too-large", `${path} has more than the ${maxBytes} bytes allowed`);
    }
    return { ok: true, bytes: buffer.slice(0, length) };
  } catch (error) {
    return fail("unreachable", `${path} cannot be read (${code(error)})`);
  } finally {
    await handle.close();
  }
}

function inside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

async function readHttp(uri: string, fetcher: ContributionFetch, maxBytes: number, timeoutMs: number): Promise<Read> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetcher(uri, { signal, redirect: "follow" });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      return fail("unreachable", `${uri} answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers?.get("content-length") ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => {});
      return fail("too-large", `${uri} declares ${declared} bytes, above the ${maxBytes} allowed`);
    }
    if (response.body === null || response.body === undefined) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length > maxBytes)
        return fail("too-large", `${uri} sent ${bytes.length} bytes, above the ${maxBytes} allowed`);
      return { ok: true, bytes };
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
      if (length > maxBytes) {
        await reader.cancel().catch(() => {});
        return fail("too-large", `${uri} sent more than the ${maxBytes} bytes allowed`);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return { ok: true, bytes };
  } catch (error) {
    if (signal.aborted) return fail("timeout", `${uri} did not answer completely within ${timeoutMs} ms`);
    return fail("unreachable", `${uri} cannot be fetched (${code(error)})`);
  }
}

function code(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const value = (error as { code?: unknown } | null)?.code ?? cause?.code;
  if (typeof value === "string") return value;
  return error instanceof Error ? error.message : String(error);
}
