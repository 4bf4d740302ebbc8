// attributeEpoch: the documented division on hand-computed cases (span part, fallback pots, the
// wash rule, near-duplicates, unassigned parts), exact sums and order independence on random
// epochs, and the refusal of malformed input.
import { expect } from "chai";
import { getAddress } from "ethers";

import { attributeEpoch } from "../../../oracle/src/attribution/attribute.js";
import { buildCorpus } from "../../../oracle/src/attribution/corpus.js";
import { InvalidEpochInputError, InvalidMethodParamsError } from "../../../oracle/src/attribution/errors.js";
import { SPAN_MATCH_V1 } from "../../../oracle/src/attribution/method.js";
import type {
  AdapterEpochInput,
  CorpusContribution,
  EpochAttribution,
  PaidOutput,
} from "../../../oracle/src/attribution/types.js";
import { concat, entry, Random, zipfTokens } from "./fixtures.js";

// Addresses whose order (lower-case hex) is Alice < Bob < Carol < Dave < payer.
const ALICE = getAddress(`0x${"a1".repeat(20)}`);
const BOB = getAddress(`0x${"b2".repeat(20)}`);
const CAROL = getAddress(`0x${"c3".repeat(20)}`);
const DAVE = getAddress(`0x${"d4".repeat(20)}`);
const PAYER = getAddress(`0x${"f0".repeat(20)}`);
const params = SPAN_MATCH_V1.params;

/** Tokens no corpus document holds (ids above any the fixtures use). */
function fresh(random: Random, count: number): Uint32Array {
  return zipfTokens(random, count, 1_000, 5_000_000);
}

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** A canonical text of a result: bigints as strings, typed arrays as lists. */
function text(result: EpochAttribution): string {
  return JSON.stringify(result, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}

/** Alice, Bob and Carol each own one document; Dave's is a near-copy of Alice's, made later. */
function sampleCorpus(random: Random) {
  const a = zipfTokens(random, 200, 5_000);
  const b = zipfTokens(random, 200, 5_000);
  const c = zipfTokens(random, 200, 5_000);
  const copy = a.slice();
  copy[100] = 4_999_999;
  const entries = [entry(1n, ALICE, a), entry(2n, BOB, b), entry(3n, CAROL, c), entry(4n, DAVE, copy)];
  return { a, b, c, entries, index: buildCorpus(entries, params) };
}

function output(requestId: string, payer: string, tokens: Uint32Array): PaidOutput {
  return { requestId, payer, tokens };
}

describe("attributeEpoch", () => {
  it("pays an output's covered share to its spans' holders and the rest equally to the corpus", () => {
    const random = new Random(51);
    const { a, index } = sampleCorpus(random);
    expect(index.nearDuplicates.map((d) => d.contributor)).to.deep.equal([DAVE]);
    const result = attributeEpoch({
      params,
      adapters: [
        {
          adapterId: 7n,
          pool: 1_000n,
          corpus: index,
          outputs: [
            output("o2", PAYER, fresh(random, 40)), // no span: its 500 all to the fallback pot
            output("o1", PAYER, concat(a.subarray(0, 30), fresh(random, 30))), // 30 of 60 tokens covered
          ],
        },
      ],
    });
    // o1: share 500, span part 500 · 30/60 = 250 to Alice; pot 250 + 500 = 750: 250 each to A, B, C
    expect(result.rewards).to.deep.equal([
      [ALICE, 500n],
      [BOB, 250n],
      [CAROL, 250n],
    ]);
    expect(result.unassigned).to.deep.equal([]);
    const alice = result.explanations.find((e) => e.account === ALICE)!;
    expect(alice.outputs).to.deep.equal([
      {
        adapterId: 7n,
        requestId: "o1",
        payer: PAYER,
        amount: 250n,
        credit: 30n * 2n ** 20n,
        outputCredit: 30n * 2n ** 20n,
        spans: [
          {
            start: 0,
            end: 30,
            documents: 1,
            creditPerDocument: 30 * 2 ** 20,
            contributions: [{ datanetId: 1n, contributionId: 1n }],
          },
        ],
      },
    ]);
    expect(alice.fallback).to.deep.equal([
      { adapterId: 7n, payer: null, amount: 250n, contributions: 1, eligibleContributions: 3 },
    ]);
    expect(result.adapters).to.deep.equal([
      {
        adapterId: 7n,
        pool: 1_000n,
        outputs: 2,
        creditedOutputs: 1,
        documents: 3,
        nearDuplicates: [{ datanetId: 1n, contributionId: 4n }],
        spanAmount: 250n,
        fallbackAmount: 750n,
        unassignedAmount: 0n,
      },
    ]);
  });

  it("pays an output entirely copied from two contributions by their credit, and nothing to the fallback", () => {
    const random = new Random(52);
    const { a, b, index } = sampleCorpus(random);
    const result = attributeEpoch({
      params,
      adapters: [
        {
          adapterId: 1n,
          pool: 999n,
          corpus: index,
          outputs: [output("x", PAYER, concat(a.subarray(0, 20), b.subarray(0, 10)))],
        },
      ],
    });
    // credits 20·2^20 and 10·2^20: 666 and 333
    expect(result.rewards).to.deep.equal([
      [ALICE, 666n],
      [BOB, 333n],
    ]);
    expect(result.adapters[0]).to.include({ spanAmount: 999n, fallbackAmount: 0n });
  });

  it("never pays a payer's own contributions from the payer's outputs (wash rule), spans or fallback", () => {
    const random = new Random(53);
    const { a, index } = sampleCorpus(random);
    const echo = concat(a.subarray(0, 60)); // entirely Alice's text
    const washed = attributeEpoch({
      params,
      adapters: [{ adapterId: 1n, pool: 1_000n, corpus: index, outputs: [output("w", ALICE.toLowerCase(), echo)] }],
    });
    expect(washed.rewards).to.deep.equal([
      [BOB, 500n],
      [CAROL, 500n],
    ]);
    const bob = washed.explanations.find((e) => e.account === BOB)!;
    expect(bob.fallback).to.deep.equal([
      { adapterId: 1n, payer: ALICE, amount: 500n, contributions: 1, eligibleContributions: 2 },
    ]);
    // the same output paid by someone else pays Alice in full
    const paid = attributeEpoch({
      params,
      adapters: [{ adapterId: 1n, pool: 1_000n, corpus: index, outputs: [output("w", PAYER, echo)] }],
    });
    expect(paid.rewards).to.deep.equal([[ALICE, 1_000n]]);
  });

  it("pays a near-duplicate's owner nothing, even for an output echoing the copy", () => {
    const random = new Random(54);
    const { entries, index } = sampleCorpus(random);
    const copy = entries[3]!.tokens;
    const result = attributeEpoch({
      params,
      adapters: [
        {
          adapterId: 1n,
          pool: 10n ** 18n,
          corpus: index,
          outputs: [output("c", PAYER, copy.subarray(90, 130)), output("f", PAYER, fresh(random, 50))],
        },
      ],
    });
    expect(result.rewards.map(([account]) => account)).to.not.include(DAVE);
    expect(result.explanations.map((e) => e.account)).to.not.include(DAVE);
    const sum = result.rewards.reduce((s, [, amount]) => s + amount, 0n);
    expect(sum).to.equal(10n ** 18n);
  });

  it("puts the whole pool of an adapter without outputs in the fallback", () => {
    const { index } = sampleCorpus(new Random(55));
    const result = attributeEpoch({ params, adapters: [{ adapterId: 1n, pool: 10n, corpus: index, outputs: [] }] });
    expect(result.rewards.map(([, amount]) => amount).reduce((s, x) => s + x, 0n)).to.equal(10n);
    expect(result.rewards.map(([account]) => account)).to.deep.equal([ALICE, BOB, CAROL]);
    expect(result.rewards.map(([, amount]) => amount).sort()).to.deep.equal([3n, 3n, 4n]);
  });

  it("returns as unassigned a pool with an empty corpus, and a pot whose payer owns every contribution", () => {
    const random = new Random(56);
    const tokens = zipfTokens(random, 100, 5_000);
    const result = attributeEpoch({
      params,
      adapters: [
        { adapterId: 1n, pool: 77n, corpus: [], outputs: [output("e", PAYER, tokens)] },
        {
          adapterId: 2n,
          pool: 100n,
          corpus: [entry(1n, ALICE, tokens)],
          outputs: [output("s", ALICE, tokens.subarray(0, 50)), output("t", PAYER, tokens.subarray(0, 50))],
        },
        { adapterId: 3n, pool: 0n, corpus: [entry(1n, ALICE, tokens)], outputs: [output("z", PAYER, tokens)] },
      ],
    });
    expect(result.unassigned).to.deep.equal([
      { adapterId: 1n, payer: null, amount: 77n, reason: "emptyCorpus" },
      { adapterId: 2n, payer: ALICE, amount: 50n, reason: "payerOwnsCorpus" },
    ]);
    expect(result.rewards).to.deep.equal([[ALICE, 50n]]);
    expect(result.adapters.map((a) => a.unassignedAmount)).to.deep.equal([77n, 50n, 0n]);
  });

  it("sums exactly to the pools, explains every wei, and ignores input order (random epochs)", () => {
    const random = new Random(57);
    for (let round = 0; round < 25; round++) {
      const accounts = Array.from({ length: 2 + random.below(5) }, () => random.address());
      const corpus: CorpusContribution[] = [];
      for (let d = 0; d < 1 + random.below(12); d++) {
        const tokens =
          corpus.length > 0 && random.below(4) === 0
            ? corpus[random.below(corpus.length)]!.tokens.slice() // a near-duplicate
            : zipfTokens(random, 20 + random.below(200), 300);
        corpus.push(
          entry(
            BigInt(1 + random.below(1_000)) * 100n + BigInt(d),
            accounts[random.below(accounts.length)]!,
            tokens,
            BigInt(random.below(2)),
          ),
        );
      }
      const adapters: AdapterEpochInput[] = [];
      let requests = 0;
      for (let a = 0; a < 1 + random.below(3); a++) {
        const outputs: PaidOutput[] = [];
        for (let o = 0; o < random.below(8); o++) {
          const source = corpus[random.below(corpus.length)]!.tokens;
          const from = random.below(source.length);
          const tokens = concat(
            zipfTokens(random, random.below(30), 300),
            source.subarray(from, from + random.below(60)),
          );
          const payer = random.below(3) === 0 ? accounts[random.below(accounts.length)]! : random.address();
          outputs.push(output(`r${requests++}`, random.below(2) === 0 ? payer.toLowerCase() : payer, tokens));
        }
        const pool =
          random.below(5) === 0 ? BigInt(random.below(10)) : BigInt(random.u32()) * 10n ** BigInt(random.below(12));
        adapters.push({ adapterId: BigInt(a * 3 + random.below(3)), pool, corpus, outputs });
      }
      const result = attributeEpoch({ params, adapters });
      const pools = adapters.reduce((s, a) => s + a.pool, 0n);
      const paid = result.rewards.reduce((s, [, amount]) => s + amount, 0n);
      const left = result.unassigned.reduce((s, u) => s + u.amount, 0n);
      expect(paid + left).to.equal(pools);
      for (const [, amount] of result.rewards) expect(amount > 0n).to.equal(true);
      const order = result.rewards.map(([account]) => account.toLowerCase());
      expect(order).to.deep.equal([...order].sort());
      for (const explanation of result.explanations) {
        const explained =
          explanation.outputs.reduce((s, o) => s + o.amount, 0n) +
          explanation.fallback.reduce((s, f) => s + f.amount, 0n);
        expect(explained).to.equal(explanation.amount);
      }
      for (const summary of result.adapters) {
        expect(summary.spanAmount + summary.fallbackAmount + summary.unassignedAmount).to.equal(summary.pool);
      }
      // the same epoch, every list shuffled, gives the same bytes
      const shuffled = random.shuffle(adapters).map((adapter) => ({
        ...adapter,
        corpus: random.shuffle(adapter.corpus as CorpusContribution[]),
        outputs: random.shuffle(adapter.outputs),
      }));
      expect(text(attributeEpoch({ params, adapters: shuffled }))).to.equal(text(result));
    }
  });

  it("accepts a prebuilt index or entries for the same result, and refuses an index built with another k", () => {
    const random = new Random(58);
    const { a, entries, index } = sampleCorpus(random);
    const outputs = [output("o", PAYER, concat(a.subarray(5, 40), fresh(random, 10)))];
    const fromIndex = attributeEpoch({ params, adapters: [{ adapterId: 1n, pool: 1_000n, corpus: index, outputs }] });
    const fromEntries = attributeEpoch({
      params,
      adapters: [{ adapterId: 1n, pool: 1_000n, corpus: entries, outputs }],
    });
    expect(text(fromEntries)).to.equal(text(fromIndex));
    const error = caught(() =>
      attributeEpoch({ params: { ...params, k: 9 }, adapters: [{ adapterId: 1n, pool: 1n, corpus: index, outputs }] }),
    );
    expect(error).to.be.instanceOf(InvalidMethodParamsError);
    expect(error).to.include({ parameter: "k", value: 8 });
  });

  it("refuses malformed or repeated adapters and outputs with InvalidEpochInputError", () => {
    const { index } = sampleCorpus(new Random(59));
    const good = (requestId = "r") => output(requestId, PAYER, Uint32Array.of(1, 2, 3));
    const adapter = (changes: Partial<AdapterEpochInput>): AdapterEpochInput => ({
      adapterId: 1n,
      pool: 1n,
      corpus: index,
      outputs: [good()],
      ...changes,
    });
    const cases: [AdapterEpochInput[], string, string | undefined][] = [
      [[adapter({ adapterId: -1n })], "adapterId", undefined],
      [[adapter({ pool: -1n })], "pool", undefined],
      [[adapter({}), adapter({ outputs: [good("other")] })], "duplicateAdapter", undefined],
      [[adapter({}), adapter({ adapterId: 2n })], "duplicateRequest", "r"],
      [[adapter({ outputs: [{ ...good(), payer: "0x1234" }] })], "payer", "r"],
      [[adapter({ outputs: [{ ...good(), requestId: "" }] })], "requestId", undefined],
      [[adapter({ outputs: [{ ...good(), tokens: [1, 2] as unknown as Uint32Array }] })], "tokens", "r"],
    ];
    for (const [adapters, reason, requestId] of cases) {
      const error = caught(() => attributeEpoch({ params, adapters }));
      expect(error, reason).to.be.instanceOf(InvalidEpochInputError);
      expect(error).to.include({ reason, requestId });
    }
  });
});
