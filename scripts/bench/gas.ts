// `npm run bench:gas`: gas of whole transactions (receipt gasUsed) on the in-process chain, for
// the distributor (distributor.ts) and the Datanet registry and usage ledger (economy.ts). Prints
// a table against the issues' targets and writes reports/gas.json; see README "Gas".
import { mkdir, writeFile } from "node:fs/promises";

import { network } from "hardhat";

import { measureDistributor } from "./distributor.js";
import { measureEconomy } from "./economy.js";

/** Targets of issues #3 and #4, with the best public peers measured in the same condition. */
const REFERENCE: Record<string, { target: number; peers: string }> = {
  "claim.first.1k": { target: 87_800, peers: "Uniswap MerkleDistributor 88,005; 1inch 88,788; Morpho URD 91,111" },
  "claim.repeat.1k": { target: 54_600, peers: "1inch CumulativeMerkleDrop 54,614; Morpho URD 56,933" },
  "epoch.proposeAccept": { target: 90_000, peers: "Morpho URD submitRoot + acceptRoot 135,877" },
  "contribute.single": { target: 95_000, peers: "issue #4 target (OPEN stake pulled)" },
  "contribute.after10k": { target: 95_000, peers: "must equal contribute.single: O(1)" },
  "contribute.batch100.perItem": { target: 30_000, peers: "floor: one fresh slot, 22,100" },
};

const connection = await network.create();
console.log("measuring the distributor…");
const gas = await measureDistributor(connection);
console.log("measuring Datanets and usage fees (OPEN)…");
Object.assign(gas, await measureEconomy(connection));

await mkdir("reports", { recursive: true });
await writeFile("reports/gas.json", JSON.stringify(gas, null, 2) + "\n");
console.table(
  Object.entries(gas).map(([key, value]) => {
    const reference = REFERENCE[key];
    const verdict = reference === undefined ? "" : value <= reference.target ? "within target" : "ABOVE TARGET";
    return { key, gas: value, target: reference?.target ?? "", verdict, peers: reference?.peers ?? "" };
  }),
);
console.log("wrote reports/gas.json");
