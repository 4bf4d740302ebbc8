// The inference half of the store: the records of the inference logs ingested (one per request
// id: the first line ingested wins) and one row per ingest (the log's keccak256 hash and where it
// is, which the epoch metadata commits to), with the lines it rejected.
import type { InferenceLogRecord } from "@openattribution/sdk";
import type { DatabaseSync, SQLInputValue } from "node:sqlite";

import { type StoreLike, useSchemaVersion } from "./sqlite.ts";

const SCHEMA_VERSION = 1;

/**
 * Creates the inference tables if they are missing and checks their schema version. `openStore`
 * calls it.
 *
 * Tables: `inference_ingests` (one row per ingest: source, keccak256 of the log, counts),
 * `inference_records` (one row per request id: the record, the ingest and line it came from, how
 * many later duplicates were ignored), `inference_rejections` (the lines an ingest rejected, why).
 *
 * @example
 * initInferenceTables(store.db);
 */
export function initInferenceTables(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS inference_ingests (
      ingest_id INTEGER PRIMARY KEY AUTOINCREMENT,
      source TEXT NOT NULL,
      log_hash TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      lines INTEGER NOT NULL,
      accepted INTEGER NOT NULL,
      duplicates INTEGER NOT NULL,
      rejected INTEGER NOT NULL,
      ingested_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS inference_ingests_by_hash ON inference_ingests (log_hash);
    CREATE TABLE IF NOT EXISTS inference_records (
      request_id TEXT PRIMARY KEY,
      adapter_id INTEGER NOT NULL,
      payer TEXT NOT NULL,
      timestamp INTEGER NOT NULL,
      output TEXT NOT NULL,
      ingest_id INTEGER NOT NULL REFERENCES inference_ingests (ingest_id),
      line INTEGER NOT NULL,
      duplicates INTEGER NOT NULL DEFAULT 0
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS inference_records_by_adapter ON inference_records (adapter_id, timestamp, request_id);
    CREATE INDEX IF NOT EXISTS inference_records_by_time ON inference_records (timestamp, request_id);
    CREATE TABLE IF NOT EXISTS inference_rejections (
      ingest_id INTEGER NOT NULL REFERENCES inference_ingests (ingest_id),
      line INTEGER NOT NULL,
      reason TEXT NOT NULL,
      PRIMARY KEY (ingest_id, line)
    ) STRICT;
  `);
  useSchemaVersion(db, "inference", SCHEMA_VERSION);
}

/**
 * An ingested record with where it came from.
 *
 * @example
 * const { output, ingestId, line }: StoredInferenceRecord = getInferenceRecord(store, "r-1")!;
 */
export type StoredInferenceRecord = InferenceLogRecord & {
  /** The ingest that brought it (`listIngests`). */
  ingestId: number;
  /** Its line number in that log, from 1. */
  line: number;
  /** Later lines with the same request id, ignored. */
  duplicates: number;
};

/**
 * One ingest of an inference log.
 *
 * @example
 * const [first]: InferenceIngest[] = listIngests(store);
 */
export type InferenceIngest = {
  ingestId: number;
  /** Where the log is (a path, a file:// or http(s):// URI), as given to the ingest. */
  source: string;
  /** keccak256 of the log's bytes. */
  logHash: string;
  bytes: number;
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Unix seconds. */
  ingestedAt: number;
};

type Row = Record<string, SQLInputValue>;

function toRecord(row: Row): StoredInferenceRecord {
  return {
    requestId: row.request_id as string,
    adapterId: row.adapter_id as bigint,
    payer: row.payer as string,
    timestamp: Number(row.timestamp as bigint),
    output: row.output as string,
    ingestId: Number(row.ingest_id as bigint),
    line: Number(row.line as bigint),
    duplicates: Number(row.duplicates as bigint),
  };
}

function bigRows(db: DatabaseSync, sql: string, ...params: SQLInputValue[]): Row[] {
  const statement = db.prepare(sql);
  statement.setReadBigInts(true);
  return statement.all(...params) as Row[];
}

/**
 * The record of a request id; `undefined` if none was ingested.
 *
 * @example
 * const record = getInferenceRecord(store, "b9d2c7e0-…");
 */
export function getInferenceRecord({ db }: StoreLike, requestId: string): StoredInferenceRecord | undefined {
  const [row] = bigRows(db, "SELECT * FROM inference_records WHERE request_id = ?", requestId);
  return row === undefined ? undefined : toRecord(row);
}

/**
 * Ingested records, by (timestamp, requestId) — an order that does not depend on the order logs
 * were ingested in — optionally for one adapter and a time range (Unix seconds, inclusive).
 *
 * @example
 * const calls = listInferenceRecords(store, { adapterId: 1n, fromTimestamp: start, toTimestamp: end });
 */
export function listInferenceRecords(
  { db }: StoreLike,
  {
    adapterId,
    fromTimestamp = 0,
    toTimestamp = Number.MAX_SAFE_INTEGER,
  }: { adapterId?: bigint | undefined; fromTimestamp?: number | undefined; toTimestamp?: number | undefined } = {},
): StoredInferenceRecord[] {
  const byAdapter = adapterId === undefined ? "" : " AND adapter_id = ?";
  const params: SQLInputValue[] = [fromTimestamp, toTimestamp];
  if (adapterId !== undefined) params.push(adapterId);
  return bigRows(
    db,
    `SELECT * FROM inference_records WHERE timestamp BETWEEN ? AND ?${byAdapter} ORDER BY timestamp, request_id`,
    ...params,
  ).map(toRecord);
}

/**
 * The number of ingested records.
 *
 * @example
 * const n = countInferenceRecords(store);
 */
export function countInferenceRecords({ db }: StoreLike): number {
  return (db.prepare("SELECT COUNT(*) AS n FROM inference_records").get() as { n: number }).n;
}

/**
 * Every ingest, in the order they ran.
 *
 * @example
 * for (const { source, logHash } of listIngests(store)) console.log(source, logHash);
 */
export function listIngests({ db }: StoreLike): InferenceIngest[] {
  const all = db.prepare("SELECT * FROM inference_ingests ORDER BY ingest_id").all() as Record<
    string,
    number | string
  >[];
  return all.map((row) => ({
    ingestId: row.ingest_id as number,
    source: row.source as string,
    logHash: row.log_hash as string,
    bytes: row.bytes as number,
    lines: row.lines as number,
    accepted: row.accepted as number,
    duplicates: row.duplicates as number,
    rejected: row.rejected as number,
    ingestedAt: row.ingested_at as number,
  }));
}

/**
 * The lines an ingest rejected, by line number, with why.
 *
 * @example
 * for (const { line, reason } of listRejections(store, 1)) console.log(line, reason);
 */
export function listRejections({ db }: StoreLike, ingestId: number): { line: number; reason: string }[] {
  return db
    .prepare("SELECT line, reason FROM inference_rejections WHERE ingest_id = ? ORDER BY line")
    .all(ingestId) as { line: number; reason: string }[];
}
