import { writeHexRange } from "./kernels.js";

/** A "0x"-prefixed hex string. */
export type Hex = `0x${string}`;

const DIGITS = "0123456789abcdef";
/** Value of each ASCII code as a hex digit, or 255. */
const DIGIT_VALUE = new Uint8Array(128).fill(255);
for (let i = 0; i < 16; i++) {
  DIGIT_VALUE[DIGITS.charCodeAt(i)] = i;
  DIGIT_VALUE[DIGITS.toUpperCase().charCodeAt(i)] = i;
}

/**
 * `length` bytes of `bytes` from `offset`, as "0x" + lower-case hex.
 *
 * @example
 * bytesToHex(new Uint8Array([1, 171])); // "0x01ab"
 */
export function bytesToHex(bytes: Uint8Array, offset = 0, length = bytes.length - offset): Hex {
  let hex = "0x";
  for (let i = offset; i < offset + length; i++) hex += DIGITS[bytes[i]! >> 4]! + DIGITS[bytes[i]! & 15]!;
  return hex as Hex;
}

/**
 * Parses "0x" + exactly `2 * length` hex digits into `out` at `offset`. Returns false (and may
 * have written part of it) when `hex` is not that; with `lowerOnly`, upper-case digits are
 * refused too.
 *
 * @example
 * const out = new Uint8Array(32);
 * parseHexInto(root, out, 0, 32, true); // true for a well-formed root
 */
export function parseHexInto(hex: string, out: Uint8Array, offset: number, length: number, lowerOnly = false): boolean {
  if (hex.length !== 2 + 2 * length || hex.charCodeAt(0) !== 48 || hex.charCodeAt(1) !== 120) return false;
  for (let i = 0; i < length; i++) {
    const a = hex.charCodeAt(2 + 2 * i);
    const b = hex.charCodeAt(3 + 2 * i);
    const hi = a < 128 ? DIGIT_VALUE[a]! : 255;
    const lo = b < 128 ? DIGIT_VALUE[b]! : 255;
    if (hi === 255 || lo === 255) return false;
    if (lowerOnly && (a > 96 !== hi > 9 || b > 96 !== lo > 9)) return false;
    out[offset + i] = (hi << 4) | lo;
  }
  return true;
}

/** Nodes per text chunk: 65,536 × 66 characters ≈ 4.3 MB, far below V8's string length limit. */
const CHUNK_NODES = 1 << 16;

/**
 * Nodes `0` to `count - 1` of a flat tree (32 bytes per node) as hex strings, fast: the digits
 * of up to 65,536 nodes are written as ASCII into one buffer, decoded once into one string, and
 * each node's string is a slice of it (V8 shares the characters of a slice instead of copying
 * them).
 *
 * @example
 * const hex = nodesToHex(tree, tree.length / 32);
 * hex[0]; // the root
 */
export function nodesToHex(tree: Uint8Array, count: number): Hex[] {
  const out = new Array<Hex>(count);
  const decoder = new TextDecoder("latin1");
  const chunk = Math.min(count, CHUNK_NODES);
  const text = new Uint16Array(chunk * 33);
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk);
    writeHexRange(tree, from, to, from, text);
    const all = decoder.decode(new Uint8Array(text.buffer, 0, (to - from) * 66));
    for (let i = from, s = 0; i < to; i++, s += 66) out[i] = all.slice(s, s + 66) as Hex;
  }
  return out;
}

/** Nodes rendered at once per level by `LevelHexWindows`. */
const WINDOW_NODES = 2048;

/**
 * Hex strings of a flat tree's nodes for walks that ask, level by level, for nodes in mostly
 * increasing order (every proof, leaf after leaf): each level keeps a window of up to 2,048
 * consecutive nodes, rendered at once (ASCII, one decode, slices) when a node outside it is
 * asked for. Memory stays small, and strings no proof keeps die young instead of filling the
 * heap as a cache of all `2n - 1` nodes would.
 *
 * @example
 * const windows = new LevelHexWindows(tree, nodeCount);
 * windows.get(5); // node 5 as "0x…"
 */
export class LevelHexWindows {
  readonly #tree: Uint8Array;
  readonly #nodeCount: number;
  readonly #start = new Int32Array(32).fill(-1);
  readonly #end = new Int32Array(32);
  readonly #strings: Hex[][] = Array.from({ length: 32 }, () => []);
  readonly #text = new Uint16Array(WINDOW_NODES * 33);
  readonly #decoder = new TextDecoder("latin1");

  constructor(tree: Uint8Array, nodeCount: number) {
    this.#tree = tree;
    this.#nodeCount = nodeCount;
  }

  /** Node `node` as "0x" and 64 lower-case hex digits. */
  get(node: number): Hex {
    const level = 31 - Math.clz32(node + 1);
    const start = this.#start[level]!;
    if (node >= start && node < this.#end[level]!) return this.#strings[level]![node - start]!;
    // Start at the left one of a pair of siblings (odd index), so both land in the window.
    const from = node > 0 && node % 2 === 0 ? node - 1 : node;
    const to = Math.min(from + WINDOW_NODES, 2 ** (level + 1) - 1, this.#nodeCount);
    writeHexRange(this.#tree, from, to, from, this.#text);
    const all = this.#decoder.decode(new Uint8Array(this.#text.buffer, 0, (to - from) * 66));
    const strings = this.#strings[level]!;
    strings.length = to - from;
    for (let i = 0, s = 0; i < to - from; i++, s += 66) strings[i] = all.slice(s, s + 66) as Hex;
    this.#start[level] = from;
    this.#end[level] = to;
    return strings[node - from]!;
  }
}
