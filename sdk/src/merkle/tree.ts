import type { MerkleExecutor } from "./executor.js";
import { hashNodeRange, type KeccakCore } from "./kernels.js";

/**
 * OpenZeppelin's tree layout (`@openzeppelin/merkle-tree` `core.js`), in one flat buffer:
 * `2n - 1` nodes of 32 bytes, node `i` having children `2i + 1` and `2i + 2`; the root is node
 * 0 and the n leaves are the last n nodes in reverse order (leaf `k` of the sorted list is node
 * `2n - 2 - k`); an inner node is `keccak256` of its two children, the smaller first.
 */
export type FlatTree = {
  /** `2n - 1` nodes, 32 bytes each. */
  readonly nodes: Uint8Array;
  /** n. */
  readonly leafCount: number;
  /** Node index of each value's leaf, in value order. */
  readonly treeIndex: Uint32Array;
};

/**
 * Lays out leaves and hashes every inner node.
 *
 * @param leafHashes 32 bytes per value, in value order.
 * @param order value indexes in leaf order (`sortedLeafOrder`), or `undefined` to keep value
 *   order (`sortLeaves: false`).
 * @example
 * const tree = await buildFlatTree(core, executor, leafHashes, count, sortedLeafOrder(leafHashes, count));
 */
export async function buildFlatTree(
  core: KeccakCore,
  executor: MerkleExecutor,
  leafHashes: Uint8Array,
  count: number,
  order: Uint32Array | undefined,
): Promise<FlatTree> {
  const nodeCount = 2 * count - 1;
  const nodes = executor.allocate(nodeCount * 32);
  const nodeWords = new Int32Array(nodes.buffer, nodes.byteOffset, nodes.length / 4);
  const hashWords = new Int32Array(leafHashes.buffer, leafHashes.byteOffset, leafHashes.length / 4);
  const treeIndex = new Uint32Array(count);
  for (let k = 0; k < count; k++) treeIndex[order === undefined ? k : order[k]!] = nodeCount - 1 - k;
  // Read the hashes in order and scatter them: cheaper than gathering them in leaf order.
  for (let value = 0; value < count; value++) {
    const s = 8 * value;
    const d = 8 * treeIndex[value]!;
    for (let w = 0; w < 8; w++) nodeWords[d + w] = hashWords[s + w]!;
  }
  await hashInnerNodes(core, executor, nodes, count);
  return { nodes, leafCount: count, treeIndex };
}

/**
 * Hashes inner nodes `n - 2` down to 0 of a tree whose leaves are in place. With several threads,
 * the subtrees under one level (all inner, at least 32 per thread when the tree is that big) go
 * to the executor, and this thread hashes the few nodes above them.
 *
 * @example
 * await hashInnerNodes(core, serialExecutor(core), nodes, leafCount);
 */
export async function hashInnerNodes(
  core: KeccakCore,
  executor: MerkleExecutor,
  nodes: Uint8Array,
  leafCount: number,
): Promise<void> {
  const lastInner = leafCount - 2;
  if (lastInner < 0) return;
  let depth = 0;
  if (executor.threads > 1) {
    // The deepest level with at most 32 subtrees per thread that holds inner nodes only.
    while (2 ** (depth + 1) <= 32 * executor.threads && 2 ** (depth + 2) - 2 <= lastInner) depth++;
  }
  const firstRoot = 2 ** depth - 1;
  await executor.hashSubtrees(nodes, firstRoot, 2 ** depth, lastInner);
  const words = new Int32Array(nodes.buffer, nodes.byteOffset, nodes.length / 4);
  hashNodeRange(core, nodes, words, 0, firstRoot);
}

/**
 * Node indexes of the proof of the leaf at node `index`: its sibling, then its parent's
 * sibling, … up to a child of the root (OpenZeppelin's `getProof` walk).
 *
 * @example
 * proofNodeIndexes(tree.treeIndex[0]!); // e.g. [5, 1]
 */
export function proofNodeIndexes(index: number): number[] {
  const path: number[] = [];
  while (index > 0) {
    path.push(index % 2 === 1 ? index + 1 : index - 1);
    index = (index - 1) >> 1;
  }
  return path;
}

/**
 * The root a leaf hash and proof lead to: each step hashes the current node with the next
 * proof node, the smaller first. `nodes` holds 32 bytes per proof node; the result is written
 * to `out` (32 bytes).
 *
 * @example
 * processProof(core, leaf, proofBytes, proofLength, out);
 */
export function processProof(
  core: KeccakCore,
  leaf: Uint8Array,
  nodes: Uint8Array,
  length: number,
  out: Uint8Array,
): void {
  const { memory, offset, calculate } = core;
  const current = leaf.slice(0, 32);
  for (let p = 0; p < length; p++) {
    let order = 0;
    for (let k = 0; k < 32 && order === 0; k++) order = current[k]! - nodes[32 * p + k]!;
    if (order <= 0) {
      memory.set(current, offset);
      memory.set(nodes.subarray(32 * p, 32 * p + 32), offset + 32);
    } else {
      memory.set(nodes.subarray(32 * p, 32 * p + 32), offset);
      memory.set(current, offset + 32);
    }
    calculate(64);
    current.set(memory.subarray(offset, offset + 32));
  }
  out.set(current);
}
