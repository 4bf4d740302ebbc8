// Shared by the oracle's store and chain tests: a chain with every kind of protocol event the
// indexer derives rows from, temporary stores, a provider wrapper to inject failures, and a dump
// of the store's chain tables to compare runs. Importing this file has no side effect.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import type { Provider } from "ethers";
import { id } from "ethers";

import { CHAIN_ROW_TABLES } from "../../../oracle/src/store/chain.js";
import { openStore, type Store } from "../../../oracle/src/store/db.js";
import { acceptRoot, type Client, createClient, pay, proposeRoot } from "../../../sdk/src/index.js";
import { SUITE_CHALLENGE_PERIOD } from "../../sdk/utils/deploy.js";
import { usageFixture } from "../../sdk/usage/fixture.js";

/** The root the fixture proposes and accepts for epoch 1. */
export const EPOCH_1_ROOT = id("epoch 1 root");

/**
 * The usage fixture (Datanet 1 with versions 1 and 2, Datanet 2 with version 1, model 1 on
 * Datanet 2 version 1, adapter 1 active, adapter 2 published) plus two payments for adapter 1
 * (10 and 3 calls) and epoch 1's root proposed and accepted.
 */
export async function oracleChainFixture(ethers: HardhatEthers, networkHelpers: NetworkHelpers) {
  const base = await usageFixture(ethers, networkHelpers);
  await pay(base.payer, { adapterId: 1n, calls: 10n });
  await pay(base.payer, { adapterId: 1n, calls: 3n });
  const { admin } = base.signers;
  await (await base.distributor.connect(admin).grantRole(await base.distributor.ORACLE_ROLE(), admin.address)).wait();
  const oracle = await createClient({ runner: admin, addresses: base.addresses });
  await proposeRoot(oracle, {
    root: EPOCH_1_ROOT,
    totalCumulative: 1n,
    treeHash: id("tree file 1"),
    treeURI: "https://oracle.example/epoch-1.json",
  });
  await networkHelpers.time.increase(SUITE_CHALLENGE_PERIOD);
  await acceptRoot(oracle);
  return { ...base, oracle };
}

export type OracleChainFixture = Awaited<ReturnType<typeof oracleChainFixture>>;

/** A store in a new temporary directory; `dispose()` closes it and deletes the directory. */
export async function tempStore(): Promise<{ store: Store; dir: string; reopen(): Store; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "oa-oracle-test-"));
  let store = openStore(dir);
  return {
    get store() {
      return store;
    },
    dir,
    reopen() {
      store.close();
      store = openStore(dir);
      return store;
    },
    async dispose() {
      store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of the chain tables (and the cursor), in a fixed order: equal dumps, equal stores. */
export function dumpChainTables(store: Store): Record<string, unknown[]> {
  const dump: Record<string, unknown[]> = {};
  for (const table of [...CHAIN_ROW_TABLES, "chain_cursor", "chain_binding"]) {
    const columns = (store.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    dump[table] = store.db.prepare(`SELECT * FROM ${table} ORDER BY ${columns.join(", ")}`).all();
  }
  return dump;
}

/** The client with its provider's methods replaced by `overrides` (the rest delegate to it). */
export function clientWithProvider(
  client: Client,
  overrides: (provider: Provider) => Partial<Pick<Provider, "getLogs" | "getBlock" | "getBlockNumber">>,
): Client {
  const target = client.provider;
  const replaced = overrides(target) as Record<PropertyKey, unknown>;
  const provider = new Proxy(target, {
    get(object, property) {
      if (property in replaced) return replaced[property];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
  return Object.freeze({ ...client, runner: provider, provider });
}
