// One measurement of `npm run bench:merkle` (merkle.ts), in a fresh process so that peak RSS is
// this run's alone: `node --expose-gc --import tsx scripts/bench/merkle-run.ts <builder> <leaves>`.
// Builds the same reward leaves with one builder, then produces every leaf's proof as hex strings,
// and prints one JSON line: { buildSeconds, buildAndProofsSeconds, peakRssMB, inputRssMB, cpuSeconds, root }
// (cpuSeconds: CPU time of all threads over the timed part).
import { keccak_256 } from "@noble/hashes/sha3.js";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { MerkleTree } from "merkletreejs";

import {
  checksumAddress,
  encodeLeaves,
  loadKeccak,
  parseLeafEncoding,
  REWARD_LEAF_TYPES,
  type RewardLeafValues,
  StandardTree,
} from "../../sdk/src/merkle/index.js";
import { createWorkerExecutor } from "../../sdk/src/merkle/node.js";

const [builder, leavesArg] = process.argv.slice(2);
const count = Number(leavesArg);
if (!["ours", "openzeppelin", "merkletreejs"].includes(builder ?? "") || !Number.isInteger(count) || count < 1) {
  throw new Error("usage: merkle-run.ts <ours|openzeppelin|merkletreejs> <leaves>");
}

const values = await rewardValues(count);
const types = [...REWARD_LEAF_TYPES];
(globalThis as { gc?: () => void }).gc?.(); // start every builder from the same clean heap
const inputRssMB = process.memoryUsage().rss / 2 ** 20;

const startCpu = process.cpuUsage();
const start = performance.now();
let built = start;
let root: string;
let proofNodes = 0; // every proof is consumed, so none can be skipped

if (builder === "ours") {
  // Worker start-up is inside the timing: a one-off tree pays it.
  const executor = await createWorkerExecutor();
  const tree = await StandardTree.of(values, types, { executor });
  built = performance.now();
  root = tree.root;
  for (const [, proof] of tree.proofs()) proofNodes += proof.length;
  await executor.close();
} else if (builder === "openzeppelin") {
  const tree = StandardMerkleTree.of(values, types);
  built = performance.now();
  root = tree.root;
  for (let i = 0; i < count; i++) proofNodes += tree.getProof(i).length;
} else {
  // merkletreejs does not encode leaves. It gets OpenZeppelin's leaf, keccak256(keccak256(abi.encode(v))),
  // with the abi.encode bytes from our encoder (the same bytes as ethers' AbiCoder, which alone takes
  // ~75 s for 1M values here) and @noble/hashes' JS Keccak, then pair-sorts like OpenZeppelin. Its
  // tree keeps leaves in input order and promotes odd nodes, so its root differs from OpenZeppelin's.
  const hash = (data: Uint8Array) => Buffer.from(keccak_256(data));
  const encoding = parseLeafEncoding(types, { checksums: false }); // like the peers, letter case is ignored
  const encoded = new Uint8Array(count * encoding.bytesPerLeaf);
  const checks = { entries: new Uint32Array(0), length: 0 };
  encodeLeaves(encoding, values, 0, count, encoded, 0, checks);
  const leaves = Array.from({ length: count }, (_, i) =>
    hash(hash(encoded.subarray(i * encoding.bytesPerLeaf, (i + 1) * encoding.bytesPerLeaf))),
  );
  const tree = new MerkleTree(leaves, hash, { sortPairs: true });
  built = performance.now();
  root = tree.getHexRoot();
  for (let i = 0; i < count; i++) proofNodes += tree.getHexProof(leaves[i]!, i).length;
}
const end = performance.now();
const cpu = process.cpuUsage(startCpu);

if (proofNodes < count - 1) throw new Error("proofs are missing");
console.log(
  JSON.stringify({
    buildSeconds: (built - start) / 1000,
    buildAndProofsSeconds: (end - start) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    inputRssMB,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    root,
  }),
);

/**
 * `count` reward leaves for one distributor: distinct checksummed accounts (a seeded xorshift
 * stream with the index in the last 4 bytes) and distinct, non-round amounts.
 */
async function rewardValues(n: number): Promise<RewardLeafValues[]> {
  const { core } = await loadKeccak();
  let state = 0x5eed1234;
  const word = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0).toString(16).padStart(8, "0");
  };
  const checksummed = (hex: string) => checksumAddress(core, `0x${hex}`)!;
  const distributor = checksummed("5fbdb2315678afecb367f032d93f642f64180aa3");
  const out: RewardLeafValues[] = [];
  for (let i = 0; i < n; i++) {
    const account = checksummed(word() + word() + word() + word() + i.toString(16).padStart(8, "0"));
    out.push([31337n, distributor, account, 10n ** 15n * BigInt(i + 1) + BigInt(`0x${word()}`)]);
  }
  return out;
}
