// The HTTP API on 127.0.0.1 and a free port, with the data layer replaced by fixtures: every
// route, its 400 / 404 answers, the bounds (method, URL length, body, deadline) and /files/
// without path traversal.
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";

import { type ApiData, type ApiServer, MAX_URL_LENGTH, startApiServer } from "../../../oracle/src/http/server.js";

const ACCOUNT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** A raw request (fetch normalizes paths such as /files/../x, which is what is under test here). */
function raw(
  server: ApiServer,
  target: string,
  options: { method?: string; body?: string } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => unknown;
}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: server.port,
        path: target,
        method: options.method ?? "GET",
        headers: options.body === undefined ? {} : { "content-length": Buffer.byteLength(options.body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
        });
      },
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe("oracle HTTP API", function () {
  let server: ApiServer;
  let dir: string;
  const calls: string[] = [];
  let healthOk = true;

  const data: ApiData = {
    async health() {
      return { ok: healthOk, head: 120, indexedBlock: 118, lastPostedEpoch: 2n };
    },
    async rewards(account) {
      calls.push(`rewards ${account}`);
      if (account !== ACCOUNT) return undefined;
      return {
        account,
        cumulative: 10n ** 18n,
        claimed: 4n,
        claimable: 10n ** 18n - 4n,
        proof: ["0xab"],
        epoch: 2n,
        root: "0x01",
      };
    },
    async epoch(epoch) {
      calls.push(`epoch ${epoch}`);
      if (epoch === 99n) throw new Error("store exploded\nwith details");
      if (epoch === 77n) return new Promise(() => undefined); // never answers
      return epoch === 2n ? { epoch, root: "0x01", total: 5n, status: "accepted" } : undefined;
    },
    async attribution(epoch, account) {
      calls.push(`attribution ${epoch} ${account}`);
      return epoch === 2n && account === ACCOUNT ? { account, amount: 3n, outputs: [] } : undefined;
    },
  };

  before(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "oa-oracle-http-"));
    const publish = path.join(dir, "public");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(publish);
    await writeFile(path.join(publish, "epoch-2.tree.json"), '{"format":"standard-v1"}\n');
    await writeFile(path.join(dir, "secret.txt"), "not for you");
    await symlink(path.join(dir, "secret.txt"), path.join(publish, "link.json"));
    server = await startApiServer({ port: 0, data, filesDir: publish, requestTimeoutMs: 300 });
  });

  after(async function () {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(function () {
    calls.length = 0;
    healthOk = true;
  });

  it("listens on 127.0.0.1 by default", function () {
    expect(server.url).to.equal(`http://127.0.0.1:${server.port}`);
    expect(server.port).to.be.greaterThan(0);
  });

  it("GET /health answers 200 when ok, 503 when not, bigints as strings, with CORS", async function () {
    const ok = await raw(server, "/health");
    expect(ok.status).to.equal(200);
    expect(ok.json()).to.deep.equal({ ok: true, head: 120, indexedBlock: 118, lastPostedEpoch: "2" });
    expect(ok.headers["access-control-allow-origin"]).to.equal("*");
    expect(ok.headers["content-type"]).to.equal("application/json; charset=utf-8");
    healthOk = false;
    const down = await raw(server, "/health");
    expect(down.status).to.equal(503);
    expect((down.json() as { ok: boolean }).ok).to.equal(false);
  });

  it("GET /v1/rewards/:account checksums the account, 404 when unknown, 400 when not an address", async function () {
    const found = await raw(server, `/v1/rewards/${ACCOUNT.toLowerCase()}`);
    expect(found.status).to.equal(200);
    expect(found.json()).to.deep.equal({
      account: ACCOUNT,
      cumulative: (10n ** 18n).toString(),
      claimed: "4",
      claimable: (10n ** 18n - 4n).toString(),
      proof: ["0xab"],
      epoch: "2",
      root: "0x01",
    });
    expect(calls).to.deep.equal([`rewards ${ACCOUNT}`]);
    const other = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    const missing = await raw(server, `/v1/rewards/${other}`);
    expect(missing.status).to.equal(404);
    expect(missing.json()).to.deep.equal({ error: `no rewards for ${other}` });
    for (const bad of ["0x1234", "hello", `${ACCOUNT}00`, "0x70997970c51812dc3a010c7d01b50e0d17dc79cG"]) {
      const answer = await raw(server, `/v1/rewards/${bad}`);
      expect(answer.status, bad).to.equal(400);
      expect((answer.json() as { error: string }).error).to.be.a("string");
    }
    // A mixed-case address with a wrong checksum is refused too.
    const wrongChecksum = await raw(server, `/v1/rewards/${ACCOUNT.replace("C51812", "c51812")}`);
    expect(wrongChecksum.status).to.equal(400);
    expect(calls).to.have.length(2);
  });

  it("GET /v1/epochs/:n answers the epoch, 404 when unknown, 400 for a bad number", async function () {
    const found = await raw(server, "/v1/epochs/2");
    expect(found.status).to.equal(200);
    expect(found.json()).to.deep.equal({ epoch: "2", root: "0x01", total: "5", status: "accepted" });
    expect((await raw(server, "/v1/epochs/3")).status).to.equal(404);
    for (const bad of ["0", "-1", "1.5", "01", "x", "99999999999999999999"]) {
      expect((await raw(server, `/v1/epochs/${bad}`)).status, bad).to.equal(400);
    }
    expect(calls).to.deep.equal(["epoch 2", "epoch 3"]);
  });

  it("GET /v1/attribution/:epoch/:account", async function () {
    const found = await raw(server, `/v1/attribution/2/${ACCOUNT}`);
    expect(found.status).to.equal(200);
    expect(found.json()).to.deep.equal({ account: ACCOUNT, amount: "3", outputs: [] });
    const missing = await raw(server, `/v1/attribution/3/${ACCOUNT}`);
    expect(missing.status).to.equal(404);
    expect(missing.json()).to.deep.equal({ error: `no attribution for ${ACCOUNT} in epoch 3` });
    expect((await raw(server, `/v1/attribution/0/${ACCOUNT}`)).status).to.equal(400);
    expect((await raw(server, "/v1/attribution/2/0xnope")).status).to.equal(400);
    expect((await raw(server, "/v1/attribution/2")).status).to.equal(404);
  });

  it("a failing read answers 500 with one line, a late one 503", async function () {
    const failed = await raw(server, "/v1/epochs/99");
    expect(failed.status).to.equal(500);
    expect(failed.json()).to.deep.equal({ error: "epoch failed: store exploded" });
    const late = await raw(server, "/v1/epochs/77");
    expect(late.status).to.equal(503);
    expect((late.json() as { error: string }).error).to.equal("epoch took longer than 300 ms");
  });

  it("unknown routes 404 with a JSON body", async function () {
    for (const target of ["/", "/v1", "/v1/rewards", "/v2/rewards/x", "/health/x", "/v1/epochs/2/extra"]) {
      const answer = await raw(server, target);
      expect(answer.status, target).to.equal(404);
      expect((answer.json() as { error: string }).error).to.match(/^no route /);
    }
  });

  it("GET only: 405 for other methods, 413 with a body, 414 for a long URL", async function () {
    const post = await raw(server, "/health", { method: "POST" });
    expect(post.status).to.equal(405);
    expect(post.headers.allow).to.equal("GET, HEAD");
    expect((await raw(server, "/health", { method: "DELETE" })).status).to.equal(405);
    expect((await raw(server, "/health", { method: "GET", body: "x" })).status).to.equal(413);
    const long = await raw(server, `/v1/epochs/${"1".repeat(MAX_URL_LENGTH)}`);
    expect(long.status).to.equal(414);
    const head = await raw(server, "/v1/epochs/2", { method: "HEAD" });
    expect(head.status).to.equal(200);
    expect(head.text).to.equal("");
    const preflight = await raw(server, "/v1/epochs/2", { method: "OPTIONS" });
    expect(preflight.status).to.equal(204);
    expect(preflight.headers["access-control-allow-origin"]).to.equal("*");
  });

  it("GET /files/:name serves the publish folder and nothing outside it", async function () {
    const file = await raw(server, "/files/epoch-2.tree.json");
    expect(file.status).to.equal(200);
    expect(file.text).to.equal('{"format":"standard-v1"}\n');
    expect(file.headers["content-type"]).to.equal("application/json; charset=utf-8");
    expect(file.headers["access-control-allow-origin"]).to.equal("*");
    expect((await raw(server, "/files/epoch-3.tree.json")).status).to.equal(404);
    // Traversal, encoded or not, and sub-folders: refused (400) or not found (404), never served.
    for (const target of [
      "/files/../secret.txt",
      "/files/%2e%2e/secret.txt",
      "/files/..%2fsecret.txt",
      "/files/%2e%2e%2fsecret.txt",
      "/files/.%2e/secret.txt",
      "/files/public/epoch-2.tree.json",
      "/files/.hidden",
      "/files/%00",
      "/files/%zz",
      "/files/..",
    ]) {
      const answer = await raw(server, target);
      expect([400, 404], target).to.include(answer.status);
      expect(answer.text, target).to.not.include("not for you");
      expect((answer.json() as { error: string }).error, target).to.be.a("string");
    }
    // A symbolic link leaving the folder is not followed.
    const link = await raw(server, "/files/link.json");
    expect(link.status).to.equal(404);
    expect(link.text).to.not.include("not for you");
  });

  it("without a publish folder, /files/ answers 404", async function () {
    const bare = await startApiServer({ port: 0, data });
    try {
      expect((await raw(bare, "/files/epoch-2.tree.json")).status).to.equal(404);
    } finally {
      await bare.close();
    }
  });
});
