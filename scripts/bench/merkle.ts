// `npm run bench:merkle`: our Merkle builder (sdk/src/merkle) against @openzeppelin/merkle-tree
// and merkletreejs on the same reward leaves (10k, 100k, 1M): build time, build + every proof,
// and peak RSS, each (builder, size) in a fresh process (merkle-run.ts). Prints a table against
// issue #5's target and writes reports/merkle.json:
// { "<builder>": { "<leaves>": { buildSeconds, buildAndProofsSeconds, peakRssMB } } }.
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { load, round, waitForQuietMachine } from "./machine.js";

const SIZES = [10_000, 100_000, 1_000_000];
const BUILDERS = ["ours", "openzeppelin", "merkletreejs"] as const;
/** OpenZeppelin needs ~7 minutes for 1M leaves and every proof: measured up to 100k, extrapolated above. */
const OPENZEPPELIN_MAX_MEASURED = 100_000;
/** Issue #5: build + all proofs of 1M leaves in ≤ 3 s at ≤ 1 GB peak RSS. */
const TARGET = { leaves: 1_000_000, seconds: 3, rssMB: 1024 };

type Builder = (typeof BUILDERS)[number];
type Run = { buildSeconds: number; buildAndProofsSeconds: number; peakRssMB: number };
type Entry = Run & { extrapolated?: true; method?: string };
type Measured = Run & { inputRssMB: number; cpuSeconds: number; root: string; idleBefore?: number };

const node = fileURLToPath(new URL("../../node_modules/.bin/node", import.meta.url));
const runner = fileURLToPath(new URL("./merkle-run.ts", import.meta.url));

async function measure(builder: Builder, leaves: number): Promise<Measured> {
  const { stdout } = await promisify(execFile)(
    node,
    ["--expose-gc", "--import", "tsx", runner, builder, String(leaves)],
    { maxBuffer: 1 << 20, env: { ...process.env, NODE_OPTIONS: "" } },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Measured;
}

const report: Record<Builder, Record<string, Entry>> = { ours: {}, openzeppelin: {}, merkletreejs: {} };
const measured: Partial<Record<Builder, Record<number, Measured>>> = {};
const rows: Record<string, string | number>[] = [];

console.log(`${availableParallelism()} cores; each run in a fresh process (Node ${process.version}); load ${load()}`);
for (const leaves of SIZES) {
  for (const builder of BUILDERS) {
    if (builder === "openzeppelin" && leaves > OPENZEPPELIN_MAX_MEASURED) continue;
    process.stdout.write(`${builder} ${leaves.toLocaleString("en")} leaves… `);
    const idleBefore = await waitForQuietMachine();
    const run = { ...(await measure(builder, leaves)), idleBefore };
    const idle = idleBefore === undefined ? "" : `, machine ${Math.round(100 * idleBefore)}% idle before`;
    console.log(`${run.buildAndProofsSeconds.toFixed(2)} s (load average ${load()}${idle})`);
    (measured[builder] ??= {})[leaves] = run;
    report[builder][leaves] = {
      buildSeconds: round(run.buildSeconds, 3),
      buildAndProofsSeconds: round(run.buildAndProofsSeconds, 3),
      peakRssMB: round(run.peakRssMB, 1),
    };
  }
  const ours = measured.ours?.[leaves];
  const openzeppelin = measured.openzeppelin?.[leaves];
  if (ours !== undefined && openzeppelin !== undefined && ours.root !== openzeppelin.root) {
    throw new Error(`our root differs from OpenZeppelin's at ${leaves} leaves: ${ours.root} vs ${openzeppelin.root}`);
  }
}

// OpenZeppelin above 100k: time ∝ n·log2 n from the largest measured size (sorting and proofs
// are n·log n; hashing is n), RSS on the line through the two measured sizes.
const [small, large] = [10_000, OPENZEPPELIN_MAX_MEASURED].map((n) => measured.openzeppelin![n]!) as [
  Measured,
  Measured,
];
for (const leaves of SIZES.filter((n) => n > OPENZEPPELIN_MAX_MEASURED)) {
  const scale = (leaves * Math.log2(leaves)) / (OPENZEPPELIN_MAX_MEASURED * Math.log2(OPENZEPPELIN_MAX_MEASURED));
  const slope = (large.peakRssMB - small.peakRssMB) / (OPENZEPPELIN_MAX_MEASURED - 10_000);
  report.openzeppelin[leaves] = {
    buildSeconds: round(large.buildSeconds * scale, 1),
    buildAndProofsSeconds: round(large.buildAndProofsSeconds * scale, 1),
    peakRssMB: round(large.peakRssMB + slope * (leaves - OPENZEPPELIN_MAX_MEASURED), 0),
    extrapolated: true,
    method: "not run: time scaled by n·log2(n) from 100,000 leaves, RSS linear through 10,000 and 100,000",
  };
}

for (const leaves of SIZES) {
  for (const builder of BUILDERS) {
    const entry = report[builder][leaves]!;
    const run = measured[builder]?.[leaves];
    rows.push({
      builder,
      leaves: leaves.toLocaleString("en"),
      "build s": entry.buildSeconds,
      "build + all proofs s": entry.buildAndProofsSeconds,
      "CPU s (all threads)": run === undefined ? "" : round(run.cpuSeconds, 2),
      "peak RSS MB": entry.peakRssMB,
      "input RSS MB": run === undefined ? "" : round(run.inputRssMB, 0),
      "idle before %": run?.idleBefore === undefined ? "" : Math.round(100 * run.idleBefore),
      note:
        entry.extrapolated === true
          ? "EXTRAPOLATED (not run)"
          : builder === "merkletreejs"
            ? "other layout, other root"
            : "",
    });
  }
}
console.table(rows);

const ours = report.ours[TARGET.leaves]!;
const met = ours.buildAndProofsSeconds <= TARGET.seconds && ours.peakRssMB <= TARGET.rssMB;
console.log(
  `target (1M leaves, build + all proofs ≤ ${TARGET.seconds} s, peak RSS ≤ ${TARGET.rssMB} MB): ` +
    `${ours.buildAndProofsSeconds} s, ${ours.peakRssMB} MB — ${met ? "met" : "NOT MET"}`,
);
console.log("roots: ours equals OpenZeppelin's at every measured size");

await mkdir("reports", { recursive: true });
await writeFile("reports/merkle.json", JSON.stringify(report, null, 2) + "\n");
console.log("wrote reports/merkle.json");
