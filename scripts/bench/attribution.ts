// `npm run bench:attribution`: the span-match attribution method (oracle/src/attribution) on
// synthetic Zipf corpora, each measurement in a fresh process (attribution-run.ts) so that peak
// RSS is its own. Measures, against issue #6's targets:
// - index.<tokens>: suffix-array build (SA-IS) of the corpus text at 1M, 10M and 50M tokens:
//   tokensPerSecond, peakRssMB, bytesPerToken (peak RSS / tokens); and the whole corpus index
//   (buildCorpus: remap, suffix array, near-duplicate pass, k-gram filter) fed by a generator that
//   yields one document's fresh token array at a time, dropped once copied (the realistic pipeline:
//   contributions fetched and tokenized one by one): corpusTokensPerSecond, corpusPeakRssMB; and
//   from an array of all the documents held by the caller: corpusArraySeconds, corpusArrayPeakRssMB;
// - query: 450-token outputs fully attributed (attributeEpoch: spans, credit, split) against the
//   10M-token index: outputsPerSecond;
// - planted: accuracy with planted sources, boilerplate and near-duplicates: trueSourceShare,
//   nearDuplicateShare (and more).
// Prints a table and writes reports/attribution.json. `--quick` measures 1M and 10M only.
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { load, round, waitForQuietMachine } from "./machine.ts";

const QUICK = process.argv.includes("--quick");
const SIZES = QUICK ? [1_000_000, 10_000_000] : [1_000_000, 10_000_000, 50_000_000];
const QUERY = { tokens: 10_000_000, outputs: 5_000 };
/** Issue #6's targets. */
const TARGET = {
  tokensPerSecondAt10M: 5_000_000,
  bytesPerTokenAt50M: 16,
  outputsPerSecond: 2_000,
  trueSourceShare: 0.95,
  nearDuplicateShare: 0,
};

type Json = Record<string, number>;
const node = fileURLToPath(new URL("../../node_modules/.bin/node", import.meta.url));
const runner = fileURLToPath(new URL("./attribution-run.ts", import.meta.url));

async function run(...args: string[]): Promise<Json> {
  const { stdout } = await promisify(execFile)(node, ["--expose-gc", "--no-warnings", runner, ...args], {
    maxBuffer: 1 << 20,
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Json;
}

async function measure(label: string, ...args: string[]): Promise<Json & { idleBefore?: number }> {
  process.stdout.write(`${label}… `);
  const idleBefore = await waitForQuietMachine();
  const result = await run(...args);
  const idle = idleBefore === undefined ? "" : `, machine ${Math.round(100 * idleBefore)}% idle before`;
  console.log(`done (load average ${load()}${idle})`);
  return idleBefore === undefined ? result : { ...result, idleBefore };
}

console.log(`${availableParallelism()} cores; each run in a fresh process (Node ${process.version}); load ${load()}`);
const index: Record<string, Json> = {};
for (const tokens of SIZES) {
  const sa = await measure(`suffix array, ${tokens.toLocaleString("en")} tokens`, "sa", String(tokens));
  const corpus = await measure(`corpus index, ${tokens.toLocaleString("en")} tokens`, "corpus", String(tokens));
  const corpusArray = await measure(
    `corpus index from an array, ${tokens.toLocaleString("en")} tokens`,
    "corpus-array",
    String(tokens),
  );
  index[tokens] = {
    seconds: round(sa.seconds!, 3),
    tokensPerSecond: Math.round(sa.tokensPerSecond!),
    peakRssMB: round(sa.peakRssMB!, 1),
    bytesPerToken: round((sa.peakRssMB! * 2 ** 20) / tokens, 2),
    corpusSeconds: round(corpus.seconds!, 3),
    corpusTokensPerSecond: Math.round(corpus.tokensPerSecond!),
    corpusPeakRssMB: round(corpus.peakRssMB!, 1),
    corpusBytesPerToken: round((corpus.peakRssMB! * 2 ** 20) / tokens, 2),
    corpusArraySeconds: round(corpusArray.seconds!, 3),
    corpusArrayPeakRssMB: round(corpusArray.peakRssMB!, 1),
    corpusArrayBytesPerToken: round((corpusArray.peakRssMB! * 2 ** 20) / tokens, 2),
    ...(sa.idleBefore === undefined ? {} : { idleBefore: round(sa.idleBefore, 2) }),
  };
}
const queryRun = await measure(
  `query, ${QUERY.outputs} outputs of 450 tokens vs ${QUERY.tokens.toLocaleString("en")} tokens`,
  "query",
  String(QUERY.tokens),
  String(QUERY.outputs),
);
const query = {
  corpusTokens: QUERY.tokens,
  outputs: QUERY.outputs,
  outputTokens: queryRun.outputTokens!,
  creditedOutputs: queryRun.creditedOutputs!,
  outputsPerSecond: Math.round(queryRun.outputsPerSecond!),
  millisecondsPerOutput: round(queryRun.millisecondsPerOutput!, 4),
};
const planted = await measure("planted benchmark", "planted");

const report = { index, query, planted, machine: { cores: availableParallelism(), node: process.version } };
console.table(
  Object.entries(index).map(([tokens, entry]) => ({
    tokens: Number(tokens).toLocaleString("en"),
    "SA s": entry.seconds,
    "SA tokens/s": entry.tokensPerSecond!.toLocaleString("en"),
    "SA peak RSS MB": entry.peakRssMB,
    "SA B/token": entry.bytesPerToken,
    "corpus s": entry.corpusSeconds,
    "corpus peak RSS MB": entry.corpusPeakRssMB,
    "corpus B/token": entry.corpusBytesPerToken,
    "from array s": entry.corpusArraySeconds,
    "from array B/token": entry.corpusArrayBytesPerToken,
  })),
);
console.table([
  {
    measure: "outputs/s (450 tokens, 10M corpus)",
    value: query.outputsPerSecond,
    target: `≥ ${TARGET.outputsPerSecond}`,
  },
  { measure: "planted: true-source share", value: planted.trueSourceShare, target: `≥ ${TARGET.trueSourceShare}` },
  {
    measure: "planted: near-duplicate share",
    value: planted.nearDuplicateShare,
    target: `= ${TARGET.nearDuplicateShare}`,
  },
  {
    measure: "planted: near-duplicates detected",
    value: `${planted.nearDuplicatesDetected}/${planted.nearDuplicatesPlanted}`,
    target: "all",
  },
]);
const at10M = index[10_000_000]!;
const at50M = index[50_000_000];
const verdict = (ok: boolean) => (ok ? "met" : "NOT MET");
console.log(
  `targets: SA ≥ 5M tokens/s at 10M: ${at10M.tokensPerSecond!.toLocaleString("en")} — ${verdict(at10M.tokensPerSecond! >= TARGET.tokensPerSecondAt10M)}; ` +
    (at50M === undefined
      ? "50M not measured (--quick); "
      : `≤ 16 B/token peak at 50M: SA ${at50M.bytesPerToken}, corpus ${at50M.corpusBytesPerToken} — ${verdict(at50M.bytesPerToken! <= TARGET.bytesPerTokenAt50M)} (SA), ${verdict(at50M.corpusBytesPerToken! <= TARGET.bytesPerTokenAt50M)} (corpus); `) +
    `≥ 2,000 outputs/s: ${verdict(query.outputsPerSecond >= TARGET.outputsPerSecond)}; ` +
    `true sources ≥ 95%: ${verdict(planted.trueSourceShare! >= TARGET.trueSourceShare)}; ` +
    `near-duplicates 0: ${verdict(planted.nearDuplicateShare === 0)}`,
);
await mkdir("reports", { recursive: true });
await writeFile("reports/attribution.json", JSON.stringify(report, null, 2) + "\n");
console.log("wrote reports/attribution.json");
