// `build --epoch N`: the cumulative tree (epoch n − 1's tree built here + this epoch's rewards),
// written with the explanations, the epoch's inference log and the metadata to the publish
// directory, and recorded in `epoch_builds`. Byte-identical on re-run: nothing written depends on
// the time or the machine.
//
// Published files (publish.dir, announced as publish.baseURI + name):
//   epoch-<n>.tree.json          the OpenZeppelin dump (formatRewardTreeFile); its keccak256 is the posted treeHash
//   epoch-<n>.json               the epoch metadata (epoch/metadata.ts), its hash anchored in the posted tree URI
//   epoch-<n>.explanations.json  canonical JSON (`explanationsDocument`), hashed into the metadata
//   epoch-<n>.inference.jsonl    the records of the epoch's window (compute.ts), hashed into the metadata
// The posted tree URI is `<baseURI>epoch-<n>.tree.json#oa-metadata=<hash of epoch-<n>.json>`:
// the metadata is found by replacing `.tree.json` with `.json` (`metadataURIOf`).
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

import { keccak256, toUtf8Bytes, ZeroHash } from "ethers";

import { getPostIntent, discardPostIntent } from "../chain/poster.ts";
import { type CanonicalValue, formatCanonical } from "../epoch/canonical.ts";
import { cumulativeRewards, sumRewards } from "../epoch/cumulative.ts";
import {
  anchorTreeURI,
  buildEpochMetadata,
  type EpochMetadata,
  formatEpochMetadata,
  hashEpochMetadata,
} from "../epoch/metadata.ts";
import { buildEpochTree, readRewardTreeFile } from "../epoch/tree.ts";
import type { PipelineContext } from "./context.ts";
import { toEpoch } from "./epochs.ts";
import { BuildConflictError, EmptyTreeError, StepMissingError } from "./errors.ts";
import { getAttribution, getBuild, putBuild, type StoredAttribution, type StoredBuild } from "./tables.ts";

/** The format of the explanations file. */
export const EXPLANATIONS_FORMAT = "openattribution-explanations-v1";

/** The names of an epoch's published files. */
export function epochFileNames(epoch: bigint): {
  tree: string;
  metadata: string;
  explanations: string;
  inferenceLog: string;
} {
  return {
    tree: `epoch-${epoch}.tree.json`,
    metadata: `epoch-${epoch}.json`,
    explanations: `epoch-${epoch}.explanations.json`,
    inferenceLog: `epoch-${epoch}.inference.jsonl`,
  };
}

/**
 * Where the metadata of a posted tree URI is: the fragment dropped and `.tree.json` replaced by `.json`.
 *
 * @example
 * metadataURIOf("https://x/epoch-3.tree.json#oa-metadata=0x…"); // "https://x/epoch-3.json"
 */
export function metadataURIOf(treeURI: string): string {
  const bare = treeURI.split("#")[0]!;
  return bare.endsWith(".tree.json")
    ? `${bare.slice(0, -".tree.json".length)}.json`
    : bare.replace(/\.json$/, ".meta.json");
}

/**
 * The explanations file's content: every account's explanation, the unassigned parts (carried
 * over to the next epoch), the carry-over received, each adapter's pool, Datanet versions, corpus
 * and figures, and the outputs used and ignored.
 *
 * @example
 * const text = formatCanonical(explanationsDocument(attribution, chainId, distributor));
 */
export function explanationsDocument(a: StoredAttribution, chainId: bigint, distributor: string): CanonicalValue {
  const summaries = new Map(a.summary.adapters.map((s) => [s.adapterId, s]));
  const pools = new Map(a.summary.pools.map((p) => [p.adapterId, p.pool]));
  return JSON.parse(
    JSON.stringify(
      {
        format: EXPLANATIONS_FORMAT,
        chainId,
        distributor,
        epoch: a.epoch,
        accounts: a.explanations,
        unassigned: a.unassigned,
        carriedOver: a.inputs.carriedOver,
        adapters: a.inputs.adapters.map((adapter) => ({
          ...adapter,
          pool: pools.get(adapter.adapterId) ?? 0n,
          summary: summaries.get(adapter.adapterId) ?? null,
        })),
        outputs: { used: a.summary.used, ignored: a.summary.ignored },
      },
      (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v),
    ),
  ) as CanonicalValue;
}

/** What `runBuild` takes. */
export type RunBuildParameters = { epoch: number | bigint };

/** A published file: where it was written, its URI and keccak256. */
export type WrittenFile = { path: string; uri: string; hash: string };

/** What `runBuild` returns. */
export type RunBuildReturnType = {
  epoch: bigint;
  root: string;
  previousRoot: string;
  totalCumulative: bigint;
  epochTotal: bigint;
  accounts: number;
  inputsDigest: string;
  /** The tree URI to post (anchored with the metadata's hash). */
  treeURI: string;
  /** False when the files were already built with these bytes. */
  changed: boolean;
  files: { tree: WrittenFile; metadata: WrittenFile; explanations: WrittenFile; inferenceLog: WrittenFile };
};

/** The epoch's files and metadata, computed (nothing written). */
export type EpochBuild = {
  epoch: bigint;
  metadata: EpochMetadata;
  metadataText: string;
  metadataHash: string;
  treeFile: string;
  explanationsText: string;
  inferenceLog: string;
  accounts: number;
  treeURI: string;
};

/**
 * Computes an epoch's tree, explanations and metadata from its attribution and the previous tree
 * (pure apart from Keccak loading): what `runBuild` writes and `runVerify` recomputes.
 *
 * @throws {EmptyTreeError} when nobody has earned anything yet.
 * @example
 * const built = await computeBuild({ attribution, previousTreeFile, previousRoot, chainId, distributor, baseURI });
 */
export async function computeBuild(parameters: {
  attribution: StoredAttribution;
  /** Epoch n − 1's tree file; undefined at epoch 1. */
  previousTreeFile: string | undefined;
  chainId: bigint;
  distributor: string;
  baseURI: string;
  /** Where the inference log is published (its URI in the metadata); baseURI + name by default. */
  inferenceLogURI?: string | undefined;
}): Promise<EpochBuild> {
  const { attribution: a, chainId, distributor, baseURI } = parameters;
  const names = epochFileNames(a.epoch);
  const previous =
    parameters.previousTreeFile === undefined ? undefined : await readRewardTreeFile(parameters.previousTreeFile);
  const cumulative = cumulativeRewards(previous?.cumulative, a.rewards);
  if (cumulative.length === 0) throw new EmptyTreeError(a.epoch);
  const tree = await buildEpochTree({ chainId, distributor, cumulative });
  const explanationsText = formatCanonical(explanationsDocument(a, chainId, distributor));
  const metadata = buildEpochMetadata({
    chainId,
    distributor,
    epoch: a.epoch,
    root: tree.root,
    previousRoot: previous?.tree.root ?? ZeroHash,
    totalCumulative: tree.totalCumulative,
    epochTotal: tree.totalCumulative - (previous === undefined ? 0n : sumRewards(previous.cumulative)),
    treeFile: { uri: baseURI + names.tree, hash: tree.treeHash },
    method: { name: a.method.name, version: String(a.method.version), params: { ...a.method.params } },
    inputs: {
      blockRange: { fromBlock: BigInt(a.inputs.blockRange.fromBlock), toBlock: BigInt(a.inputs.blockRange.toBlock) },
      inferenceLog: {
        uri: parameters.inferenceLogURI ?? baseURI + names.inferenceLog,
        hash: keccak256(toUtf8Bytes(a.inferenceLog)),
      },
      corpus: a.inputs.corpus,
      excluded: a.inputs.excluded,
      payments: a.inputs.payments.map(({ paymentId, adapterId, payer, attributionAmount }) => ({
        paymentId,
        adapterId,
        payer,
        attributionAmount,
      })),
    },
    explanations: { uri: baseURI + names.explanations, hash: keccak256(toUtf8Bytes(explanationsText)) },
  });
  const metadataHash = hashEpochMetadata(metadata);
  return {
    epoch: a.epoch,
    metadata,
    metadataText: formatEpochMetadata(metadata),
    metadataHash,
    treeFile: tree.file,
    explanationsText,
    inferenceLog: a.inferenceLog,
    accounts: cumulative.length,
    treeURI: anchorTreeURI(metadata.treeFile.uri, metadataHash),
  };
}

/**
 * Builds an epoch (see the top of this file): needs its attribution and epoch n − 1's build.
 * Re-running gives the same bytes. A planned (unsent) post intent of an older build is dropped; a
 * sent one with another root refuses the rebuild.
 *
 * @throws {StepMissingError} when the epoch is not attributed, or epoch n − 1 not built.
 * @throws {EmptyTreeError} when nobody has earned anything yet.
 * @throws {BuildConflictError} when the epoch was posted with another root.
 * @example
 * const { root, treeURI, files } = await runBuild(ctx, { epoch: 3 });
 */
export async function runBuild(ctx: PipelineContext, parameters: RunBuildParameters): Promise<RunBuildReturnType> {
  const { config, client, store, log } = ctx;
  const epoch = toEpoch(parameters.epoch);
  const attribution = getAttribution(store.db, epoch);
  if (attribution === undefined) throw new StepMissingError("attribute", epoch, `epoch ${epoch} is not attributed`);
  let previousTreeFile: string | undefined;
  if (epoch > 1n) {
    const previous = getBuild(store.db, epoch - 1n);
    if (previous === undefined)
      throw new StepMissingError("build", epoch - 1n, `epoch ${epoch - 1n} is not built (its tree is the base)`);
    previousTreeFile = previous.treeFile;
  }
  const built = await computeBuild({
    attribution,
    previousTreeFile,
    chainId: client.chainId,
    distributor: client.addresses.attributionDistributor,
    baseURI: config.publish.baseURI,
  });
  const { metadata } = built;

  const existing = getBuild(store.db, epoch);
  if (existing !== undefined && existing.root !== metadata.root) {
    const key = { chainId: client.chainId, distributor: client.addresses.attributionDistributor, epoch };
    const intent = getPostIntent(store.db, key);
    if (intent !== undefined && (intent.status !== "planned" || intent.txHash !== undefined)) {
      throw new BuildConflictError(epoch, existing.root, metadata.root);
    }
    if (intent !== undefined) discardPostIntent(store.db, key);
  }

  const names = epochFileNames(epoch);
  const dir = config.publish.dir;
  await mkdir(dir, { recursive: true });
  const write = async (name: string, text: string, hash: string): Promise<WrittenFile> => {
    const file = path.join(dir, name);
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, file);
    return { path: file, uri: config.publish.baseURI + name, hash };
  };
  // The metadata last: once it is there, every file it names is.
  const files = {
    tree: await write(names.tree, built.treeFile, metadata.treeFile.hash),
    explanations: await write(names.explanations, built.explanationsText, metadata.explanations.hash),
    inferenceLog: await write(names.inferenceLog, built.inferenceLog, metadata.inputs.inferenceLog.hash),
    metadata: await write(names.metadata, built.metadataText, built.metadataHash),
  };
  const row: StoredBuild = {
    epoch,
    root: metadata.root,
    totalCumulative: metadata.totalCumulative,
    epochTotal: metadata.epochTotal,
    treeHash: metadata.treeFile.hash,
    treeURI: built.treeURI,
    metadataHash: built.metadataHash,
    treeFile: built.treeFile,
    metadata: built.metadataText,
    created: existing?.metadata === built.metadataText ? existing.created : new Date().toISOString(),
  };
  const changed = existing?.metadata !== built.metadataText || existing.treeFile !== built.treeFile;
  if (changed) putBuild(store.db, row);
  log({
    level: "info",
    msg: "build: done",
    epoch,
    root: metadata.root,
    totalCumulative: metadata.totalCumulative,
    changed,
  });
  return {
    epoch,
    root: metadata.root,
    previousRoot: metadata.previousRoot,
    totalCumulative: metadata.totalCumulative,
    epochTotal: metadata.epochTotal,
    accounts: built.accounts,
    inputsDigest: metadata.inputsDigest,
    treeURI: built.treeURI,
    changed,
    files,
  };
}
