// buildSuffixArray (SA-IS) against a naive sort: every short string over small alphabets, seeded
// random strings (uniform, Zipf, large alphabets), and adversarial shapes that make SA-IS recurse
// deeply (all-equal, periodic, Fibonacci, runs).
import { expect } from "chai";

import { InvalidSymbolError } from "../../../oracle/src/attribution/errors.js";
import { buildSuffixArray, suffixArrayByDoubling } from "../../../oracle/src/attribution/suffixArray.js";
import { naiveSuffixArray, Random } from "./fixtures.js";

/** Checks `sa` is a permutation of the positions with each suffix smaller than the next. */
function expectSorted(text: Int32Array, sa: Int32Array): void {
  const n = text.length;
  expect(sa.length).to.equal(n);
  const seen = new Uint8Array(n);
  for (const p of sa) {
    expect(p >= 0 && p < n && seen[p] === 0, `position ${p}`).to.equal(true);
    seen[p] = 1;
  }
  for (let r = 1; r < n; r++) {
    let a = sa[r - 1]!;
    let b = sa[r]!;
    while (b < n && a < n && text[a] === text[b]) {
      a++;
      b++;
    }
    const ok = a === n ? b < n : b < n && text[a]! < text[b]!;
    expect(ok, `suffixes at ranks ${r - 1} and ${r}`).to.equal(true);
  }
}

function fibonacci(n: number): Int32Array {
  let a = [1];
  let b = [2];
  while (b.length < n) [a, b] = [b, [...b, ...a]];
  return Int32Array.from(b.slice(0, n));
}

describe("buildSuffixArray", () => {
  it("sorts every string of length ≤ 12 over 2 symbols and ≤ 8 over 3 symbols like a naive sort", () => {
    let checked = 0;
    for (const [alphabet, maxLength] of [
      [1, 12],
      [2, 12],
      [3, 8],
    ] as const) {
      for (let n = 0; n <= maxLength; n++) {
        for (let x = 0; x < alphabet ** n; x++) {
          const text = new Int32Array(n);
          for (let i = 0, y = x; i < n; i++, y = Math.floor(y / alphabet)) text[i] = y % alphabet;
          expect([...buildSuffixArray(text, alphabet)], [...text].join("")).to.deep.equal(naiveSuffixArray(text));
          checked++;
        }
      }
    }
    expect(checked).to.be.greaterThan(15_000);
  });

  it("sorts seeded random strings (uniform, Zipf, large alphabets) like a naive sort", () => {
    const random = new Random(7);
    for (let round = 0; round < 300; round++) {
      const n = 1 + random.below(round < 250 ? 300 : 4000);
      const alphabet = [1, 2, 3, 4, 16, 300, 5000][random.below(7)]!;
      const zipf = random.below(2) === 0;
      const text = new Int32Array(n);
      for (let i = 0; i < n; i++) text[i] = zipf ? random.zipf(alphabet) : random.below(alphabet);
      expect([...buildSuffixArray(text, alphabet)]).to.deep.equal(naiveSuffixArray(text));
    }
  });

  it("sorts documents with repeats and separators (the corpus shape) like a naive sort", () => {
    const random = new Random(8);
    for (let round = 0; round < 40; round++) {
      const parts: number[] = [];
      const documents: number[][] = [];
      for (let d = 0; d < 1 + random.below(12); d++) {
        const document =
          documents.length > 0 && random.below(3) === 0
            ? [...documents[random.below(documents.length)]!] // a repeat
            : Array.from({ length: random.below(80) }, () => 1 + random.zipf(40));
        documents.push(document);
        parts.push(...document, 0);
      }
      const text = Int32Array.from(parts);
      expect([...buildSuffixArray(text, 41)]).to.deep.equal(naiveSuffixArray(text));
    }
  });

  it("sorts adversarial strings: all equal, periodic, Fibonacci, runs, increasing, decreasing", () => {
    const n = 3000;
    const cases: [string, Int32Array, number][] = [
      ["all equal", new Int32Array(n).fill(5), 6],
      ["Fibonacci", fibonacci(n), 3],
      ["increasing", Int32Array.from({ length: n }, (_, i) => i), n],
      ["decreasing", Int32Array.from({ length: n }, (_, i) => n - 1 - i), n],
      ["runs", Int32Array.from({ length: n }, (_, i) => Math.floor(Math.sqrt(i)) % 3), 3],
      ["square-free-ish", Int32Array.from({ length: n }, (_, i) => (i * i) % 7), 7],
    ];
    for (let period = 1; period <= 9; period++) {
      cases.push([`period ${period}`, Int32Array.from({ length: n }, (_, i) => (i % period) * 3 + 1), 3 * period + 1]);
      cases.push([
        `period ${period} + tail`,
        Int32Array.from({ length: n }, (_, i) => (i < n - 5 ? i % period : 9)),
        10,
      ]);
    }
    for (const [name, text, alphabet] of cases) {
      const sa = buildSuffixArray(text, alphabet);
      expectSorted(text, sa);
      if (text.length <= 3000 && name !== "all equal") expect([...sa], name).to.deep.equal(naiveSuffixArray(text));
    }
  });

  it("sorts texts over alphabets at the 16-bit limit (sorted from a 16-bit copy) and past it alike", () => {
    const random = new Random(12);
    for (const alphabet of [65_535, 65_536, 65_537, 200_000]) {
      for (let round = 0; round < 12; round++) {
        const n = 1 + random.below(round < 10 ? 400 : 5000);
        // symbols at the top of the alphabet too (65,535 is the largest a 16-bit copy holds)
        const text = Int32Array.from({ length: n }, () =>
          random.below(2) === 0 ? alphabet - 1 - random.zipf(50) : random.zipf(alphabet),
        );
        expect([...buildSuffixArray(text, alphabet)], `alphabet ${alphabet}`).to.deep.equal(naiveSuffixArray(text));
      }
    }
  });

  it("sorts a 200,000-symbol Zipf text with separators (recursing) into a valid suffix array", () => {
    const random = new Random(9);
    const text = new Int32Array(200_000);
    for (let i = 0; i < text.length; i++) text[i] = i % 300 === 299 ? 0 : 1 + random.zipf(2000);
    expectSorted(text, buildSuffixArray(text, 2001));
  });

  it("sorts by prefix doubling alone (the finisher of reduced strings) like a naive sort", () => {
    const random = new Random(11);
    for (let round = 0; round < 300; round++) {
      const n = random.below(round < 280 ? 200 : 3000);
      const alphabet = [1, 2, 3, 7, 50, 1000][random.below(6)]!;
      const text = Int32Array.from({ length: n }, () => random.zipf(alphabet));
      expect([...suffixArrayByDoubling(text, alphabet)]).to.deep.equal(naiveSuffixArray(text));
    }
    const periodic = Int32Array.from({ length: 2000 }, (_, i) => i % 3);
    expect([...suffixArrayByDoubling(periodic, 3)]).to.deep.equal(naiveSuffixArray(periodic));
    expect([...suffixArrayByDoubling(new Int32Array(300).fill(1), 2)]).to.deep.equal(
      Array.from({ length: 300 }, (_, i) => 299 - i),
    );
  });

  it("writes into `out` when given, with the same result", () => {
    const random = new Random(10);
    const text = Int32Array.from({ length: 500 }, () => random.below(4));
    const out = new Int32Array(500);
    expect(buildSuffixArray(text, 4, out)).to.equal(out);
    expect([...out]).to.deep.equal(naiveSuffixArray(text));
  });

  it("throws InvalidSymbolError for a symbol outside the alphabet or a bad alphabet size", () => {
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const outside = error(() => buildSuffixArray(Int32Array.of(0, 3, 1), 3));
    expect(outside).to.be.instanceOf(InvalidSymbolError);
    expect(outside).to.include({ position: 1, symbol: 3, alphabetSize: 3 });
    const negative = error(() => buildSuffixArray(Int32Array.of(-1), 3));
    expect(negative).to.include({ position: 0, symbol: -1 });
    const size = error(() => buildSuffixArray(Int32Array.of(0), 0));
    expect(size).to.be.instanceOf(InvalidSymbolError);
    expect(size).to.include({ position: -1, alphabetSize: 0 });
    expect(() => buildSuffixArray(Int32Array.of(0, 1), 2, new Int32Array(3))).to.throw(RangeError);
  });
});
