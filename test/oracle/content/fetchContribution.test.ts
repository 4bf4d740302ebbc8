import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { hashContent } from "@openattribution/sdk";
import { expect } from "chai";

import { type ContributionFetch, fetchContribution } from "../../../oracle/src/content/fetchContribution.js";

const TEXT = "Q: What is a Datanet?\nA: A curated, on-chain registry of contributions. — ünïcödé\n";
const BYTES = new TextEncoder().encode(TEXT);
const HASH = hashContent(BYTES);
const MAX = 1 << 16;

/** A 127.0.0.1 server answering a fixed set of routes; `close` ends it (and any open socket). */
async function startServer() {
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests++;
    switch (request.url) {
      case "/ok.txt":
        response.writeHead(200, { "content-type": "text/plain" }).end(BYTES);
        return;
      case "/big-declared":
        response.writeHead(200, { "content-length": String(MAX + 1) }).end(new Uint8Array(MAX + 1));
        return;
      case "/big-chunked": {
        // No content-length: the body is streamed in chunks past the cap.
        response.writeHead(200, { "content-type": "application/octet-stream" });
        for (let i = 0; i < 8; i++) response.write(new Uint8Array(MAX / 4));
        response.end();
        return;
      }
      case "/slow":
        response.writeHead(200);
        response.write("partial");
        setTimeout(() => response.end(), 2_000).unref();
        return;
      case "/redirect":
        response.writeHead(302, { location: "/ok.txt" }).end();
        return;
      default:
        response.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

describe("fetchContribution", function () {
  let dir: string;
  let outside: string;
  let server: Awaited<ReturnType<typeof startServer>>;

  before(async function () {
    dir = await mkdtemp(join(tmpdir(), "oa-content-"));
    outside = await mkdtemp(join(tmpdir(), "oa-outside-"));
    await writeFile(join(dir, "a.txt"), BYTES);
    await writeFile(join(dir, "latin1.txt"), Uint8Array.from([0x63, 0x61, 0x66, 0xe9]));
    await writeFile(join(dir, "big.txt"), new Uint8Array(MAX + 1));
    await writeFile(join(outside, "secret.txt"), BYTES);
    await symlink(join(outside, "secret.txt"), join(dir, "link.txt"));
    server = await startServer();
  });

  after(async function () {
    await server.close();
    await rm(dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it("reads a local path relative to the base directory and a file:// URI, checked against the content hash", async function () {
    const local = await fetchContribution("a.txt", HASH, { baseDir: dir, maxBytes: MAX });
    expect(local).to.deep.equal({ ok: true, bytes: BYTES, text: TEXT, contentHash: HASH });
    const nested = await fetchContribution("./sub/../a.txt", HASH.toUpperCase().replace("0X", "0x"), {
      baseDir: dir,
      maxBytes: MAX,
    });
    expect(nested.ok).to.equal(true);
    const fileUri = await fetchContribution(pathToFileURL(join(dir, "a.txt")).href, HASH, {
      baseDir: dir,
      maxBytes: MAX,
    });
    expect(fileUri.ok && fileUri.text).to.equal(TEXT);
  });

  it("fetches over http(s) with the global fetch, following redirects", async function () {
    const before = server.requests();
    const result = await fetchContribution(server.url("/ok.txt"), HASH, { maxBytes: MAX });
    expect(result.ok && result.text).to.equal(TEXT);
    const redirected = await fetchContribution(server.url("/redirect"), HASH, { maxBytes: MAX });
    expect(redirected.ok).to.equal(true);
    expect(server.requests() - before).to.equal(3);
  });

  it("reports hash-mismatch (with the actual hash) when the content is not what was registered", async function () {
    const other = hashContent(new TextEncoder().encode("something else"));
    const local = await fetchContribution("a.txt", other, { baseDir: dir, maxBytes: MAX });
    expect(local).to.deep.include({ ok: false, reason: "hash-mismatch", actualHash: HASH });
    const remote = await fetchContribution(server.url("/ok.txt"), other, { maxBytes: MAX });
    expect(remote).to.deep.include({ ok: false, reason: "hash-mismatch", actualHash: HASH });
  });

  it("reports too-large for a local file, a declared length and a streamed body past maxBytes", async function () {
    const zeros = hashContent(new Uint8Array(MAX + 1));
    const local = await fetchContribution("big.txt", zeros, { baseDir: dir, maxBytes: MAX });
    expect(local.ok === false && local.reason).to.equal("too-large");
    const declared = await fetchContribution(server.url("/big-declared"), zeros, { maxBytes: MAX });
    expect(declared.ok === false && declared.reason).to.equal("too-large");
    const chunked = await fetchContribution(server.url("/big-chunked"), zeros, { maxBytes: MAX });
    expect(chunked.ok === false && chunked.reason).to.equal("too-large");
    // The same content is accepted with a cap that fits it.
    const fits = await fetchContribution("big.txt", zeros, { baseDir: dir, maxBytes: MAX + 1 });
    expect(fits.ok).to.equal(true);
  });

  it("reports unreachable for a missing file, a 404, a closed port and a directory", async function () {
    const cases = [
      await fetchContribution("missing.txt", HASH, { baseDir: dir, maxBytes: MAX }),
      await fetchContribution(server.url("/missing"), HASH, { maxBytes: MAX }),
      await fetchContribution("http://127.0.0.1:1/x", HASH, { maxBytes: MAX }),
      await fetchContribution(".", HASH, { baseDir: dir, maxBytes: MAX }),
    ];
    for (const result of cases) {
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.reason).to.equal("unreachable");
      expect(!result.ok && result.detail)
        .to.be.a("string")
        .and.not.equal("");
    }
  });

  it("reports timeout when the answer does not complete in time", async function () {
    const result = await fetchContribution(server.url("/slow"), HASH, { maxBytes: MAX, timeoutMs: 200 });
    expect(result.ok === false && result.reason).to.equal("timeout");
  });

  it("refuses paths outside the base directory (.., absolute, symbolic links) and local files without one", async function () {
    const escapes = [
      await fetchContribution("../" + join(outside.split("/").pop()!, "secret.txt"), HASH, {
        baseDir: dir,
        maxBytes: MAX,
      }),
      await fetchContribution(join(outside, "secret.txt"), HASH, { baseDir: dir, maxBytes: MAX }),
      await fetchContribution(pathToFileURL(join(outside, "secret.txt")).href, HASH, { baseDir: dir, maxBytes: MAX }),
      await fetchContribution("link.txt", HASH, { baseDir: dir, maxBytes: MAX }),
      await fetchContribution("a.txt", HASH, { maxBytes: MAX }),
    ];
    for (const result of escapes) expect(!result.ok && result.reason).to.equal("outside-base-dir");
  });

  it("reports unsupported-uri for other schemes, and not-utf8 for content that hashes right but is not text", async function () {
    const ipfs = await fetchContribution("ipfs://bafy/x", HASH, { baseDir: dir, maxBytes: MAX });
    expect(!ipfs.ok && ipfs.reason).to.equal("unsupported-uri");
    const empty = await fetchContribution("", HASH, { baseDir: dir, maxBytes: MAX });
    expect(!empty.ok && empty.reason).to.equal("unsupported-uri");
    const latin1 = await fetchContribution("latin1.txt", hashContent(Uint8Array.from([0x63, 0x61, 0x66, 0xe9])), {
      baseDir: dir,
      maxBytes: MAX,
    });
    expect(!latin1.ok && latin1.reason).to.equal("not-utf8");
  });

  it("uses the given fetch (e.g. an IPFS gateway mapping) for http(s) URIs", async function () {
    const seen: string[] = [];
    const fetcher: ContributionFetch = async (uri) => {
      seen.push(uri);
      return new Response(BYTES, { status: 200 });
    };
    const result = await fetchContribution("https://gateway.example/ipfs/bafy", HASH, {
      maxBytes: MAX,
      fetch: fetcher,
    });
    expect(result.ok).to.equal(true);
    expect(seen).to.deep.equal(["https://gateway.example/ipfs/bafy"]);
    const failing: ContributionFetch = async () => {
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    };
    const reset = await fetchContribution("https://x.example/a", HASH, { maxBytes: MAX, fetch: failing });
    expect(!reset.ok && [reset.reason, reset.detail.includes("ECONNRESET")]).to.deep.equal(["unreachable", true]);
  });

  it("throws only for programmer errors: a malformed hash, a bad maxBytes, a non-string URI", async function () {
    const error = async (run: () => Promise<unknown>) =>
      run().then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(await error(() => fetchContribution("a.txt", "0x12", { baseDir: dir, maxBytes: MAX }))).to.be.instanceOf(
      TypeError,
    );
    expect(await error(() => fetchContribution("a.txt", HASH, { baseDir: dir, maxBytes: 0 }))).to.be.instanceOf(
      RangeError,
    );
    expect(await error(() => fetchContribution("a.txt", HASH, { baseDir: dir, maxBytes: 1.5 }))).to.be.instanceOf(
      RangeError,
    );
    expect(await error(() => fetchContribution(7 as unknown as string, HASH, { maxBytes: MAX }))).to.be.instanceOf(
      TypeError,
    );
  });
});
