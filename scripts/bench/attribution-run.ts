// One measurement of `npm run bench:attribution` (attribution.ts), in a fresh process so that peak
// RSS is this run's alone: `node --expose-gc scripts/bench/attribution-run.ts <mode> [args]`.
// Prints one JSON line. Modes:
//   sa <tokens>              suffix array of a synthetic Zipf corpus text (documents + separators)
//   corpus <tokens>          the whole corpus index (buildCorpus: remap, suffix array, near-duplicate
//                            pass, k-gram filter) from a generator yielding one document at a time
//                            (each token array dropped once copied: the realistic pipeline)
//   corpus-array <tokens>    the same from an array of all the documents (the caller holds them)
//   same-corpus <tokens>     checks that both modes index the same documents
//   query <tokens> <outputs> attributeEpoch over <outputs> outputs of 450 tokens (index built untimed)
//   planted                  accuracy on planted sources, boilerplate and near-duplicates
// The corpus: documents of 200–2,000 tokens, token ids Zipf-distributed (P(rank r) ∝ 1/r, exponent
// 1) over a 50,000-token vocabulary, from a seeded PRNG.
import { getAddress } from "ethers";

import { attributeEpoch } from "../../oracle/src/attribution/attribute.ts";
import { buildCorpus } from "../../oracle/src/attribution/corpus.ts";
import { SPAN_MATCH_V1 } from "../../oracle/src/attribution/method.ts";
import { buildSuffixArray } from "../../oracle/src/attribution/suffixArray.ts";
import type { CorpusContribution, PaidOutput } from "../../oracle/src/attribution/types.ts";

const VOCABULARY = 50_000;
const OUTPUT_TOKENS = 450;
const params = SPAN_MATCH_V1.params;

class Random {
  state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  below(n: number): number {
    return Math.floor((this.u32() / 2 ** 32) * n);
  }
  address(): string {
    let hex = "";
    for (let i = 0; i < 5; i++) hex += this.u32().toString(16).padStart(8, "0");
    return getAddress(`0x${hex}`);
  }
}

/** Zipf token ids: inverse CDF over the vocabulary (ids 1,000… so they look like BPE ids). */
class Zipf {
  cdf: Float64Array;
  random: Random;
  constructor(random: Random, vocabulary = VOCABULARY, exponent = 1) {
    this.random = random;
    this.cdf = new Float64Array(vocabulary);
    let sum = 0;
    for (let r = 0; r < vocabulary; r++) this.cdf[r] = sum += 1 / (r + 1) ** exponent;
    for (let r = 0; r < vocabulary; r++) this.cdf[r]! /= sum;
  }
  token(): number {
    const u = this.random.u32() / 2 ** 32;
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return 1_000 + lo;
  }
  fill(tokens: Uint32Array): Uint32Array {
    for (let i = 0; i < tokens.length; i++) tokens[i] = this.token();
    return tokens;
  }
}

/** `total` tokens of documents (views into one buffer) by `contributors` accounts. */
function zipfCorpus(total: number, seed: number, contributors = 1_000): CorpusContribution[] {
  const random = new Random(seed);
  const zipf = new Zipf(random);
  const accounts = Array.from({ length: contributors }, () => random.address());
  const buffer = zipf.fill(new Uint32Array(total));
  const entries: CorpusContribution[] = [];
  for (let at = 0, id = 1n; at < total; id++) {
    const length = Math.min(total - at, 200 + random.below(1_801));
    entries.push({
      datanetId: 1n,
      contributionId: id,
      contributor: accounts[random.below(contributors)]!,
      contentHash: `0x${id.toString(16).padStart(64, "0")}`,
      tokens: buffer.subarray(at, at + length),
    });
    at += length;
  }
  return entries;
}

/**
 * The documents of `zipfCorpus(total, seed, contributors)`, the same tokens and entries, generated
 * one at a time: each document's tokens are a fresh array the consumer can drop, as when
 * contributions are fetched and tokenized one by one. `timing.seconds` accumulates the time spent
 * generating tokens (to subtract from the consumer's).
 */
function* zipfDocuments(
  total: number,
  seed: number,
  timing: { seconds: number },
  contributors = 1_000,
): Generator<CorpusContribution> {
  const random = new Random(seed);
  const zipf = new Zipf(random);
  const accounts = Array.from({ length: contributors }, () => random.address());
  // zipfCorpus draws all the tokens, then the lengths and contributors: a second generator starts
  // where the token draws end (the state advances by a constant per draw).
  const lengths = new Random(0);
  lengths.state = (random.state + Math.imul(total, 0x6d2b79f5)) >>> 0;
  for (let at = 0, id = 1n; at < total; id++) {
    const length = Math.min(total - at, 200 + lengths.below(1_801));
    const contributor = accounts[lengths.below(contributors)]!;
    const started = performance.now();
    const tokens = zipf.fill(new Uint32Array(length));
    timing.seconds += (performance.now() - started) / 1000;
    yield {
      datanetId: 1n,
      contributionId: id,
      contributor,
      contentHash: `0x${id.toString(16).padStart(64, "0")}`,
      tokens,
    };
    at += length;
  }
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const rssMB = () => process.memoryUsage().rss / 2 ** 20;
const peakRssMB = () => process.resourceUsage().maxRSS / 1024;
const [mode, ...args] = process.argv.slice(2);

if (mode === "sa") {
  const tokens = Number(args[0]);
  const entries = zipfCorpus(tokens, 1);
  const text = new Int32Array(tokens + entries.length);
  let at = 0;
  for (const { tokens: document } of entries) {
    for (let i = 0; i < document.length; i++) text[at++] = document[i]! - 999; // dense enough: 1…50,000
    text[at++] = 0;
  }
  entries.length = 0; // only the text stays: what the index itself holds
  gc();
  const inputRssMB = rssMB();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const sa = buildSuffixArray(text, VOCABULARY + 1);
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  if (sa.length !== text.length) throw new Error("short suffix array");
  console.log(
    JSON.stringify({
      tokens,
      symbols: text.length,
      seconds,
      tokensPerSecond: tokens / seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      inputRssMB,
      peakRssMB: peakRssMB(),
    }),
  );
} else if (mode === "corpus" || mode === "corpus-array") {
  // corpus: the documents generated one at a time and dropped once buildCorpus has copied them
  // (generation time subtracted); corpus-array: all of them in memory first, as an array.
  const tokens = Number(args[0]);
  const timing = { seconds: 0 };
  const entries = mode === "corpus" ? zipfDocuments(tokens, 1, timing) : zipfCorpus(tokens, 1);
  gc();
  const inputRssMB = rssMB();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const index = buildCorpus(entries, params);
  const seconds = (performance.now() - start) / 1000 - timing.seconds;
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      tokens,
      documents: index.documents.length,
      nearDuplicates: index.nearDuplicates.length,
      seconds,
      generationSeconds: timing.seconds,
      tokensPerSecond: tokens / seconds,
      cpuSeconds: (used.user + used.system) / 1e6 - timing.seconds,
      inputRssMB,
      peakRssMB: peakRssMB(),
      filterMB: (index.filter.length * 4) / 2 ** 20,
    }),
  );
} else if (mode === "same-corpus") {
  // Checks that zipfDocuments yields zipfCorpus's entries (for the bench's own sake).
  const tokens = Number(args[0]);
  const expected = zipfCorpus(tokens, 1);
  let d = 0;
  for (const entry of zipfDocuments(tokens, 1, { seconds: 0 })) {
    const other = expected[d++]!;
    const same =
      entry.contributionId === other.contributionId &&
      entry.contributor === other.contributor &&
      entry.tokens.length === other.tokens.length &&
      entry.tokens.every((token, i) => token === other.tokens[i]);
    if (!same) throw new Error(`document ${d - 1} differs`);
  }
  if (d !== expected.length) throw new Error("document count differs");
  console.log(JSON.stringify({ tokens, documents: d, same: 1 }));
} else if (mode === "query") {
  const tokens = Number(args[0]);
  const count = Number(args[1]);
  const entries = zipfCorpus(tokens, 1);
  const index = buildCorpus(entries, params);
  const random = new Random(2);
  const zipf = new Zipf(random);
  const payers = Array.from({ length: 50 }, () => random.address());
  // Half the outputs echo 1–3 passages of 20–80 tokens of random documents, the rest is fresh text.
  const outputs: PaidOutput[] = [];
  let planted = 0;
  for (let o = 0; o < count; o++) {
    const tokensOut = zipf.fill(new Uint32Array(OUTPUT_TOKENS));
    if (o % 2 === 0) {
      for (let p = 0, passages = 1 + random.below(3); p < passages; p++) {
        const source = entries[random.below(entries.length)]!.tokens;
        const length = 20 + random.below(61);
        const from = random.below(source.length - length);
        tokensOut.set(source.subarray(from, from + length), random.below(OUTPUT_TOKENS - length));
        planted++;
      }
    }
    outputs.push({ requestId: `request-${o}`, payer: payers[random.below(payers.length)]!, tokens: tokensOut });
  }
  gc();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = attributeEpoch({ params, adapters: [{ adapterId: 1n, pool: 10n ** 21n, corpus: index, outputs }] });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const summary = result.adapters[0]!;
  console.log(
    JSON.stringify({
      tokens,
      outputs: count,
      outputTokens: OUTPUT_TOKENS,
      plantedPassages: planted,
      creditedOutputs: summary.creditedOutputs,
      seconds,
      outputsPerSecond: count / seconds,
      millisecondsPerOutput: (1000 * seconds) / count,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakRssMB: peakRssMB(),
    }),
  );
} else if (mode === "planted") {
  console.log(JSON.stringify(planted()));
} else {
  throw new Error(
    "usage: attribution-run.ts sa <tokens> | corpus <tokens> | corpus-array <tokens> | same-corpus <tokens> | query <tokens> <outputs> | planted",
  );
}

/**
 * The planted benchmark. Corpus: 2,000 Zipf documents (200–2,000 tokens) by 200 contributors;
 * 20 boilerplate phrases (12–30 tokens) each pasted intact into 100–200 documents (common: more
 * than commonDocuments holders), at most 2 per document; 150 near-duplicates (copies of random documents with 2% of tokens
 * changed, by 50 other accounts, with later ids). Outputs: 1,000 of 450 tokens: Zipf filler with
 * 1–4 passages of 16–64 tokens copied from random original documents (half of them ones that have
 * a near-duplicate) and, in a third of them, a boilerplate phrase. True sources: the documents the
 * passages came from.
 */
function planted() {
  const random = new Random(3);
  const zipf = new Zipf(random);
  const contributors = Array.from({ length: 200 }, () => random.address());
  const copiers = Array.from({ length: 50 }, () => random.address());
  const payers = Array.from({ length: 30 }, () => random.address());
  const phrases = Array.from({ length: 20 }, () => zipf.fill(new Uint32Array(12 + random.below(19))));
  const originals: CorpusContribution[] = [];
  for (let d = 0; d < 2_000; d++) {
    const tokens = zipf.fill(new Uint32Array(200 + random.below(1_801)));
    originals.push({
      datanetId: 1n,
      contributionId: BigInt(d + 1),
      contributor: contributors[random.below(contributors.length)]!,
      contentHash: `0x${(d + 1).toString(16).padStart(64, "0")}`,
      tokens,
    });
  }
  // Each phrase intact in 100–200 distinct documents, at most 2 phrases per document, in its own
  // 32-token slot (the first or the last), so pastes never overlap.
  const pasted = new Uint8Array(originals.length);
  for (const phrase of phrases) {
    for (let c = 0, copies = 100 + random.below(101); c < copies;) {
      const d = random.below(originals.length);
      if (pasted[d]! >= 2) continue;
      const { tokens } = originals[d]!;
      tokens.set(phrase, pasted[d] === 0 ? 0 : tokens.length - 32);
      pasted[d]!++;
      c++;
    }
  }
  const copied = new Set<number>();
  const duplicates: CorpusContribution[] = [];
  for (let c = 0; c < 150; c++) {
    const d = random.below(originals.length);
    copied.add(d);
    const tokens = originals[d]!.tokens.slice();
    for (let i = 0; i < tokens.length; i++) if (random.below(50) === 0) tokens[i] = zipf.token();
    duplicates.push({
      datanetId: 2n,
      contributionId: BigInt(c + 1),
      contributor: copiers[random.below(copiers.length)]!,
      contentHash: `0x${(100_000 + c).toString(16).padStart(64, "0")}`,
      tokens,
    });
  }
  const corpus = [...originals, ...duplicates];
  const started = performance.now();
  const index = buildCorpus(corpus, params);
  const indexSeconds = (performance.now() - started) / 1000;

  const copiedList = [...copied];
  const truth = new Map<string, Set<string>>(); // requestId → true source contributions "datanet:id"
  const outputs: PaidOutput[] = [];
  for (let o = 0; o < 1_000; o++) {
    const tokens = zipf.fill(new Uint32Array(OUTPUT_TOKENS));
    const sources = new Set<string>();
    const passages = 1 + random.below(4);
    const slot = Math.floor(OUTPUT_TOKENS / (passages + 1));
    for (let p = 0; p < passages; p++) {
      const d = p % 2 === 0 ? copiedList[random.below(copiedList.length)]! : random.below(originals.length);
      const source = originals[d]!;
      const length = 16 + random.below(Math.min(49, slot - 16));
      const from = random.below(source.tokens.length - length);
      tokens.set(source.tokens.subarray(from, from + length), p * slot + random.below(slot - length));
      sources.add(`${source.datanetId}:${source.contributionId}`);
    }
    if (o % 3 === 0) {
      const phrase = phrases[random.below(phrases.length)]!;
      tokens.set(phrase, passages * slot + random.below(OUTPUT_TOKENS - passages * slot - phrase.length));
    }
    const requestId = `planted-${o}`;
    truth.set(requestId, sources);
    outputs.push({ requestId, payer: payers[random.below(payers.length)]!, tokens });
  }
  const pool = 10n ** 21n;
  const result = attributeEpoch({ params, adapters: [{ adapterId: 1n, pool, corpus: index, outputs }] });

  // Credit shares, per contribution: span credit = creditPerDocument per holding contribution.
  let creditTotal = 0n;
  let creditTrue = 0n;
  let spanAmount = 0n;
  let spanAmountTrue = 0n;
  const sourceOwners = new Map<string, string>();
  for (const entry of corpus) sourceOwners.set(`${entry.datanetId}:${entry.contributionId}`, entry.contributor);
  for (const explanation of result.explanations) {
    for (const output of explanation.outputs) {
      const sources = truth.get(output.requestId)!;
      const trueAccounts = new Set([...sources].map((key) => sourceOwners.get(key)!.toLowerCase()));
      spanAmount += output.amount;
      if (trueAccounts.has(explanation.account.toLowerCase())) spanAmountTrue += output.amount;
      for (const span of output.spans) {
        for (const { datanetId, contributionId } of span.contributions) {
          const credit = BigInt(span.creditPerDocument);
          creditTotal += credit;
          if (sources.has(`${datanetId}:${contributionId}`)) creditTrue += credit;
        }
      }
    }
  }
  const copierSet = new Set(copiers.map((a) => a.toLowerCase()));
  const contributorSet = new Set(contributors.map((a) => a.toLowerCase()));
  let toCopiers = 0n;
  for (const [account, amount] of result.rewards) {
    if (copierSet.has(account.toLowerCase()) && !contributorSet.has(account.toLowerCase())) toCopiers += amount;
  }
  const detected = new Set(index.nearDuplicates.map((d) => `${d.datanetId}:${d.contributionId}`));
  const plantedDuplicates = duplicates.filter((d) => detected.has(`${d.datanetId}:${d.contributionId}`)).length;
  const share = (part: bigint, whole: bigint) => (whole === 0n ? 0 : Number((part * 1_000_000n) / whole) / 1_000_000);
  const summary = result.adapters[0]!;
  return {
    documents: corpus.length,
    corpusTokens: corpus.reduce((sum, entry) => sum + entry.tokens.length, 0),
    indexSeconds,
    outputs: outputs.length,
    creditedOutputs: summary.creditedOutputs,
    trueSourceShare: share(creditTrue, creditTotal),
    trueSourceAmountShare: share(spanAmountTrue, spanAmount),
    nearDuplicateShare: share(toCopiers, pool),
    spanShareOfPool: share(summary.spanAmount, pool),
    fallbackShareOfPool: share(summary.fallbackAmount, pool),
    nearDuplicatesPlanted: duplicates.length,
    nearDuplicatesDetected: plantedDuplicates,
    nearDuplicatesFalsePositive: index.nearDuplicates.length - plantedDuplicates,
  };
}
