// The hot loops of the Merkle builder: pure functions over typed arrays, with no imports, so the
// Node worker (`worker.ts`) can load this file on its own (see `node.ts`). Nothing here allocates
// per hash, builds a hex string or touches a bigint.

/**
 * Raw Keccak-256 on one hash-wasm instance: write the input at byte `offset` of `memory`, call
 * `calculate(length)`, read the 32-byte digest back at `offset`.
 *
 * @example
 * const { core } = await loadKeccak();
 * core.memory.set(bytes, core.offset);
 * core.calculate(bytes.length);
 * const digest = core.memory.slice(core.offset, core.offset + 32);
 */
export type KeccakCore = {
  /** The instance's memory, as bytes. */
  readonly memory: Uint8Array;
  /** The same memory as 32-bit words (`offset` is a multiple of 4). */
  readonly words: Int32Array;
  /** Byte offset of the input/digest buffer (16 KiB) in `memory`. */
  readonly offset: number;
  /** Hashes `length` (≤ 16,384) bytes at `offset`, writing the digest at `offset`. */
  readonly calculate: (length: number) => void;
};

/**
 * Largest input `KeccakCore.calculate` takes (hash-wasm's buffer).
 *
 * @example
 * if (data.length > KECCAK_CORE_MAX_INPUT) throw new RangeError("hash it in parts");
 */
export const KECCAK_CORE_MAX_INPUT = 16 * 1024;

/** A compiled WebAssembly module (opaque here). */
export type WasmModule = object;

/** A WebAssembly instance: its exports. */
export type WasmInstance = { readonly exports: Record<string, unknown> };

/**
 * The part of the WebAssembly JavaScript API the builder uses, typed here because the
 * repository's TypeScript libraries (es2023, @types/node) do not declare `WebAssembly`.
 */
export type WebAssemblyApi = {
  Module: abstract new (...args: never[]) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => WasmInstance;
  Memory: abstract new (...args: never[]) => { readonly buffer: ArrayBuffer };
  instantiate: (...args: unknown[]) => Promise<unknown>;
};

/**
 * The runtime's `WebAssembly` object, or `undefined` where there is none.
 *
 * @example
 * const wasm = webAssembly();
 * if (wasm === undefined) throw new Error("no WebAssembly here");
 */
export function webAssembly(): WebAssemblyApi | undefined {
  return (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
}

type HashWasmExports = {
  memory: { readonly buffer: ArrayBuffer };
  Hash_GetBuffer: () => number;
  Hash_Calculate: (length: number, bits: number, padding: number) => void;
};

/**
 * Wraps an instance of hash-wasm's `sha3` WebAssembly module (the one `createKeccak` uses) as a
 * `KeccakCore`, or returns `undefined` when the instance is not that module or does not give
 * the Keccak-256 test vectors.
 *
 * @example
 * const core = coreFromInstance(new WebAssembly.Instance(module, {}));
 */
export function coreFromInstance(instance: WasmInstance): KeccakCore | undefined {
  const exports = instance.exports as Partial<HashWasmExports>;
  const { memory, Hash_GetBuffer, Hash_Calculate } = exports;
  const wasm = webAssembly();
  if (wasm === undefined || !(memory instanceof wasm.Memory)) return undefined;
  if (typeof Hash_GetBuffer !== "function" || typeof Hash_Calculate !== "function") return undefined;
  const offset = Hash_GetBuffer();
  if (offset % 4 !== 0 || offset + KECCAK_CORE_MAX_INPUT > memory.buffer.byteLength) return undefined;
  // The module's memory is at its maximum size, so these views are never detached by a grow.
  const core: KeccakCore = {
    memory: new Uint8Array(memory.buffer),
    words: new Int32Array(memory.buffer),
    offset,
    // 256 output bits, Keccak padding 0x01 (not SHA-3's 0x06).
    calculate: (length) => Hash_Calculate(length, 256, 0x01),
  };
  return passesTestVectors(core) ? core : undefined;
}

/** keccak256("") and keccak256(0x00 0x01 … 0x3f), from ethers' `keccak256`. */
const EMPTY_DIGEST = "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";
const COUNTING_64_DIGEST = "002030bde3d4cf89919649775cd71875c4d0ab1708a380e03fefc3a28aa24831";

/**
 * Checks `core` against two Keccak-256 test vectors.
 *
 * @example
 * if (!passesTestVectors(core)) throw new Error("not keccak-256");
 */
export function passesTestVectors(core: KeccakCore): boolean {
  const { memory, offset, calculate } = core;
  calculate(0);
  if (digestHex(memory, offset) !== EMPTY_DIGEST) return false;
  for (let i = 0; i < 64; i++) memory[offset + i] = i;
  calculate(64);
  return digestHex(memory, offset) === COUNTING_64_DIGEST;
}

function digestHex(memory: Uint8Array, offset: number): string {
  let hex = "";
  for (let i = 0; i < 32; i++) hex += memory[offset + i]!.toString(16).padStart(2, "0");
  return hex;
}

/**
 * Leaf hashes `keccak256(keccak256(encoded))` of leaves `from` to `to` (exclusive).
 * `encoded` holds `wordsPerLeaf` 32-bit words per leaf, starting with leaf `firstLeaf`;
 * `hashes` gets 8 words per leaf, indexed by leaf.
 *
 * @example
 * hashLeafRange(core, encodedWords, 0, 32, 0, count, leafHashWords);
 */
export function hashLeafRange(
  core: KeccakCore,
  encoded: Int32Array,
  firstLeaf: number,
  wordsPerLeaf: number,
  from: number,
  to: number,
  hashes: Int32Array,
): void {
  const { words, calculate } = core;
  const w = core.offset >> 2;
  const bytes = wordsPerLeaf * 4;
  for (let i = from; i < to; i++) {
    const s = (i - firstLeaf) * wordsPerLeaf;
    for (let k = 0; k < wordsPerLeaf; k++) words[w + k] = encoded[s + k]!;
    calculate(bytes);
    calculate(32);
    const d = i * 8;
    hashes[d] = words[w]!;
    hashes[d + 1] = words[w + 1]!;
    hashes[d + 2] = words[w + 2]!;
    hashes[d + 3] = words[w + 3]!;
    hashes[d + 4] = words[w + 4]!;
    hashes[d + 5] = words[w + 5]!;
    hashes[d + 6] = words[w + 6]!;
    hashes[d + 7] = words[w + 7]!;
  }
}

/**
 * Inner nodes `to - 1` down to `from` of a tree laid out as OpenZeppelin's (node `i` has children
 * `2i + 1` and `2i + 2`), each `keccak256(min(l, r) ‖ max(l, r))`, bytes compared as unsigned
 * big-endian numbers. Children must be computed already. `tree` and `treeWords` view the same
 * buffer, 32 bytes per node.
 *
 * @example
 * hashNodeRange(core, tree, treeWords, 0, leafCount - 1);
 */
export function hashNodeRange(
  core: KeccakCore,
  tree: Uint8Array,
  treeWords: Int32Array,
  from: number,
  to: number,
): void {
  const { words, calculate } = core;
  const w = core.offset >> 2;
  for (let i = to - 1; i >= from; i--) {
    const left = (2 * i + 1) * 32;
    let a = left;
    let b = left + 32;
    for (let k = 0; k < 32; k++) {
      const x = tree[left + k]!;
      const y = tree[left + 32 + k]!;
      if (x !== y) {
        if (x > y) {
          a = left + 32;
          b = left;
        }
        break;
      }
    }
    a >>= 2;
    b >>= 2;
    for (let k = 0; k < 8; k++) words[w + k] = treeWords[a + k]!;
    for (let k = 0; k < 8; k++) words[w + 8 + k] = treeWords[b + k]!;
    calculate(64);
    const d = i * 8;
    for (let k = 0; k < 8; k++) treeWords[d + k] = words[w + k]!;
  }
}

/**
 * Checks EIP-55 checksums of mixed-case addresses. Entry `e` of `checks` is four numbers: the
 * leaf, the byte offset of the address's 20 bytes in the leaf's encoding, and a 40-bit mask of
 * which hex digits were written in upper case (bits 0–31, then bits 32–39). `encoded` holds
 * `bytesPerLeaf` bytes per leaf, starting with leaf `firstLeaf`. Returns the first entry (from
 * `from` to `to`) whose letter case does not match its checksum, or -1.
 *
 * @example
 * const bad = checkChecksumRange(core, encoded, 0, 128, checks, 0, count);
 */
export function checkChecksumRange(
  core: KeccakCore,
  encoded: Uint8Array,
  firstLeaf: number,
  bytesPerLeaf: number,
  checks: Uint32Array,
  from: number,
  to: number,
): number {
  const { memory, calculate } = core;
  const o = core.offset;
  const text = new Uint16Array(memory.buffer, 0, (o >> 1) + 20);
  const pairs = hexPairs();
  const cases = upperCases();
  for (let e = from; e < to; e++) {
    const at = (checks[4 * e]! - firstLeaf) * bytesPerLeaf + checks[4 * e + 1]!;
    // The address's lower-case hex digits as ASCII, two per 16-bit unit.
    for (let k = 0; k < 20; k++) text[(o >> 1) + k] = pairs[encoded[at + k]!]!;
    calculate(40);
    // Which digits the checksum writes in upper case: letters whose digest nibble is ≥ 8.
    let expected0 = 0;
    let expected1 = 0;
    for (let k = 0; k < 16; k++) expected0 |= cases[(encoded[at + k]! << 8) | memory[o + k]!]! << (2 * k);
    for (let k = 16; k < 20; k++) expected1 |= cases[(encoded[at + k]! << 8) | memory[o + k]!]! << (2 * k - 32);
    if (expected0 >>> 0 !== checks[4 * e + 2]! || expected1 !== checks[4 * e + 3]!) return e;
  }
  return -1;
}

let cases: Uint8Array | undefined;

/**
 * For an address byte `b` and the digest byte `h` of its two digits: bit 0 set when the first
 * digit (high nibble) is a letter written in upper case (digest nibble ≥ 8), bit 1 likewise for
 * the second; entry `(b << 8) | h`.
 */
function upperCases(): Uint8Array {
  if (cases !== undefined) return cases;
  const table = new Uint8Array(1 << 16);
  for (let b = 0; b < 256; b++) {
    for (let h = 0; h < 256; h++) {
      const first = b >> 4 >= 10 && h >> 4 >= 8 ? 1 : 0;
      const second = (b & 15) >= 10 && (h & 15) >= 8 ? 2 : 0;
      table[(b << 8) | h] = first | second;
    }
  }
  cases = table;
  return table;
}

/**
 * Writes nodes `from` to `to` (exclusive) of `tree` as "0x" + 64 lower-case hex digits, 66 ASCII
 * bytes per node, into `text` (16-bit units; node `i` starts at unit `(i - firstNode) * 33`).
 *
 * @example
 * writeHexRange(tree, 0, nodeCount, 0, new Uint16Array(nodeCount * 33));
 */
export function writeHexRange(tree: Uint8Array, from: number, to: number, firstNode: number, text: Uint16Array): void {
  const table = hexPairs();
  const prefix = table[256]!;
  for (let i = from; i < to; i++) {
    let t = (i - firstNode) * 33;
    text[t++] = prefix;
    const s = i * 32;
    for (let k = 0; k < 32; k++) text[t++] = table[tree[s + k]!]!;
  }
}

let pairs: Uint16Array | undefined;

/** The two ASCII hex digits of each byte as one 16-bit unit in memory order; entry 256 is "0x". */
function hexPairs(): Uint16Array {
  if (pairs !== undefined) return pairs;
  const table = new Uint16Array(257);
  const bytes = new Uint8Array(table.buffer);
  const digits = "0123456789abcdef";
  for (let b = 0; b < 256; b++) {
    bytes[2 * b] = digits.charCodeAt(b >> 4);
    bytes[2 * b + 1] = digits.charCodeAt(b & 15);
  }
  bytes[512] = 48; // "0"
  bytes[513] = 120; // "x"
  pairs = table;
  return table;
}

/**
 * Every inner node of the subtree under node `root`, bottom-up, for a tree whose inner nodes are
 * 0 to `lastInner` (a tree of n leaves has `lastInner = n - 2`). Leaves must be in place.
 *
 * @example
 * hashSubtree(core, tree, treeWords, 5, leafCount - 2);
 */
export function hashSubtree(
  core: KeccakCore,
  tree: Uint8Array,
  treeWords: Int32Array,
  root: number,
  lastInner: number,
): void {
  if (root > lastInner) return;
  let width = 1;
  while ((root + 1) * width * 2 - 1 <= lastInner) width *= 2;
  for (; width >= 1; width /= 2) {
    const start = (root + 1) * width - 1;
    hashNodeRange(core, tree, treeWords, start, Math.min(start + width, lastInner + 1));
  }
}

// ---------------------------------------------------------------- shared-memory jobs
// Run by every thread of a job (the main thread and the workers of `createWorkerExecutor`),
// each claiming the next chunk of work from a shared counter until none is left, and counting
// the chunks it finished. A worker that starts late claims what is left, possibly nothing.

/**
 * Index of the next unclaimed chunk in a job's control words.
 *
 * @example
 * const chunk = Atomics.add(control, CONTROL_NEXT, 1);
 */
export const CONTROL_NEXT = 0;
/**
 * Chunks encoded so far (leaf jobs): chunk `c` may be hashed once this exceeds `c`.
 *
 * @example
 * Atomics.store(control, CONTROL_READY, c + 1);
 */
export const CONTROL_READY = 1;
/**
 * Non-zero when the job is abandoned (the main thread failed to encode, or a thread threw).
 *
 * @example
 * if (Atomics.load(control, CONTROL_ABORT) !== 0) return;
 */
export const CONTROL_ABORT = 2;
/**
 * Lowest leaf with a wrong address checksum (leaf jobs), `NO_BAD_LEAF` when none.
 *
 * @example
 * const bad = Atomics.load(control, CONTROL_BAD);
 */
export const CONTROL_BAD = 3;
/**
 * Units of work (chunks, subtrees) finished so far, by any thread.
 *
 * @example
 * Atomics.add(control, CONTROL_DONE, 1);
 */
export const CONTROL_DONE = 4;
/**
 * Number of control words.
 *
 * @example
 * const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS));
 */
export const CONTROL_WORDS = 5;
/**
 * `CONTROL_BAD` when every checksum is right.
 *
 * @example
 * control[CONTROL_BAD] = NO_BAD_LEAF;
 */
export const NO_BAD_LEAF = 0x7fffffff;

/**
 * Leaves to hash, in shared memory, encoded by the main thread chunk by chunk into a ring of
 * `slots` chunks: chunk `c` goes to slot `c % slots`, once chunk `c - slots` is hashed
 * (`slotDone[slot] === c - slots + 1`). Each slot holds `chunk` encodings (`bytesPerLeaf`
 * each) in `encoded`, and up to `checksPerSlot` mixed-case addresses in `checks`
 * (`slotChecks[slot]` of them; entries as `checkChecksumRange` reads them). `hashes` receives
 * 32 bytes per leaf.
 */
export type LeafJob = {
  readonly control: Int32Array;
  readonly encoded: Uint8Array;
  readonly hashes: Uint8Array;
  readonly checks: Uint32Array;
  readonly slotChecks: Int32Array;
  readonly slotDone: Int32Array;
  readonly count: number;
  readonly bytesPerLeaf: number;
  readonly chunk: number;
  readonly slots: number;
  readonly checksPerSlot: number;
};

/** Subtrees to hash, in shared memory: those under nodes `firstRoot` to `firstRoot + count - 1`. */
export type SubtreeJob = {
  readonly control: Int32Array;
  readonly tree: Uint8Array;
  readonly firstRoot: number;
  readonly count: number;
  readonly lastInner: number;
};

/**
 * Hashes chunk `c` of a `LeafJob` (already encoded) and checks its checksums; marks its slot done.
 *
 * @example
 * hashLeafChunk(core, job, 0);
 */
export function hashLeafChunk(core: KeccakCore, job: LeafJob, c: number): void {
  const { control, encoded, checks, count, bytesPerLeaf, chunk, slots } = job;
  const slot = c % slots;
  const from = c * chunk;
  const to = Math.min(count, from + chunk);
  const firstLeaf = from - slot * chunk; // leaf `from` sits at the start of its slot
  const encodedWords = new Int32Array(encoded.buffer, encoded.byteOffset, encoded.length / 4);
  const hashWords = new Int32Array(job.hashes.buffer, job.hashes.byteOffset, job.hashes.length / 4);
  hashLeafRange(core, encodedWords, firstLeaf, bytesPerLeaf / 4, from, to, hashWords);
  const first = slot * job.checksPerSlot;
  const bad = checkChecksumRange(core, encoded, firstLeaf, bytesPerLeaf, checks, first, first + job.slotChecks[slot]!);
  if (bad >= 0) {
    const leaf = checks[4 * bad]!;
    for (let current = Atomics.load(control, CONTROL_BAD); leaf < current;) {
      const seen = Atomics.compareExchange(control, CONTROL_BAD, current, leaf);
      if (seen === current) break;
      current = seen;
    }
  }
  Atomics.store(job.slotDone, slot, c + 1);
  Atomics.notify(job.slotDone, slot);
  Atomics.add(control, CONTROL_DONE, 1);
  Atomics.notify(control, CONTROL_DONE);
}

/**
 * A worker's share of a `LeafJob`: claims chunks until none is left, waiting for chunks the
 * main thread has not encoded yet.
 *
 * @example
 * runLeafJob(core, job); // on each worker
 */
export function runLeafJob(core: KeccakCore, job: LeafJob): void {
  const { control } = job;
  const chunks = Math.ceil(job.count / job.chunk);
  for (let c = Atomics.add(control, CONTROL_NEXT, 1); c < chunks; c = Atomics.add(control, CONTROL_NEXT, 1)) {
    for (let ready = Atomics.load(control, CONTROL_READY); ready <= c; ready = Atomics.load(control, CONTROL_READY)) {
      if (Atomics.load(control, CONTROL_ABORT) !== 0) return;
      Atomics.wait(control, CONTROL_READY, ready, 100);
    }
    if (Atomics.load(control, CONTROL_ABORT) !== 0) return;
    hashLeafChunk(core, job, c);
  }
}

/**
 * The encoding thread's help with a `LeafJob`: claims and hashes one chunk that is already
 * encoded, if any is unclaimed. Returns false when there is none (it never waits).
 *
 * @example
 * while (helpLeafJob(core, job)); // after encoding everything
 */
export function helpLeafJob(core: KeccakCore, job: LeafJob): boolean {
  const { control } = job;
  for (;;) {
    const next = Atomics.load(control, CONTROL_NEXT);
    if (next >= Atomics.load(control, CONTROL_READY) || next * job.chunk >= job.count) return false;
    if (Atomics.compareExchange(control, CONTROL_NEXT, next, next + 1) === next) {
      hashLeafChunk(core, job, next);
      return true;
    }
  }
}

/**
 * Claims and hashes subtrees of a `SubtreeJob` until none is left.
 *
 * @example
 * runSubtreeJob(core, job); // on each thread
 */
export function runSubtreeJob(core: KeccakCore, job: SubtreeJob): void {
  const { control, tree, firstRoot, count, lastInner } = job;
  const words = new Int32Array(tree.buffer, tree.byteOffset, tree.length / 4);
  for (let r = Atomics.add(control, CONTROL_NEXT, 1); r < count; r = Atomics.add(control, CONTROL_NEXT, 1)) {
    if (Atomics.load(control, CONTROL_ABORT) !== 0) return;
    hashSubtree(core, tree, words, firstRoot + r, lastInner);
    Atomics.add(control, CONTROL_DONE, 1);
    Atomics.notify(control, CONTROL_DONE);
  }
}
