// The pipeline's pure core: epoch numbering, pools and carry-over, which inference records count
// (time window, paid calls), the published inference log's format; with seeded property tests.
import { type InferenceLogRecord, parseInferenceLogLine } from "@openattribution/sdk";
import { expect } from "chai";
import { getAddress } from "ethers";

import { SPAN_MATCH_V1 } from "../../../oracle/src/attribution/method.js";
import {
  carryOverOf,
  computeEpoch,
  type EpochPayment,
  formatInferenceLog,
  poolsOf,
  selectOutputs,
} from "../../../oracle/src/pipeline/compute.js";
import {
  epochBlockRange,
  epochReady,
  InvalidEpochError,
  lastReadyEpoch,
  metadataURIOf,
  toEpoch,
} from "../../../oracle/src/pipeline/index.js";
import { tokenize } from "../../../oracle/src/attribution/tokenizer.js";
import { randomTools } from "../epoch/random.js";

const A = getAddress("0x00000000000000000000000000000000000000aa");
const B = getAddress("0x00000000000000000000000000000000000000bb");
const config = { startBlock: 100, epochBlocks: 10, confirmations: 3 };

const payment = (
  paymentId: bigint,
  adapterId: bigint,
  payer: string,
  calls: bigint,
  attributionAmount: bigint,
): EpochPayment => ({
  paymentId,
  adapterId,
  payer,
  calls,
  attributionAmount,
});
const record = (
  requestId: string,
  adapterId: bigint,
  payer: string,
  timestamp: number,
  output = "x",
): InferenceLogRecord => ({
  requestId,
  adapterId,
  payer,
  timestamp,
  output,
});

describe("oracle pipeline: pure core", function () {
  describe("epochs", function () {
    it("covers [startBlock + (n − 1)·epochBlocks, startBlock + n·epochBlocks − 1], ready once confirmed", function () {
      expect(epochBlockRange(config, 1)).to.deep.equal({ fromBlock: 100, toBlock: 109 });
      expect(epochBlockRange(config, 3n)).to.deep.equal({ fromBlock: 120, toBlock: 129 });
      expect(epochReady(config, 111, 1)).to.equal(false);
      expect(epochReady(config, 112, 1)).to.equal(true);
      expect(lastReadyEpoch(config, 50)).to.equal(0);
      expect(lastReadyEpoch(config, 111)).to.equal(0);
      expect(lastReadyEpoch(config, 112)).to.equal(1);
      expect(lastReadyEpoch(config, 132)).to.equal(3);
      for (let head = 90; head < 200; head++) {
        const last = lastReadyEpoch(config, head);
        if (last > 0) expect(epochReady(config, head, last)).to.equal(true);
        expect(epochReady(config, head, last + 1)).to.equal(false);
      }
    });

    it("refuses epochs that are not integers from 1", function () {
      for (const bad of [0, -1, 1.5, 0n, Number.NaN]) {
        expect(() => toEpoch(bad)).to.throw(InvalidEpochError);
      }
      expect(toEpoch(7)).to.equal(7n);
    });

    it("finds the metadata next to the tree file", function () {
      expect(metadataURIOf("https://x.example/r/epoch-3.tree.json#oa-metadata=0xab")).to.equal(
        "https://x.example/r/epoch-3.json",
      );
      expect(metadataURIOf("file:///srv/epoch-12.tree.json")).to.equal("file:///srv/epoch-12.json");
    });
  });

  describe("pools", function () {
    it("sums each adapter's payments and carry-over, by adapter id, dropping empty pools", function () {
      const pools = poolsOf(
        [payment(1n, 2n, A, 1n, 5n), payment(2n, 1n, B, 2n, 7n), payment(3n, 2n, B, 1n, 1n)],
        [
          { adapterId: 3n, amount: 4n },
          { adapterId: 1n, amount: 2n },
        ],
      );
      expect(pools).to.deep.equal([
        { adapterId: 1n, pool: 9n },
        { adapterId: 2n, pool: 6n },
        { adapterId: 3n, pool: 4n },
      ]);
      expect(poolsOf([], [])).to.deep.equal([]);
    });

    it("carries the unassigned parts over per adapter", function () {
      expect(
        carryOverOf([
          { adapterId: 2n, payer: null, amount: 3n, reason: "emptyCorpus" },
          { adapterId: 1n, payer: A, amount: 1n, reason: "payerOwnsCorpus" },
          { adapterId: 2n, payer: B, amount: 4n, reason: "payerOwnsCorpus" },
          { adapterId: 5n, payer: null, amount: 0n, reason: "emptyCorpus" },
        ]),
      ).to.deep.equal([
        { adapterId: 1n, amount: 1n },
        { adapterId: 2n, amount: 7n },
      ]);
    });
  });

  describe("selectOutputs", function () {
    const window = { fromTimestamp: 1000, toTimestamp: 2000 };

    it("keeps records in (from, to], of payers who paid that adapter, at most their calls, earliest first", function () {
      const payments = [payment(1n, 1n, A, 2n, 10n), payment(2n, 2n, B, 1n, 10n)];
      const { outputs, ignored } = selectOutputs(
        [
          record("late", 1n, A, 2001),
          record("edge-from", 1n, A, 1000),
          record("c", 1n, A.toLowerCase(), 1500),
          record("b", 1n, A, 1500),
          record("a", 1n, A, 1600),
          record("edge-to", 2n, B, 2000),
          record("wrong-adapter", 2n, A, 1500),
          record("stranger", 1n, B, 1500),
        ],
        payments,
        window,
      );
      expect(outputs.get(1n)!.map((r) => r.requestId)).to.deep.equal(["b", "c"]);
      expect(outputs.get(2n)!.map((r) => r.requestId)).to.deep.equal(["edge-to"]);
      expect(ignored).to.deep.equal({ unpaid: 2, overCalls: 1 });
    });

    it("property: the same selection whatever the record order; never more than the calls paid", function () {
      const { int, shuffle, address } = randomTools(6);
      for (let round = 0; round < 40; round++) {
        const payers = [address(), address(), address()];
        const payments = Array.from({ length: int(5) }, (_, i) =>
          payment(BigInt(i + 1), BigInt(1 + int(2)), payers[int(3)]!, BigInt(1 + int(3)), 1n),
        );
        const records = Array.from({ length: int(30) }, (_, i) =>
          record(`r${i}`, BigInt(1 + int(2)), payers[int(3)]!, 900 + int(1200)),
        );
        const first = selectOutputs(records, payments, window);
        const second = selectOutputs(shuffle(records), payments, window);
        expect([...second.outputs.entries()].sort()).to.deep.equal([...first.outputs.entries()].sort());
        expect(second.ignored).to.deep.equal(first.ignored);
        const inWindow = records.filter((r) => r.timestamp > 1000 && r.timestamp <= 2000).length;
        const used = [...first.outputs.values()].reduce((n, list) => n + list.length, 0);
        expect(used + first.ignored.unpaid + first.ignored.overCalls).to.equal(inWindow);
        for (const [adapterId, list] of first.outputs) {
          for (const payer of payers) {
            const calls = payments
              .filter((p) => p.adapterId === adapterId && p.payer === payer)
              .reduce((n, p) => n + p.calls, 0n);
            expect(BigInt(list.filter((r) => r.payer === payer).length) <= calls).to.equal(true);
          }
        }
      }
    });
  });

  describe("formatInferenceLog", function () {
    it("writes one SDK line per record, sorted by (timestamp, requestId), each ending in a newline", function () {
      const records = [record("b", 1n, A, 5, "two"), record("a", 2n, B, 5, "one"), record("z", 1n, A, 4, "zero")];
      const text = formatInferenceLog(records);
      expect(text.endsWith("\n")).to.equal(true);
      const lines = text.trimEnd().split("\n");
      expect(lines.map((line) => parseInferenceLogLine(line).requestId)).to.deep.equal(["z", "a", "b"]);
      expect(formatInferenceLog([...records].reverse())).to.equal(text);
      expect(formatInferenceLog([])).to.equal("");
    });
  });

  describe("computeEpoch", function () {
    it("divides each pool exactly, carry-over included, and pays nothing for an adapter without a corpus", function () {
      const text =
        "Glaciers move slowly downhill under their own weight, carving valleys and leaving moraines behind them.";
      const contributions = [
        {
          datanetId: 1n,
          contributionId: 1n,
          contributor: B,
          contentHash: `0x${"11".repeat(32)}`,
          tokens: tokenize(text),
        },
      ];
      const result = computeEpoch({
        method: SPAN_MATCH_V1,
        payments: [payment(1n, 1n, A, 2n, 1_000n), payment(2n, 2n, A, 1n, 300n)],
        carriedOver: [{ adapterId: 1n, amount: 5n }],
        records: [record("r1", 1n, A, 1500, `Well: ${text}`), record("r2", 2n, A, 1500, text)],
        window: { fromTimestamp: 1000, toTimestamp: 2000 },
        corpora: [{ adapterId: 1n, sources: [{ datanetId: 1n, version: 1n }], contributions }],
      });
      expect(result.pools).to.deep.equal([
        { adapterId: 1n, pool: 1_005n },
        { adapterId: 2n, pool: 300n },
      ]);
      expect(result.used).to.equal(2);
      expect(result.attribution.rewards).to.deep.equal([[B, 1_005n]]);
      expect(result.attribution.unassigned.reduce((s, u) => s + u.amount, 0n)).to.equal(300n);
      expect(result.attribution.unassigned.every((u) => u.adapterId === 2n)).to.equal(true);
    });
  });
});
