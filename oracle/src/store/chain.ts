// The chain half of the store: which chain and contracts it follows, the cursor (last indexed
// block), the hashes of the last indexed blocks (reorg detection), every protocol event in one
// generic table, and the rows derived from them that the attribution reads (store/protocol.ts).
//
// Every row that comes from the chain carries the block it came from, so rolling back a reorg is
// one `DELETE … WHERE block_number > common` per table, in the same transaction as the cursor.
// Derived tables are append-only for the same reason (a review is its own row, not an update).
//
// Column conventions: ids, counters, block numbers and timestamps are INTEGER (the contracts count
// ids from 1; a value above 2^63 − 1 is refused with StoreIntegerRangeError); amounts are decimal
// TEXT; addresses are checksummed TEXT; hashes lower-case 0x TEXT as the node returns them.
import type {
  Addresses,
  AttributionDistributorEvent,
  DatanetRegistryEvent,
  ModelRegistryEvent,
  UsageLedgerEvent,
} from "@openattribution/sdk";
import { verdictName } from "@openattribution/sdk";
import type { DatabaseSync, SQLInputValue } from "node:sqlite";

import { StoreChainMismatchError, StoreIntegerRangeError } from "./errors.ts";
import { canonicalJson } from "./json.ts";
import { MAX_SQL_INTEGER, type StoreLike, transaction, useSchemaVersion } from "./sqlite.ts";

/** The contracts the indexer follows, by the name the store records in `chain_events.contract`. */
export const INDEXED_CONTRACTS = Object.freeze([
  "DatanetRegistry",
  "ModelRegistry",
  "UsageLedger",
  "AttributionDistributor",
] as const);

/**
 * One of the indexed contracts.
 *
 * @example
 * const contract: ContractName = "UsageLedger";
 */
export type ContractName = (typeof INDEXED_CONTRACTS)[number];

/**
 * A decoded protocol event with the contract that emitted it and its block's timestamp.
 *
 * @example
 * const indexed: IndexedEvent = { contract: "UsageLedger", event, timestamp: 1732500000 };
 */
export type IndexedEvent =
  | { contract: "DatanetRegistry"; event: DatanetRegistryEvent; timestamp: number }
  | { contract: "ModelRegistry"; event: ModelRegistryEvent; timestamp: number }
  | { contract: "UsageLedger"; event: UsageLedgerEvent; timestamp: number }
  | { contract: "AttributionDistributor"; event: AttributionDistributorEvent; timestamp: number };

/**
 * A block as the store records it.
 *
 * @example
 * const block: BlockRef = { blockNumber: 120, blockHash: "0x…", timestamp: 1732500000 };
 */
export type BlockRef = { blockNumber: number; blockHash: string; timestamp: number };

/**
 * What the chain tables are bound to: the chain id and the contract addresses indexed.
 *
 * @example
 * const binding: ChainBinding = { chainId: 31337n, addresses };
 */
export type ChainBinding = { chainId: bigint; addresses: Omit<Addresses, "openToken"> };

const SCHEMA_VERSION = 1;

/** Tables whose rows come from blocks (`block_number` column): what a reorg rolls back. */
export const CHAIN_ROW_TABLES = Object.freeze([
  "chain_events",
  "chain_blocks",
  "contributions",
  "contribution_reviews",
  "datanet_versions",
  "models",
  "model_sources",
  "adapters",
  "payments",
  "root_proposals",
  "root_acceptances",
] as const);

/**
 * Creates the chain tables if they are missing and checks their schema version. `openStore` calls it.
 *
 * Tables: `chain_binding` (chain id and addresses, one row), `chain_cursor` (last indexed block,
 * one row), `chain_blocks` (hashes and timestamps of the last indexed blocks and of blocks with
 * events), `chain_events` (every event: contract, name, canonical JSON args), and the derived
 * `contributions`, `contribution_reviews`, `datanet_versions`, `models`, `model_sources`,
 * `adapters`, `payments`, `root_proposals`, `root_acceptances`.
 *
 * @example
 * initChainTables(store.db);
 */
export function initChainTables(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS chain_binding (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      chain_id TEXT NOT NULL,
      datanet_registry TEXT NOT NULL,
      model_registry TEXT NOT NULL,
      usage_ledger TEXT NOT NULL,
      attribution_distributor TEXT NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS chain_cursor (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      block_number INTEGER NOT NULL,
      block_hash TEXT NOT NULL,
      timestamp INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS chain_blocks (
      block_number INTEGER PRIMARY KEY,
      block_hash TEXT NOT NULL,
      timestamp INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS chain_events (
      block_number INTEGER NOT NULL,
      log_index INTEGER NOT NULL,
      block_hash TEXT NOT NULL,
      timestamp INTEGER NOT NULL,
      tx_hash TEXT NOT NULL,
      contract TEXT NOT NULL,
      address TEXT NOT NULL,
      event_name TEXT NOT NULL,
      args TEXT NOT NULL,
      PRIMARY KEY (block_number, log_index)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS chain_events_by_name ON chain_events (contract, event_name, block_number, log_index);
    CREATE TABLE IF NOT EXISTS contributions (
      datanet_id INTEGER NOT NULL,
      contribution_id INTEGER NOT NULL,
      contributor TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      uri TEXT NOT NULL,
      block_number INTEGER NOT NULL,
      log_index INTEGER NOT NULL,
      PRIMARY KEY (datanet_id, contribution_id)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS contribution_reviews (
      datanet_id INTEGER NOT NULL,
      contribution_id INTEGER NOT NULL,
      outcome TEXT NOT NULL,
      curator TEXT,
      block_number INTEGER NOT NULL,
      log_index INTEGER NOT NULL,
      PRIMARY KEY (datanet_id, contribution_id)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS datanet_versions (
      datanet_id INTEGER NOT NULL,
      version INTEGER NOT NULL,
      root TEXT NOT NULL,
      count INTEGER NOT NULL,
      manifest_uri TEXT NOT NULL,
      block_number INTEGER NOT NULL,
      log_index INTEGER NOT NULL,
      PRIMARY KEY (datanet_id, version)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS models (
      model_id INTEGER PRIMARY KEY,
      builder TEXT NOT NULL,
      base_model_id INTEGER NOT NULL,
      metadata_uri TEXT NOT NULL,
      block_number INTEGER NOT NULL,
      log_index INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS model_sources (
      model_id INTEGER NOT NULL,
      position INTEGER NOT NULL,
      datanet_id INTEGER NOT NULL,
      version INTEGER NOT NULL,
      block_number INTEGER NOT NULL,
      PRIMARY KEY (model_id, position)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS adapters (
      adapter_id INTEGER PRIMARY KEY,
      model_id INTEGER NOT NULL,
      version INTEGER NOT NULL,
      adapter_hash TEXT NOT NULL,
      config_hash TEXT NOT NULL,
      manifest_hash TEXT NOT NULL,
      uri TEXT NOT NULL,
      block_number INTEGER NOT NULL,
      log_index INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS payments (
      payment_id INTEGER PRIMARY KEY,
      model_id INTEGER NOT NULL,
      adapter_id INTEGER NOT NULL,
      payer TEXT NOT NULL,
      builder TEXT NOT NULL,
      calls TEXT NOT NULL,
      price_per_call TEXT NOT NULL,
      amount TEXT NOT NULL,
      builder_amount TEXT NOT NULL,
      treasury_amount TEXT NOT NULL,
      attribution_amount TEXT NOT NULL,
      block_number INTEGER NOT NULL,
      log_index INTEGER NOT NULL,
      tx_hash TEXT NOT NULL,
      timestamp INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS payments_by_block ON payments (block_number, log_index);
    CREATE INDEX IF NOT EXISTS payments_by_adapter ON payments (adapter_id, block_number);
    CREATE TABLE IF NOT EXISTS root_proposals (
      block_number INTEGER NOT NULL,
      log_index INTEGER NOT NULL,
      epoch INTEGER NOT NULL,
      root TEXT NOT NULL,
      total_cumulative TEXT NOT NULL,
      valid_at INTEGER NOT NULL,
      tree_hash TEXT NOT NULL,
      tree_uri TEXT NOT NULL,
      tx_hash TEXT NOT NULL,
      PRIMARY KEY (block_number, log_index)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS root_acceptances (
      block_number INTEGER NOT NULL,
      log_index INTEGER NOT NULL,
      epoch INTEGER NOT NULL,
      root TEXT NOT NULL,
      total_cumulative TEXT NOT NULL,
      tx_hash TEXT NOT NULL,
      PRIMARY KEY (block_number, log_index)
    ) STRICT;
  `);
  useSchemaVersion(db, "chain", SCHEMA_VERSION);
}

const BINDING_FIELDS = [
  ["datanetRegistry", "datanet_registry"],
  ["modelRegistry", "model_registry"],
  ["usageLedger", "usage_ledger"],
  ["attributionDistributor", "attribution_distributor"],
] as const;

/**
 * Binds the store to a chain and deployment on first use, and on every later use checks it is
 * the same one: throws `StoreChainMismatchError` naming the first field that differs.
 *
 * @example
 * bindChain(store, { chainId: client.chainId, addresses: client.addresses });
 */
export function bindChain({ db }: StoreLike, { chainId, addresses }: ChainBinding): void {
  transaction(db, () => {
    const row = db.prepare("SELECT * FROM chain_binding WHERE id = 1").get() as Record<string, string> | undefined;
    if (row === undefined) {
      db.prepare(
        `INSERT INTO chain_binding (id, chain_id, datanet_registry, model_registry, usage_ledger, attribution_distributor)
         VALUES (1, ?, ?, ?, ?, ?)`,
      ).run(chainId.toString(), ...BINDING_FIELDS.map(([field]) => addresses[field]));
      return;
    }
    if (row.chain_id !== chainId.toString())
      throw new StoreChainMismatchError("chainId", row.chain_id!, chainId.toString());
    for (const [field, column] of BINDING_FIELDS) {
      if (row[column]!.toLowerCase() !== addresses[field].toLowerCase()) {
        throw new StoreChainMismatchError(field, row[column]!, addresses[field]);
      }
    }
  });
}

/**
 * The chain and deployment the store is bound to; `undefined` before the first `index`.
 *
 * @example
 * const binding = getChainBinding(store);
 */
export function getChainBinding({ db }: StoreLike): ChainBinding | undefined {
  const row = db.prepare("SELECT * FROM chain_binding WHERE id = 1").get() as Record<string, string> | undefined;
  if (row === undefined) return undefined;
  return {
    chainId: BigInt(row.chain_id!),
    addresses: {
      datanetRegistry: row.datanet_registry!,
      modelRegistry: row.model_registry!,
      usageLedger: row.usage_ledger!,
      attributionDistributor: row.attribution_distributor!,
    },
  };
}

/**
 * The last indexed block: everything up to it (inclusive) is in the store; `undefined` before
 * the first indexed chunk.
 *
 * @example
 * const cursor = getCursor(store);
 * console.log(cursor?.blockNumber);
 */
export function getCursor({ db }: StoreLike): BlockRef | undefined {
  const row = db.prepare("SELECT block_number, block_hash, timestamp FROM chain_cursor WHERE id = 1").get() as
    { block_number: number; block_hash: string; timestamp: number } | undefined;
  return row === undefined ? undefined : toBlockRef(row);
}

/**
 * The blocks whose hashes the store keeps, newest first: the last indexed blocks (for reorg
 * detection) and the blocks with events.
 *
 * @example
 * const [newest] = listStoredBlocks(store);
 */
export function listStoredBlocks({ db }: StoreLike): BlockRef[] {
  const rows = db
    .prepare("SELECT block_number, block_hash, timestamp FROM chain_blocks ORDER BY block_number DESC")
    .all() as {
    block_number: number;
    block_hash: string;
    timestamp: number;
  }[];
  return rows.map(toBlockRef);
}

/**
 * What `writeChunk` writes, all or nothing.
 *
 * @example
 * writeChunk(store, { events, blocks, cursor, keepBlocks: 76 });
 */
export type ChunkWrite = {
  /** The chunk's events, any order (each is keyed by its block number and log index). */
  events: readonly IndexedEvent[];
  /** Block hashes to keep (recent blocks and blocks with events). */
  blocks: readonly BlockRef[];
  /** The chunk's last block: the new cursor. */
  cursor: BlockRef;
  /** Hashes of blocks older than `cursor.blockNumber - keepBlocks + 1` are dropped. */
  keepBlocks: number;
};

/**
 * Writes an indexed chunk in one transaction: its events, the rows derived from them, its block
 * hashes and the new cursor; then drops block hashes older than `keepBlocks`. A failure anywhere
 * writes nothing.
 *
 * @example
 * writeChunk(store, { events, blocks, cursor: { blockNumber: 200, blockHash, timestamp }, keepBlocks: 76 });
 */
export function writeChunk({ db }: StoreLike, { events, blocks, cursor, keepBlocks }: ChunkWrite): void {
  transaction(db, () => {
    const insertEvent = db.prepare(
      `INSERT INTO chain_events (block_number, log_index, block_hash, timestamp, tx_hash, contract, address, event_name, args)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const indexed of events) {
      const { event } = indexed;
      insertEvent.run(
        event.blockNumber,
        event.logIndex,
        event.blockHash,
        indexed.timestamp,
        event.transactionHash,
        indexed.contract,
        event.address,
        event.eventName,
        canonicalJson(event.args),
      );
      writeDerived(db, indexed);
    }
    const insertBlock = db.prepare(
      "INSERT OR REPLACE INTO chain_blocks (block_number, block_hash, timestamp) VALUES (?, ?, ?)",
    );
    for (const block of [...blocks, cursor]) insertBlock.run(block.blockNumber, block.blockHash, block.timestamp);
    setCursor(db, cursor);
    db.prepare("DELETE FROM chain_blocks WHERE block_number < ?").run(cursor.blockNumber - keepBlocks + 1);
  });
}

/**
 * Rolls the store back to `block` (a block still on the chain): deletes every row from a later
 * block in every chain table and moves the cursor to `block`, in one transaction. Returns the
 * number of events deleted.
 *
 * @example
 * const deleted = rollBackTo(store, common);
 */
export function rollBackTo({ db }: StoreLike, block: BlockRef): number {
  return transaction(db, () => {
    let events = 0;
    for (const table of CHAIN_ROW_TABLES) {
      const { changes } = db.prepare(`DELETE FROM ${table} WHERE block_number > ?`).run(block.blockNumber);
      if (table === "chain_events") events = Number(changes);
    }
    db.prepare("INSERT OR REPLACE INTO chain_blocks (block_number, block_hash, timestamp) VALUES (?, ?, ?)").run(
      block.blockNumber,
      block.blockHash,
      block.timestamp,
    );
    setCursor(db, block);
    return events;
  });
}

function setCursor(db: DatabaseSync, { blockNumber, blockHash, timestamp }: BlockRef): void {
  db.prepare(
    `INSERT INTO chain_cursor (id, block_number, block_hash, timestamp) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash,
       timestamp = excluded.timestamp`,
  ).run(blockNumber, blockHash, timestamp);
}

function toBlockRef(row: { block_number: number; block_hash: string; timestamp: number }): BlockRef {
  return { blockNumber: row.block_number, blockHash: row.block_hash, timestamp: row.timestamp };
}

/** An id or counter for an INTEGER column. */
function int(field: string, value: bigint): bigint {
  if (value < 0n || value > MAX_SQL_INTEGER) throw new StoreIntegerRangeError(field, value);
  return value;
}

function insert(db: DatabaseSync, table: string, row: Record<string, SQLInputValue>): void {
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).run(
    ...Object.values(row),
  );
}

/** The rows the attribution reads, derived from one event (most events derive none). */
function writeDerived(db: DatabaseSync, indexed: IndexedEvent): void {
  const { blockNumber: block_number, logIndex: log_index, transactionHash: tx_hash } = indexed.event;
  const at = { block_number, log_index };
  switch (indexed.contract) {
    case "DatanetRegistry": {
      const { event } = indexed;
      if (event.eventName === "Contributed") {
        const { datanetId, contributionId, contributor, contentHash, uri } = event.args;
        insert(db, "contributions", {
          datanet_id: int("datanetId", datanetId),
          contribution_id: int("contributionId", contributionId),
          contributor,
          content_hash: contentHash.toLowerCase(),
          uri,
          ...at,
        });
      } else if (event.eventName === "ContributionAccepted" || event.eventName === "ContributionRejected") {
        const { datanetId, contributionId, curator } = event.args;
        const outcome = event.eventName === "ContributionAccepted" ? "Accept" : verdictName(event.args.reason);
        insert(db, "contribution_reviews", {
          datanet_id: int("datanetId", datanetId),
          contribution_id: int("contributionId", contributionId),
          outcome,
          curator,
          ...at,
        });
      } else if (event.eventName === "StakeWithdrawn") {
        const { datanetId, contributionId } = event.args;
        insert(db, "contribution_reviews", {
          datanet_id: int("datanetId", datanetId),
          contribution_id: int("contributionId", contributionId),
          outcome: "Withdrawn",
          curator: null,
          ...at,
        });
      } else if (event.eventName === "VersionPublished") {
        const { datanetId, version, root, count, manifestURI } = event.args;
        insert(db, "datanet_versions", {
          datanet_id: int("datanetId", datanetId),
          version: int("version", version),
          root: root.toLowerCase(),
          count: int("count", count),
          manifest_uri: manifestURI,
          ...at,
        });
      }
      return;
    }
    case "ModelRegistry": {
      const { event } = indexed;
      if (event.eventName === "ModelCreated") {
        const { modelId, builder, baseModelId, sources, metadataURI } = event.args;
        insert(db, "models", {
          model_id: int("modelId", modelId),
          builder,
          base_model_id: int("baseModelId", baseModelId),
          metadata_uri: metadataURI,
          ...at,
        });
        sources.forEach((source, position) => {
          insert(db, "model_sources", {
            model_id: modelId,
            position,
            datanet_id: int("datanetId", source.datanetId),
            version: int("version", source.version),
            block_number,
          });
        });
      } else if (event.eventName === "AdapterPublished") {
        const { adapterId, modelId, version, adapterHash, configHash, manifestHash, uri } = event.args;
        insert(db, "adapters", {
          adapter_id: int("adapterId", adapterId),
          model_id: int("modelId", modelId),
          version: int("version", version),
          adapter_hash: adapterHash.toLowerCase(),
          config_hash: configHash.toLowerCase(),
          manifest_hash: manifestHash.toLowerCase(),
          uri,
          ...at,
        });
      }
      return;
    }
    case "UsageLedger": {
      const { event } = indexed;
      if (event.eventName === "Paid") {
        const { args } = event;
        insert(db, "payments", {
          payment_id: int("paymentId", args.paymentId),
          model_id: int("modelId", args.modelId),
          adapter_id: int("adapterId", args.adapterId),
          payer: args.payer,
          builder: args.builder,
          calls: args.calls.toString(),
          price_per_call: args.pricePerCall.toString(),
          amount: args.amount.toString(),
          builder_amount: args.builderAmount.toString(),
          treasury_amount: args.treasuryAmount.toString(),
          attribution_amount: args.attributionAmount.toString(),
          ...at,
          tx_hash,
          timestamp: indexed.timestamp,
        });
      }
      return;
    }
    case "AttributionDistributor": {
      const { event } = indexed;
      if (event.eventName === "RootProposed") {
        const { epoch, root, totalCumulative, validAt, treeHash, treeURI } = event.args;
        insert(db, "root_proposals", {
          ...at,
          epoch: int("epoch", epoch),
          root: root.toLowerCase(),
          total_cumulative: totalCumulative.toString(),
          valid_at: int("validAt", validAt),
          tree_hash: treeHash.toLowerCase(),
          tree_uri: treeURI,
          tx_hash,
        });
      } else if (event.eventName === "RootAccepted") {
        const { epoch, root, totalCumulative } = event.args;
        insert(db, "root_acceptances", {
          ...at,
          epoch: int("epoch", epoch),
          root: root.toLowerCase(),
          total_cumulative: totalCumulative.toString(),
          tx_hash,
        });
      }
      return;
    }
  }
}
