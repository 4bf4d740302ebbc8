// Ingesting inference logs: a log with good, malformed, duplicate, unknown-adapter, blank and
// non-UTF-8 lines gives an exact report by line number; good lines are kept, the first of a
// request id wins; re-ingesting adds nothing; an ingest is all or nothing; the log's hash and
// location are recorded.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { expect } from "chai";
import { keccak256 } from "ethers";

import { indexChain } from "../../../oracle/src/chain/indexer.js";
import {
  countInferenceRecords,
  getInferenceRecord,
  listIngests,
  listInferenceRecords,
  listRejections,
} from "../../../oracle/src/store/inference.js";
import { ingestInferenceLog, ingestInferenceLogFile, type IngestRejection } from "../../../oracle/src/store/ingest.js";
import {
  formatInferenceLogLine,
  type InferenceLogRecord,
  InvalidInferenceLogLineError,
  parseInferenceLogLine,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../../sdk/utils/chain.js";
import { oracleChainFixture, tempStore } from "../chain/fixture.js";

const { ethers, networkHelpers } = await connectTestChain();
const fixture = () => oracleChainFixture(ethers, networkHelpers);

const PAYER = "0xAb5801a7D398351b8bE11C439e05C5B3259aeC9B";
const record = (requestId: string, adapterId: bigint, output: string): InferenceLogRecord => ({
  requestId,
  adapterId,
  payer: PAYER,
  timestamp: 1_732_500_000,
  output,
});
const good = (requestId: string, adapterId: bigint, output: string) =>
  formatInferenceLogLine(record(requestId, adapterId, output));
const wire = (changes: Record<string, unknown>) =>
  JSON.stringify({ ...JSON.parse(good("r-x", 1n, "x")), ...changes } as Record<string, unknown>);

/** The log: [line text, what the ingest must do with it]. Line numbers are positions from 1. */
const LINES: [string, "accept" | "duplicate" | "conflict" | "blank" | IngestRejection["problem"]][] = [
  [good("r-1", 1n, "Datanets are community datasets."), "accept"], // 1
  ['{"requestId":"r-2","adapterId":"1",', "malformed"], // 2
  [wire({ requestId: "r-3", payer: undefined }), "missing"], // 3
  [wire({ requestId: "r-4", adapterId: "0x1" }), "invalid"], // 4
  [wire({ requestId: "r-5", payer: "0x1234" }), "invalid"], // 5
  [wire({ requestId: "r-6", timestamp: 1_732_500_000_000 }), "invalid"], // 6
  ["   ", "blank"], // 7
  [good("r-1", 1n, "Datanets are community datasets."), "duplicate"], // 8
  [good("r-9", 99n, "from an adapter nobody published"), "unknown-adapter"], // 9
  [good("r-10", 2n, "adapter two speaks"), "accept"], // 10
  [good("r-10", 2n, "a different output under the same id"), "conflict"], // 11
  ["[1,2,3]", "malformed"], // 12
  [good("r-13", 1n, "ends with CRLF") + "\r", "accept"], // 13
];
const INVALID_UTF8_LINE = LINES.length + 1; // 14: bytes that are not UTF-8

function logBytes(): Uint8Array {
  const text = new TextEncoder().encode(LINES.map(([line]) => `${line}\n`).join(""));
  const bad = Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]); // "{", two invalid bytes, "}", "\n"
  const bytes = new Uint8Array(text.length + bad.length);
  bytes.set(text);
  bytes.set(bad, text.length);
  return bytes;
}

/** The rejection the ingest must report for a line, from the SDK's own verdict on it. */
function expectedRejection(line: number, text: string, problem: IngestRejection["problem"]): IngestRejection {
  if (problem === "unknown-adapter") {
    return { line, reason: `unknown adapter ${parseInferenceLogLine(text).adapterId}`, problem, field: "adapterId" };
  }
  try {
    parseInferenceLogLine(text);
  } catch (error) {
    if (!(error instanceof InvalidInferenceLogLineError)) throw error;
    return { line, reason: `${error.field ?? "line"} ${error.reason}`, problem: error.problem, field: error.field };
  }
  throw new Error(`line ${line} parses`);
}

describe("ingestInferenceLog", function () {
  this.timeout(60_000);
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async function () {
    await Promise.all(disposers.splice(0).map((dispose) => dispose()));
  });
  async function indexedStore() {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const temp = await tempStore();
    disposers.push(() => temp.dispose());
    await indexChain({ client: reader, store: temp.store, confirmations: 0 });
    return temp;
  }

  it("keeps the good lines and reports every other line by number and reason", async function () {
    const { store } = await indexedStore();
    const bytes = logBytes();
    const report = ingestInferenceLog({
      store,
      bytes,
      source: "https://gateway.example/logs/1.jsonl",
      now: () => 1_732_600_000,
    });

    const rejected = LINES.flatMap(([text, outcome], i) =>
      ["accept", "duplicate", "conflict", "blank"].includes(outcome)
        ? []
        : [expectedRejection(i + 1, text, outcome as IngestRejection["problem"])],
    );
    rejected.push({ line: INVALID_UTF8_LINE, reason: "line is not valid UTF-8", problem: "encoding" });
    expect(report).to.deep.equal({
      ingestId: 1,
      source: "https://gateway.example/logs/1.jsonl",
      logHash: keccak256(bytes),
      bytes: bytes.length,
      lines: 14,
      blank: 1,
      accepted: 3,
      duplicates: 2,
      duplicateLines: [
        { line: 8, requestId: "r-1", conflicting: false },
        { line: 11, requestId: "r-10", conflicting: true },
      ],
      rejected,
    });
    expect(rejected.map((r) => [r.line, r.problem, r.field])).to.deep.equal([
      [2, "malformed", undefined],
      [3, "missing", "payer"],
      [4, "invalid", "adapterId"],
      [5, "invalid", "payer"],
      [6, "invalid", "timestamp"],
      [9, "unknown-adapter", "adapterId"],
      [12, "malformed", undefined],
      [14, "encoding", undefined],
    ]);
    expect(report.rejected.find((r) => r.line === 9)?.reason).to.equal("unknown adapter 99");

    // The kept records: the first line of each request id, with where it came from.
    expect(listInferenceRecords(store)).to.deep.equal([
      { ...record("r-1", 1n, "Datanets are community datasets."), ingestId: 1, line: 1, duplicates: 1 },
      { ...record("r-10", 2n, "adapter two speaks"), ingestId: 1, line: 10, duplicates: 1 },
      { ...record("r-13", 1n, "ends with CRLF"), ingestId: 1, line: 13, duplicates: 0 },
    ]);
    expect(listInferenceRecords(store, { adapterId: 2n }).map((r) => r.requestId)).to.deep.equal(["r-10"]);
    expect(getInferenceRecord(store, "r-9")).to.equal(undefined);
    expect(listIngests(store)).to.deep.equal([
      {
        ingestId: 1,
        source: "https://gateway.example/logs/1.jsonl",
        logHash: keccak256(bytes),
        bytes: bytes.length,
        lines: 14,
        accepted: 3,
        duplicates: 2,
        rejected: 8,
        ingestedAt: 1_732_600_000,
      },
    ]);
    expect(listRejections(store, 1)).to.deep.equal(rejected.map(({ line, reason }) => ({ line, reason })));
  });

  it("adds nothing when the same log is ingested again: every good line is a duplicate", async function () {
    const { store } = await indexedStore();
    const bytes = logBytes();
    const first = ingestInferenceLog({ store, bytes, source: "a.jsonl" });
    const before = listInferenceRecords(store);
    const again = ingestInferenceLog({ store, bytes, source: "a.jsonl" });
    expect(again).to.include({ ingestId: 2, accepted: 0, duplicates: 5, logHash: first.logHash });
    expect(again.duplicateLines.map((d) => d.line)).to.deep.equal([1, 8, 10, 11, 13]);
    expect(again.rejected).to.deep.equal(first.rejected);
    expect(countInferenceRecords(store)).to.equal(3);
    const after = listInferenceRecords(store);
    expect(after.map(({ duplicates: _d, ...rest }) => rest)).to.deep.equal(
      before.map(({ duplicates: _d, ...rest }) => rest),
    );
    expect(after.map((r) => r.duplicates)).to.deep.equal([3, 3, 1]);
  });

  it("rejects every call of an adapter the store has not indexed, and keeps them once it has", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const temp = await tempStore();
    disposers.push(() => temp.dispose());
    const lines = [good("a", 1n, "one"), good("b", 2n, "two")];
    const unindexed = ingestInferenceLog({ store: temp.store, lines, source: "early.jsonl" });
    expect(unindexed.accepted).to.equal(0);
    expect(unindexed.rejected.map(({ line, reason }) => ({ line, reason }))).to.deep.equal([
      { line: 1, reason: "unknown adapter 1" },
      { line: 2, reason: "unknown adapter 2" },
    ]);
    await indexChain({ client: reader, store: temp.store, confirmations: 0 });
    const indexed = ingestInferenceLog({ store: temp.store, lines, source: "early.jsonl" });
    expect(indexed).to.include({ accepted: 2, duplicates: 0 });
    expect(indexed.rejected).to.deep.equal([]);
    expect(indexed.logHash).to.equal(keccak256(new TextEncoder().encode(lines.map((line) => `${line}\n`).join(""))));
  });

  it("hashes text as UTF-8 and reads it like the file's bytes", async function () {
    const { store } = await indexedStore();
    const text = `\uFEFF${good("t-1", 1n, "naïve café")}\n\n${good("t-2", 1n, "€")}`;
    const report = ingestInferenceLog({ store, text, source: "text.jsonl" });
    expect(report).to.include({ accepted: 2, lines: 3, blank: 1, logHash: keccak256(new TextEncoder().encode(text)) });
    expect(getInferenceRecord(store, "t-1")?.output).to.equal("naïve café");
  });

  it("ingests a file by path, recording its file:// URL (or the source given) and the hash of its bytes", async function () {
    const { store, dir } = await indexedStore();
    const file = path.join(dir, "gateway.jsonl");
    const bytes = logBytes();
    await writeFile(file, bytes);
    const report = await ingestInferenceLogFile({ store, path: file });
    expect(report).to.include({ source: pathToFileURL(file).href, logHash: keccak256(bytes), accepted: 3 });
    const published = await ingestInferenceLogFile({ store, path: file, source: "ipfs://bafy…/gateway.jsonl" });
    expect(listIngests(store).map((ingest) => ingest.source)).to.deep.equal([
      pathToFileURL(file).href,
      published.source,
    ]);
  });

  it("keeps nothing of an ingest that fails midway", async function () {
    const { store } = await indexedStore();
    store.db.exec(
      "CREATE TEMP TRIGGER crash BEFORE INSERT ON main.inference_rejections BEGIN SELECT RAISE(ABORT, 'crash'); END",
    );
    expect(() => ingestInferenceLog({ store, bytes: logBytes(), source: "a.jsonl" })).to.throw(Error);
    expect(countInferenceRecords(store)).to.equal(0);
    expect(listIngests(store)).to.deep.equal([]);
    store.db.exec("DROP TRIGGER crash");
    expect(ingestInferenceLog({ store, bytes: logBytes(), source: "a.jsonl" })).to.include({ accepted: 3 });
  });
});
