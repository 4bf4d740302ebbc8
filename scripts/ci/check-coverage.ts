// Fails when line coverage of contracts/ (mocks excluded), as a whole or of any one file, is below
// the minimum, reading the lcov report `hardhat test --coverage` writes. Usage: node scripts/ci/check-coverage.ts [minPercent]
import { readFileSync } from "node:fs";

const minimum = Number(process.argv[2] ?? 95);
const lcov = readFileSync("coverage/lcov.info", "utf8");

let found = 0;
let hit = 0;
const rows: string[] = [];
const below: string[] = [];
for (const record of lcov.split("end_of_record")) {
  const file = /^SF:(.*)$/m.exec(record)?.[1];
  if (file === undefined || !file.includes("contracts/") || file.includes("contracts/mocks/")) continue;
  const lines = [...record.matchAll(/^DA:\d+,(\d+)/gm)].map((m) => Number(m[1]));
  const covered = lines.filter((count) => count > 0).length;
  found += lines.length;
  hit += covered;
  const name = file.slice(file.indexOf("contracts/"));
  rows.push(`  ${name}: ${covered}/${lines.length} lines`);
  if (lines.length > 0 && (100 * covered) / lines.length < minimum) below.push(name);
}
if (found === 0) {
  console.error("check-coverage: no contracts/ lines in coverage/lcov.info; run `npm run coverage` first.");
  process.exit(1);
}
const percent = (100 * hit) / found;
console.log(`Line coverage of contracts/ (mocks excluded): ${percent.toFixed(2)}% (${hit}/${found} lines)`);
console.log(rows.join("\n"));
if (percent < minimum) {
  console.error(`check-coverage: ${percent.toFixed(2)}% is below the required ${minimum}%.`);
  process.exit(1);
}
if (below.length > 0) {
  console.error(`check-coverage: below ${minimum}% of lines: ${below.join(", ")}.`);
  process.exit(1);
}
