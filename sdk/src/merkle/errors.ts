import { SdkError } from "../errors/base.js";

/**
 * A leaf encoding names a type the fast encoder does not handle. Only static ABI types are
 * supported: `uint<N>`, `int<N>`, `address`, `bool`, `bytes<N>` (and `uint` / `int`).
 *
 * @example
 * try {
 *   await StandardTree.of([["hello"]], ["string"]);
 * } catch (error) {
 *   if (error instanceof MerkleUnsupportedTypeError) console.error(error.type); // "string"
 * }
 */
export class MerkleUnsupportedTypeError extends SdkError {
  override name = "MerkleUnsupportedTypeError";
  /** The type that was refused. */
  readonly type: string;

  constructor(type: string, position: number) {
    super(
      `Leaf type "${type}" (position ${position}) is not supported; use only uint<N>, int<N>, address, bool or bytes<N> (N ≤ 32), or build the tree with @openzeppelin/merkle-tree.`,
    );
    this.type = type;
  }
}

/**
 * A leaf value does not fit its type (wrong shape, out of range, bad hex, bad address checksum…).
 *
 * @example
 * try {
 *   await StandardTree.of([[-1n]], ["uint256"]);
 * } catch (error) {
 *   if (error instanceof MerkleLeafEncodingError) console.error(error.leafIndex, error.position); // 0 0
 * }
 */
export class MerkleLeafEncodingError extends SdkError {
  override name = "MerkleLeafEncodingError";
  /** Index of the offending value in the input (value order), when known. */
  readonly leafIndex: number | undefined;
  /** Position of the offending field in the leaf. */
  readonly position: number;
  /** The leaf type of that field. */
  readonly type: string;
  /** What is wrong with the value. */
  readonly problem: string;
  /** The offending field value (or the whole leaf, when it is not an array of the right length). */
  readonly value: unknown;

  constructor(leafIndex: number | undefined, position: number, type: string, problem: string, value: unknown) {
    const where = leafIndex === undefined ? `Field ${position}` : `Leaf ${leafIndex}, field ${position}`;
    super(`${where} (${type}): ${problem}; fix the value and build the tree again.`, {
      details: `value: ${describe(value)}`,
    });
    this.leafIndex = leafIndex;
    this.position = position;
    this.type = type;
    this.problem = problem;
    this.value = value;
  }
}

/**
 * A tree dump (the `StandardMerkleTree.dump()` JSON, format "standard-v1") is malformed or does
 * not hash to itself: a leaf does not match its value, or a node does not match its children.
 *
 * @example
 * try {
 *   await StandardTree.load(JSON.parse(file));
 * } catch (error) {
 *   if (error instanceof MerkleInvalidDumpError) console.error("refusing tree file:", error.shortMessage);
 * }
 */
export class MerkleInvalidDumpError extends SdkError {
  override name = "MerkleInvalidDumpError";

  constructor(problem: string, options: { details?: string; cause?: unknown } = {}) {
    super(`Invalid tree dump: ${problem}; fetch the tree file again from its publisher and do not edit it.`, options);
  }
}

/**
 * The value, account or contribution asked for has no leaf in this tree.
 *
 * @example
 * try {
 *   tree.getProof([chainId, distributor, account, amount]);
 * } catch (error) {
 *   if (error instanceof MerkleLeafNotFoundError) console.error("not in this epoch's tree:", error.key);
 * }
 */
export class MerkleLeafNotFoundError extends SdkError {
  override name = "MerkleLeafNotFoundError";
  /** What was looked up: a leaf hash, an account or a contribution id. */
  readonly key: string;

  constructor(kind: "value" | "account" | "contribution", key: string) {
    const subject =
      kind === "value" ? `The value (leaf hash ${key})` : kind === "account" ? `Account ${key}` : `Contribution ${key}`;
    super(
      `${subject} has no leaf in this tree; check ${kind === "value" ? "every field" : "it"} and that the tree is the right one (epoch, distributor, Datanet version).`,
    );
    this.key = key;
  }
}

/**
 * A value index is not an index of the tree's values.
 *
 * @example
 * try {
 *   tree.getProof(tree.length);
 * } catch (error) {
 *   if (error instanceof MerkleIndexOutOfRangeError) console.error(error.index, error.length);
 * }
 */
export class MerkleIndexOutOfRangeError extends SdkError {
  override name = "MerkleIndexOutOfRangeError";
  readonly index: number;
  readonly length: number;

  constructor(index: number, length: number) {
    super(
      `Value index ${index} is out of range; pass an integer from 0 to ${length - 1} (the value order of entries()).`,
    );
    this.index = index;
    this.length = length;
  }
}

/**
 * A proof or root given to `verify` is not made of 32-byte hex strings (or 32-byte arrays).
 *
 * @example
 * try {
 *   tree.verify(0, ["0x12"]);
 * } catch (error) {
 *   if (error instanceof MerkleInvalidProofError) console.error(error.position); // 0
 * }
 */
export class MerkleInvalidProofError extends SdkError {
  override name = "MerkleInvalidProofError";
  /** Index of the malformed node in the proof, or -1 for the root. */
  readonly position: number;

  constructor(position: number, node: unknown) {
    const what = position < 0 ? "The root" : `Proof node ${position}`;
    super(
      `${what} is not a 32-byte value; pass 0x-prefixed 64-digit hex strings (or 32-byte arrays) exactly as getProof and root return them.`,
      { details: `got: ${describe(node)}` },
    );
    this.position = position;
  }
}

/**
 * A tree needs at least one leaf.
 *
 * @example
 * try {
 *   await StandardTree.of([], ["uint256"]);
 * } catch (error) {
 *   if (error instanceof MerkleEmptyTreeError) console.error("nothing to publish this epoch");
 * }
 */
export class MerkleEmptyTreeError extends SdkError {
  override name = "MerkleEmptyTreeError";

  constructor() {
    super("A Merkle tree needs at least one leaf; pass one value or more (or publish nothing).");
  }
}

/**
 * WebAssembly is missing, or the Keccak module did not give the known test vectors.
 *
 * @example
 * try {
 *   await loadKeccak();
 * } catch (error) {
 *   if (error instanceof MerkleKeccakUnavailableError) console.error("this runtime cannot build trees");
 * }
 */
export class MerkleKeccakUnavailableError extends SdkError {
  override name = "MerkleKeccakUnavailableError";

  constructor(problem: string, cause?: unknown) {
    super(`Keccak-256 (hash-wasm) is unavailable: ${problem}; run in a runtime with WebAssembly enabled.`, { cause });
  }
}

/**
 * One account appears twice in a reward map (e.g. in two letter cases); it would get two leaves.
 *
 * @example
 * try {
 *   await buildRewardTree(1n, distributor, new Map([[alice, 1n], [alice.toLowerCase(), 2n]]));
 * } catch (error) {
 *   if (error instanceof MerkleDuplicateAccountError) console.error(error.account);
 * }
 */
export class MerkleDuplicateAccountError extends SdkError {
  override name = "MerkleDuplicateAccountError";
  /** The checksummed account. */
  readonly account: string;

  constructor(account: string) {
    super(`Account ${account} appears twice in the rewards; merge its amounts into one entry.`);
    this.account = account;
  }
}

/**
 * A reward amount is negative; cumulative amounts are token wei earned since epoch 1.
 *
 * @example
 * try {
 *   await buildRewardTree(1n, distributor, new Map([[alice, -1n]]));
 * } catch (error) {
 *   if (error instanceof MerkleNegativeAmountError) console.error(error.account, error.amount);
 * }
 */
export class MerkleNegativeAmountError extends SdkError {
  override name = "MerkleNegativeAmountError";
  readonly account: string;
  readonly amount: bigint;

  constructor(account: string, amount: bigint) {
    super(`Account ${account} has the negative amount ${amount}; pass cumulative amounts ≥ 0 in token wei.`);
    this.account = account;
    this.amount = amount;
  }
}

/**
 * A Datanet version lists one contribution id or one content hash twice, or a contribution id
 * below 1; the registry numbers contributions from 1 and refuses duplicate content.
 *
 * @example
 * try {
 *   await buildContributionTree(1n, [c, c]);
 * } catch (error) {
 *   if (error instanceof MerkleInvalidContributionError) console.error(error.shortMessage);
 * }
 */
export class MerkleInvalidContributionError extends SdkError {
  override name = "MerkleInvalidContributionError";
  /** Index of the offending contribution in the input. */
  readonly index: number;

  constructor(index: number, problem: string) {
    super(`Contribution ${index}: ${problem}; list each accepted contribution once, as the registry recorded it.`);
    this.index = index;
  }
}

function describe(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}
