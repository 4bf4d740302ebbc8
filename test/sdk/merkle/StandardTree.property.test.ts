// Property tests of StandardTree against @openzeppelin/merkle-tree's StandardMerkleTree on random
// trees of 1 to 1,024 leaves (seeded): same root, leaf order and proofs; every proof verifies;
// every mutated proof fails.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";

import { type Hex, StandardTree } from "../../../sdk/src/merkle/index.js";
import { ENCODINGS, Random, toJson } from "./fixtures.js";

/** 1, 2, 3, every power of two up to 1,024 and its neighbours, and random sizes. */
function sizes(random: Random): number[] {
  const edges = [1, 2, 3];
  for (let p = 4; p <= 1024; p *= 2) edges.push(p - 1, p, p + 1);
  const randomSizes = Array.from({ length: 12 }, () => 1 + random.below(1024));
  return [...new Set([...edges, ...randomSizes])].filter((n) => n <= 1024).sort((a, b) => a - b);
}

/** A proof altered in every way a forger might try, each of which must not verify. */
function mutations(random: Random, proof: Hex[], otherNode: Hex): { how: string; proof: Hex[] }[] {
  const out: { how: string; proof: Hex[] }[] = [{ how: "append a node", proof: [...proof, otherNode] }];
  if (proof.length > 0) {
    const at = random.below(proof.length);
    const byte = random.below(32);
    const flipped = [...proof];
    const digits = flipped[at]!.slice(2);
    const flippedByte = (parseInt(digits.slice(2 * byte, 2 * byte + 2), 16) ^ (1 + random.below(255)))
      .toString(16)
      .padStart(2, "0");
    flipped[at] = `0x${digits.slice(0, 2 * byte)}${flippedByte}${digits.slice(2 * byte + 2)}`;
    out.push({ how: `flip byte ${byte} of node ${at}`, proof: flipped });
    out.push({ how: "drop the last node", proof: proof.slice(0, -1) });
    out.push({ how: "drop the first node", proof: proof.slice(1) });
    const replaced = [...proof];
    replaced[at] = otherNode;
    if (otherNode !== proof[at]) out.push({ how: `replace node ${at}`, proof: replaced });
  }
  if (proof.length > 1) {
    const at = random.below(proof.length - 1);
    if (proof[at] !== proof[at + 1]) {
      const swapped = [...proof];
      [swapped[at], swapped[at + 1]] = [swapped[at + 1]!, swapped[at]!];
      out.push({ how: `swap nodes ${at} and ${at + 1}`, proof: swapped });
    }
  }
  return out;
}

describe("StandardTree (property: equals @openzeppelin/merkle-tree)", function () {
  this.timeout(300_000);

  for (const [e, encoding] of ENCODINGS.entries()) {
    it(`gives OpenZeppelin's root, leaf order and proofs for ${encoding.name}, 1 to 1,024 leaves`, async () => {
      const random = new Random(0x5eed + e);
      let checkedProofs = 0;
      for (const n of sizes(random)) {
        const values = Array.from({ length: n }, () => encoding.value(random));
        const oz = StandardMerkleTree.of(values, encoding.types);
        const ours = await StandardTree.of(values, encoding.types);

        expect(ours.root, `root of ${n}`).to.equal(oz.root);
        expect(ours.length).to.equal(n);
        expect([...ours.entries()]).to.deep.equal([...oz.entries()]);
        const ozDump = oz.dump();
        const all = ours.getAllProofs();
        const streamed = new Map(ours.proofs()); // in leaf order, keyed by value index
        expect(streamed.size).to.equal(n);
        for (let i = 0; i < n; i++) {
          expect(ours.treeIndexOf(i)).to.equal(ozDump.values[i]!.treeIndex);
          const proof = oz.getProof(i);
          expect(ours.getProof(i), `proof ${i} of ${n}`).to.deep.equal(proof);
          expect(all[i]).to.deep.equal(proof);
          expect(streamed.get(i)).to.deep.equal(proof);
          expect(ours.verify(i, proof)).to.equal(true);
          expect(ours.verify(values[i]!, proof)).to.equal(true);
          expect(ours.leafHash(values[i]!)).to.equal(oz.leafHash(values[i]!));
          checkedProofs++;
        }
        // The static verify, on a sample (it re-parses the encoding each call).
        for (const i of [0, n - 1, random.below(n)]) {
          expect(await StandardTree.verify(ours.root, encoding.types, values[i]!, all[i]!)).to.equal(true);
          expect(StandardMerkleTree.verify(oz.root, encoding.types, values[i]!, all[i]!)).to.equal(true);
        }
      }
      expect(checkedProofs).to.be.greaterThan(5_000);
    });
  }

  it("refuses every mutated proof, and the proof of another leaf", async () => {
    const random = new Random(0xbad);
    const encoding = ENCODINGS[0]!;
    let refused = 0;
    for (const n of sizes(random)) {
      const values = Array.from({ length: n }, () => encoding.value(random));
      const tree = await StandardTree.of(values, encoding.types);
      const proofs = tree.getAllProofs();
      for (let i = 0; i < n; i++) {
        const otherNode = random.hex(32) as Hex;
        for (const { how, proof } of mutations(random, proofs[i]!, otherNode)) {
          expect(tree.verify(i, proof), `${how}, leaf ${i} of ${n}`).to.equal(false);
          expect(await StandardTree.verify(tree.root, encoding.types, values[i]!, proof)).to.equal(false);
          refused++;
        }
        if (n > 1) {
          const j = (i + 1 + random.below(n - 1)) % n; // another leaf (distinct values: distinct leaves)
          expect(tree.verify(i, proofs[j]!), `proof of ${j} for leaf ${i} of ${n}`).to.equal(false);
          refused++;
        }
        // The right proof under another root.
        expect(await StandardTree.verify(otherNode, encoding.types, values[i]!, proofs[i]!)).to.equal(false);
      }
    }
    expect(refused).to.be.greaterThan(30_000);
  });

  it("keeps input order with sortLeaves: false, as OpenZeppelin", async () => {
    const random = new Random(7);
    const encoding = ENCODINGS[2]!;
    for (const n of [1, 2, 3, 5, 16, 100, 257]) {
      const values = Array.from({ length: n }, () => encoding.value(random));
      const oz = StandardMerkleTree.of(values, encoding.types, { sortLeaves: false });
      const ours = await StandardTree.of(values, encoding.types, { sortLeaves: false });
      expect(ours.root).to.equal(oz.root);
      expect(toJson(ours.dump())).to.equal(toJson(oz.dump()));
      for (let i = 0; i < n; i++) expect(ours.getProof(i)).to.deep.equal(oz.getProof(i));
    }
  });

  it("handles duplicate values as OpenZeppelin: one leaf each, lookup finds the last", async () => {
    const random = new Random(11);
    const encoding = ENCODINGS[0]!;
    for (const n of [2, 3, 10, 64]) {
      const distinct = Array.from({ length: n }, () => encoding.value(random));
      const values = [...distinct, ...distinct.slice(0, Math.ceil(n / 2)), distinct[0]!];
      const oz = StandardMerkleTree.of(values, encoding.types);
      const ours = await StandardTree.of(values, encoding.types);
      expect(ours.root).to.equal(oz.root);
      expect(ours.dump().values).to.deep.equal(oz.dump().values);
      for (let i = 0; i < values.length; i++) {
        expect(ours.getProof(i)).to.deep.equal(oz.getProof(i));
        expect(ours.leafLookup(values[i]!)).to.equal(oz.leafLookup(values[i]!));
        expect(ours.getProof(values[i]!)).to.deep.equal(oz.getProof(values[i]!));
      }
    }
  });

  it("finds a proof by value, as OpenZeppelin's getProof(value)", async () => {
    const random = new Random(3);
    const encoding = ENCODINGS[1]!;
    const values = Array.from({ length: 333 }, () => encoding.value(random));
    const oz = StandardMerkleTree.of(values, encoding.types);
    const ours = await StandardTree.of(values, encoding.types);
    for (const i of [0, 1, 100, 332]) {
      expect(ours.leafLookup(values[i]!)).to.equal(i);
      expect(ours.getProof(values[i]!)).to.deep.equal(oz.getProof(values[i]!));
      expect(ours.at(i)).to.equal(values[i]);
    }
  });
});
