import { hexlify, randomBytes } from "ethers";

import { checkHash, checkString } from "../internal/validate.js";
import { DuplicateContentInBatchError, EmptyBatchError, InvalidContentError, InvalidSaltError } from "./errors.js";
import { hashContent } from "./hashContent.js";
import { type VerdictCode, type VerdictName, verdictCode } from "./verdicts.js";

// Checks of the inputs several Datanet actions share.

/** What a content hash is, for error messages. */
export const CONTENT_HASH = "keccak256 of the raw bytes; see hashContent";

/**
 * One piece of data to contribute: its content hash, or its bytes (hashed with `hashContent`),
 * and the URI where curators and trainers fetch it.
 *
 * @example
 * const content: ContentInput = { bytes: new TextEncoder().encode("Q: …\nA: …"), uri: "ipfs://bafy…" };
 */
export type ContentInput = { uri: string } & (
  { contentHash: string; bytes?: undefined } | { bytes: Uint8Array; contentHash?: undefined }
);

/**
 * One review: a content hash and its verdict, by name or code.
 *
 * @example
 * const item: ReviewInput = { contentHash, verdict: "LowQuality" };
 */
export type ReviewInput = { contentHash: string; verdict: VerdictName | VerdictCode };

/** Content hashes (lower-case) and URIs of a batch, checked: non-empty, valid, no repeats. */
export function resolveContents(contents: readonly ContentInput[]): { contentHashes: string[]; uris: string[] } {
  if (!Array.isArray(contents) || contents.length === 0) throw new EmptyBatchError("contents");
  const contentHashes = contents.map((content, index) => {
    const hasHash = content?.contentHash !== undefined;
    const hasBytes = content?.bytes !== undefined;
    if (hasHash === hasBytes) throw new InvalidContentError(index, "must give exactly one of contentHash and bytes");
    if (hasBytes && !(content.bytes instanceof Uint8Array))
      throw new InvalidContentError(index, "bytes must be a Uint8Array");
    return hasBytes ? hashContent(content.bytes!) : content.contentHash;
  });
  const checked = checkContentHashes(contentHashes, (index) => `contents[${index}].contentHash`);
  const uris = contents.map((content, index) => checkString(`contents[${index}].uri`, content.uri));
  return { contentHashes: checked, uris };
}

/** Content hashes of a batch (lower-case), checked: non-empty, valid, no repeats. */
export function resolveContentHashes(field: string, hashes: readonly string[]): string[] {
  if (!Array.isArray(hashes) || hashes.length === 0) throw new EmptyBatchError(field);
  return checkContentHashes(hashes, (index) => `${field}[${index}]`);
}

/** Content hashes and verdict codes of a review batch, checked. */
export function resolveReviews(reviews: readonly ReviewInput[]): {
  contentHashes: string[];
  verdictCodes: VerdictCode[];
} {
  if (!Array.isArray(reviews) || reviews.length === 0) throw new EmptyBatchError("reviews");
  const contentHashes = checkContentHashes(
    reviews.map((item) => item?.contentHash),
    (index) => `reviews[${index}].contentHash`,
  );
  return { contentHashes, verdictCodes: reviews.map((item, index) => verdictCode(item.verdict, index)) };
}

/** A salt: the one given, checked, or 32 random bytes. */
export function resolveSalt(salt: string | undefined): string {
  return salt === undefined ? hexlify(randomBytes(32)) : checkSalt(salt);
}

/** A salt, checked: 32 bytes of hex. */
export function checkSalt(salt: unknown): string {
  if (typeof salt !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(salt)) throw new InvalidSaltError(salt);
  return salt.toLowerCase();
}

function checkContentHashes(hashes: readonly unknown[], fieldOf: (index: number) => string): string[] {
  const checked = hashes.map((hash, index) => checkHash(fieldOf(index), hash, CONTENT_HASH));
  checkNoRepeats(checked);
  return checked;
}

function checkNoRepeats(contentHashes: readonly string[]): void {
  const seen = new Map<string, number>();
  contentHashes.forEach((hash, index) => {
    const first = seen.get(hash);
    if (first !== undefined) throw new DuplicateContentInBatchError(hash, first, index);
    seen.set(hash, index);
  });
}
