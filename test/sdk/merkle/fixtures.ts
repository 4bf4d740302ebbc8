// Shared by the merkle tests: a seeded PRNG and random leaf values. No tests here.
import { getAddress } from "ethers";

import { SeededRandom } from "../../utils/random.js";

/** The seeded PRNG with the merkle tests' leaf-value generators. */
export class Random extends SeededRandom {
  /** "0x" and `2 * length` lower-case hex digits. */
  hex(length: number): string {
    return "0x" + Buffer.from(this.bytes(length)).toString("hex");
  }

  /** An unsigned integer of up to `bits` bits, often small, sometimes 0 or the maximum. */
  uint(bits: number): bigint {
    const kind = this.below(8);
    if (kind === 0) return 0n;
    if (kind === 1) return (1n << BigInt(bits)) - 1n;
    const width = kind === 2 ? 8 : bits;
    return BigInt(this.hex(Math.max(1, width / 8))) & ((1n << BigInt(bits)) - 1n);
  }

  /** A signed integer of `bits` bits, including both extremes. */
  int(bits: number): bigint {
    const kind = this.below(8);
    if (kind === 0) return -(1n << BigInt(bits - 1));
    if (kind === 1) return (1n << BigInt(bits - 1)) - 1n;
    return BigInt.asIntN(bits, this.uint(bits));
  }

  /** An address in lower, upper (digits and A–F) or checksummed case. */
  address(): string {
    const lower = this.hex(20);
    const kind = this.below(3);
    if (kind === 0) return lower;
    if (kind === 1) return "0x" + lower.slice(2).toUpperCase();
    return getAddress(lower);
  }
}

/** Leaf encodings the property tests use, with a generator of one random value each. */
export const ENCODINGS: { name: string; types: string[]; value: (random: Random) => unknown[] }[] = [
  {
    name: "reward leaves",
    types: ["uint256", "address", "address", "uint256"],
    value: (r) => [31337n, "0x5FbDB2315678afecb367f032d93F642f64180aa3", r.address(), r.uint(256)],
  },
  {
    name: "contribution leaves",
    types: ["uint256", "uint256", "address", "bytes32"],
    value: (r) => [BigInt(1 + r.below(5)), BigInt(1 + r.below(1_000_000)), r.address(), r.hex(32)],
  },
  {
    name: "leaves of every static type",
    types: ["int8", "bool", "bytes4", "uint", "address", "int256", "uint64", "bytes1"],
    value: (r) => [r.int(8), r.below(2) === 0, r.hex(4), r.uint(256), r.address(), r.int(256), r.uint(64), r.hex(1)],
  },
];

/** JSON with bigints as decimal strings, as our published tree files are written. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
