// The epoch metadata file: what an epoch's tree was computed from and how, so anyone can recompute
// it (`oa-oracle verify`). Canonical JSON (`formatCanonical`: sorted keys, bigints as decimal
// strings, two-space indent, trailing newline), so the same epoch gives the same bytes and a file
// re-serialized after publication is refused. Format "openattribution-epoch-v1":
//
// {
//   "chainId": "31337",                 the chain and distributor the tree's leaves are for
//   "distributor": "0x…",               (checksummed)
//   "epoch": "4",                       the epoch proposed: the accepted epoch + 1
//   "epochTotal": "…",                  this epoch's rewards: totalCumulative − the previous total
//   "explanations": { "hash", "uri" },  the per-account explanation file: keccak256 of its bytes
//                                       (canonical JSON, `hashCanonical`) and where it is published
//   "format": "openattribution-epoch-v1",
//   "inputs": {                         everything the attribution used (committed by inputsDigest)
//     "blockRange": { "fromBlock", "toBlock" },   the chain events read (inclusive)
//     "corpus": [{ "contentHash", "contributionId", "contributor", "datanetId" }],
//                                       the contributions used, sorted by (datanetId, contributionId)
//     "excluded": [{ "contentHash", "contributionId", "datanetId", "reason" }],
//                                       accepted contributions left out (content unreachable, not
//                                       matching its hash…), same order: a verifier must exclude them too
//     "inferenceLog": { "hash", "uri" },          keccak256 of the inference log file's bytes
//     "payments": [{ "adapterId", "attributionAmount", "payer", "paymentId" }]
//                                       the usage payments (`Paid` events) whose attribution pools
//                                       the epoch divides, sorted by paymentId
//   },
//   "inputsDigest": "0x…",              hashCanonical({ method, inputs })
//   "method": { "name", "params", "version" },    the attribution method; params: any JSON
//   "previousRoot": "0x…",              the accepted root the tree extends (zero hash at epoch 1)
//   "root": "0x…",                      the tree's root
//   "totalCumulative": "…",             the sum of the tree's leaves, as posted
//   "treeFile": { "hash", "uri" }       the tree file (`formatRewardTreeFile`) and its keccak256,
//                                       the `treeHash` posted with the root
// }
//
// Amounts are token wei and ids are uint256, all as decimal strings; hashes are "0x" and 64
// lower-case hex digits. No timestamp or host name: nothing that differs between two runs.
//
// Anchoring. The chain stores the tree's hash, not this file's. `anchorTreeURI` appends this
// file's hash to the tree URI as a fragment (`…/epoch-4.json#oa-metadata=0x…`), which the
// `RootProposed` event then records forever; fetchers drop fragments, so the SDK's
// `loadRewardTree` still fetches the tree file. The metadata commits to the explanations, so
// neither can be rewritten after the proposal.
import { getAddress, isAddress, ZeroHash } from "ethers";

import { type CanonicalValue, formatCanonical, hashCanonical } from "./canonical.ts";
import {
  EpochMetadataDigestMismatchError,
  EpochMetadataInvalidError,
  EpochMetadataNotCanonicalError,
} from "./errors.ts";

/** The `format` of an epoch metadata file. */
export const EPOCH_METADATA_FORMAT = "openattribution-epoch-v1";

/** A published file: where it is and keccak256 of its bytes. */
export type PublishedFile = { uri: string; hash: string };

/** The attribution method: name, version and parameters (any canonical JSON). */
export type EpochMethod = { name: string; version: string; params: CanonicalValue };

/** One contribution of the corpus. */
export type CorpusEntry = { datanetId: bigint; contributionId: bigint; contentHash: string; contributor: string };

/** One accepted contribution left out of the corpus, and why (e.g. `hash-mismatch`). */
export type ExcludedEntry = { datanetId: bigint; contributionId: bigint; contentHash: string; reason: string };

/** One usage payment whose attribution pool the epoch divides. */
export type PaymentEntry = { paymentId: bigint; adapterId: bigint; payer: string; attributionAmount: bigint };

/** Everything the attribution of an epoch used: what `inputsDigest` commits to (with the method). */
export type EpochInputs = {
  blockRange: { fromBlock: bigint; toBlock: bigint };
  inferenceLog: PublishedFile;
  corpus: CorpusEntry[];
  excluded: ExcludedEntry[];
  payments: PaymentEntry[];
};

/**
 * An epoch metadata file's content (see the format at the top of metadata.ts).
 *
 * @example
 * const metadata: EpochMetadata = parseEpochMetadata(await readFile("epoch-4.meta.json", "utf8"));
 */
export type EpochMetadata = {
  format: typeof EPOCH_METADATA_FORMAT;
  chainId: bigint;
  distributor: string;
  epoch: bigint;
  root: string;
  previousRoot: string;
  totalCumulative: bigint;
  epochTotal: bigint;
  treeFile: PublishedFile;
  method: EpochMethod;
  inputs: EpochInputs;
  inputsDigest: string;
  explanations: PublishedFile;
};

/**
 * What `buildEpochMetadata` takes: the metadata without `format` and `inputsDigest`; lists in any
 * order, addresses and hashes in any letter case.
 *
 * @example
 * const run = (parameters: BuildEpochMetadataParameters) => buildEpochMetadata(parameters);
 */
export type BuildEpochMetadataParameters = Omit<EpochMetadata, "format" | "inputsDigest" | "inputs"> & {
  inputs: Omit<EpochInputs, "excluded"> & { excluded?: ExcludedEntry[] | undefined };
};

/**
 * The canonical metadata of an epoch: addresses checksummed, hashes lower-case, the corpus,
 * exclusions and payments sorted, and `inputsDigest` computed. Validated as `parseEpochMetadata`
 * validates a file, so what it returns formats to a file that parses back to it.
 *
 * @throws {EpochMetadataInvalidError} when a value is malformed (path and problem in its fields).
 * @throws {CanonicalJsonError} when the method's params are not canonical JSON.
 * @example
 * const metadata = buildEpochMetadata({ chainId, distributor, epoch: 4n, root, previousRoot, totalCumulative,
 *   epochTotal, treeFile: { uri, hash: treeHash }, method, inputs, explanations: { uri: explanationsURI, hash: hashCanonical(explanations) } });
 * await writeFile("epoch-4.meta.json", formatEpochMetadata(metadata));
 */
export function buildEpochMetadata(parameters: BuildEpochMetadataParameters): EpochMetadata {
  if (typeof parameters !== "object" || parameters === null) throw new TypeError("pass the epoch's values");
  if (parameters.method?.params !== undefined) formatCanonical(parameters.method.params); // refuses NaN, undefined, Maps… before JSON.stringify hides them
  const inputs = parameters.inputs as Partial<BuildEpochMetadataParameters["inputs"]> | undefined;
  const sorted = <T>(list: unknown, compare: (a: T, b: T) => number) =>
    Array.isArray(list) ? [...(list as T[])].sort(compare) : list;
  const byContribution = (a: CorpusEntry, b: CorpusEntry) =>
    compareBig(loose(a?.datanetId), loose(b?.datanetId)) ||
    compareBig(loose(a?.contributionId), loose(b?.contributionId));
  const byPayment = (a: PaymentEntry, b: PaymentEntry) => compareBig(loose(a?.paymentId), loose(b?.paymentId));
  const draft = {
    ...parameters,
    format: EPOCH_METADATA_FORMAT,
    distributor: loosenAddress(parameters.distributor),
    root: lower(parameters.root),
    previousRoot: lower(parameters.previousRoot),
    treeFile: { ...parameters.treeFile, hash: lower(parameters.treeFile?.hash) },
    explanations: { ...parameters.explanations, hash: lower(parameters.explanations?.hash) },
    inputs: {
      ...inputs,
      inferenceLog: { ...inputs?.inferenceLog, hash: lower(inputs?.inferenceLog?.hash) },
      corpus: sorted(
        mapList(inputs?.corpus, (e: CorpusEntry) => ({
          ...e,
          contentHash: lower(e?.contentHash),
          contributor: loosenAddress(e?.contributor),
        })),
        byContribution,
      ),
      excluded: sorted(
        mapList(inputs?.excluded ?? [], (e: ExcludedEntry) => ({ ...e, contentHash: lower(e?.contentHash) })),
        byContribution,
      ),
      payments: sorted(
        mapList(inputs?.payments, (e: PaymentEntry) => ({ ...e, payer: loosenAddress(e?.payer) })),
        byPayment,
      ),
    },
  };
  // Validate the shape first (a clear path for a bad value), then digest the checked values.
  const checked = fromJson(JSON.parse(JSON.stringify(draft, bigintReplacer)) as unknown, false);
  checked.inputsDigest = inputsDigest(checked);
  return checked;
}

/**
 * The inputs digest of an epoch: `hashCanonical({ method, inputs })`.
 *
 * @throws {CanonicalJsonError} when the method's params are not canonical JSON.
 * @example
 * inputsDigest(metadata) === metadata.inputsDigest; // what parseEpochMetadata checks
 */
export function inputsDigest(metadata: Pick<EpochMetadata, "method" | "inputs">): string {
  return hashCanonical({ method: metadata.method, inputs: metadata.inputs } as unknown as CanonicalValue);
}

/**
 * The file's text: `formatCanonical(metadata)`. The same metadata always gives the same bytes.
 *
 * @example
 * await writeFile("epoch-4.meta.json", formatEpochMetadata(metadata));
 */
export function formatEpochMetadata(metadata: EpochMetadata): string {
  return formatCanonical(metadata);
}

/**
 * keccak256 of the metadata file's bytes (`formatEpochMetadata`): what `anchorTreeURI` records.
 *
 * @example
 * const treeURI = anchorTreeURI(uri, hashEpochMetadata(metadata));
 */
export function hashEpochMetadata(metadata: EpochMetadata): string {
  return hashCanonical(metadata as unknown as CanonicalValue);
}

/**
 * Reads an epoch metadata file and checks everything: the format, every field's type and form
 * (no unknown field), the lists sorted without duplicates, `epochTotal ≤ totalCumulative`, the
 * zero `previousRoot` exactly at epoch 1, `inputsDigest` recomputed, and the text being the
 * canonical form byte for byte.
 *
 * @throws {EpochMetadataInvalidError} when a field is missing or malformed (`path`, `problem`).
 * @throws {EpochMetadataDigestMismatchError} when `inputsDigest` does not recompute.
 * @throws {EpochMetadataNotCanonicalError} when the text is not the canonical form.
 * @example
 * const metadata = parseEpochMetadata(await readFile("epoch-4.meta.json", "utf8"));
 * console.log(metadata.method.name, metadata.inputs.corpus.length);
 */
export function parseEpochMetadata(text: string): EpochMetadata {
  if (typeof text !== "string") throw new TypeError("pass the metadata file's text");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new EpochMetadataInvalidError("$", "the file is not JSON");
  }
  const metadata = fromJson(json, true);
  const digest = inputsDigest(metadata);
  if (digest !== metadata.inputsDigest) throw new EpochMetadataDigestMismatchError(metadata.inputsDigest, digest);
  const canonical = formatEpochMetadata(metadata);
  if (canonical !== text) {
    let offset = 0;
    while (offset < text.length && text[offset] === canonical[offset]) offset++;
    throw new EpochMetadataNotCanonicalError(Buffer.byteLength(text.slice(0, offset), "utf8"));
  }
  return metadata;
}

/** The fragment key `anchorTreeURI` writes. */
export const METADATA_ANCHOR = "oa-metadata";

/**
 * The tree URI to post, carrying the metadata file's hash as a fragment:
 * `${treeURI}#oa-metadata=${metadataHash}`. Fetchers drop the fragment, so the tree file loads
 * as before; the `RootProposed` event records the hash.
 *
 * @throws {EpochMetadataInvalidError} when the URI already has a fragment or the hash is malformed.
 * @example
 * await postEpoch({ ..., treeURI: anchorTreeURI(metadata.treeFile.uri, hashEpochMetadata(metadata)) });
 */
export function anchorTreeURI(treeURI: string, metadataHash: string): string {
  if (typeof treeURI !== "string" || treeURI === "" || treeURI.includes("#")) {
    throw new EpochMetadataInvalidError("treeURI", "a non-empty URI without a fragment is needed");
  }
  return `${treeURI}#${METADATA_ANCHOR}=${hash32(metadataHash, "metadataHash")}`;
}

/**
 * Splits a posted tree URI into the tree file's URI and the anchored metadata hash (`undefined`
 * when the URI carries none).
 *
 * @example
 * const { treeURI, metadataHash } = parseAnchoredTreeURI(proposal.treeURI);
 * if (metadataHash !== undefined && hashEpochMetadata(metadata) !== metadataHash) throw new Error("rewritten");
 */
export function parseAnchoredTreeURI(uri: string): { treeURI: string; metadataHash: string | undefined } {
  const match = /^(.*)#oa-metadata=(0x[0-9a-f]{64})$/s.exec(uri);
  return match === null ? { treeURI: uri, metadataHash: undefined } : { treeURI: match[1]!, metadataHash: match[2]! };
}

// ------------------------------------------------------------------------------------ validation

const UINT = /^(0|[1-9][0-9]*)$/;
const MAX_UINT256 = (1n << 256n) - 1n;
const HASH = /^0x[0-9a-f]{64}$/;

function bigintReplacer(_: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/** The JSON form (bigints as strings, no format or digest check) to `EpochMetadata`. */
function fromJson(json: unknown, withDigest: boolean): EpochMetadata {
  const top = record(json, "$", [
    "format",
    "chainId",
    "distributor",
    "epoch",
    "root",
    "previousRoot",
    "totalCumulative",
    "epochTotal",
    "treeFile",
    "method",
    "inputs",
    ...(withDigest ? ["inputsDigest"] : []),
    "explanations",
  ]);
  if (top.format !== EPOCH_METADATA_FORMAT) {
    throw new EpochMetadataInvalidError("$.format", `${JSON.stringify(top.format)} is not "${EPOCH_METADATA_FORMAT}"`);
  }
  const chainId = uint(top.chainId, "$.chainId");
  if (chainId === 0n) throw new EpochMetadataInvalidError("$.chainId", "the chain id is 0");
  const epoch = uint(top.epoch, "$.epoch");
  if (epoch === 0n) throw new EpochMetadataInvalidError("$.epoch", "epochs start at 1");
  const previousRoot = hash32Json(top.previousRoot, "$.previousRoot");
  if ((epoch === 1n) !== (previousRoot === ZeroHash)) {
    throw new EpochMetadataInvalidError(
      "$.previousRoot",
      epoch === 1n ? "epoch 1 extends no root: the zero hash" : "only epoch 1 extends the zero hash",
    );
  }
  const root = hash32Json(top.root, "$.root");
  if (root === ZeroHash) throw new EpochMetadataInvalidError("$.root", "the root is the zero hash");
  const totalCumulative = uint(top.totalCumulative, "$.totalCumulative");
  const epochTotal = uint(top.epochTotal, "$.epochTotal");
  if (epochTotal > totalCumulative) {
    throw new EpochMetadataInvalidError("$.epochTotal", `${epochTotal} is above totalCumulative ${totalCumulative}`);
  }
  const methodJson = record(top.method, "$.method", ["name", "version", "params"]);
  const metadata: EpochMetadata = {
    format: EPOCH_METADATA_FORMAT,
    chainId,
    distributor: addressJson(top.distributor, "$.distributor"),
    epoch,
    root,
    previousRoot,
    totalCumulative,
    epochTotal,
    treeFile: published(top.treeFile, "$.treeFile"),
    method: {
      name: text(methodJson.name, "$.method.name"),
      version: text(methodJson.version, "$.method.version"),
      params: methodJson.params as CanonicalValue,
    },
    inputs: inputsFromJson(top.inputs),
    inputsDigest: withDigest ? hash32Json(top.inputsDigest, "$.inputsDigest") : ZeroHash,
    explanations: published(top.explanations, "$.explanations"),
  };
  if (metadata.method.params === undefined) throw new EpochMetadataInvalidError("$.method.params", "missing");
  return metadata;
}

function inputsFromJson(json: unknown): EpochInputs {
  const inputs = record(json, "$.inputs", ["blockRange", "inferenceLog", "corpus", "excluded", "payments"]);
  const range = record(inputs.blockRange, "$.inputs.blockRange", ["fromBlock", "toBlock"]);
  const fromBlock = uint(range.fromBlock, "$.inputs.blockRange.fromBlock");
  const toBlock = uint(range.toBlock, "$.inputs.blockRange.toBlock");
  if (fromBlock > toBlock) {
    throw new EpochMetadataInvalidError("$.inputs.blockRange", `fromBlock ${fromBlock} is after toBlock ${toBlock}`);
  }
  const corpus = list(inputs.corpus, "$.inputs.corpus", (item, path) => {
    const entry = record(item, path, ["datanetId", "contributionId", "contentHash", "contributor"]);
    return {
      datanetId: uint(entry.datanetId, `${path}.datanetId`),
      contributionId: uint(entry.contributionId, `${path}.contributionId`),
      contentHash: hash32Json(entry.contentHash, `${path}.contentHash`),
      contributor: addressJson(entry.contributor, `${path}.contributor`),
    };
  });
  const excluded = list(inputs.excluded, "$.inputs.excluded", (item, path) => {
    const entry = record(item, path, ["datanetId", "contributionId", "contentHash", "reason"]);
    return {
      datanetId: uint(entry.datanetId, `${path}.datanetId`),
      contributionId: uint(entry.contributionId, `${path}.contributionId`),
      contentHash: hash32Json(entry.contentHash, `${path}.contentHash`),
      reason: text(entry.reason, `${path}.reason`),
    };
  });
  const payments = list(inputs.payments, "$.inputs.payments", (item, path) => {
    const entry = record(item, path, ["paymentId", "adapterId", "payer", "attributionAmount"]);
    return {
      paymentId: uint(entry.paymentId, `${path}.paymentId`),
      adapterId: uint(entry.adapterId, `${path}.adapterId`),
      payer: addressJson(entry.payer, `${path}.payer`),
      attributionAmount: uint(entry.attributionAmount, `${path}.attributionAmount`),
    };
  });
  const contribution = (e: { datanetId: bigint; contributionId: bigint }) => [e.datanetId, e.contributionId];
  ascending(corpus, "$.inputs.corpus", contribution, "(datanetId, contributionId)");
  ascending(excluded, "$.inputs.excluded", contribution, "(datanetId, contributionId)");
  ascending(payments, "$.inputs.payments", (e) => [e.paymentId], "paymentId");
  const used = new Set(corpus.map((e) => `${e.datanetId}:${e.contributionId}`));
  excluded.forEach((e, i) => {
    if (used.has(`${e.datanetId}:${e.contributionId}`)) {
      throw new EpochMetadataInvalidError(`$.inputs.excluded[${i}]`, "this contribution is also in the corpus");
    }
  });
  return {
    blockRange: { fromBlock, toBlock },
    inferenceLog: published(inputs.inferenceLog, "$.inputs.inferenceLog"),
    corpus,
    excluded,
    payments,
  };
}

function record(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new EpochMetadataInvalidError(path, "not an object");
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!keys.includes(key)) throw new EpochMetadataInvalidError(`${path}.${key}`, "an unknown field");
  }
  for (const key of keys) {
    if (object[key] === undefined) throw new EpochMetadataInvalidError(`${path}.${key}`, "missing");
  }
  return object;
}

function list<T>(value: unknown, path: string, read: (item: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) throw new EpochMetadataInvalidError(path, "not an array");
  return value.map((item, i) => read(item, `${path}[${i}]`));
}

function ascending<T>(items: readonly T[], path: string, key: (item: T) => bigint[], what: string): void {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [key(items[i - 1]!), key(items[i]!)];
    let order = 0;
    for (let k = 0; k < a.length && order === 0; k++) order = compareBig(a[k]!, b[k]!);
    if (order >= 0) {
      throw new EpochMetadataInvalidError(
        `${path}[${i}]`,
        order === 0 ? `a duplicate ${what}` : `not sorted by ${what} (list it before index ${i - 1})`,
      );
    }
  }
}

function published(value: unknown, path: string): PublishedFile {
  const file = record(value, path, ["uri", "hash"]);
  return { uri: text(file.uri, `${path}.uri`), hash: hash32Json(file.hash, `${path}.hash`) };
}

function text(value: unknown, path: string): string {
  if (typeof value !== "string" || value === "") throw new EpochMetadataInvalidError(path, "not a non-empty string");
  return value;
}

function uint(value: unknown, path: string): bigint {
  if (typeof value !== "string" || !UINT.test(value) || BigInt(value) > MAX_UINT256) {
    throw new EpochMetadataInvalidError(path, `${JSON.stringify(value)} is not a uint256 as a decimal string`);
  }
  return BigInt(value);
}

function hash32Json(value: unknown, path: string): string {
  if (typeof value !== "string" || !HASH.test(value)) {
    throw new EpochMetadataInvalidError(path, `${JSON.stringify(value)} is not "0x" and 64 lower-case hex digits`);
  }
  return value;
}

function hash32(value: unknown, path: string): string {
  return hash32Json(typeof value === "string" ? value.toLowerCase() : value, path);
}

function addressJson(value: unknown, path: string): string {
  if (typeof value !== "string" || !value.startsWith("0x") || !isAddress(value) || getAddress(value) !== value) {
    throw new EpochMetadataInvalidError(path, `${JSON.stringify(value)} is not a checksummed address`);
  }
  return value;
}

// Lenient normalizers for buildEpochMetadata: leave anything malformed as it is for fromJson to name.
function lower(value: unknown): unknown {
  return typeof value === "string" ? value.toLowerCase() : value;
}

function loosenAddress(value: unknown): unknown {
  return typeof value === "string" && isAddress(value) ? getAddress(value) : value;
}

function loose(value: unknown): bigint {
  try {
    return typeof value === "bigint" ? value : BigInt(value as string);
  } catch {
    return -1n;
  }
}

function mapList<T>(value: unknown, map: (item: T) => unknown): unknown {
  return Array.isArray(value) ? (value as T[]).map(map) : value;
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
