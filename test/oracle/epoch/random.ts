// A seeded PRNG (mulberry32) and random reward lists for the epoch property tests, so every run
// checks the same cases. Mocha loads every .ts file under test/: this module has no side effect.
import { getAddress, hexlify } from "ethers";

/** A generator of numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random helpers over one seeded generator. */
export function randomTools(seed: number) {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  const address = () => getAddress(hexlify(bytes(20)));
  /** An amount: often 0 or small, sometimes 18-decimal large. */
  const amount = () => {
    const kind = int(4);
    if (kind === 0) return 0n;
    if (kind === 1) return BigInt(int(1000));
    return BigInt(int(1_000_000)) * 10n ** BigInt(int(19));
  };
  /** Random letter case of an address (a valid input too). */
  const recase = (value: string) => (int(2) === 0 ? value.toLowerCase() : value);
  const shuffle = <T>(list: T[]) => {
    const copy = list.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  return { next, int, bytes, address, amount, recase, shuffle };
}
