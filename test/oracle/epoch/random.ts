// Random reward lists (test/utils/random.ts's seeded PRNG) for the epoch property tests, so every run
// checks the same cases. Mocha loads every .ts file under test/: this module has no side effect.
import { getAddress, hexlify } from "ethers";

import { SeededRandom } from "../../utils/random.js";

/** Random helpers over one seeded generator. */
export function randomTools(seed: number) {
  const random = new SeededRandom(seed);
  const int = (n: number) => random.below(n);
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
  const shuffle = <T>(list: readonly T[]) => random.shuffle(list);
  return { int, bytes, address, amount, recase, shuffle };
}
