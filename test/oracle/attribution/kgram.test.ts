// The k-gram filter: every window added is found (no false negatives), windows never added are
// mostly rejected, and windows holding a separator or an unknown token are never candidates.
import { expect } from "chai";

import { addWindows, filterWords, markCandidates } from "../../../oracle/src/attribution/kgram.js";
import { Random } from "./fixtures.js";

describe("k-gram filter", () => {
  it("finds every window added and rejects most others (about 4% false positives at 8 bits per window)", () => {
    const random = new Random(61);
    const k = 8;
    const corpus = Int32Array.from({ length: 200_000 }, () => 1 + random.below(30_000));
    const filter = new Uint32Array(filterWords(corpus.length));
    addWindows(filter, corpus, 0, corpus.length, k);
    const candidates = new Uint8Array(corpus.length);
    markCandidates(filter, corpus, corpus.length, k, candidates);
    for (let i = 0; i + k <= corpus.length; i++) expect(candidates[i]).to.equal(1);

    const other = Int32Array.from({ length: 100_000 }, () => 1 + random.below(30_000));
    const marks = new Uint8Array(other.length);
    markCandidates(filter, other, other.length, k, marks);
    const falsePositives = marks.reduce((sum, x) => sum + x, 0) / (other.length - k + 1);
    expect(falsePositives).to.be.below(0.08);
  });

  it("never marks a window holding a symbol ≤ 0 (separator, unknown token)", () => {
    const filter = new Uint32Array(filterWords(100)).fill(0xffffffff); // every bit set
    const symbols = Int32Array.of(1, 2, 3, 0, 4, 5, 6, -1, 7, 8, 9, 10);
    const marks = new Uint8Array(symbols.length);
    markCandidates(filter, symbols, symbols.length, 3, marks);
    expect([...marks]).to.deep.equal([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0]);
  });
});
