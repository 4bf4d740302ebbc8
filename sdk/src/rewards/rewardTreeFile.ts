import { keccak256, toUtf8Bytes } from "ethers";

import type { RewardTree } from "../merkle/rewards.js";

// The published tree file and its hash. The oracle publishes the tree as the JSON text of its
// `dump()` (bigints as decimal strings, two-space indent — what `scripts/demo/index.ts` writes) and
// posts `treeHash = keccak256(the file's UTF-8 bytes)` with the root. The hash is of the exact
// bytes published: a file re-serialized with another indent or key order hashes differently, so
// `loadRewardTree` hashes the bytes as fetched, before parsing them.

/**
 * What `hashRewardTreeFile` takes: the file's text (hashed as UTF-8) or its raw bytes.
 *
 * @example
 * const run = (file: HashRewardTreeFileParameters) => hashRewardTreeFile(file);
 */
export type HashRewardTreeFileParameters = string | Uint8Array;

/**
 * `0x` and 64 lower-case hex digits.
 *
 * @example
 * const treeHash: HashRewardTreeFileReturnType = hashRewardTreeFile(text);
 */
export type HashRewardTreeFileReturnType = string;

/**
 * The errors `hashRewardTreeFile` can throw; match them by class, never by message.
 *
 * @example
 * let error: HashRewardTreeFileErrorType | undefined;
 * try { hashRewardTreeFile(file); } catch (e) { error = e as HashRewardTreeFileErrorType; }
 * if (error instanceof TypeError) console.log("pass the file's text or bytes");
 */
export type HashRewardTreeFileErrorType = TypeError;

/**
 * The `treeHash` of a published tree file: keccak256 of its bytes (of its UTF-8 encoding when
 * given as text), as the oracle posts it with `proposeRoot` and `loadRewardTree` checks it.
 *
 * @example
 * const text = formatRewardTreeFile(tree);
 * await proposeRoot(oracleClient, { tree, treeURI: "https://rewards.example/epoch-4.json", treeHash: hashRewardTreeFile(text) });
 */
export function hashRewardTreeFile(file: HashRewardTreeFileParameters): HashRewardTreeFileReturnType {
  if (typeof file === "string") return keccak256(toUtf8Bytes(file));
  if (file instanceof Uint8Array) return keccak256(file);
  throw new TypeError("hashRewardTreeFile takes the file's text (a string) or its bytes (a Uint8Array)");
}

/**
 * What `formatRewardTreeFile` takes.
 *
 * @example
 * const run = (tree: FormatRewardTreeFileParameters) => formatRewardTreeFile(tree);
 */
export type FormatRewardTreeFileParameters = RewardTree;

/**
 * The file's text.
 *
 * @example
 * const text: FormatRewardTreeFileReturnType = formatRewardTreeFile(tree);
 */
export type FormatRewardTreeFileReturnType = string;

/**
 * `formatRewardTreeFile` throws nothing.
 *
 * @example
 * const text = formatRewardTreeFile(tree); // never throws
 */
export type FormatRewardTreeFileErrorType = never;

/**
 * The text to publish for a reward tree: `JSON.stringify(tree.dump())` with bigints as decimal
 * strings and a two-space indent (the demo's and `proposeRoot`'s default format). Any JSON of
 * the dump loads; this one is what `proposeRoot` hashes when given a tree without `treeHash`.
 *
 * @example
 * const text = formatRewardTreeFile(tree);
 * await writeFile(`epoch-${epoch}.json`, text);
 */
export function formatRewardTreeFile(tree: FormatRewardTreeFileParameters): FormatRewardTreeFileReturnType {
  return JSON.stringify(tree.dump(), (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2);
}
