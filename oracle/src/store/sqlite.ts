// Small helpers over `node:sqlite` shared by every store module: transactions and the schema
// version each module records. No module state: everything takes the `DatabaseSync`.
import type { DatabaseSync } from "node:sqlite";

import { StoreSchemaError } from "./errors.ts";

/**
 * Runs `fn` in a transaction and returns its result: committed if `fn` returns, rolled back if it
 * throws (the error is rethrown). `fn` must be synchronous (`DatabaseSync` is): nothing else can
 * interleave with it, so a crash at any point leaves the store as before or as after. Nested
 * calls become savepoints: an inner failure rolls back the inner part only if the outer catches it.
 *
 * @example
 * transaction(db, () => {
 *   db.prepare("INSERT INTO t VALUES (?)").run(1);
 *   db.prepare("INSERT INTO t VALUES (?)").run(2);
 * });
 */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  if (db.isTransaction) {
    db.exec("SAVEPOINT nested");
    try {
      const result = fn();
      db.exec("RELEASE nested");
      return result;
    } catch (error) {
      db.exec("ROLLBACK TO nested");
      db.exec("RELEASE nested");
      throw error;
    }
  }
  // IMMEDIATE: take the write lock now, so a reader upgrading later cannot deadlock with us.
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = fn();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

/**
 * Creates the table of schema versions (one row per store module) if it is missing.
 *
 * @example
 * initSchemaTables(db);
 */
export function initSchemaTables(db: DatabaseSync): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_versions (
    module TEXT PRIMARY KEY,
    version INTEGER NOT NULL
  ) STRICT`);
}

/**
 * Records that `module`'s tables are at `version`, or checks it: a store written by a newer
 * oracle (a higher version) or an older one needing a migration this code lacks (a lower one)
 * throws `StoreSchemaError` instead of being misread. Every `init*Tables` calls it after creating
 * its tables.
 *
 * @example
 * export function initEpochTables(db: DatabaseSync): void {
 *   db.exec("CREATE TABLE IF NOT EXISTS epochs (...)");
 *   useSchemaVersion(db, "epoch", 1);
 * }
 */
export function useSchemaVersion(db: DatabaseSync, module: string, version: number): void {
  initSchemaTables(db);
  const row = db.prepare("SELECT version FROM schema_versions WHERE module = ?").get(module) as
    { version: number } | undefined;
  if (row === undefined) {
    db.prepare("INSERT INTO schema_versions (module, version) VALUES (?, ?)").run(module, version);
    return;
  }
  if (row.version !== version) throw new StoreSchemaError(module, row.version, version);
}

/**
 * The schema version recorded for each module.
 *
 * @example
 * schemaVersions(db); // { chain: 1, inference: 1 }
 */
export function schemaVersions(db: DatabaseSync): Record<string, number> {
  initSchemaTables(db);
  const rows = db.prepare("SELECT module, version FROM schema_versions ORDER BY module").all() as {
    module: string;
    version: number;
  }[];
  return Object.fromEntries(rows.map((row) => [row.module, row.version]));
}

/** The largest integer SQLite stores as INTEGER (ids, counters, block numbers are INTEGER columns). */
export const MAX_SQL_INTEGER = 2n ** 63n - 1n;

/** What store functions take: an open store (`openStore`) or anything holding its database. */
export type StoreLike = { readonly db: DatabaseSync };
