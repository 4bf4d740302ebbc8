// Reads of the protocol state the indexer derived from events (store/chain.ts): accepted
// contributions, Datanet versions and their contributions, models and adapters with the Datanet
// versions they were trained on, payments, and the distributor's roots. Every list comes in a
// fixed order (ids, or chain order), never in insertion order.
import { buildVersionTree, type DatanetVersionSource, type Payment } from "@openattribution/sdk";
import type { DatabaseSync, SQLInputValue } from "node:sqlite";

import type { ContractName } from "./chain.ts";
import { StoreNotFoundError, VersionNotReproducibleError } from "./errors.ts";
import { MAX_SQL_INTEGER, type StoreLike } from "./sqlite.ts";

/**
 * Where an event was logged, in chain order.
 *
 * @example
 * const at: EventPosition = { blockNumber: 120, logIndex: 3 };
 */
export type EventPosition = { blockNumber: number; logIndex: number };

/**
 * A contribution from its `Contributed` event, with where it was accepted.
 *
 * @example
 * const [first]: IndexedContribution[] = listAcceptedContributions(store, { datanetId: 1n });
 */
export type IndexedContribution = {
  datanetId: bigint;
  contributionId: bigint;
  contributor: string;
  contentHash: string;
  uri: string;
  /** Where it was contributed. */
  contributedAt: EventPosition;
  /** Where a curator accepted it. */
  acceptedAt: EventPosition;
};

/**
 * A published Datanet version, from its `VersionPublished` event.
 *
 * @example
 * const { root, count, manifestURI }: IndexedVersion = findVersion(store, { datanetId: 1n, version: 2n })!;
 */
export type IndexedVersion = {
  datanetId: bigint;
  version: bigint;
  root: string;
  count: bigint;
  manifestURI: string;
} & EventPosition;

/**
 * A model from its `ModelCreated` event: the Datanet versions it was trained on, in event order.
 *
 * @example
 * const { builder, sources }: IndexedModel = findModel(store, 1n)!;
 */
export type IndexedModel = {
  modelId: bigint;
  builder: string;
  baseModelId: bigint;
  metadataURI: string;
  sources: DatanetVersionSource[];
} & EventPosition;

/**
 * An adapter from its `AdapterPublished` event, with its model's builder and Datanet versions.
 *
 * @example
 * const { modelId, sources }: IndexedAdapter = findAdapter(store, 1n)!;
 */
export type IndexedAdapter = {
  adapterId: bigint;
  modelId: bigint;
  /** 1, 2, … within the model. */
  version: bigint;
  adapterHash: string;
  configHash: string;
  manifestHash: string;
  uri: string;
  /** The model's builder. */
  builder: string;
  /** The Datanet versions the model was trained on. */
  sources: DatanetVersionSource[];
} & EventPosition;

/**
 * A payment from the ledger's `Paid` event, with its block's timestamp.
 *
 * @example
 * const pool = listPayments(store, { fromBlock, toBlock }).reduce((sum, p: IndexedPayment) => sum + p.attributionAmount, 0n);
 */
export type IndexedPayment = Payment & {
  transactionHash: string;
  /** The block's timestamp, Unix seconds. */
  timestamp: number;
} & EventPosition;

/**
 * What became of a root proposal, from the distributor's later events (as far as indexed):
 * `pending` (nothing yet, or a dispute rejected), `disputed` (a dispute is open), `accepted`,
 * `vetoed`, or `discarded` (a dispute was upheld).
 *
 * @example
 * const open = listRootProposals(store).filter((p) => p.status === "pending" || p.status === "disputed");
 */
export type RootProposalStatus = "pending" | "disputed" | "accepted" | "vetoed" | "discarded";

/**
 * A `RootProposed` event and what became of it.
 *
 * @example
 * const [latest]: IndexedRootProposal[] = listRootProposals(store).slice(-1);
 */
export type IndexedRootProposal = {
  epoch: bigint;
  root: string;
  totalCumulative: bigint;
  /** First timestamp at which it may be accepted. */
  validAt: bigint;
  treeHash: string;
  treeURI: string;
  transactionHash: string;
  status: RootProposalStatus;
} & EventPosition;

/**
 * A `RootAccepted` event.
 *
 * @example
 * const accepted: IndexedRootAcceptance[] = listRootAcceptances(store);
 */
export type IndexedRootAcceptance = {
  epoch: bigint;
  root: string;
  totalCumulative: bigint;
  transactionHash: string;
} & EventPosition;

/**
 * One row of the generic event table: `args` is the canonical JSON parsed back (bigints are
 * decimal strings there).
 *
 * @example
 * const [first]: StoredEvent[] = listEvents(store, { contract: "DatanetRegistry", eventName: "DatanetCreated" });
 */
export type StoredEvent = {
  contract: ContractName;
  address: string;
  eventName: string;
  args: Record<string, unknown>;
  blockHash: string;
  transactionHash: string;
  timestamp: number;
} & EventPosition;

type Row = Record<string, SQLInputValue>;

/** Rows with INTEGER columns read as bigint (ids can pass 2^53); block numbers converted back. */
function rows(db: DatabaseSync, sql: string, ...params: SQLInputValue[]): Row[] {
  const statement = db.prepare(sql);
  statement.setReadBigInts(true);
  return statement.all(...params) as Row[];
}

const big = (value: SQLInputValue): bigint => value as bigint;
const num = (value: SQLInputValue): number => Number(value as bigint);
const str = (value: SQLInputValue): string => value as string;
const position = (row: Row): EventPosition => ({ blockNumber: num(row.block_number!), logIndex: num(row.log_index!) });

/** An id that cannot be in the store (negative, or above the INTEGER columns) matches nothing. */
function storable(id: bigint): boolean {
  return id >= 0n && id <= MAX_SQL_INTEGER;
}

/**
 * The accepted contributions of a Datanet, by contribution id; with `before`, only those accepted
 * before that event (e.g. a version's `VersionPublished`).
 *
 * @example
 * const accepted = listAcceptedContributions(store, { datanetId: 1n });
 */
export function listAcceptedContributions(
  { db }: StoreLike,
  { datanetId, before }: { datanetId: bigint; before?: EventPosition | undefined },
): IndexedContribution[] {
  if (!storable(datanetId)) return [];
  const limit = before ?? { blockNumber: Number.MAX_SAFE_INTEGER, logIndex: 0 };
  return rows(
    db,
    `SELECT c.*, r.block_number AS accepted_block, r.log_index AS accepted_log
       FROM contributions c
       JOIN contribution_reviews r ON r.datanet_id = c.datanet_id AND r.contribution_id = c.contribution_id
      WHERE c.datanet_id = ? AND r.outcome = 'Accept'
        AND (r.block_number < ? OR (r.block_number = ? AND r.log_index < ?))
      ORDER BY c.contribution_id`,
    datanetId,
    limit.blockNumber,
    limit.blockNumber,
    limit.logIndex,
  ).map((row) => ({
    datanetId: big(row.datanet_id!),
    contributionId: big(row.contribution_id!),
    contributor: str(row.contributor!),
    contentHash: str(row.content_hash!),
    uri: str(row.uri!),
    contributedAt: position(row),
    acceptedAt: { blockNumber: num(row.accepted_block!), logIndex: num(row.accepted_log!) },
  }));
}

function toVersion(row: Row): IndexedVersion {
  return {
    datanetId: big(row.datanet_id!),
    version: big(row.version!),
    root: str(row.root!),
    count: big(row.count!),
    manifestURI: str(row.manifest_uri!),
    ...position(row),
  };
}

/**
 * The published versions, of one Datanet or of all, by (datanetId, version).
 *
 * @example
 * const versions = listVersions(store, { datanetId: 1n });
 */
export function listVersions(
  { db }: StoreLike,
  { datanetId }: { datanetId?: bigint | undefined } = {},
): IndexedVersion[] {
  if (datanetId === undefined)
    return rows(db, "SELECT * FROM datanet_versions ORDER BY datanet_id, version").map(toVersion);
  if (!storable(datanetId)) return [];
  return rows(db, "SELECT * FROM datanet_versions WHERE datanet_id = ? ORDER BY version", datanetId).map(toVersion);
}

/**
 * One published version; `undefined` if it is not in the store.
 *
 * @example
 * const version = findVersion(store, { datanetId: 1n, version: 2n });
 */
export function findVersion(
  { db }: StoreLike,
  { datanetId, version }: DatanetVersionSource,
): IndexedVersion | undefined {
  if (!storable(datanetId) || !storable(version)) return undefined;
  const [row] = rows(db, "SELECT * FROM datanet_versions WHERE datanet_id = ? AND version = ?", datanetId, version);
  return row === undefined ? undefined : toVersion(row);
}

/**
 * The contributions of a published version, from events alone: the contributions accepted before
 * the version was published, checked against the version's count and root (rebuilt with the
 * SDK's `buildVersionTree`). That is what the SDK's `publishVersion` publishes by default. When the
 * owner published another set, throws `VersionNotReproducibleError` naming the manifest to read;
 * `StoreNotFoundError` when the version is not in the store.
 *
 * @example
 * const { version, contributions } = await resolveVersionContributions(store, { datanetId: 1n, version: 2n });
 */
export async function resolveVersionContributions(
  store: StoreLike,
  source: DatanetVersionSource,
): Promise<{ version: IndexedVersion; contributions: IndexedContribution[] }> {
  const version = findVersion(store, source);
  if (version === undefined) throw new StoreNotFoundError("Datanet version", `${source.datanetId}/${source.version}`);
  const contributions = listAcceptedContributions(store, { datanetId: source.datanetId, before: version });
  const fail = (details: string): never => {
    throw new VersionNotReproducibleError(version.datanetId, version.version, version.manifestURI, details);
  };
  if (BigInt(contributions.length) !== version.count) {
    fail(`${contributions.length} contributions were accepted before it, the version counts ${version.count}`);
  }
  const tree = await buildVersionTree(version.datanetId, contributions);
  if (tree.root !== version.root) {
    fail(
      `the tree of the ${contributions.length} contributions accepted before it has root ${tree.root}, the version ${version.root}`,
    );
  }
  return { version, contributions };
}

function sourcesOf(db: DatabaseSync, modelId: bigint): DatanetVersionSource[] {
  return rows(db, "SELECT datanet_id, version FROM model_sources WHERE model_id = ? ORDER BY position", modelId).map(
    (row) => ({ datanetId: big(row.datanet_id!), version: big(row.version!) }),
  );
}

function toModel(db: DatabaseSync, row: Row): IndexedModel {
  const modelId = big(row.model_id!);
  return {
    modelId,
    builder: str(row.builder!),
    baseModelId: big(row.base_model_id!),
    metadataURI: str(row.metadata_uri!),
    sources: sourcesOf(db, modelId),
    ...position(row),
  };
}

/**
 * Every model, by id.
 *
 * @example
 * const models = listModels(store);
 */
export function listModels({ db }: StoreLike): IndexedModel[] {
  return rows(db, "SELECT * FROM models ORDER BY model_id").map((row) => toModel(db, row));
}

/**
 * One model; `undefined` if it is not in the store.
 *
 * @example
 * const model = findModel(store, 1n);
 */
export function findModel({ db }: StoreLike, modelId: bigint): IndexedModel | undefined {
  if (!storable(modelId)) return undefined;
  const [row] = rows(db, "SELECT * FROM models WHERE model_id = ?", modelId);
  return row === undefined ? undefined : toModel(db, row);
}

function toAdapter(db: DatabaseSync, row: Row): IndexedAdapter {
  const modelId = big(row.model_id!);
  return {
    adapterId: big(row.adapter_id!),
    modelId,
    version: big(row.version!),
    adapterHash: str(row.adapter_hash!),
    configHash: str(row.config_hash!),
    manifestHash: str(row.manifest_hash!),
    uri: str(row.uri!),
    builder: str(row.builder!),
    sources: sourcesOf(db, modelId),
    ...position(row),
  };
}

const ADAPTER_SELECT = "SELECT a.*, m.builder FROM adapters a JOIN models m ON m.model_id = a.model_id";

/**
 * Every adapter, by id, with its model's builder and Datanet versions.
 *
 * @example
 * const adapters = listAdapters(store);
 */
export function listAdapters({ db }: StoreLike): IndexedAdapter[] {
  return rows(db, `${ADAPTER_SELECT} ORDER BY a.adapter_id`).map((row) => toAdapter(db, row));
}

/**
 * One adapter with its model's builder and Datanet versions; `undefined` if it is not in the store.
 *
 * @example
 * const adapter = findAdapter(store, 1n);
 * if (adapter === undefined) console.log("unknown adapter 1");
 */
export function findAdapter({ db }: StoreLike, adapterId: bigint): IndexedAdapter | undefined {
  if (!storable(adapterId)) return undefined;
  const [row] = rows(db, `${ADAPTER_SELECT} WHERE a.adapter_id = ?`, adapterId);
  return row === undefined ? undefined : toAdapter(db, row);
}

/**
 * Payments in chain order (= payment id order), optionally in a block range (inclusive) and for
 * one adapter.
 *
 * @example
 * const epochPayments = listPayments(store, { fromBlock: 100, toBlock: 199 });
 */
export function listPayments(
  { db }: StoreLike,
  {
    fromBlock = 0,
    toBlock = Number.MAX_SAFE_INTEGER,
    adapterId,
  }: { fromBlock?: number | undefined; toBlock?: number | undefined; adapterId?: bigint | undefined } = {},
): IndexedPayment[] {
  if (adapterId !== undefined && !storable(adapterId)) return [];
  const where = adapterId === undefined ? "" : " AND adapter_id = ?";
  const params: SQLInputValue[] = adapterId === undefined ? [fromBlock, toBlock] : [fromBlock, toBlock, adapterId];
  return rows(
    db,
    `SELECT * FROM payments WHERE block_number BETWEEN ? AND ?${where} ORDER BY block_number, log_index`,
    ...params,
  ).map((row) => ({
    paymentId: big(row.payment_id!),
    modelId: big(row.model_id!),
    adapterId: big(row.adapter_id!),
    payer: str(row.payer!),
    builder: str(row.builder!),
    calls: BigInt(str(row.calls!)),
    pricePerCall: BigInt(str(row.price_per_call!)),
    amount: BigInt(str(row.amount!)),
    builderAmount: BigInt(str(row.builder_amount!)),
    treasuryAmount: BigInt(str(row.treasury_amount!)),
    attributionAmount: BigInt(str(row.attribution_amount!)),
    transactionHash: str(row.tx_hash!),
    timestamp: num(row.timestamp!),
    ...position(row),
  }));
}

/**
 * Every root proposal in chain order, with what became of it according to the distributor's
 * later events (`RootAccepted`, `RootVetoed`, `RootDisputed`, `DisputeResolved`) indexed so far.
 *
 * @example
 * const pending = listRootProposals(store).find((p) => p.status === "pending");
 */
export function listRootProposals({ db }: StoreLike): IndexedRootProposal[] {
  const proposals = rows(db, "SELECT * FROM root_proposals ORDER BY block_number, log_index").map(
    (row): IndexedRootProposal => ({
      epoch: big(row.epoch!),
      root: str(row.root!),
      totalCumulative: BigInt(str(row.total_cumulative!)),
      validAt: big(row.valid_at!),
      treeHash: str(row.tree_hash!),
      treeURI: str(row.tree_uri!),
      transactionHash: str(row.tx_hash!),
      status: "pending",
      ...position(row),
    }),
  );
  const outcomes = listEvents(
    { db },
    {
      contract: "AttributionDistributor",
      eventNames: ["RootAccepted", "RootVetoed", "RootDisputed", "DisputeResolved"],
    },
  );
  // Replay in chain order: each outcome applies to the latest proposal before it with its epoch and root.
  for (const outcome of outcomes) {
    const epoch = BigInt(outcome.args.epoch as string);
    const root = (outcome.args.root as string).toLowerCase();
    const proposal = proposals.findLast(
      (p) =>
        p.epoch === epoch &&
        p.root === root &&
        before(p, outcome) &&
        (p.status === "pending" || p.status === "disputed"),
    );
    if (proposal === undefined) continue;
    if (outcome.eventName === "RootAccepted") proposal.status = "accepted";
    else if (outcome.eventName === "RootVetoed") proposal.status = "vetoed";
    else if (outcome.eventName === "RootDisputed") proposal.status = "disputed";
    else proposal.status = outcome.args.upheld === true ? "discarded" : "pending";
  }
  return proposals;
}

function before(a: EventPosition, b: EventPosition): boolean {
  return a.blockNumber < b.blockNumber || (a.blockNumber === b.blockNumber && a.logIndex < b.logIndex);
}

/**
 * Every `RootAccepted` event in chain order.
 *
 * @example
 * const latest = listRootAcceptances(store).at(-1);
 */
export function listRootAcceptances({ db }: StoreLike): IndexedRootAcceptance[] {
  return rows(db, "SELECT * FROM root_acceptances ORDER BY block_number, log_index").map((row) => ({
    epoch: big(row.epoch!),
    root: str(row.root!),
    totalCumulative: BigInt(str(row.total_cumulative!)),
    transactionHash: str(row.tx_hash!),
    ...position(row),
  }));
}

/**
 * Events from the generic table in chain order, filtered by contract, event names and block range
 * (inclusive).
 *
 * @example
 * const created = listEvents(store, { contract: "DatanetRegistry", eventNames: ["DatanetCreated"] });
 */
export function listEvents(
  { db }: StoreLike,
  {
    contract,
    eventNames,
    fromBlock = 0,
    toBlock = Number.MAX_SAFE_INTEGER,
  }: {
    contract?: ContractName | undefined;
    eventNames?: readonly string[] | undefined;
    fromBlock?: number | undefined;
    toBlock?: number | undefined;
  } = {},
): StoredEvent[] {
  const where = ["block_number BETWEEN ? AND ?"];
  const params: SQLInputValue[] = [fromBlock, toBlock];
  if (contract !== undefined) {
    where.push("contract = ?");
    params.push(contract);
  }
  if (eventNames !== undefined) {
    where.push(`event_name IN (${eventNames.map(() => "?").join(", ")})`);
    params.push(...eventNames);
  }
  return rows(
    db,
    `SELECT * FROM chain_events WHERE ${where.join(" AND ")} ORDER BY block_number, log_index`,
    ...params,
  ).map((row) => ({
    contract: str(row.contract!) as ContractName,
    address: str(row.address!),
    eventName: str(row.event_name!),
    args: JSON.parse(str(row.args!)) as Record<string, unknown>,
    blockHash: str(row.block_hash!),
    transactionHash: str(row.tx_hash!),
    timestamp: num(row.timestamp!),
    ...position(row),
  }));
}
