import type { ChecksumList } from "./encode.js";
import { checkChecksumRange, hashLeafRange, hashSubtree, type KeccakCore } from "./kernels.js";

/**
 * Fills `out` with the encodings of values `from` to `to` (exclusive), value `i` at
 * `(i - outFirstLeaf) * bytesPerLeaf`, appending mixed-case addresses to `checks`.
 */
export type EncodeLeaves = (
  from: number,
  to: number,
  out: Uint8Array,
  outFirstLeaf: number,
  checks: ChecksumList,
) => void;

/** What `MerkleExecutor.hashLeaves` needs. */
export type HashLeavesJob = {
  readonly count: number;
  readonly bytesPerLeaf: number;
  /** How many address fields a leaf has (bounds the checksum entries per leaf). */
  readonly addressFields: number;
  /** Gets the leaf hashes, 32 bytes per value, in value order. */
  readonly hashes: Uint8Array;
  readonly encode: EncodeLeaves;
};

/**
 * Runs the builder's hot loops, on this thread (`serialExecutor`) or on several
 * (`createWorkerExecutor` from the Node-only entry `merkle/node`). The tree code is the same
 * either way; only where the loops run changes.
 */
export type MerkleExecutor = {
  /** Threads that hash, this one included. */
  readonly threads: number;
  /** A zeroed buffer every thread can read and write. */
  allocate(byteLength: number): Uint8Array;
  /**
   * Encodes (on this thread) and hashes every leaf. Returns the first leaf with a wrong
   * address checksum, or `undefined` when all are right.
   */
  hashLeaves(job: HashLeavesJob): Promise<number | undefined>;
  /** Hashes the subtrees under nodes `firstRoot` to `firstRoot + count - 1` (inner nodes 0 … `lastInner`). */
  hashSubtrees(tree: Uint8Array, firstRoot: number, count: number, lastInner: number): Promise<void>;
};

/**
 * Leaves per encode/hash chunk: 512 KiB of reward-leaf encodings, small enough to stay in cache.
 *
 * @example
 * const chunks = Math.ceil(count / LEAF_CHUNK);
 */
export const LEAF_CHUNK = 4096;

/**
 * The executor that runs everything on the calling thread, in any JavaScript runtime.
 *
 * @example
 * const { core } = await loadKeccak();
 * const tree = await StandardTree.of(values, types, { executor: serialExecutor(core) }); // the default
 */
export function serialExecutor(core: KeccakCore): MerkleExecutor {
  return {
    threads: 1,
    allocate: (byteLength) => new Uint8Array(byteLength),
    async hashLeaves({ count, bytesPerLeaf, addressFields, hashes, encode }) {
      const chunk = Math.min(count, LEAF_CHUNK);
      const encoded = new Uint8Array(chunk * bytesPerLeaf);
      const encodedWords = new Int32Array(encoded.buffer);
      const hashWords = new Int32Array(hashes.buffer, hashes.byteOffset, hashes.length / 4);
      const checks: ChecksumList = { entries: new Uint32Array(4 * chunk * addressFields), length: 0 };
      for (let from = 0; from < count; from += chunk) {
        const to = Math.min(count, from + chunk);
        checks.length = 0;
        encode(from, to, encoded, from, checks);
        const bad = checkChecksumRange(core, encoded, from, bytesPerLeaf, checks.entries, 0, checks.length);
        if (bad >= 0) return checks.entries[4 * bad]!;
        hashLeafRange(core, encodedWords, from, bytesPerLeaf / 4, from, to, hashWords);
      }
      return undefined;
    },
    async hashSubtrees(tree, firstRoot, count, lastInner) {
      const words = new Int32Array(tree.buffer, tree.byteOffset, tree.length / 4);
      for (let r = firstRoot; r < firstRoot + count; r++) hashSubtree(core, tree, words, r, lastInner);
    },
  };
}
