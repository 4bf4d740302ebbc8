import type { KeccakCore } from "./kernels.js";

/** A "0x"-prefixed 20-byte address, checksummed (EIP-55) where this SDK returns one. */
export type Address = `0x${string}`;

/**
 * The EIP-55 checksummed form of `address` (any letter case accepted), computed with the
 * loaded Keccak core (no allocation but the result string), or `undefined` when `address` is
 * not "0x" and 40 hex digits, or is in mixed case with a wrong checksum — the cases where
 * ethers' `getAddress` throws.
 *
 * @example
 * const { core } = await loadKeccak();
 * checksumAddress(core, "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"); // "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
 */
export function checksumAddress(core: KeccakCore, address: string): Address | undefined {
  if (typeof address !== "string" || address.length !== 42 || address.charCodeAt(0) !== 48) return undefined;
  if (address.charCodeAt(1) !== 120) return undefined;
  const { memory, offset, calculate } = core;
  let lower = false;
  let upper = false;
  for (let j = 0; j < 40; j++) {
    let code = address.charCodeAt(2 + j);
    if (code >= 65 && code <= 70) {
      upper = true;
      code += 32;
    } else if (code >= 97 && code <= 102) {
      lower = true;
    } else if (code < 48 || code > 57) {
      return undefined;
    }
    memory[offset + j] = code;
  }
  const codes = new Uint8Array(42); // "0x" and the digits, to make one flat string
  codes[0] = 48;
  codes[1] = 120;
  codes.set(memory.subarray(offset, offset + 40), 2);
  calculate(40);
  for (let j = 0; j < 40; j++) {
    const code = codes[2 + j]!;
    if (code < 97) continue;
    const digestByte = memory[offset + (j >> 1)]!;
    const nibble = j % 2 === 0 ? digestByte >> 4 : digestByte & 15;
    if (nibble >= 8) codes[2 + j] = code - 32;
  }
  const result = String.fromCharCode(...codes) as Address;
  if (lower && upper && result !== address) return undefined;
  return result;
}
