// Posting an epoch's root, idempotently. The intent is recorded in the store before anything is
// sent, the transaction hash as soon as it is sent; every call reconciles with the chain first, so
// a crash at any point (before sending, after sending, before the receipt) is resumed by calling
// again with the same values, which never proposes twice, never proposes another root for an
// epoch, and never skips an epoch:
//
//   chain: epoch accepted          → done (refused if the accepted root is another)
//   chain: this epoch and root pending → done, nothing sent
//   chain: another root pending for it → refused (OtherRootPendingError), never overwritten
//   chain: an earlier epoch pending, or the epoch is not accepted + 1 → refused (EpochNotNextError)
//   store: a transaction recorded  → mined: re-read the chain (or, if its proposal is gone, refused:
//                                     ProposalDiscardedError); in the mempool: wait for it; unknown
//                                     to the node (dropped, or its nonce taken by another
//                                     transaction): re-plan and send again
//   otherwise                      → send through the SDK's `proposeRoot`
//
// Re-planning after a drop may, at worst, mine a second identical proposal if the first was only
// invisible to the node asked: the contract treats an exact repeat as a no-op, so the chain still
// sees one proposal. Transient RPC errors (network, timeouts, 5xx: chain/retry.ts) re-run the whole
// reconciliation with bounded exponential backoff, which is safe for the same reason.
import type { DatabaseSync } from "node:sqlite";

import {
  type Client,
  type DistributorState,
  getDistributorState,
  proposeRoot,
  requireSigner,
  TransactionDroppedError,
} from "@openattribution/sdk";
import { getAddress } from "ethers";

import { OracleError } from "../errors.ts";
import type { Log } from "../log.ts";
import { transaction, useSchemaVersion } from "../store/sqlite.ts";
import { classify, type RetriesExhaustedError, type RetryDecision, type RetryOptions, withRetry } from "./retry.ts";

// ---------------------------------------------------------------------------------------- errors

/**
 * Another root is pending for the epoch: the oracle never overwrites it. A guardian vetoes it, or
 * it is accepted, before anything else can be posted.
 *
 * @example
 * if (error instanceof OtherRootPendingError) console.error(error.epoch, error.pendingRoot, error.root);
 */
export class OtherRootPendingError extends OracleError {
  override name = "OtherRootPendingError";
  readonly epoch: bigint;
  readonly pendingRoot: string;
  readonly pendingTotal: bigint;
  readonly root: string;

  constructor(epoch: bigint, pendingRoot: string, pendingTotal: bigint, root: string) {
    super(
      `Root ${pendingRoot} (total ${pendingTotal}) is already pending for epoch ${epoch}, not ${root}: nothing was ` +
        "sent; the pending root must be vetoed or accepted first (investigate who posted it).",
    );
    this.epoch = epoch;
    this.pendingRoot = pendingRoot;
    this.pendingTotal = pendingTotal;
    this.root = root;
  }
}

/**
 * The epoch was accepted with another root: this tree came too late, or another process posted.
 *
 * @example
 * if (error instanceof EpochAcceptedWithOtherRootError) console.error(error.acceptedRoot);
 */
export class EpochAcceptedWithOtherRootError extends OracleError {
  override name = "EpochAcceptedWithOtherRootError";
  readonly epoch: bigint;
  readonly acceptedRoot: string;
  readonly root: string;

  constructor(epoch: bigint, acceptedRoot: string, root: string) {
    super(
      `Epoch ${epoch} is accepted with root ${acceptedRoot}, not ${root}: nothing was sent; build the next ` +
        "epoch on the accepted tree.",
    );
    this.epoch = epoch;
    this.acceptedRoot = acceptedRoot;
    this.root = root;
  }
}

/**
 * The epoch is not the next one: it would skip an epoch, or an earlier epoch's root is still
 * pending.
 *
 * @example
 * if (error instanceof EpochNotNextError) console.error(`post epoch ${error.nextEpoch} first`);
 */
export class EpochNotNextError extends OracleError {
  override name = "EpochNotNextError";
  readonly epoch: bigint;
  /** The accepted epoch + 1. */
  readonly nextEpoch: bigint;
  /** The epoch of the pending root, when one is pending. */
  readonly pendingEpoch: bigint | undefined;

  constructor(epoch: bigint, nextEpoch: bigint, pendingEpoch: bigint | undefined) {
    super(
      pendingEpoch === undefined
        ? `Epoch ${epoch} is not the next epoch (${nextEpoch}): nothing was sent; post epoch ${nextEpoch} first, never skip one.`
        : `Epoch ${epoch} cannot be posted while epoch ${pendingEpoch}'s root is pending: nothing was sent; accept it first.`,
    );
    this.epoch = epoch;
    this.nextEpoch = nextEpoch;
    this.pendingEpoch = pendingEpoch;
  }
}

/**
 * The store holds another intent for this epoch (another root, total, tree hash or URI): the
 * oracle never posts two proposals for one epoch. If nothing was sent, `discardPostIntent` clears it.
 *
 * @example
 * if (error instanceof PostIntentConflictError) console.error(error.recorded.root, error.recorded.status);
 */
export class PostIntentConflictError extends OracleError {
  override name = "PostIntentConflictError";
  readonly epoch: bigint;
  readonly recorded: PostIntent;
  readonly requested: { root: string; totalCumulative: bigint; treeHash: string; treeURI: string };

  constructor(
    epoch: bigint,
    recorded: PostIntent,
    requested: { root: string; totalCumulative: bigint; treeHash: string; treeURI: string },
  ) {
    super(
      `Epoch ${epoch} already has a recorded intent (root ${recorded.root}, status ${recorded.status}) that differs from ` +
        `this one (root ${requested.root}): nothing was sent; ` +
        (recorded.txHash === undefined && recorded.status === "planned"
          ? "discard the old intent (discardPostIntent) if it is obsolete."
          : `its transaction ${recorded.txHash ?? "(found on-chain)"} may be on-chain: investigate before anything else.`),
    );
    this.epoch = epoch;
    this.recorded = recorded;
    this.requested = requested;
  }
}

/**
 * Our proposal of the epoch was mined, but the root is neither pending nor accepted any more: a
 * guardian vetoed it or an upheld dispute discarded it. The oracle does not repost it by itself.
 *
 * @example
 * if (error instanceof ProposalDiscardedError) console.error(`epoch ${error.epoch}: root ${error.root} was discarded`);
 */
export class ProposalDiscardedError extends OracleError {
  override name = "ProposalDiscardedError";
  readonly epoch: bigint;
  readonly root: string;
  readonly txHash: string | undefined;

  constructor(epoch: bigint, root: string, txHash: string | undefined) {
    super(
      `The proposal of root ${root} for epoch ${epoch}${txHash === undefined ? "" : ` (transaction ${txHash})`} was ` +
        "discarded (vetoed or disputed): nothing was sent; fix the epoch, discard the intent and post a new root.",
    );
    this.epoch = epoch;
    this.root = root;
    this.txHash = txHash;
  }
}

/**
 * `discardPostIntent` was asked to drop an intent whose transaction was sent or confirmed.
 *
 * @example
 * if (error instanceof PostIntentInFlightError) console.error(error.intent.txHash);
 */
export class PostIntentInFlightError extends OracleError {
  override name = "PostIntentInFlightError";
  readonly intent: PostIntent;

  constructor(intent: PostIntent) {
    super(
      `The intent of epoch ${intent.epoch} is ${intent.status}${intent.txHash === undefined ? "" : ` (transaction ${intent.txHash})`}: ` +
        "it cannot be discarded; run post again to reconcile it with the chain.",
    );
    this.intent = intent;
  }
}

// ----------------------------------------------------------------------------------------- store

/** Where an intent is: `planned` (nothing sent yet), `sent` (transaction hash recorded), `confirmed` (on-chain). */
export type PostIntentStatus = "planned" | "sent" | "confirmed";

/** How a confirmed intent was found: our transaction mined, or the chain already had it. */
export type PostResolution = "proposed" | "found-pending" | "found-accepted";

/**
 * One recorded intent to propose an epoch's root.
 *
 * @example
 * const intent: PostIntent | undefined = getPostIntent(db, { chainId, distributor, epoch: 4n });
 */
export type PostIntent = {
  chainId: bigint;
  distributor: string;
  epoch: bigint;
  root: string;
  totalCumulative: bigint;
  treeHash: string;
  treeURI: string;
  status: PostIntentStatus;
  resolution: PostResolution | undefined;
  /** The last transaction sent for it. */
  txHash: string | undefined;
  /** The nonce the sender was at when it was sent, and the sender. */
  nonce: number | undefined;
  sender: string | undefined;
  /** Transactions sent for it (re-plans after a drop count). */
  attempts: number;
  /** The block of the confirming receipt, when our transaction confirmed it. */
  blockNumber: number | undefined;
  createdAt: string;
  updatedAt: string;
};

/**
 * Creates the `post_intents` table (one row per chain, distributor and epoch).
 *
 * @example
 * initPostTables(db);
 */
export function initPostTables(db: DatabaseSync): void {
  db.exec(`CREATE TABLE IF NOT EXISTS post_intents (
    chain_id TEXT NOT NULL,
    distributor TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    root TEXT NOT NULL,
    total_cumulative TEXT NOT NULL,
    tree_hash TEXT NOT NULL,
    tree_uri TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'sent', 'confirmed')),
    resolution TEXT CHECK (resolution IN ('proposed', 'found-pending', 'found-accepted')),
    tx_hash TEXT,
    nonce INTEGER,
    sender TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    block_number INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (chain_id, distributor, epoch)
  ) STRICT`);
  useSchemaVersion(db, "post", 1);
}

/** Which intent: the chain, the distributor and the epoch. */
export type PostIntentKey = { chainId: bigint; distributor: string; epoch: bigint };

type Row = {
  chain_id: string;
  distributor: string;
  epoch: number;
  root: string;
  total_cumulative: string;
  tree_hash: string;
  tree_uri: string;
  status: PostIntentStatus;
  resolution: PostResolution | null;
  tx_hash: string | null;
  nonce: number | null;
  sender: string | null;
  attempts: number;
  block_number: number | null;
  created_at: string;
  updated_at: string;
};

/**
 * The recorded intent of an epoch, if any.
 *
 * @example
 * const intent = getPostIntent(db, { chainId: client.chainId, distributor: client.addresses.attributionDistributor, epoch: 4n });
 * console.log(intent?.status, intent?.txHash);
 */
export function getPostIntent(db: DatabaseSync, key: PostIntentKey): PostIntent | undefined {
  initPostTables(db);
  const row = db
    .prepare("SELECT * FROM post_intents WHERE chain_id = ? AND distributor = ? AND epoch = ?")
    .get(key.chainId.toString(), getAddress(key.distributor), Number(key.epoch)) as Row | undefined;
  return row === undefined ? undefined : fromRow(row);
}

/**
 * Every recorded intent of a distributor, by epoch.
 *
 * @example
 * for (const intent of listPostIntents(db, { chainId, distributor })) console.log(intent.epoch, intent.status);
 */
export function listPostIntents(db: DatabaseSync, key: Omit<PostIntentKey, "epoch">): PostIntent[] {
  initPostTables(db);
  const rows = db
    .prepare("SELECT * FROM post_intents WHERE chain_id = ? AND distributor = ? ORDER BY epoch")
    .all(key.chainId.toString(), getAddress(key.distributor)) as Row[];
  return rows.map(fromRow);
}

/**
 * Drops a `planned` intent (nothing was sent for it), e.g. after rebuilding the epoch. Returns
 * whether one was dropped.
 *
 * @throws {PostIntentInFlightError} when its transaction was sent or it is confirmed.
 * @example
 * discardPostIntent(db, { chainId, distributor, epoch: 4n });
 */
export function discardPostIntent(db: DatabaseSync, key: PostIntentKey): boolean {
  return transaction(db, () => {
    const intent = getPostIntent(db, key);
    if (intent === undefined) return false;
    if (intent.status !== "planned" || intent.txHash !== undefined) throw new PostIntentInFlightError(intent);
    db.prepare("DELETE FROM post_intents WHERE chain_id = ? AND distributor = ? AND epoch = ?").run(
      key.chainId.toString(),
      getAddress(key.distributor),
      Number(key.epoch),
    );
    return true;
  });
}

function fromRow(row: Row): PostIntent {
  return {
    chainId: BigInt(row.chain_id),
    distributor: row.distributor,
    epoch: BigInt(row.epoch),
    root: row.root,
    totalCumulative: BigInt(row.total_cumulative),
    treeHash: row.tree_hash,
    treeURI: row.tree_uri,
    status: row.status,
    resolution: row.resolution ?? undefined,
    txHash: row.tx_hash ?? undefined,
    nonce: row.nonce ?? undefined,
    sender: row.sender ?? undefined,
    attempts: row.attempts,
    blockNumber: row.block_number ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// ----------------------------------------------------------------------------------------- retry

/**
 * How `postEpoch` classifies a failure (chain/retry.ts `classify`, plus two conditions the
 * reconciliation resolves): a transaction the node dropped or replaced (the SDK's
 * `TransactionDroppedError`) and a nonce taken meanwhile (ethers `NONCE_EXPIRED`) are retried,
 * since the next pass reads the chain and the recorded transaction again; every other error is
 * classified by `classify` (network, timeout, rate limit, 5xx: retry; reverts, refusals: fatal).
 *
 * @example
 * if (classifyPostError(error) === "fatal") throw error;
 */
export function classifyPostError(error: unknown): RetryDecision {
  if (error instanceof TransactionDroppedError) return "retry";
  if ((error as { code?: unknown } | null)?.code === "NONCE_EXPIRED") return "retry";
  return classify(error);
}

// ------------------------------------------------------------------------------------------ post

/**
 * What `postEpoch` takes.
 *
 * @example
 * const run = (parameters: PostEpochParameters) => postEpoch(parameters);
 */
export type PostEpochParameters = {
  /** A client with the oracle's signer (`ORACLE_ROLE`). */
  client: Client;
  /** The store (`node:sqlite`); `post_intents` is created if missing. */
  db: DatabaseSync;
  epoch: bigint;
  root: string;
  /** The sum of the tree's leaves. */
  totalCumulative: bigint;
  /** keccak256 of the published tree file (`hashRewardTreeFile`). */
  treeHash: string;
  /** Where the tree file is published (`anchorTreeURI` adds the metadata's hash). */
  treeURI: string;
  log?: Log | undefined;
  /** Blocks to wait for after mining; 1 by default. */
  confirmations?: number | undefined;
  /** How long to wait for a recorded transaction still in the mempool before returning `waiting`; 120 s by default. */
  waitTimeoutMs?: number | undefined;
  /** Polling interval while waiting for it; 1 s by default. */
  pollMs?: number | undefined;
  /** The bounded backoff of transient RPC errors (chain/retry.ts; 5 attempts from 500 ms by default). */
  retry?: Pick<RetryOptions, "attempts" | "baseDelayMs" | "maxDelayMs" | "sleep"> | undefined;
  /** Called with the transaction hash once it is recorded in the store (before the receipt). */
  onSent?: ((hash: string) => void) | undefined;
};

/**
 * What `postEpoch` did:
 * - `proposed`: our transaction proposed the root (`txHash`, `validAt`);
 * - `already-pending`: the root was already pending for the epoch (a previous run, or our
 *   earlier transaction): nothing sent;
 * - `already-accepted`: the epoch (or a later one) is accepted: nothing sent;
 * - `waiting`: our recorded transaction is still in the mempool after `waitTimeoutMs`: nothing
 *   sent; call again later.
 *
 * @example
 * const { outcome, intent }: PostEpochReturnType = await postEpoch(parameters);
 */
export type PostEpochReturnType = {
  outcome: "proposed" | "already-pending" | "already-accepted" | "waiting";
  epoch: bigint;
  root: string;
  /** Our transaction, when one was sent for this intent (now or before). */
  txHash: string | undefined;
  /** When the pending root can be accepted (`proposed`, `already-pending`). */
  validAt: bigint | undefined;
  /** The intent as recorded now. */
  intent: PostIntent;
};

/**
 * The errors `postEpoch` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await postEpoch(parameters).catch((e: unknown) => e)) as PostEpochErrorType;
 * if (error instanceof OtherRootPendingError) console.error("another root is pending:", error.pendingRoot);
 */
export type PostEpochErrorType =
  | OtherRootPendingError
  | EpochAcceptedWithOtherRootError
  | EpochNotNextError
  | PostIntentConflictError
  | ProposalDiscardedError
  | RetriesExhaustedError
  | TypeError
  | Error; // the SDK's `ProposeRootErrorType` (e.g. a `ContractRevertError` such as DistributorInsolvent)

/**
 * Proposes the root of `epoch` once, whatever happened before: records the intent, reconciles
 * with the chain and the recorded transaction (see the top of poster.ts), and only then sends
 * through the SDK's `proposeRoot`, recording the transaction hash as soon as it is sent. Call it
 * again with the same values after any crash or error: it resumes.
 *
 * @example
 * const built = await buildEpochTree({ chainId, distributor, cumulative });
 * const result = await postEpoch({ client, db, epoch: 4n, root: built.root, totalCumulative: built.totalCumulative,
 *   treeHash: built.treeHash, treeURI: "https://rewards.example/epoch-4.json", log });
 * console.log(result.outcome, result.txHash);
 */
export async function postEpoch(parameters: PostEpochParameters): Promise<PostEpochReturnType> {
  const { client, db, log } = parameters;
  const requested = checkParameters(parameters);
  const key: PostIntentKey = {
    chainId: client.chainId,
    distributor: getAddress(client.addresses.attributionDistributor),
    epoch: requested.epoch,
  };
  initPostTables(db);

  // Record the intent before anything else (or check the recorded one is this one).
  transaction(db, () => {
    const recorded = getPostIntent(db, key);
    if (recorded === undefined) {
      const now = new Date().toISOString();
      db.prepare(
        `INSERT INTO post_intents (chain_id, distributor, epoch, root, total_cumulative, tree_hash, tree_uri, status,
           attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'planned', 0, ?, ?)`,
      ).run(
        key.chainId.toString(),
        key.distributor,
        Number(key.epoch),
        requested.root,
        requested.totalCumulative.toString(),
        requested.treeHash,
        requested.treeURI,
        now,
        now,
      );
      log?.({ level: "info", msg: "post: intent recorded", epoch: key.epoch, root: requested.root });
    } else if (
      recorded.root !== requested.root ||
      recorded.totalCumulative !== requested.totalCumulative ||
      recorded.treeHash !== requested.treeHash ||
      recorded.treeURI !== requested.treeURI
    ) {
      throw new PostIntentConflictError(key.epoch, recorded, requested);
    }
  });

  const waitTimeoutMs = parameters.waitTimeoutMs ?? 120_000;
  const pollMs = parameters.pollMs ?? 1_000;
  const update = (fields: Partial<Row>) => updateIntent(db, key, fields);

  const attempt = async (): Promise<PostEpochReturnType> => {
    for (;;) {
      const state: DistributorState = await getDistributorState(client, { proposals: false });
      const intent = getPostIntent(db, key)!;
      const done = (outcome: PostEpochReturnType["outcome"], resolution: PostResolution, validAt?: bigint) => {
        if (intent.status !== "confirmed") update({ status: "confirmed", resolution });
        const now = getPostIntent(db, key)!;
        log?.({ level: "info", msg: `post: ${outcome}`, epoch: key.epoch, root: requested.root, txHash: now.txHash });
        return { outcome, epoch: key.epoch, root: requested.root, txHash: now.txHash, validAt, intent: now };
      };

      // 1. The chain first: accepted?
      if (state.epoch >= key.epoch) {
        if (state.epoch === key.epoch && state.root !== requested.root) {
          throw new EpochAcceptedWithOtherRootError(key.epoch, state.root, requested.root);
        }
        return done("already-accepted", intent.status === "confirmed" ? intent.resolution! : "found-accepted");
      }
      // 2. Pending?
      const { pending } = state;
      if (pending !== undefined) {
        if (pending.epoch !== key.epoch) throw new EpochNotNextError(key.epoch, state.epoch + 1n, pending.epoch);
        if (pending.root !== requested.root || pending.totalCumulative !== requested.totalCumulative) {
          throw new OtherRootPendingError(key.epoch, pending.root, pending.totalCumulative, requested.root);
        }
        const resolution =
          intent.status === "confirmed"
            ? intent.resolution!
            : intent.txHash === undefined
              ? "found-pending"
              : "proposed";
        return done("already-pending", resolution, pending.validAt);
      }
      // 3. Nothing pending: only the next epoch, and not one we saw proposed and then discarded.
      if (key.epoch !== state.epoch + 1n) throw new EpochNotNextError(key.epoch, state.epoch + 1n, undefined);
      if (intent.status === "confirmed") throw new ProposalDiscardedError(key.epoch, requested.root, intent.txHash);

      // 4. A transaction recorded: where is it?
      if (intent.txHash !== undefined) {
        const receipt = await client.provider.getTransactionReceipt(intent.txHash);
        if (receipt !== null) {
          if (receipt.status === 1) {
            // Mined after the state we read: read again. Mined before it: the proposal was discarded.
            if (receipt.blockNumber > state.blockNumber) continue;
            update({ status: "confirmed", resolution: "proposed", block_number: receipt.blockNumber });
            throw new ProposalDiscardedError(key.epoch, requested.root, intent.txHash);
          }
          log?.({
            level: "warn",
            msg: "post: our transaction reverted; re-planning",
            epoch: key.epoch,
            txHash: intent.txHash,
          });
          update({ status: "planned", tx_hash: null });
        } else if ((await client.provider.getTransaction(intent.txHash)) !== null) {
          log?.({ level: "info", msg: "post: waiting for our transaction", epoch: key.epoch, txHash: intent.txHash });
          const waited = await waitForReceipt(client, intent.txHash, waitTimeoutMs, pollMs);
          if (waited === "timeout") {
            return {
              outcome: "waiting",
              epoch: key.epoch,
              root: requested.root,
              txHash: intent.txHash,
              validAt: undefined,
              intent: getPostIntent(db, key)!,
            };
          }
          continue; // mined or gone: reconcile again
        } else {
          const used =
            intent.sender !== undefined && intent.nonce !== undefined
              ? (await client.provider.getTransactionCount(intent.sender, "latest")) > intent.nonce
              : false;
          log?.({
            level: "warn",
            msg: used
              ? "post: our transaction's nonce was used by another transaction; re-planning"
              : "post: our transaction was dropped; re-planning",
            epoch: key.epoch,
            txHash: intent.txHash,
            nonce: intent.nonce,
          });
          update({ status: "planned", tx_hash: null });
        }
      }

      // 5. Send.
      const signer = requireSigner(client);
      const sender = getAddress(await signer.getAddress());
      const nonce = await signer.getNonce("pending");
      update({ sender, nonce, attempts: getPostIntent(db, key)!.attempts + 1 });
      log?.({ level: "info", msg: "post: sending proposeRoot", epoch: key.epoch, root: requested.root, nonce });
      const result = await proposeRoot(client, {
        root: requested.root,
        totalCumulative: requested.totalCumulative,
        treeHash: requested.treeHash,
        treeURI: requested.treeURI,
        epoch: key.epoch,
        confirmations: parameters.confirmations,
        onSent: (hash) => {
          update({ status: "sent", tx_hash: hash });
          log?.({ level: "info", msg: "post: sent", epoch: key.epoch, txHash: hash });
          parameters.onSent?.(hash);
        },
      });
      update({
        status: "confirmed",
        resolution: "proposed",
        tx_hash: result.receipt.hash,
        block_number: result.receipt.blockNumber,
      });
      const intentNow = getPostIntent(db, key)!;
      log?.({
        level: "info",
        msg: "post: proposed",
        epoch: key.epoch,
        txHash: result.receipt.hash,
        validAt: result.validAt,
      });
      return {
        outcome: result.repeated ? "already-pending" : "proposed",
        epoch: key.epoch,
        root: requested.root,
        txHash: result.receipt.hash,
        validAt: result.validAt,
        intent: intentNow,
      };
    }
  };
  return withRetry(attempt, {
    ...parameters.retry,
    label: `post epoch ${key.epoch}`,
    log,
    classify: classifyPostError,
  });
}

function checkParameters(parameters: PostEpochParameters) {
  const { client, db, epoch, root, totalCumulative, treeHash, treeURI } = parameters;
  if (typeof client !== "object" || client === null) throw new TypeError("postEpoch: pass the oracle's client");
  if (typeof db !== "object" || db === null || typeof (db as { prepare?: unknown }).prepare !== "function") {
    throw new TypeError("postEpoch: pass the store's DatabaseSync as db");
  }
  if (typeof epoch !== "bigint" || epoch < 1n || epoch > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new TypeError("postEpoch: epoch must be a bigint from 1");
  }
  const hash = (value: unknown, name: string) => {
    if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value)) {
      throw new TypeError(`postEpoch: ${name} must be 0x and 64 hex digits`);
    }
    return value.toLowerCase();
  };
  if (typeof totalCumulative !== "bigint" || totalCumulative < 0n) {
    throw new TypeError("postEpoch: totalCumulative must be a non-negative bigint");
  }
  if (typeof treeURI !== "string" || treeURI === "")
    throw new TypeError("postEpoch: treeURI must be a non-empty string");
  return { epoch, root: hash(root, "root"), totalCumulative, treeHash: hash(treeHash, "treeHash"), treeURI };
}

function updateIntent(db: DatabaseSync, key: PostIntentKey, fields: Partial<Row>): void {
  const names = Object.keys(fields);
  const values = Object.values(fields).map((v) => (v === undefined ? null : v)) as (string | number | null)[];
  db.prepare(
    `UPDATE post_intents SET ${names.map((n) => `${n} = ?`).join(", ")}, updated_at = ?
     WHERE chain_id = ? AND distributor = ? AND epoch = ?`,
  ).run(...values, new Date().toISOString(), key.chainId.toString(), key.distributor, Number(key.epoch));
}

/** Polls for the receipt of `hash`: `mined`, `gone` (no longer known to the node) or `timeout`. */
async function waitForReceipt(
  client: Client,
  hash: string,
  timeoutMs: number,
  pollMs: number,
): Promise<"mined" | "gone" | "timeout"> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await client.provider.getTransactionReceipt(hash)) !== null) return "mined";
    if ((await client.provider.getTransaction(hash)) === null) return "gone";
    if (Date.now() >= deadline) return "timeout";
    await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
