// findSpans and spanDocuments against a brute-force finder on small random corpora, plus the
// edges: document boundaries, tokens the corpus never saw, outputs shorter than k, the
// occurrence cap.
import { expect } from "chai";

import { buildCorpus } from "../../../oracle/src/attribution/corpus.js";
import { SPAN_MATCH_V1 } from "../../../oracle/src/attribution/method.js";
import { findSpans, spanDocuments } from "../../../oracle/src/attribution/spans.js";
import type { SpanMatchParams } from "../../../oracle/src/attribution/types.js";
import { concat, entry, naiveSpans, Random, zipfTokens } from "./fixtures.js";

const ALICE = "0x00000000000000000000000000000000000A11cE";

function paramsWith(k: number): SpanMatchParams {
  return { ...SPAN_MATCH_V1.params, k, nearDuplicateCoverageBps: 10_000 };
}

describe("findSpans", () => {
  it("finds the same maximal spans and holders as a brute-force finder on random corpora", () => {
    const random = new Random(11);
    let spans = 0;
    let outputs = 0;
    for (let round = 0; round < 250; round++) {
      const k = 1 + random.below(6);
      const vocabulary = 2 + random.below(6); // small: many repeats and long matches
      const documents = Array.from({ length: 1 + random.below(6) }, () =>
        zipfTokens(random, random.below(60), vocabulary),
      );
      const index = buildCorpus(
        documents.map((tokens, d) => entry(BigInt(d), ALICE, tokens)),
        paramsWith(k),
      );
      const kept = index.documents.map(({ contributionId }) => documents[Number(contributionId)]!);
      for (let o = 0; o < 6; o++) {
        let output = zipfTokens(random, random.below(50), vocabulary + 1); // + a token the corpus lacks
        if (kept.length > 0 && random.below(2) === 0) {
          const source = kept[random.below(kept.length)]!;
          const from = random.below(source.length + 1);
          output = concat(output.subarray(0, 10), source.subarray(from, from + random.below(30)), output.subarray(10));
        }
        const found = findSpans(index, output).map(({ start, end, lo, hi }) => ({
          start,
          end,
          documents: spanDocuments(index, lo, hi, Number.MAX_SAFE_INTEGER),
        }));
        const expected = naiveSpans(kept, output, k);
        expect(found, `k ${k}, output ${output.join(",")}`).to.deep.equal(expected);
        spans += expected.length;
        outputs++;
      }
    }
    expect(outputs).to.equal(1_500);
    expect(spans).to.be.greaterThan(2_000); // the comparison covered many spans
  });

  it("finds long copied passages in a Zipf corpus exactly, with their one holder", () => {
    const random = new Random(12);
    const documents = Array.from({ length: 40 }, () => zipfTokens(random, 300 + random.below(300), 5_000));
    const index = buildCorpus(
      documents.map((tokens, d) => entry(BigInt(d + 1), ALICE, tokens)),
      SPAN_MATCH_V1.params,
    );
    const passage = documents[7]!.subarray(100, 180);
    const output = concat(zipfTokens(random, 50, 5_000, 900_000), passage, zipfTokens(random, 50, 5_000, 900_000));
    const spans = findSpans(index, output);
    expect(spans.map(({ start, end }) => [start, end])).to.deep.equal([[50, 130]]);
    expect(spanDocuments(index, spans[0]!.lo, spans[0]!.hi, 10)).to.deep.equal([7]);
  });

  it("never lets a span cross from one document into the next", () => {
    const index = buildCorpus(
      [entry(1n, ALICE, Uint32Array.of(1, 2, 3, 4)), entry(2n, ALICE, Uint32Array.of(5, 6, 7, 8))],
      paramsWith(2),
    );
    const spans = findSpans(index, Uint32Array.of(3, 4, 5, 6));
    expect(spans.map(({ start, end }) => [start, end])).to.deep.equal([
      [0, 2],
      [2, 4],
    ]);
  });

  it("breaks spans at tokens no document holds and finds nothing in outputs shorter than k", () => {
    const tokens = Uint32Array.from({ length: 20 }, (_, i) => 100 + i);
    const index = buildCorpus([entry(1n, ALICE, tokens)], paramsWith(4));
    const output = concat(tokens.subarray(0, 6), Uint32Array.of(99_999), tokens.subarray(6, 12));
    expect(findSpans(index, output).map(({ start, end }) => [start, end])).to.deep.equal([
      [0, 6],
      [7, 13],
    ]);
    expect(findSpans(index, tokens.subarray(0, 3))).to.deep.equal([]);
    expect(findSpans(buildCorpus([], paramsWith(4)), tokens)).to.deep.equal([]);
  });

  it("returns null holders for a span with more occurrences than the cap", () => {
    const phrase = Uint32Array.of(7, 8, 9, 10);
    const documents = Array.from({ length: 6 }, (_, d) => concat(Uint32Array.of(1000 + d), phrase, phrase));
    const index = buildCorpus(
      documents.map((tokens, d) => entry(BigInt(d + 1), ALICE, tokens)),
      paramsWith(4),
    );
    const [span] = findSpans(index, phrase);
    expect(span!.hi - span!.lo).to.equal(12);
    expect(spanDocuments(index, span!.lo, span!.hi, 11)).to.equal(null);
    expect(spanDocuments(index, span!.lo, span!.hi, 12)).to.deep.equal([0, 1, 2, 3, 4, 5]);
  });
});
