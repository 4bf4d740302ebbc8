// dump()/load() compatibility with @openzeppelin/merkle-tree both ways, and refusal of tampered dumps.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";

import { SdkError } from "../../../sdk/src/errors/base.js";
import {
  MerkleInvalidDumpError,
  MerkleUnsupportedTypeError,
  StandardTree,
  type StandardTreeDump,
} from "../../../sdk/src/merkle/index.js";
import { ENCODINGS, Random, toJson } from "./fixtures.js";

type Dump = StandardTreeDump<unknown[]>;

/** A published tree file of `n` random leaves, as OpenZeppelin writes it. */
function ozFile(n: number, seed: number, encoding = ENCODINGS[0]!): string {
  const random = new Random(seed);
  const values = Array.from({ length: n }, () => encoding.value(random));
  return toJson(StandardMerkleTree.of(values, encoding.types).dump());
}

/** Expects `load` to refuse the dump with MerkleInvalidDumpError mentioning `problem`. */
async function expectRefused(dump: unknown, problem: string | RegExp) {
  let caught: unknown;
  try {
    await StandardTree.load(dump as Dump);
  } catch (error) {
    caught = error;
  }
  expect(caught, "load should throw").to.be.instanceOf(MerkleInvalidDumpError);
  expect(caught).to.be.instanceOf(SdkError);
  const { shortMessage } = caught as MerkleInvalidDumpError;
  if (typeof problem === "string") expect(shortMessage).to.include(problem);
  else expect(shortMessage).to.match(problem);
  expect(shortMessage).to.include("fetch the tree file again");
}

describe("StandardTree dump and load", function () {
  this.timeout(120_000);

  it("writes OpenZeppelin's dump byte for byte, and OpenZeppelin loads it", async () => {
    for (const [e, encoding] of ENCODINGS.entries()) {
      for (const n of [1, 2, 3, 8, 77, 1000]) {
        const random = new Random(100 * e + n);
        const values = Array.from({ length: n }, () => encoding.value(random));
        const oz = StandardMerkleTree.of(values, encoding.types);
        const ours = await StandardTree.of(values, encoding.types);
        const text = toJson(ours.dump());
        expect(text).to.equal(toJson(oz.dump()));
        // Through JSON: bigints come back as decimal strings, which both libraries encode alike.
        const reloaded = StandardMerkleTree.load(JSON.parse(text));
        expect(reloaded.root).to.equal(ours.root);
        for (const i of [0, n - 1]) expect(reloaded.getProof(i)).to.deep.equal(ours.getProof(i));
      }
    }
  });

  it("loads OpenZeppelin's dump (parsed JSON) and gives the same root, proofs and JSON back", async () => {
    for (const n of [1, 2, 5, 64, 1025]) {
      const file = ozFile(n, n);
      const oz = StandardMerkleTree.load(JSON.parse(file));
      const ours = await StandardTree.load(JSON.parse(file) as Dump);
      expect(ours.root).to.equal(oz.root);
      expect(toJson(ours.dump())).to.equal(file);
      expect([...ours.entries()]).to.deep.equal([...oz.entries()]);
      for (let i = 0; i < n; i++) expect(ours.getProof(i)).to.deep.equal(oz.getProof(i));
      const [, value] = [...oz.entries()][n - 1]!;
      expect(ours.leafLookup(value)).to.equal(n - 1);
      expect(ours.verify(value, oz.getProof(n - 1))).to.equal(true);
    }
  });

  it("loads an in-memory dump with bigint values (no JSON in between)", async () => {
    const random = new Random(5);
    const encoding = ENCODINGS[2]!;
    const values = Array.from({ length: 40 }, () => encoding.value(random));
    const ours = await StandardTree.of(values, encoding.types);
    const loaded = await StandardTree.load(ours.dump());
    expect(loaded.root).to.equal(ours.root);
    expect(loaded.getAllProofs()).to.deep.equal(ours.getAllProofs());
  });

  describe("refuses a tampered or malformed dump", () => {
    const file = ozFile(50, 1);
    const fresh = () => JSON.parse(file) as Dump;
    const leafOf = (dump: Dump, i: number) => dump.values[i]!.treeIndex;

    it("throws MerkleInvalidDumpError when the format is not standard-v1", async () => {
      await expectRefused({ ...fresh(), format: "simple-v1" }, 'format is "simple-v1"');
      await expectRefused({ ...fresh(), format: undefined }, "format is undefined");
      await expectRefused(null, "not an object");
    });

    it("throws MerkleInvalidDumpError when parts are missing or empty", async () => {
      await expectRefused({ ...fresh(), leafEncoding: undefined }, "leafEncoding");
      await expectRefused({ ...fresh(), tree: undefined }, "missing");
      await expectRefused({ ...fresh(), values: [], tree: [] }, "values is empty");
    });

    it("throws MerkleUnsupportedTypeError when the leaf encoding has a dynamic type", async () => {
      const dump = { ...fresh(), leafEncoding: ["string", "address", "address", "uint256"] };
      let caught: unknown;
      await StandardTree.load(dump).catch((error: unknown) => (caught = error));
      expect(caught).to.be.instanceOf(MerkleUnsupportedTypeError);
    });

    it("throws MerkleInvalidDumpError when the node count does not match the values", async () => {
      const dump = fresh();
      dump.tree.pop();
      await expectRefused(dump, "tree has 98 nodes; 50 values need 99");
      const extra = fresh();
      extra.values.pop();
      await expectRefused(extra, "tree has 99 nodes; 49 values need 97");
    });

    it("throws MerkleInvalidDumpError when a node is not lower-case 32-byte hex", async () => {
      for (const bad of ["0x12", "ab".repeat(32), "0x" + "AB".repeat(32), "0x" + "zz".repeat(32), 7]) {
        const dump = fresh();
        (dump.tree as unknown[])[3] = bad;
        await expectRefused(dump, "tree node 3 is not");
      }
    });

    it("throws MerkleInvalidDumpError when a leaf node was changed", async () => {
      const dump = fresh();
      const leaf = leafOf(dump, 7);
      dump.tree[leaf] = `0x${dump.tree[leaf]!.slice(2, 65)}${dump.tree[leaf]!.endsWith("0") ? "1" : "0"}`;
      await expectRefused(dump, `values[7] does not hash to its leaf, node ${leaf}`);
    });

    it("throws MerkleInvalidDumpError when an inner node or the root was changed", async () => {
      for (const node of [0, 1, 20, 48]) {
        const dump = fresh();
        dump.tree[node] = dump.tree[node === 48 ? 47 : node + 1]!;
        await expectRefused(dump, `tree node ${node} is not the hash of its children`);
      }
    });

    it("throws MerkleInvalidDumpError when a value was changed", async () => {
      const dump = fresh();
      const value = dump.values[9]!.value as string[];
      value[3] = (BigInt(value[3]!) + 1n).toString(); // a larger amount
      await expectRefused(dump, "values[9] does not hash to its leaf");
      const other = fresh();
      (other.values[2]!.value as string[])[2] = (other.values[3]!.value as string[])[2]!; // another account
      await expectRefused(other, "values[2] does not hash to its leaf");
    });

    it("throws MerkleInvalidDumpError when a value no longer fits its type", async () => {
      const dump = fresh();
      (dump.values[4]!.value as unknown[])[3] = "-1";
      await expectRefused(dump, "a value does not fit the leaf encoding");
    });

    it("throws MerkleInvalidDumpError when tree indexes are out of range, repeated or swapped", async () => {
      const low = fresh();
      low.values[0]!.treeIndex = 48; // an inner node
      await expectRefused(low, "values[0].treeIndex is not a leaf node index (49 to 98)");
      const high = fresh();
      high.values[0]!.treeIndex = 99;
      await expectRefused(high, "values[0].treeIndex is not a leaf node index");
      const fraction = fresh();
      fraction.values[0]!.treeIndex = 60.5;
      await expectRefused(fraction, "values[0].treeIndex is not a leaf node index");
      const repeated = fresh();
      repeated.values[1]!.treeIndex = repeated.values[0]!.treeIndex;
      await expectRefused(repeated, "two values have the leaf node");
      const swapped = fresh();
      [swapped.values[0]!.treeIndex, swapped.values[1]!.treeIndex] = [leafOf(swapped, 1), leafOf(swapped, 0)];
      await expectRefused(swapped, "values[0] does not hash to its leaf");
    });

    it("loads the untouched dump (the refusals above are the tampering, not the file)", async () => {
      const tree = await StandardTree.load(fresh());
      expect(tree.root).to.equal(fresh().tree[0]);
    });
  });
});
