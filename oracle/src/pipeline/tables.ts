// The pipeline's tables: `epoch_attributions` (what `attribute` computed for an epoch, and from
// what) and `epoch_builds` (the files `build` wrote: tree, metadata, explanations, inference log).
// JSON columns keep bigints as `{ "$bigint": "123" }`, so they read back as bigints exactly.
import type { DatabaseSync } from "node:sqlite";

import type { DatanetVersionSource } from "@openattribution/sdk";

import type { AccountExplanation, AdapterSummary, AttributionMethod, Unassigned } from "../attribution/types.ts";
import type { CorpusEntry, ExcludedEntry } from "../epoch/metadata.ts";
import { useSchemaVersion } from "../store/sqlite.ts";
import type { CarryOver, EpochPayment, IgnoredOutputs, InferenceWindow } from "./compute.ts";

/**
 * Creates the pipeline's tables if missing (the pipeline functions call it).
 *
 * @example
 * initPipelineTables(store.db);
 */
export function initPipelineTables(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS epoch_attributions (
      epoch INTEGER PRIMARY KEY,
      method TEXT NOT NULL,
      inputs TEXT NOT NULL,
      rewards TEXT NOT NULL,
      explanations TEXT NOT NULL,
      unassigned TEXT NOT NULL,
      summary TEXT NOT NULL,
      inference_log TEXT NOT NULL,
      created TEXT NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS epoch_builds (
      epoch INTEGER PRIMARY KEY,
      root TEXT NOT NULL,
      total_cumulative TEXT NOT NULL,
      epoch_total TEXT NOT NULL,
      tree_hash TEXT NOT NULL,
      tree_uri TEXT NOT NULL,
      metadata_hash TEXT NOT NULL,
      tree_file TEXT NOT NULL,
      metadata TEXT NOT NULL,
      created TEXT NOT NULL
    ) STRICT;
  `);
  useSchemaVersion(db, "pipeline", 1);
}

/** What an epoch's attribution used. */
export type AttributionInputs = {
  blockRange: { fromBlock: number; toBlock: number };
  window: InferenceWindow;
  payments: EpochPayment[];
  carriedOver: CarryOver[];
  /** The contributions used (fetched, hash checked), and those left out with why. */
  corpus: CorpusEntry[];
  excluded: ExcludedEntry[];
  /** Each adapter with a pool: its Datanet versions and the contributions of its corpus. */
  adapters: {
    adapterId: bigint;
    sources: DatanetVersionSource[];
    contributions: { datanetId: bigint; contributionId: bigint }[];
  }[];
};

/** Figures of an attribution. */
export type AttributionSummary = {
  pools: { adapterId: bigint; pool: bigint }[];
  used: number;
  ignored: IgnoredOutputs;
  adapters: AdapterSummary[];
};

/** A stored attribution (`runAttribute`). */
export type StoredAttribution = {
  epoch: bigint;
  method: AttributionMethod;
  inputs: AttributionInputs;
  rewards: [string, bigint][];
  explanations: AccountExplanation[];
  unassigned: Unassigned[];
  summary: AttributionSummary;
  /** The epoch's inference log file text (`formatInferenceLog`). */
  inferenceLog: string;
  created: string;
};

/** A stored build (`runBuild`). */
export type StoredBuild = {
  epoch: bigint;
  root: string;
  totalCumulative: bigint;
  epochTotal: bigint;
  treeHash: string;
  /** The URI posted: the tree file's URI anchored with the metadata's hash. */
  treeURI: string;
  metadataHash: string;
  treeFile: string;
  metadata: string;
  created: string;
};

/** JSON text with bigints tagged. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? { $bigint: v.toString() } : v));
}

/** The reverse of `toJson`. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text, (_, v: unknown) =>
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as { $bigint?: unknown }).$bigint === "string" &&
    Object.keys(v).length === 1
      ? BigInt((v as { $bigint: string }).$bigint)
      : v,
  ) as T;
}

/** Stores (replaces) an epoch's attribution. */
export function putAttribution(db: DatabaseSync, a: StoredAttribution): void {
  initPipelineTables(db);
  db.prepare(
    `INSERT OR REPLACE INTO epoch_attributions (epoch, method, inputs, rewards, explanations, unassigned, summary, inference_log, created)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    Number(a.epoch),
    toJson(a.method),
    toJson(a.inputs),
    toJson(a.rewards),
    toJson(a.explanations),
    toJson(a.unassigned),
    toJson(a.summary),
    a.inferenceLog,
    a.created,
  );
}

/** An epoch's stored attribution, if any. */
export function getAttribution(db: DatabaseSync, epoch: bigint): StoredAttribution | undefined {
  initPipelineTables(db);
  const row = db.prepare("SELECT * FROM epoch_attributions WHERE epoch = ?").get(Number(epoch)) as
    Record<string, string | number> | undefined;
  if (row === undefined) return undefined;
  return {
    epoch,
    method: fromJson(row.method as string),
    inputs: fromJson(row.inputs as string),
    rewards: fromJson(row.rewards as string),
    explanations: fromJson(row.explanations as string),
    unassigned: fromJson(row.unassigned as string),
    summary: fromJson(row.summary as string),
    inferenceLog: row.inference_log as string,
    created: row.created as string,
  };
}

/** Stores (replaces) an epoch's build. */
export function putBuild(db: DatabaseSync, b: StoredBuild): void {
  initPipelineTables(db);
  db.prepare(
    `INSERT OR REPLACE INTO epoch_builds (epoch, root, total_cumulative, epoch_total, tree_hash, tree_uri, metadata_hash, tree_file, metadata, created)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    Number(b.epoch),
    b.root,
    b.totalCumulative.toString(),
    b.epochTotal.toString(),
    b.treeHash,
    b.treeURI,
    b.metadataHash,
    b.treeFile,
    b.metadata,
    b.created,
  );
}

function toBuild(row: Record<string, string | number>): StoredBuild {
  return {
    epoch: BigInt(row.epoch as number),
    root: row.root as string,
    totalCumulative: BigInt(row.total_cumulative as string),
    epochTotal: BigInt(row.epoch_total as string),
    treeHash: row.tree_hash as string,
    treeURI: row.tree_uri as string,
    metadataHash: row.metadata_hash as string,
    treeFile: row.tree_file as string,
    metadata: row.metadata as string,
    created: row.created as string,
  };
}

/** An epoch's stored build, if any. */
export function getBuild(db: DatabaseSync, epoch: bigint): StoredBuild | undefined {
  initPipelineTables(db);
  const row = db.prepare("SELECT * FROM epoch_builds WHERE epoch = ?").get(Number(epoch)) as
    Record<string, string | number> | undefined;
  return row === undefined ? undefined : toBuild(row);
}

/** Every stored build, by epoch. */
export function listBuilds(db: DatabaseSync): StoredBuild[] {
  initPipelineTables(db);
  return (db.prepare("SELECT * FROM epoch_builds ORDER BY epoch").all() as Record<string, string | number>[]).map(
    toBuild,
  );
}
