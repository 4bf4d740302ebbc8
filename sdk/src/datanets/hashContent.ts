import { keccak256 } from "ethers";

export type HashContentParameters = Uint8Array;

/** `0x` and 64 lower-case hex digits. */
export type HashContentReturnType = string;

export type HashContentErrorType = TypeError;

/**
 * The content hash of a contribution: keccak256 of its raw bytes (what `contribute` takes and
 * the registry refuses twice). Hash the exact bytes curators and trainers will fetch from the URI.
 *
 * @example
 * const contentHash = hashContent(new TextEncoder().encode("Q: What is a Datanet?\nA: …"));
 */
export function hashContent(bytes: HashContentParameters): HashContentReturnType {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("hashContent takes the raw bytes as a Uint8Array");
  return keccak256(bytes);
}
