// The store file: where it lives, its journal mode, the schema versions it records and refuses,
// transactions (all or nothing, nested savepoints), and the canonical JSON of event arguments.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";

import { StoreSchemaError } from "../../../oracle/src/store/errors.js";
import { openStore, STORE_FILE } from "../../../oracle/src/store/db.js";
import { canonicalJson } from "../../../oracle/src/store/json.js";
import { schemaVersions, transaction, useSchemaVersion } from "../../../oracle/src/store/sqlite.js";

describe("openStore", function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "oa-oracle-db-"));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates <dataDir>/oracle.sqlite (and the directory) in WAL mode with the chain and inference tables", function () {
    const dataDir = path.join(dir, "nested", "data");
    const store = openStore(dataDir);
    try {
      expect(store.path).to.equal(path.join(dataDir, STORE_FILE));
      expect(existsSync(store.path)).to.equal(true);
      expect(store.db.prepare("PRAGMA journal_mode").get()).to.deep.equal({ journal_mode: "wal" });
      expect(store.db.prepare("PRAGMA foreign_keys").get()).to.deep.equal({ foreign_keys: 1 });
      expect(schemaVersions(store.db)).to.deep.equal({ chain: 1, inference: 1 });
      const tables = (
        store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
          name: string;
        }[]
      ).map((row) => row.name);
      expect(tables).to.include.members([
        "schema_versions",
        "chain_binding",
        "chain_cursor",
        "chain_blocks",
        "chain_events",
        "contributions",
        "contribution_reviews",
        "datanet_versions",
        "models",
        "model_sources",
        "adapters",
        "payments",
        "root_proposals",
        "root_acceptances",
        "inference_ingests",
        "inference_records",
        "inference_rejections",
      ]);
    } finally {
      store.close();
    }
  });

  it("reopens an existing store with its data, and close() twice is harmless", function () {
    const first = openStore(dir);
    first.db
      .prepare("INSERT INTO chain_cursor (id, block_number, block_hash, timestamp) VALUES (1, 7, '0xab', 9)")
      .run();
    first.close();
    first.close();
    const second = openStore(dir);
    try {
      expect(second.db.prepare("SELECT block_number FROM chain_cursor").get()).to.deep.equal({ block_number: 7 });
    } finally {
      second.close();
    }
  });

  it("refuses a store whose tables were written at another schema version, naming the module", function () {
    const store = openStore(dir);
    store.db.prepare("UPDATE schema_versions SET version = 2 WHERE module = 'inference'").run();
    store.close();
    let error: unknown;
    try {
      openStore(dir).close();
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(StoreSchemaError).and.include({ module: "inference", found: 2, expected: 1 });
  });

  it("records a new module's schema version once and checks it after", function () {
    const store = openStore(dir);
    try {
      useSchemaVersion(store.db, "epoch", 3);
      useSchemaVersion(store.db, "epoch", 3);
      expect(schemaVersions(store.db)).to.deep.equal({ chain: 1, epoch: 3, inference: 1 });
      expect(() => useSchemaVersion(store.db, "epoch", 4))
        .to.throw(StoreSchemaError)
        .with.property("found", 3);
    } finally {
      store.close();
    }
  });
});

describe("transaction", function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "oa-oracle-tx-"));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  class Boom extends Error {}

  it("commits what returns and rolls back what throws, rethrowing the error", function () {
    const store = openStore(dir);
    try {
      store.db.exec("CREATE TABLE t (v INTEGER) STRICT");
      expect(transaction(store.db, () => store.db.prepare("INSERT INTO t VALUES (1)").run().changes)).to.equal(1);
      expect(() =>
        transaction(store.db, () => {
          store.db.prepare("INSERT INTO t VALUES (2)").run();
          throw new Boom();
        }),
      ).to.throw(Boom);
      expect(store.db.isTransaction).to.equal(false);
      expect(store.db.prepare("SELECT v FROM t").all()).to.deep.equal([{ v: 1 }]);
    } finally {
      store.close();
    }
  });

  it("nests as a savepoint: an inner failure caught by the outer keeps the outer's writes", function () {
    const store = openStore(dir);
    try {
      store.db.exec("CREATE TABLE t (v INTEGER) STRICT");
      transaction(store.db, () => {
        store.db.prepare("INSERT INTO t VALUES (1)").run();
        try {
          transaction(store.db, () => {
            store.db.prepare("INSERT INTO t VALUES (2)").run();
            throw new Boom();
          });
        } catch (error) {
          if (!(error instanceof Boom)) throw error;
        }
        store.db.prepare("INSERT INTO t VALUES (3)").run();
      });
      expect(store.db.prepare("SELECT v FROM t ORDER BY v").all()).to.deep.equal([{ v: 1 }, { v: 3 }]);
    } finally {
      store.close();
    }
  });
});

describe("canonicalJson", function () {
  it("sorts keys at every depth, writes bigints as decimal strings and has no whitespace", function () {
    const value = { b: 2n, a: [{ y: true, x: "0x01" }, 10n ** 30n], c: { "10": 1, "2": 2 } };
    expect(canonicalJson(value)).to.equal(
      '{"a":[{"x":"0x01","y":true},"1000000000000000000000000000000"],"b":"2","c":{"10":1,"2":2}}',
    );
    expect(canonicalJson({ a: [{ x: "0x01", y: true }, 10n ** 30n], c: { "2": 2, "10": 1 }, b: 2n })).to.equal(
      canonicalJson(value),
    );
  });

  it("refuses what JSON cannot hold", function () {
    expect(() => canonicalJson({ a: Number.NaN })).to.throw(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).to.throw(TypeError);
  });
});
