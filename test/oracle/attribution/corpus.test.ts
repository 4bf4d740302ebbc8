// buildCorpus: order independence, merging identical repeats, refusing malformed or conflicting
// entries, and the near-duplicate rule (against a brute-force coverage count).
import { expect } from "chai";

import { buildCorpus, documentAt, MAX_TOKEN_ID } from "../../../oracle/src/attribution/corpus.js";
import { InvalidContributionError, InvalidMethodParamsError } from "../../../oracle/src/attribution/errors.js";
import { SPAN_MATCH_V1 } from "../../../oracle/src/attribution/method.js";
import type { CorpusContribution } from "../../../oracle/src/attribution/types.js";
import { concat, entry, naiveSuffixArray, occursIn, Random, zipfTokens } from "./fixtures.js";

const ALICE = "0x00000000000000000000000000000000000A11cE";
const BOB = "0x0000000000000000000000000000000000000B0b";

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** Brute force: tokens of document d inside a k-window that occurs in a document before it. */
function naiveCoverage(documents: readonly Uint32Array[], d: number, k: number): number {
  const tokens = documents[d]!;
  const covered = new Uint8Array(tokens.length);
  for (let p = 0; p + k <= tokens.length; p++) {
    const window = tokens.subarray(p, p + k);
    if (documents.slice(0, d).some((earlier) => occursIn(earlier, window))) covered.fill(1, p, p + k);
  }
  return covered.reduce((sum, x) => sum + x, 0);
}

describe("buildCorpus", () => {
  const params = SPAN_MATCH_V1.params;

  it("indexes documents in (datanetId, contributionId) order whatever the input order", () => {
    const random = new Random(21);
    const entries: CorpusContribution[] = [];
    for (let i = 0; i < 30; i++) {
      entries.push(
        entry(
          BigInt(random.below(1000)) * 3n + BigInt(i % 3),
          random.address(),
          zipfTokens(random, 50, 300),
          BigInt(i % 2),
        ),
      );
    }
    const a = buildCorpus(entries, params);
    const b = buildCorpus(random.shuffle(entries), params);
    expect(b.documents).to.deep.equal(a.documents);
    expect([...b.text]).to.deep.equal([...a.text]);
    expect([...b.suffixArray]).to.deep.equal([...a.suffixArray]);
    expect([...b.filter]).to.deep.equal([...a.filter]);
    const keys = a.documents.map(({ datanetId, contributionId }) => [datanetId, contributionId]);
    const sorted = [...keys].sort((x, y) =>
      x[0]! !== y[0]! ? (x[0]! < y[0]! ? -1 : 1) : x[1]! < y[1]! ? -1 : x[1]! > y[1]! ? 1 : 0,
    );
    expect(keys).to.deep.equal(sorted);
    expect([...a.suffixArray]).to.deep.equal(naiveSuffixArray(a.text));
  });

  it("lays out each document followed by the separator, over a dense alphabet, with checksummed contributors", () => {
    const index = buildCorpus(
      [entry(2n, BOB.toLowerCase(), Uint32Array.of(500, 7)), entry(1n, ALICE, Uint32Array.of(7, 9))],
      params,
    );
    expect([...index.text]).to.deep.equal([1, 2, 0, 3, 1, 0]); // 7 → 1, 9 → 2, 500 → 3
    expect([...index.starts]).to.deep.equal([0, 3, 6]);
    expect(index.symbolOf[7]).to.equal(1);
    expect(index.symbolOf[8]).to.equal(-1);
    expect(index.documents.map((d) => d.contributor)).to.deep.equal([ALICE, BOB]);
    expect([0, 1, 2, 3, 5].map((p) => documentAt(index.starts, p))).to.deep.equal([0, 0, 0, 1, 1]);
  });

  it("merges identical repeats (one contribution in two Datanet versions) and refuses conflicting ones", () => {
    const tokens = Uint32Array.of(1, 2, 3);
    const index = buildCorpus([entry(1n, ALICE, tokens), entry(1n, ALICE.toLowerCase(), tokens.slice())], params);
    expect(index.documents).to.have.length(1);
    const error = caught(() => buildCorpus([entry(1n, ALICE, tokens), entry(1n, ALICE, Uint32Array.of(1, 2))], params));
    expect(error).to.be.instanceOf(InvalidContributionError);
    expect(error).to.include({ index: 1, reason: "conflict" });
    const other = caught(() => buildCorpus([entry(1n, ALICE, tokens), entry(1n, BOB, tokens)], params));
    expect(other).to.include({ reason: "conflict" });
  });

  it("refuses malformed entries with InvalidContributionError naming the entry and the field", () => {
    const good = entry(1n, ALICE, Uint32Array.of(1));
    const cases: [Partial<Record<keyof CorpusContribution, unknown>>, string][] = [
      [{ contributor: "0x12" }, "contributor"],
      [{ contributor: "0x00000000000000000000000000000000000a11Ce" }, "contributor"], // bad checksum
      [{ datanetId: -1n }, "datanetId"],
      [{ contributionId: 1 }, "contributionId"],
      [{ contentHash: 5 }, "contentHash"],
      [{ tokens: [1, 2] }, "tokens"],
      [{ tokens: Uint32Array.of(MAX_TOKEN_ID) }, "tokens"],
    ];
    for (const [change, reason] of cases) {
      const error = caught(() =>
        buildCorpus([good, { ...good, contributionId: 2n, ...change } as CorpusContribution], params),
      );
      expect(error, reason).to.be.instanceOf(InvalidContributionError);
      expect(error).to.include({ index: 1, reason });
    }
    expect(caught(() => buildCorpus([good], { ...params, k: 0 }))).to.be.instanceOf(InvalidMethodParamsError);
  });

  it("leaves out a near-duplicate (a later copy with a few tokens changed) and names what it repeats", () => {
    const random = new Random(22);
    const original = zipfTokens(random, 400, 5_000);
    const copy = original.slice();
    for (let i = 20; i < copy.length; i += 40) copy[i] = 900_000 + i; // 10 changed tokens
    const other = zipfTokens(random, 300, 5_000);
    const index = buildCorpus([entry(5n, ALICE, original), entry(9n, BOB, copy), entry(7n, BOB, other)], params);
    expect(index.documents.map((d) => d.contributionId)).to.deep.equal([5n, 7n]);
    expect(index.nearDuplicates).to.have.length(1);
    const [duplicate] = index.nearDuplicates;
    expect(duplicate).to.deep.include({ contributionId: 9n, contributor: BOB, tokenCount: 400 });
    expect(duplicate!.repeats).to.deep.equal({ datanetId: 1n, contributionId: 5n });
    expect(duplicate!.coveredTokens).to.equal(naiveCoverage([original, other, copy], 2, 8));
    expect(duplicate!.coveredTokens).to.be.within(300, 390);
    // the earlier one is the original: with the ids swapped the copy stays and the original goes
    const swapped = buildCorpus([entry(9n, ALICE, original), entry(5n, BOB, copy)], params);
    expect(swapped.documents.map((d) => d.contributionId)).to.deep.equal([5n]);
    expect(swapped.nearDuplicates.map((d) => d.contributionId)).to.deep.equal([9n]);
  });

  it("applies the coverage threshold exactly: at the threshold is a near-duplicate, just below is not", () => {
    const original = Uint32Array.from({ length: 10 }, (_, i) => 100 + i);
    const half = concat(
      original,
      Uint32Array.from({ length: 10 }, (_, i) => 200 + i),
    ); // 10 of 20 covered
    const at = (bps: number) =>
      buildCorpus([entry(1n, ALICE, original), entry(2n, BOB, half)], {
        ...params,
        k: 4,
        nearDuplicateCoverageBps: bps,
      });
    expect(at(5_000).nearDuplicates.map((d) => d.coveredTokens)).to.deep.equal([10]);
    expect(at(5_001).nearDuplicates).to.deep.equal([]);
    expect(at(5_001).documents).to.have.length(2);
  });

  it("does not count a document's repetition of itself, nor windows shorter than k", () => {
    const phrase = Uint32Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    const selfRepeating = concat(phrase, phrase, phrase, phrase);
    const sharesSevenTokens = concat(phrase.subarray(0, 7), Uint32Array.of(50, 51, 52));
    const index = buildCorpus(
      [entry(1n, ALICE, selfRepeating), entry(2n, BOB, sharesSevenTokens), entry(3n, BOB, new Uint32Array(0))],
      params,
    );
    expect(index.nearDuplicates).to.deep.equal([]);
    expect(index.documents).to.have.length(3);
  });

  /** Every field of two indexes, arrays compared element by element. */
  function expectSameIndex(actual: ReturnType<typeof buildCorpus>, expected: ReturnType<typeof buildCorpus>): void {
    expect(actual.documents).to.deep.equal(expected.documents);
    expect(actual.nearDuplicates).to.deep.equal(expected.nearDuplicates);
    for (const field of ["text", "starts", "suffixArray", "symbolOf", "filter"] as const) {
      expect([...actual[field]], field).to.deep.equal([...expected[field]]);
    }
  }

  it("indexes a generator's entries like the same entries in an array, copying each token array as it comes", () => {
    const random = new Random(24);
    const entries: CorpusContribution[] = [];
    // ~400,000 tokens: several chunks; repeats, a near-duplicate and an empty document included
    for (let i = 0; i < 400; i++) {
      entries.push(
        entry(
          BigInt(i),
          random.address(),
          zipfTokens(random, 1 + random.below(2_000), 3_000, 5),
          BigInt(random.below(3)),
        ),
      );
    }
    entries.push({ ...entries[7]!, tokens: entries[7]!.tokens.slice() }); // an identical repeat
    entries.push(entry(20_000n, BOB, entries[3]!.tokens.slice())); // a near-duplicate of a lower id
    entries.push(entry(20_001n, BOB, new Uint32Array(0)));
    const expected = buildCorpus(entries, params);
    expect(expected.nearDuplicates.map((d) => d.contributionId)).to.include(20_000n);
    // The generator reuses one buffer: buildCorpus must have copied each entry before the next.
    const shared = new Uint32Array(2_000);
    function* generate(): Generator<CorpusContribution> {
      for (const e of random.shuffle(entries)) {
        shared.set(e.tokens);
        yield { ...e, tokens: shared.subarray(0, e.tokens.length) };
        shared.fill(0xffffff);
      }
    }
    expectSameIndex(buildCorpus(generate(), params), expected);
    expectSameIndex(buildCorpus(new Set(entries), params), expected);
  });

  it("refuses a generator's malformed or conflicting entry by its position, and a non-iterable", () => {
    const good = entry(1n, ALICE, Uint32Array.of(1, 2, 3));
    function* generate(bad: Partial<CorpusContribution>): Generator<CorpusContribution> {
      yield good;
      yield entry(2n, BOB, Uint32Array.of(4));
      yield { ...good, ...bad };
    }
    expect(
      caught(() => buildCorpus(generate({ contributionId: 3n, tokens: Uint32Array.of(MAX_TOKEN_ID) }), params)),
    ).to.include({ index: 2, reason: "tokens" });
    expect(caught(() => buildCorpus(generate({ tokens: Uint32Array.of(1, 2) }), params))).to.include({
      index: 2,
      reason: "conflict",
    });
    const notIterable = caught(() => buildCorpus({} as Iterable<CorpusContribution>, params));
    expect(notIterable).to.be.instanceOf(InvalidContributionError);
    expect(notIterable).to.include({ index: -1 });
  });

  it("rebuilds without near-duplicates exactly as an index of the kept contributions alone", () => {
    const random = new Random(25);
    const originals = Array.from({ length: 6 }, (_, d) =>
      entry(BigInt(2 * d), ALICE, zipfTokens(random, 300, 400, 10 * d)),
    );
    // copies (later ids) holding tokens no kept document has, and the largest token id
    const copies = [0, 3].map((d, c) => {
      const tokens = originals[d]!.tokens.slice();
      tokens[5] = 90_000 + c;
      return entry(BigInt(100 + c), BOB, tokens);
    });
    const index = buildCorpus([...copies, ...originals], params);
    expect(index.nearDuplicates.map((d) => d.contributionId)).to.deep.equal([100n, 101n]);
    expectSameIndex(buildCorpus(originals, params), { ...index, nearDuplicates: [] });
    expect(index.symbolOf.length).to.be.below(90_000);
  });

  it("decides near-duplicates like a brute-force coverage count on random corpora", () => {
    const random = new Random(23);
    for (let round = 0; round < 60; round++) {
      const k = 2 + random.below(4);
      const bps = 1 + random.below(10_000);
      const documents: Uint32Array[] = [];
      for (let d = 0; d < 2 + random.below(7); d++) {
        const fresh = zipfTokens(random, random.below(40), 6);
        if (documents.length > 0 && random.below(2) === 0) {
          const source = documents[random.below(documents.length)]!;
          const from = random.below(source.length + 1);
          documents.push(concat(fresh.subarray(0, random.below(10)), source.subarray(from, from + random.below(40))));
        } else {
          documents.push(fresh);
        }
      }
      const index = buildCorpus(
        documents.map((tokens, d) => entry(BigInt(d), ALICE, tokens)),
        { ...params, k, nearDuplicateCoverageBps: bps },
      );
      const expected = documents.flatMap((tokens, d) => {
        const covered = naiveCoverage(documents, d, k);
        return tokens.length > 0 && covered * 10_000 >= bps * tokens.length ? [[BigInt(d), covered]] : [];
      });
      expect(index.nearDuplicates.map((n) => [n.contributionId, n.coveredTokens])).to.deep.equal(expected);
      expect(index.documents.length + index.nearDuplicates.length).to.equal(documents.length);
      expect([...index.suffixArray]).to.deep.equal(naiveSuffixArray(index.text));
    }
  });
});
