// The credit of an output: the weight table, credit per holder, common spans, coverage, and the
// wash rule's exclusion of the payer's own contributions.
import { expect } from "chai";

import { buildCorpus } from "../../../oracle/src/attribution/corpus.js";
import { bitLength, creditOutput, creditTable } from "../../../oracle/src/attribution/credit.js";
import { SPAN_MATCH_V1 } from "../../../oracle/src/attribution/method.js";
import { concat, entry, Random, zipfTokens } from "./fixtures.js";

const ALICE = "0x00000000000000000000000000000000000A11cE";
const BOB = "0x0000000000000000000000000000000000000B0b";
const CAROL = "0x00000000000000000000000000000000000CA401";
const params = SPAN_MATCH_V1.params;

describe("credit", () => {
  it("has the documented weight table: floor(2^20 / (d · bitLength(d)))", () => {
    const table = creditTable(params);
    expect(table.length).to.equal(65);
    expect([table[0], table[1], table[2], table[3], table[4], table[8], table[16], table[64]]).to.deep.equal([
      0, 1_048_576, 262_144, 174_762, 87_381, 32_768, 13_107, 2_340,
    ]);
    for (let d = 1; d <= 64; d++) {
      expect(table[d]).to.equal(Math.floor(2 ** 20 / (d * bitLength(d))));
      // a span's total, d · W[d], is 2^20 / bitLength(d) up to rounding: it falls by bands of d
      expect(d * table[d]!).to.be.within(2 ** 20 / bitLength(d) - d, 2 ** 20 / bitLength(d));
    }
    expect([1, 2, 3, 4, 7, 8, 64, 65].map(bitLength)).to.deep.equal([1, 2, 2, 3, 3, 4, 7, 7]);
  });

  it("credits each holder length × W[d] and covers the union of the spans", () => {
    const random = new Random(31);
    const a = zipfTokens(random, 200, 5_000);
    const b = zipfTokens(random, 200, 5_000);
    const shared = zipfTokens(random, 30, 5_000, 100_000); // in both documents
    const index = buildCorpus([entry(1n, ALICE, concat(a, shared)), entry(2n, BOB, concat(shared, b))], params);
    const filler = zipfTokens(random, 40, 50, 600_000);
    const output = concat(a.subarray(0, 20), filler, shared, filler, b.subarray(50, 60));
    const credit = creditOutput(index, output, params, undefined);
    const spans = credit.spans.map(({ start, end, documents, creditPerDocument, common }) => ({
      start,
      end,
      documents,
      creditPerDocument,
      common,
    }));
    expect(spans).to.deep.equal([
      { start: 0, end: 20, documents: [0], creditPerDocument: 20 * 1_048_576, common: false },
      { start: 60, end: 90, documents: [0, 1], creditPerDocument: 30 * 262_144, common: false },
      { start: 130, end: 140, documents: [1], creditPerDocument: 10 * 1_048_576, common: false },
    ]);
    expect(credit.coveredTokens).to.equal(60);
    expect(credit.documents).to.deep.equal([0, 1]);
    expect(credit.credits).to.deep.equal([
      BigInt(20 * 1_048_576 + 30 * 262_144),
      BigInt(10 * 1_048_576 + 30 * 262_144),
    ]);
    expect(credit.creditable).to.equal(credit.credits[0]! + credit.credits[1]!);
    expect(credit.excludedCredit).to.equal(0n);
  });

  it("gives nothing for a span held by more than commonDocuments contributions or with too many occurrences", () => {
    const random = new Random(32);
    const phrase = zipfTokens(random, 12, 100, 100_000);
    const documents = Array.from({ length: 5 }, () => concat(zipfTokens(random, 100, 5_000), phrase));
    const index = buildCorpus(
      documents.map((tokens, d) => entry(BigInt(d + 1), ALICE, tokens)),
      params,
    );
    const output = concat(zipfTokens(random, 20, 50, 600_000), phrase, zipfTokens(random, 20, 50, 700_000));
    const common = creditOutput(index, output, { ...params, commonDocuments: 4 }, undefined);
    expect(common.spans).to.have.length(1);
    expect(common.spans[0]).to.include({ common: true, creditPerDocument: 0 });
    expect(common.spans[0]!.documents).to.deep.equal([0, 1, 2, 3, 4]);
    expect([common.coveredTokens, common.creditable, common.documents.length]).to.deep.equal([0, 0n, 0]);
    const capped = creditOutput(index, output, { ...params, commonDocuments: 4, maxOccurrences: 4 }, undefined);
    expect(capped.spans[0]).to.include({ common: true, documents: null });
    const rare = creditOutput(index, output, { ...params, commonDocuments: 5 }, undefined);
    expect(rare.spans[0]).to.include({ common: false, creditPerDocument: 12 * Math.floor(2 ** 20 / (5 * 3)) });
    expect(rare.coveredTokens).to.equal(12);
  });

  it("excludes the payer's own contributions (any letter case) and counts their credit apart", () => {
    const random = new Random(33);
    const shared = zipfTokens(random, 24, 5_000);
    const index = buildCorpus(
      [
        entry(1n, ALICE, concat(zipfTokens(random, 50, 5_000), shared)),
        entry(2n, BOB, concat(shared, zipfTokens(random, 50, 5_000))),
        entry(3n, ALICE, concat(zipfTokens(random, 60, 5_000), shared)),
        entry(4n, CAROL, zipfTokens(random, 60, 5_000)),
      ],
      params,
    );
    const output = concat(zipfTokens(random, 10, 50, 600_000), shared);
    const perDocument = 24 * Math.floor(2 ** 20 / (3 * 2));
    const byAlice = creditOutput(index, output, params, ALICE.toLowerCase());
    expect(byAlice.documents).to.deep.equal([1]);
    expect(byAlice.creditable).to.equal(BigInt(perDocument));
    expect(byAlice.excludedCredit).to.equal(BigInt(2 * perDocument));
    expect(byAlice.coveredTokens).to.equal(24); // coverage counts the span whoever holds it
    const byCarol = creditOutput(index, output, params, CAROL);
    expect(byCarol.documents).to.deep.equal([0, 1, 2]);
    expect(byCarol.excludedCredit).to.equal(0n);
  });
});
