import { checksummedValueLists, encodeLeaf, encodeLeaves, type LeafEncoding, parseLeafEncoding } from "./encode.js";
import {
  MerkleEmptyTreeError,
  MerkleIndexOutOfRangeError,
  MerkleInvalidDumpError,
  MerkleInvalidProofError,
  MerkleLeafEncodingError,
  MerkleLeafNotFoundError,
  type MerkleKeccakUnavailableError,
  type MerkleUnsupportedTypeError,
} from "./errors.js";
import { type MerkleExecutor, serialExecutor } from "./executor.js";
import { bytesToHex, type Hex, LevelHexWindows, nodesToHex, parseHexInto } from "./hex.js";
import { type Keccak, loadKeccak } from "./keccak.js";
import { checkChecksumRange, hashLeafRange } from "./kernels.js";
import { sortedLeafOrder } from "./sort.js";
import { buildFlatTree, type FlatTree, hashInnerNodes, processProof } from "./tree.js";

/** A 32-byte value as a hex string or bytes (a root or a proof node). */
export type BytesLike = string | Uint8Array;

/** Options of `StandardTree.of`. */
export type StandardTreeOptions = {
  /** Sort leaves by hash, as `StandardMerkleTree.of` does by default. Default `true`. */
  sortLeaves?: boolean;
  /**
   * Where the hot loops run: this thread by default; `createWorkerExecutor()` from the Node-only
   * entry `merkle/node` adds worker threads.
   */
  executor?: MerkleExecutor;
};

/** What `StandardTree.of` may throw. */
export type StandardTreeOfErrorType =
  MerkleEmptyTreeError | MerkleUnsupportedTypeError | MerkleLeafEncodingError | MerkleKeccakUnavailableError;

/** What `StandardTree.load` may throw. */
export type StandardTreeLoadErrorType =
  MerkleInvalidDumpError | MerkleUnsupportedTypeError | MerkleKeccakUnavailableError;

/** What `getProof` may throw. */
export type StandardTreeGetProofErrorType =
  MerkleIndexOutOfRangeError | MerkleLeafNotFoundError | MerkleLeafEncodingError;

/** What `verify` (static or not) may throw; a proof that does not prove is `false`, not an error. */
export type StandardTreeVerifyErrorType =
  MerkleInvalidProofError | MerkleIndexOutOfRangeError | MerkleLeafEncodingError | MerkleUnsupportedTypeError;

/** Options of `StandardTree.load`. */
export type StandardTreeLoadOptions = Pick<StandardTreeOptions, "executor">;

/**
 * The JSON `StandardMerkleTree.dump()` writes (format "standard-v1"): the leaf encoding, every
 * node (root first, leaves last in reverse leaf order) and the values in input order, each with
 * the node index of its leaf.
 */
export type StandardTreeDump<T> = {
  format: "standard-v1";
  leafEncoding: string[];
  tree: Hex[];
  values: { value: T; treeIndex: number }[];
};

/**
 * A Merkle tree with the same root, leaf order and proofs as `@openzeppelin/merkle-tree`'s
 * `StandardMerkleTree`, and its `dump()` format, built in one flat buffer with WebAssembly
 * Keccak, optionally on worker threads (`npm run bench:merkle` compares it with OpenZeppelin).
 *
 * - Leaf: `keccak256(keccak256(abi.encode(value)))` over static ABI types (`parseLeafEncoding`).
 * - Leaves sorted ascending by hash (unless `sortLeaves: false`); inner nodes hash their two
 *   children smaller first; `getProof` walks from the leaf to the root.
 * - Values are kept by reference, in input order; do not change them after building.
 *
 * Not mirrored from OpenZeppelin: multiproofs and `render()`. Stricter than OpenZeppelin: only
 * static types; hex strings of exact length; mixed-case addresses must carry a valid checksum;
 * `load` refuses any dump that does not hash to itself exactly.
 *
 * @example
 * const tree = await StandardTree.of(
 *   [[1n, "0x1111111111111111111111111111111111111111", 5n]],
 *   ["uint256", "address", "uint256"],
 * );
 * tree.root; // "0x…"
 * const proof = tree.getProof(0);
 * tree.verify(0, proof); // true
 * JSON.stringify(tree.dump(), (_, v) => (typeof v === "bigint" ? v.toString() : v)); // OpenZeppelin's format
 */
export class StandardTree<T extends readonly unknown[]> {
  readonly #keccak: Keccak;
  readonly #encoding: LeafEncoding;
  readonly #values: readonly T[];
  readonly #flat: FlatTree;
  #hex: Hex[] | undefined;
  #lookup: Int32Array | undefined;

  private constructor(keccak: Keccak, encoding: LeafEncoding, values: readonly T[], flat: FlatTree, hex?: Hex[]) {
    this.#keccak = keccak;
    this.#encoding = encoding;
    this.#values = values;
    this.#flat = flat;
    this.#hex = hex;
  }

  /**
   * Builds the tree of `values` (one array of fields per leaf) with types `leafEncoding`, like
   * `StandardMerkleTree.of(values, leafEncoding, options)`. Async only because Keccak
   * (WebAssembly) loads once; see `loadKeccak`.
   *
   * @throws {MerkleEmptyTreeError} when `values` is empty.
   * @throws {MerkleUnsupportedTypeError} for a type other than uint/int/address/bool/bytes<N>.
   * @throws {MerkleLeafEncodingError} for a value its type refuses.
   * @example
   * const tree = await StandardTree.of(values, ["uint256", "address", "address", "uint256"]);
   */
  static async of<T extends readonly unknown[]>(
    values: readonly T[],
    leafEncoding: readonly string[],
    options: StandardTreeOptions = {},
  ): Promise<StandardTree<T>> {
    const encoding = parseLeafEncoding(leafEncoding);
    const count = values.length;
    if (count === 0) throw new MerkleEmptyTreeError();
    const keccak = await loadKeccak();
    const executor = options.executor ?? serialExecutor(keccak.core);
    const kept = values.slice();
    const bulk = checksummedValueLists.has(values) ? parseLeafEncoding(leafEncoding, { checksums: false }) : encoding;
    const hashes = await hashAllLeaves(keccak, executor, bulk, kept, count);
    const order = (options.sortLeaves ?? true) ? sortedLeafOrder(hashes, count) : undefined; // as OpenZeppelin
    const flat = await buildFlatTree(keccak.core, executor, hashes, count, order);
    return new StandardTree(keccak, encoding, kept, flat);
  }

  /**
   * Loads a `dump()` (ours or `StandardMerkleTree`'s, e.g. parsed from the published JSON file)
   * and checks it completely: format "standard-v1", a supported leaf encoding, `2n - 1`
   * lower-case 32-byte hex nodes, one distinct leaf node per value, every value hashing to its
   * leaf and every inner node to its children. Values are kept as they are in the dump, so
   * `dump()` gives the same JSON back.
   *
   * @throws {MerkleInvalidDumpError} when any check fails (a tampered or truncated file).
   * @throws {MerkleUnsupportedTypeError} when the dump's leaf encoding has a type we do not build.
   * @example
   * const tree = await StandardTree.load<RewardLeafValues>(JSON.parse(await readFile("tree.json", "utf8")));
   * tree.getProof(tree.leafLookup(value));
   */
  static async load<T extends readonly unknown[]>(
    dump: StandardTreeDump<T>,
    options: StandardTreeLoadOptions = {},
  ): Promise<StandardTree<T>> {
    const data = dump as Partial<StandardTreeDump<T>> | null;
    if (typeof data !== "object" || data === null) throw new MerkleInvalidDumpError("not an object");
    if (data.format !== "standard-v1") {
      throw new MerkleInvalidDumpError(`format is ${JSON.stringify(data.format)}, expected "standard-v1"`);
    }
    if (!Array.isArray(data.leafEncoding)) throw new MerkleInvalidDumpError("leafEncoding is not an array of types");
    const encoding = parseLeafEncoding(data.leafEncoding);
    const { tree, values: entries } = data;
    if (!Array.isArray(tree) || !Array.isArray(entries)) throw new MerkleInvalidDumpError("tree or values is missing");
    const count = entries.length;
    if (count === 0) throw new MerkleInvalidDumpError("values is empty");
    const nodeCount = 2 * count - 1;
    if (tree.length !== nodeCount) {
      throw new MerkleInvalidDumpError(`tree has ${tree.length} nodes; ${count} values need ${nodeCount}`);
    }
    const keccak = await loadKeccak();
    const executor = options.executor ?? serialExecutor(keccak.core);

    const nodes = executor.allocate(nodeCount * 32);
    for (let i = 0; i < nodeCount; i++) {
      const node: unknown = tree[i];
      if (typeof node !== "string" || !parseHexInto(node, nodes, 32 * i, 32, true)) {
        throw new MerkleInvalidDumpError(`tree node ${i} is not "0x" and 64 lower-case hex digits`, {
          details: `node ${i}: ${JSON.stringify(node)}`,
        });
      }
    }
    const values = new Array<T>(count);
    const treeIndex = new Uint32Array(count);
    const taken = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const entry = entries[i] as { value?: T; treeIndex?: unknown } | null;
      const index = entry?.treeIndex;
      if (typeof index !== "number" || !Number.isInteger(index) || index < count - 1 || index >= nodeCount) {
        throw new MerkleInvalidDumpError(
          `values[${i}].treeIndex is not a leaf node index (${count - 1} to ${nodeCount - 1})`,
        );
      }
      if (taken[index - (count - 1)] === 1) {
        throw new MerkleInvalidDumpError(`two values have the leaf node ${index}`, { details: `second: values[${i}]` });
      }
      taken[index - (count - 1)] = 1;
      treeIndex[i] = index;
      values[i] = entry!.value as T;
    }

    let hashes: Uint8Array;
    try {
      hashes = await hashAllLeaves(keccak, executor, encoding, values, count);
    } catch (error) {
      if (error instanceof MerkleLeafEncodingError) {
        throw new MerkleInvalidDumpError(`a value does not fit the leaf encoding`, { cause: error });
      }
      throw error;
    }
    for (let i = 0; i < count; i++) {
      if (!bytesEqual(hashes, 32 * i, nodes, 32 * treeIndex[i]!)) {
        throw new MerkleInvalidDumpError(`values[${i}] does not hash to its leaf, node ${treeIndex[i]}`, {
          details: `expected ${bytesToHex(hashes, 32 * i, 32)}, the dump has ${tree[treeIndex[i]!]}`,
        });
      }
    }
    // Recompute every inner node from the (checked) leaves and compare.
    const check = executor.allocate(nodeCount * 32);
    check.set(nodes.subarray(32 * (count - 1)), 32 * (count - 1));
    await hashInnerNodes(keccak.core, executor, check, count);
    for (let i = 0; i < count - 1; i++) {
      if (!bytesEqual(check, 32 * i, nodes, 32 * i)) {
        throw new MerkleInvalidDumpError(
          `tree node ${i} is not the hash of its children ${2 * i + 1} and ${2 * i + 2}`,
          {
            details: `expected ${bytesToHex(check, 32 * i, 32)}, the dump has ${tree[i]}`,
          },
        );
      }
    }
    return new StandardTree(keccak, encoding, values, { nodes, leafCount: count, treeIndex }, tree.slice());
  }

  /**
   * Whether `proof` proves `value` under `root` for trees of `leafEncoding`, like
   * `StandardMerkleTree.verify` (async here only to load Keccak once).
   *
   * @throws {MerkleInvalidProofError} when the root or a proof node is not 32 bytes.
   * @throws {MerkleLeafEncodingError} when `value` does not fit `leafEncoding`.
   * @example
   * await StandardTree.verify(root, REWARD_LEAF_TYPES, [chainId, distributor, account, amount], proof); // true
   */
  static async verify<T extends readonly unknown[]>(
    root: BytesLike,
    leafEncoding: readonly string[],
    value: T,
    proof: readonly BytesLike[],
  ): Promise<boolean> {
    const encoding = parseLeafEncoding(leafEncoding);
    const keccak = await loadKeccak();
    const rootBytes = new Uint8Array(32);
    if (!readBytes32(root, rootBytes, 0)) throw new MerkleInvalidProofError(-1, root);
    return verifyLeaf(keccak, rootBytes, leafHashOf(keccak, encoding, value), proof);
  }

  /**
   * The root, as "0x" and 64 lower-case hex digits (what `proposeRoot` takes).
   *
   * @example
   * await distributor.proposeRoot(epoch, tree.root, total, treeHash, uri);
   */
  get root(): Hex {
    return this.#hex?.[0] ?? bytesToHex(this.#flat.nodes, 0, 32);
  }

  /**
   * The number of values (leaves).
   *
   * @example
   * tree.length; // 3
   */
  get length(): number {
    return this.#values.length;
  }

  /**
   * The value at `index` (input order), or `undefined`.
   *
   * @example
   * const [, , account, amount] = tree.at(0)!;
   */
  at(index: number): T | undefined {
    return this.#values.at(index);
  }

  /**
   * `[index, value]` for every value, in input order (as `StandardMerkleTree.entries()`).
   *
   * @example
   * for (const [i, [, , account]] of tree.entries()) console.log(i, account);
   */
  *entries(): IterableIterator<[number, T]> {
    for (let i = 0; i < this.#values.length; i++) yield [i, this.#values[i]!];
  }

  /**
   * The node index of value `index`'s leaf (the `treeIndex` of `dump().values[index]`).
   *
   * @throws {MerkleIndexOutOfRangeError} when `index` is not a value index.
   * @example
   * tree.treeIndexOf(0); // e.g. 4
   */
  treeIndexOf(index: number): number {
    return this.#flat.treeIndex[this.#checkIndex(index)]!;
  }

  /**
   * The leaf hash of `value` (whether or not it is in the tree).
   *
   * @throws {MerkleLeafEncodingError} when `value` does not fit the leaf encoding.
   * @example
   * await distributor.leaf(account, amount) === tree.leafHash([chainId, distributor, account, amount]); // true
   */
  leafHash(value: T): Hex {
    return bytesToHex(leafHashOf(this.#keccak, this.#encoding, value), 0, 32);
  }

  /**
   * The index of `value` among the values (its leaf hash looked up in O(1) after a one-off
   * O(n) index; for duplicate values, the last one, as OpenZeppelin).
   *
   * @throws {MerkleLeafNotFoundError} when `value` is not a leaf of this tree.
   * @example
   * const i = tree.leafLookup([chainId, distributor, account, amount]);
   */
  leafLookup(value: T): number {
    const hash = leafHashOf(this.#keccak, this.#encoding, value);
    const index = this.#find(hash);
    if (index < 0) throw new MerkleLeafNotFoundError("value", bytesToHex(hash, 0, 32));
    return index;
  }

  /**
   * The proof of a value, given by index (input order) or by value: sibling hashes from the
   * leaf up, O(log n), identical to `StandardMerkleTree.getProof`.
   *
   * @throws {MerkleIndexOutOfRangeError} for an index that is not a value index.
   * @throws {MerkleLeafNotFoundError} for a value that is not in the tree.
   * @example
   * await distributor.claim(account, amount, tree.getProof([chainId, distributor, account, amount]));
   */
  getProof(indexOrValue: number | T): Hex[] {
    const index = typeof indexOrValue === "number" ? this.#checkIndex(indexOrValue) : this.leafLookup(indexOrValue);
    const proof: Hex[] = [];
    const nodes = this.#flat.nodes;
    for (let node = this.#flat.treeIndex[index]!; node > 0; node = (node - 1) >> 1) {
      const sibling = node % 2 === 1 ? node + 1 : node - 1;
      proof.push(this.#hex?.[sibling] ?? bytesToHex(nodes, 32 * sibling, 32));
    }
    return proof;
  }

  /**
   * Every value's proof, in input order: `getAllProofs()[i]` equals `getProof(i)`. Renders each
   * node's hex once and shares it among proofs. For a million leaves, `proofs()` (one proof at
   * a time) needs far less memory.
   *
   * @example
   * const proofs = tree.getAllProofs();
   * for (const [i, [, , account, amount]] of tree.entries()) serve(account, amount, proofs[i]);
   */
  getAllProofs(): Hex[][] {
    const proofs = new Array<Hex[]>(this.#values.length);
    for (const [i, proof] of this.proofs()) proofs[i] = proof;
    return proofs;
  }

  /**
   * Every value's proof, one at a time, as `[i, getProof(i)]`, in leaf order (tree index
   * order), not input order. Renders each node's hex once; keeps no proof and no cache of all
   * nodes, so memory stays flat however many proofs are written out (e.g. to the file or
   * database an oracle serves claims from).
   *
   * @example
   * for (const [i, proof] of tree.proofs()) await store.put(tree.at(i)![2], proof);
   */
  *proofs(): Generator<[index: number, proof: Hex[]], void, undefined> {
    const { nodes, treeIndex, leafCount } = this.#flat;
    const nodeCount = 2 * leafCount - 1;
    const cache = this.#hex;
    const windows = cache === undefined ? new LevelHexWindows(nodes, nodeCount) : undefined;
    const valueAt = new Uint32Array(leafCount); // value index of each leaf node, from node n - 1 on
    for (let i = 0; i < leafCount; i++) valueAt[treeIndex[i]! - (leafCount - 1)] = i;
    const hexOf = (node: number) => (cache === undefined ? windows!.get(node) : cache[node]!);
    let previous: Hex[] | undefined; // the proof of leaf - 1
    for (let leaf = leafCount - 1; leaf < nodeCount; leaf++) {
      const depth = 31 - Math.clz32(leaf + 1);
      let proof: Hex[];
      let node = leaf;
      let k = 0;
      if (previous !== undefined && previous.length === depth) {
        // The previous leaf's proof differs only below the two leaves' common ancestor.
        proof = previous.slice();
        for (let other = leaf - 1; node !== other; k++, node = (node - 1) >> 1, other = (other - 1) >> 1) {
          proof[k] = hexOf(node % 2 === 1 ? node + 1 : node - 1);
        }
      } else {
        proof = new Array<Hex>(depth);
        for (; node > 0; k++, node = (node - 1) >> 1) proof[k] = hexOf(node % 2 === 1 ? node + 1 : node - 1);
      }
      previous = proof;
      yield [valueAt[leaf - (leafCount - 1)]!, proof];
    }
  }

  /**
   * Whether `proof` proves the value (given by index or value) under this tree's root.
   *
   * @throws {MerkleInvalidProofError} when a proof node is not 32 bytes.
   * @throws {MerkleIndexOutOfRangeError} for an index that is not a value index.
   * @example
   * tree.verify(0, tree.getProof(0)); // true
   */
  verify(indexOrValue: number | T, proof: readonly BytesLike[]): boolean {
    const value = typeof indexOrValue === "number" ? this.#values[this.#checkIndex(indexOrValue)]! : indexOrValue;
    const hash = leafHashOf(this.#keccak, this.#encoding, value);
    return verifyLeaf(this.#keccak, this.#flat.nodes.subarray(0, 32), hash, proof);
  }

  /**
   * The tree as `StandardMerkleTree.dump()` writes it: the same object shape and key order, so
   * `JSON.stringify` gives the same text for the same input (bigint values need a replacer, as
   * with OpenZeppelin), and either library loads the other's dump.
   *
   * @example
   * await writeFile("tree.json", JSON.stringify(tree.dump(), (_, v) => (typeof v === "bigint" ? v.toString() : v)));
   */
  dump(): StandardTreeDump<T> {
    const { treeIndex } = this.#flat;
    return {
      format: "standard-v1",
      leafEncoding: [...this.#encoding.types],
      tree: this.#nodeHex().slice(),
      values: this.#values.map((value, i) => ({ value, treeIndex: treeIndex[i]! })),
    };
  }

  #nodeHex(): Hex[] {
    this.#hex ??= nodesToHex(this.#flat.nodes, 2 * this.#flat.leafCount - 1);
    return this.#hex;
  }

  #checkIndex(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.#values.length) {
      throw new MerkleIndexOutOfRangeError(index, this.#values.length);
    }
    return index;
  }

  /** The last value index whose leaf hash is `hash`, or -1 (open addressing on the first 4 bytes). */
  #find(hash: Uint8Array): number {
    const { nodes, treeIndex } = this.#flat;
    const table = (this.#lookup ??= buildLookup(nodes, treeIndex));
    const mask = table.length - 1;
    for (let slot = readU32(hash, 0) & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot]!;
      if (entry === 0) return -1;
      if (bytesEqual(nodes, 32 * treeIndex[entry - 1]!, hash, 0)) return entry - 1;
    }
  }
}

/** Encodes and hashes every value through `executor`; throws on a bad value or checksum. */
async function hashAllLeaves(
  keccak: Keccak,
  executor: MerkleExecutor,
  encoding: LeafEncoding,
  values: readonly unknown[],
  count: number,
): Promise<Uint8Array> {
  const hashes = executor.allocate(32 * count);
  const bad = await executor.hashLeaves({
    count,
    bytesPerLeaf: encoding.bytesPerLeaf,
    addressFields: encoding.addressFields,
    hashes,
    encode: (from, to, out, outFirstLeaf, checks) =>
      encodeLeaves(encoding, values, from, to, out, outFirstLeaf, checks),
  });
  if (bad !== undefined) {
    leafHashOf(keccak, encoding, values[bad], bad); // throws the error of that leaf's address
  }
  return hashes;
}

/** The 32-byte leaf hash of one value (value `leafIndex` of a list, when it is one). */
function leafHashOf(keccak: Keccak, encoding: LeafEncoding, value: unknown, leafIndex?: number): Uint8Array {
  const { bytes, checks } = encodeLeaf(encoding, value, leafIndex);
  const core = keccak.core;
  const bad = checkChecksumRange(core, bytes, 0, encoding.bytesPerLeaf, checks.entries, 0, checks.length);
  if (bad >= 0) {
    const position = (checks.entries[4 * bad + 1]! - 12) / 32;
    const problem = "the mixed-case address has a wrong EIP-55 checksum; pass it checksummed or in lower case";
    throw new MerkleLeafEncodingError(leafIndex, position, "address", problem, (value as unknown[])[position]);
  }
  const hash = new Uint8Array(32);
  hashLeafRange(core, new Int32Array(bytes.buffer), 0, bytes.length / 4, 0, 1, new Int32Array(hash.buffer));
  return hash;
}

function verifyLeaf(keccak: Keccak, root: Uint8Array, leafHash: Uint8Array, proof: readonly BytesLike[]): boolean {
  if (!Array.isArray(proof)) throw new MerkleInvalidProofError(0, proof);
  const nodes = new Uint8Array(32 * proof.length);
  for (let p = 0; p < proof.length; p++) {
    if (!readBytes32(proof[p], nodes, 32 * p)) throw new MerkleInvalidProofError(p, proof[p]);
  }
  const computed = new Uint8Array(32);
  processProof(keccak.core, leafHash, nodes, proof.length, computed);
  return bytesEqual(computed, 0, root, 0);
}

/** Reads a 32-byte hex string (any letter case) or byte array into `out` at `offset`. */
function readBytes32(value: unknown, out: Uint8Array, offset: number): boolean {
  if (value instanceof Uint8Array) {
    if (value.length !== 32) return false;
    out.set(value, offset);
    return true;
  }
  return typeof value === "string" && parseHexInto(value, out, offset, 32);
}

function buildLookup(nodes: Uint8Array, treeIndex: Uint32Array): Int32Array {
  let size = 2;
  while (size < 2 * treeIndex.length) size *= 2;
  const table = new Int32Array(size);
  const mask = size - 1;
  for (let i = 0; i < treeIndex.length; i++) {
    const at = 32 * treeIndex[i]!;
    for (let slot = readU32(nodes, at) & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot]!;
      // Equal hashes (duplicate values): the later index wins, as in OpenZeppelin's lookup.
      if (entry === 0 || bytesEqual(nodes, 32 * treeIndex[entry - 1]!, nodes, at)) {
        table[slot] = i + 1;
        break;
      }
    }
  }
  return table;
}

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function bytesEqual(a: Uint8Array, aAt: number, b: Uint8Array, bAt: number): boolean {
  for (let k = 0; k < 32; k++) if (a[aAt + k] !== b[bAt + k]) return false;
  return true;
}
