import { keccak256 } from "ethers";

/**
 * What `hashContent` takes.
 *
 * @example
 * const run = (bytes: HashContentParameters) => hashContent(bytes);
 */
export type HashContentParameters = Uint8Array;

/**
 * `0x` and 64 lower-case hex digits.
 *
 * @example
 * const contentHash: HashContentReturnType = hashContent(bytes);
 */
export type HashContentReturnType = string;

/**
 * The errors `hashContent` can throw; match them by class, never by message.
 *
 * @example
 * let error: HashContentErrorType | undefined;
 * try { hashContent(bytes); } catch (e) { error = e as HashContentErrorType; }
 * if (error instanceof TypeError) console.log("pass the raw bytes as a Uint8Array");
 */
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
