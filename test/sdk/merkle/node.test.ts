// The Node-only worker executor (sdk/src/merkle/node.ts): same trees as on one thread.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";

import {
  MerkleInvalidDumpError,
  MerkleKeccakUnavailableError,
  MerkleLeafEncodingError,
  StandardTree,
} from "../../../sdk/src/merkle/index.js";
import { createWorkerExecutor, type WorkerExecutor } from "../../../sdk/src/merkle/node.js";
import { ENCODINGS, Random, toJson } from "./fixtures.js";

describe("createWorkerExecutor", function () {
  this.timeout(120_000);
  let executor: WorkerExecutor;

  before(async () => {
    executor = await createWorkerExecutor({ workers: 2 });
  });

  after(async () => {
    await executor.close();
  });

  it("builds the same trees as one thread and as OpenZeppelin, small to 20,000 leaves", async () => {
    expect(executor.threads).to.equal(3);
    const random = new Random(21);
    for (const [e, encoding] of ENCODINGS.entries()) {
      for (const n of [1, 2, 3, 4095, 4096, 4097, 20_000]) {
        const values = Array.from({ length: n }, () => encoding.value(random));
        const parallel = await StandardTree.of(values, encoding.types, { executor });
        const serial = await StandardTree.of(values, encoding.types);
        expect(parallel.root, `${encoding.name}, ${n}`).to.equal(serial.root);
        expect(toJson(parallel.dump())).to.equal(toJson(serial.dump()));
        if (n <= 4097 && e === 0) {
          const oz = StandardMerkleTree.of(values, encoding.types);
          expect(parallel.root).to.equal(oz.root);
          for (const i of [0, n - 1]) expect(parallel.getProof(i)).to.deep.equal(oz.getProof(i));
        }
      }
    }
  });

  it("loads and checks dumps with workers", async () => {
    const random = new Random(22);
    const encoding = ENCODINGS[0]!;
    const values = Array.from({ length: 10_000 }, () => encoding.value(random));
    const file = toJson(StandardMerkleTree.of(values, encoding.types).dump());
    const loaded = await StandardTree.load(JSON.parse(file), { executor });
    expect(toJson(loaded.dump())).to.equal(file);
    const tampered = JSON.parse(file);
    tampered.tree[5000] = tampered.tree[5001];
    let caught: unknown;
    await StandardTree.load(tampered, { executor }).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(MerkleInvalidDumpError);
  });

  it("reports the first wrong checksum, found by a worker, with its leaf index", async () => {
    const random = new Random(23);
    const encoding = ENCODINGS[0]!;
    const values = Array.from({ length: 30_000 }, () => encoding.value(random));
    const account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const wrong = account.slice(0, -1) + "c";
    values[25_000]![2] = wrong;
    values[29_999]![2] = wrong;
    let caught: unknown;
    await StandardTree.of(values, encoding.types, { executor }).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(MerkleLeafEncodingError);
    expect((caught as MerkleLeafEncodingError).leafIndex).to.equal(25_000);
    expect((caught as MerkleLeafEncodingError).position).to.equal(2);
  });

  it("stops the workers cleanly when a value fails to encode mid-way, and stays usable", async () => {
    const random = new Random(24);
    const encoding = ENCODINGS[0]!;
    const values = Array.from({ length: 50_000 }, () => encoding.value(random));
    values[40_000]![3] = -5n;
    let caught: unknown;
    await StandardTree.of(values, encoding.types, { executor }).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(MerkleLeafEncodingError);
    expect((caught as MerkleLeafEncodingError).leafIndex).to.equal(40_000);
    values[40_000]![3] = 5n;
    const tree = await StandardTree.of(values, encoding.types, { executor });
    expect(tree.root).to.equal((await StandardTree.of(values, encoding.types)).root);
  });

  it("builds right before its workers have started, reports ready(), and refuses work once closed", async () => {
    const fresh = await createWorkerExecutor({ workers: 1 });
    const random = new Random(25);
    const encoding = ENCODINGS[0]!;
    const values = Array.from({ length: 9_000 }, () => encoding.value(random));
    const early = await StandardTree.of(values, encoding.types, { executor: fresh });
    expect(early.root).to.equal(StandardMerkleTree.of(values, encoding.types).root);
    await fresh.ready();
    expect((await StandardTree.of(values, encoding.types, { executor: fresh })).root).to.equal(early.root);
    await fresh.close();
    let caught: unknown;
    await StandardTree.of(values, encoding.types, { executor: fresh }).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(MerkleKeccakUnavailableError);
    expect((caught as MerkleKeccakUnavailableError).shortMessage).to.include("closed");
  });

  it("settles (a right tree or MerkleKeccakUnavailableError, never a hang) when its workers die mid-build", async () => {
    const random = new Random(26);
    const encoding = ENCODINGS[0]!;
    const values = Array.from({ length: 200_000 }, () => encoding.value(random));
    const expected = (await StandardTree.of(values, encoding.types)).root;
    for (const delay of [0, 20, 100]) {
      const doomed = await createWorkerExecutor({ workers: 1 });
      await doomed.ready();
      const building = StandardTree.of(values, encoding.types, { executor: doomed });
      setTimeout(() => void doomed.close(), delay);
      const outcome = await building.then(
        (tree) => tree.root,
        (error: unknown) => error,
      );
      if (typeof outcome === "string") expect(outcome).to.equal(expected);
      else expect(outcome).to.be.instanceOf(MerkleKeccakUnavailableError);
    }
  });
});
