// The oracle's store: one SQLite file, `<dataDir>/oracle.sqlite`, through `node:sqlite` (no native
// addon). WAL journal, so `serve` can read while `index` or `ingest` writes; full sync, so a
// committed transaction survives a crash or a power cut; foreign keys on; a busy timeout so two
// commands sharing the file wait for each other instead of failing.
//
// Each store module creates its own tables (`CREATE TABLE IF NOT EXISTS`) in an exported
// `init<Thing>Tables(db)` and records its schema version (`useSchemaVersion`); `openStore` runs the
// ones of this folder (chain, inference). Other modules' init functions are run by their own
// entry points on `store.db`.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";

import { initChainTables } from "./chain.ts";
import { initInferenceTables } from "./inference.ts";
import { initSchemaTables } from "./sqlite.ts";

/** The store's file name inside the data directory. */
export const STORE_FILE = "oracle.sqlite";

/** Milliseconds a writer waits for another's transaction before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * An open store. `close()` it when done (also on `using` disposal).
 *
 * @example
 * const store: Store = openStore("./oracle-data");
 */
export type Store = {
  readonly db: DatabaseSync;
  /** The SQLite file. */
  readonly path: string;
  close(): void;
  [Symbol.dispose](): void;
};

/**
 * Opens the store in `dataDir` (created if missing), or creates it: WAL mode, the schema version
 * table, the chain tables and the inference tables. Throws `StoreSchemaError` when the file was
 * written by an oracle with another schema.
 *
 * @example
 * const store = openStore(config.dataDir);
 * try {
 *   await indexChain({ client, store, confirmations: config.confirmations });
 * } finally {
 *   store.close();
 * }
 */
export function openStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, STORE_FILE);
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: BUSY_TIMEOUT_MS });
  try {
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    initSchemaTables(db);
    initChainTables(db);
    initInferenceTables(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const close = () => {
    if (db.isOpen) db.close();
  };
  return { db, path: file, close, [Symbol.dispose]: close };
}
