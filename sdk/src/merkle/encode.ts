import { MerkleLeafEncodingError, MerkleUnsupportedTypeError } from "./errors.js";

/**
 * A compiled leaf encoding: the ABI types of a leaf's fields, each a static type taking one
 * 32-byte word, so a leaf's `abi.encode` is `32 × types.length` bytes.
 */
export type LeafEncoding = {
  /** The types as given (e.g. `["uint256", "address", "address", "uint256"]`). */
  readonly types: readonly string[];
  /** Bytes of one leaf's `abi.encode`. */
  readonly bytesPerLeaf: number;
  /** Address fields whose mixed-case checksums get checked (0 with `checksums: false`). */
  readonly addressFields: number;
  /** Whether mixed-case addresses are listed for checksum checks. */
  readonly checksums: boolean;
  /** One writer per field. */
  readonly fields: readonly FieldWriter[];
};

/**
 * Value lists whose addresses this SDK checksummed itself (the reward and contribution
 * helpers): `StandardTree.of` skips checking those checksums again. Not exported by the barrel.
 *
 * @example
 * checksummedValueLists.add(values); // every address in `values` came from checksumAddress
 */
export const checksummedValueLists = new WeakSet<readonly unknown[]>();

/**
 * Mixed-case addresses met while encoding, whose EIP-55 checksums are still to be checked:
 * four numbers per entry (leaf, byte offset in the leaf's encoding, upper-case mask bits 0–31
 * and 32–39), `length` entries. `checkChecksumRange` checks them.
 */
export type ChecksumList = { entries: Uint32Array; length: number };

/** Writes one field of leaf `leaf` at byte `at` of `out` (`view` views `out`); throws `MerkleLeafEncodingError`. */
type FieldWriter = (
  value: unknown,
  out: Uint8Array,
  view: DataView,
  at: number,
  leaf: number,
  checks: ChecksumList,
) => void;

const INTEGER = /^(u?)int(\d*)$/;
const FIXED_BYTES = /^bytes(\d+)$/;
const DECIMAL = /^-?\d+$/;
const HEX_NUMBER = /^0x[0-9a-fA-F]+$/;

/**
 * Compiles a leaf encoding of static ABI types: `uint<N>` and `int<N>` (N = 8, 16, …, 256;
 * `uint` and `int` mean 256), `address`, `bool`, `bytes<N>` (N = 1 … 32).
 *
 * Values each type accepts (a subset of what `@openzeppelin/merkle-tree` accepts, encoded to the
 * same bytes, and what ethers' `AbiCoder` accepts):
 * - integers: `bigint`, a safe-integer `number`, a decimal string (`"-12"` for `int`), or a
 *   `0x` hex string; out of range for N bits is an error;
 * - `address`: a `0x` string of 40 hex digits; in mixed case its EIP-55 checksum must be right;
 * - `bool`: `true` or `false`;
 * - `bytes<N>`: a `0x` string of exactly 2N hex digits, or a `Uint8Array` of N bytes.
 *
 * With `checksums: false`, mixed-case addresses are not listed for checksum checks (for values
 * whose addresses were just checksummed).
 *
 * @throws {MerkleUnsupportedTypeError} for any other type (`string`, `bytes`, arrays, tuples).
 * @example
 * const encoding = parseLeafEncoding(["uint256", "address", "address", "uint256"]);
 * encoding.bytesPerLeaf; // 128
 */
export function parseLeafEncoding(types: readonly string[], options: { checksums?: boolean } = {}): LeafEncoding {
  if (!Array.isArray(types) || types.length === 0) throw new MerkleUnsupportedTypeError(String(types), 0);
  const checksums = options.checksums ?? true;
  const fields = types.map((type, position) => fieldWriter(type, position, checksums));
  const addressFields = checksums ? types.filter((type) => type === "address").length : 0;
  return { types: [...types], bytesPerLeaf: 32 * types.length, addressFields, checksums, fields };
}

/**
 * ABI-encodes values `from` to `to` (exclusive) into `out`, `bytesPerLeaf` bytes each, value `i`
 * at `(i - outFirstLeaf) * bytesPerLeaf`. Mixed-case addresses are appended to `checks` (their
 * checksums are checked later, in bulk, by `checkChecksumRange`). A field equal (`===`) to the
 * same field of the previous value is copied, not re-encoded.
 *
 * @throws {MerkleLeafEncodingError} for a value that is not an array of the right length, or a
 *   field its type refuses.
 * @example
 * const out = new Uint8Array(values.length * encoding.bytesPerLeaf);
 * encodeLeaves(encoding, values, 0, values.length, out, 0, { entries: new Uint32Array(0), length: 0 });
 */
export function encodeLeaves(
  encoding: LeafEncoding,
  values: readonly unknown[],
  from: number,
  to: number,
  out: Uint8Array,
  outFirstLeaf: number,
  checks: ChecksumList,
): void {
  const { fields, bytesPerLeaf } = encoding;
  const width = fields.length;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const words = new Int32Array(out.buffer, out.byteOffset, out.byteLength >> 2); // leaves are 32-byte aligned
  const wordsPerLeaf = bytesPerLeaf >> 2;
  let previous: readonly unknown[] | undefined;
  for (let i = from; i < to; i++) {
    const value = values[i];
    if (!Array.isArray(value) || value.length !== width) {
      const problem = Array.isArray(value)
        ? `the leaf has ${value.length} fields but the encoding has ${width}`
        : "a leaf must be an array of field values";
      throw new MerkleLeafEncodingError(i, 0, encoding.types.join(","), problem, value);
    }
    const base = (i - outFirstLeaf) * bytesPerLeaf;
    for (let f = 0; f < width; f++) {
      const field: unknown = value[f];
      const at = base + 32 * f;
      if (previous !== undefined && previous[f] === field) {
        for (let w = at >> 2, k = 0; k < 8; k++) words[w + k] = words[w + k - wordsPerLeaf]!;
      } else {
        fields[f]!(field, out, view, at, i, checks);
      }
    }
    previous = value;
  }
}

/**
 * The `abi.encode` of one value, and its mixed-case addresses to check. `leafIndex` only
 * names the value in errors (value `leafIndex` of a list).
 *
 * @throws {MerkleLeafEncodingError} when a field does not fit its type.
 * @example
 * const { bytes } = encodeLeaf(parseLeafEncoding(["uint256"]), [1n]); // 32 bytes
 */
export function encodeLeaf(
  encoding: LeafEncoding,
  value: unknown,
  leafIndex?: number,
): { bytes: Uint8Array; checks: ChecksumList } {
  const bytes = new Uint8Array(encoding.bytesPerLeaf);
  const checks: ChecksumList = { entries: new Uint32Array(4 * encoding.fields.length), length: 0 };
  try {
    encodeLeaves(encoding, [value], 0, 1, bytes, 0, checks);
  } catch (error) {
    if (!(error instanceof MerkleLeafEncodingError)) throw error;
    throw new MerkleLeafEncodingError(leafIndex, error.position, error.type, error.problem, error.value);
  }
  return { bytes, checks };
}

function fieldWriter(type: string, position: number, checksums: boolean): FieldWriter {
  if (typeof type !== "string") throw new MerkleUnsupportedTypeError(String(type), position);
  if (type === "address") return addressWriter(position, checksums);
  if (type === "bool") return boolWriter(position);
  const integer = INTEGER.exec(type);
  if (integer !== null) {
    const bits = integer[2] === "" ? 256 : Number(integer[2]);
    if (!(bits >= 8 && bits <= 256 && bits % 8 === 0) || integer[2]!.startsWith("0")) {
      throw new MerkleUnsupportedTypeError(type, position);
    }
    return integerWriter(type, position, bits, integer[1] === "");
  }
  const fixed = FIXED_BYTES.exec(type);
  if (fixed !== null) {
    const size = Number(fixed[1]);
    if (!(size >= 1 && size <= 32) || fixed[1]!.startsWith("0")) throw new MerkleUnsupportedTypeError(type, position);
    return fixedBytesWriter(type, position, size);
  }
  throw new MerkleUnsupportedTypeError(type, position);
}

function integerWriter(type: string, position: number, bits: number, signed: boolean): FieldWriter {
  const max = (1n << BigInt(signed ? bits - 1 : bits)) - 1n;
  const min = signed ? -max - 1n : 0n;
  const maxSafe = Math.min(Number.MAX_SAFE_INTEGER, Number(max));
  const fail = (leaf: number, problem: string, value: unknown): never => {
    throw new MerkleLeafEncodingError(leaf, position, type, problem, value);
  };
  return (value, _out, view, at, leaf) => {
    let big: bigint;
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) fail(leaf, "a number must be a safe integer; pass a bigint instead", value);
      if (value >= 0 && value <= maxSafe) return writeSafeInteger(view, at, value);
      big = BigInt(value);
    } else if (typeof value === "bigint") {
      big = value;
    } else if (typeof value === "string" && (DECIMAL.test(value) || HEX_NUMBER.test(value))) {
      big = BigInt(value);
    } else {
      return fail(leaf, "expected a bigint, a safe integer, a decimal string or a 0x hex string", value);
    }
    if (big < min || big > max) fail(leaf, `out of range for ${type} (${min} to ${max})`, value);
    writeBigInt(view, at, big);
  };
}

/** A non-negative safe integer as a 32-byte big-endian word. */
function writeSafeInteger(view: DataView, at: number, value: number): void {
  view.setUint32(at, 0);
  view.setUint32(at + 4, 0);
  view.setUint32(at + 8, 0);
  view.setUint32(at + 12, 0);
  view.setUint32(at + 16, 0);
  view.setUint32(at + 20, 0);
  view.setUint32(at + 24, Math.floor(value / 4294967296));
  view.setUint32(at + 28, value >>> 0);
}

/**
 * A bigint in [-2^255, 2^256) as a 32-byte big-endian two's-complement word, 64 bits at a time:
 * `setBigUint64` keeps the low 64 bits, and `>> 64n` rounds down, so negative values come out
 * in two's complement too.
 */
function writeBigInt(view: DataView, at: number, value: bigint): void {
  view.setBigUint64(at + 24, value);
  let rest = value >> 64n;
  if (rest === 0n) {
    view.setBigUint64(at + 16, 0n);
    view.setBigUint64(at + 8, 0n);
    view.setBigUint64(at, 0n);
    return;
  }
  view.setBigUint64(at + 16, rest);
  rest >>= 64n;
  view.setBigUint64(at + 8, rest);
  view.setBigUint64(at, rest >> 64n);
}

/** Value of each ASCII code as a hex digit, or -1. */
const DIGIT = new Int8Array(128).fill(-1);
for (let d = 0; d < 10; d++) DIGIT[48 + d] = d;
for (let d = 0; d < 6; d++) {
  DIGIT[97 + d] = 10 + d;
  DIGIT[65 + d] = 10 + d;
}

/** Value of an ASCII hex digit, or -1. */
function digitValue(code: number): number {
  return code < 128 ? DIGIT[code]! : -1;
}

/**
 * Two ASCII hex digits `a`, `b` (index `(a << 7) | b`): the byte they spell, or -1, and their
 * letter case (bit 0: `a` is an upper-case letter; bit 1: `b` is; bit 2: one is a lower-case letter).
 */
const PAIR_VALUE = new Int16Array(1 << 14).fill(-1);
const PAIR_CASE = new Uint8Array(1 << 14);
for (let a = 0; a < 128; a++) {
  for (let b = 0; b < 128; b++) {
    if (DIGIT[a]! < 0 || DIGIT[b]! < 0) continue;
    PAIR_VALUE[(a << 7) | b] = (DIGIT[a]! << 4) | DIGIT[b]!;
    const upper = (code: number) => (code >= 65 && code <= 70 ? 1 : 0);
    const lower = a >= 97 || b >= 97 ? 4 : 0;
    PAIR_CASE[(a << 7) | b] = upper(a) | (upper(b) << 1) | lower;
  }
}

function addressWriter(position: number, checksums: boolean): FieldWriter {
  return (value, out, view, at, leaf, checks) => {
    if (typeof value !== "string" || value.length !== 42 || value.charCodeAt(0) !== 48 || value.charCodeAt(1) !== 120) {
      throw new MerkleLeafEncodingError(
        leaf,
        position,
        "address",
        "expected a 0x-prefixed string of 40 hex digits",
        value,
      );
    }
    view.setUint32(at, 0);
    view.setUint32(at + 4, 0);
    view.setUint32(at + 8, 0);
    let upper0 = 0; // which of digits 0–31 are upper-case letters
    let upper1 = 0; // … and of digits 32–39
    let lower = 0;
    for (let j = 0; j < 40; j += 2) {
      const a = value.charCodeAt(2 + j);
      const b = value.charCodeAt(3 + j);
      const pair = (a << 7) | b;
      const byte = (a | b) < 128 ? PAIR_VALUE[pair]! : -1;
      if (byte < 0) {
        throw new MerkleLeafEncodingError(leaf, position, "address", "not a hex digit in the address", value);
      }
      out[at + 12 + (j >> 1)] = byte;
      const letterCase = PAIR_CASE[pair]!;
      lower |= letterCase;
      if (j < 32) upper0 |= (letterCase & 3) << j;
      else upper1 |= (letterCase & 3) << (j - 32);
    }
    if (checksums && (lower & 4) !== 0 && (upper0 | upper1) !== 0) {
      const e = 4 * checks.length++;
      checks.entries[e] = leaf;
      checks.entries[e + 1] = 32 * position + 12;
      checks.entries[e + 2] = upper0 >>> 0;
      checks.entries[e + 3] = upper1;
    }
  };
}

function boolWriter(position: number): FieldWriter {
  return (value, _out, view, at, leaf) => {
    if (typeof value !== "boolean") {
      throw new MerkleLeafEncodingError(leaf, position, "bool", "expected true or false", value);
    }
    writeSafeInteger(view, at, value ? 1 : 0);
  };
}

function fixedBytesWriter(type: string, position: number, size: number): FieldWriter {
  return (value, out, _view, at, leaf) => {
    if (value instanceof Uint8Array) {
      if (value.length !== size) {
        throw new MerkleLeafEncodingError(leaf, position, type, `expected ${size} bytes, got ${value.length}`, value);
      }
      out.set(value, at);
    } else if (typeof value === "string" && value.length === 2 + 2 * size && value.startsWith("0x")) {
      for (let k = 0; k < size; k++) {
        const hi = digitValue(value.charCodeAt(2 + 2 * k));
        const lo = digitValue(value.charCodeAt(3 + 2 * k));
        if (hi < 0 || lo < 0) throw new MerkleLeafEncodingError(leaf, position, type, "not a hex digit", value);
        out[at + k] = (hi << 4) | lo;
      }
    } else {
      const problem = `expected a 0x-prefixed string of exactly ${2 * size} hex digits (${size} bytes) or a Uint8Array of ${size} bytes`;
      throw new MerkleLeafEncodingError(leaf, position, type, problem, value);
    }
    out.fill(0, at + size, at + 32);
  };
}
