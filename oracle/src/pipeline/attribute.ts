// `attribute --epoch N`: the epoch's pools, corpora and paid outputs from the store (and the
// contributions' content from their URIs), divided by the attribution method, stored in
// `epoch_attributions`. Rules of which outputs count: compute.ts.
import type { DatanetVersionSource, InferenceLogRecord } from "@openattribution/sdk";
import { getAddress } from "ethers";

import { SPAN_MATCH_V1 } from "../attribution/method.ts";
import { tokenize } from "../attribution/tokenizer.ts";
import type { CorpusContribution, Unassigned } from "../attribution/types.ts";
import {
  type ContributionFailureReason,
  type ContributionFetch,
  fetchContribution,
} from "../content/fetchContribution.ts";
import type { CorpusEntry, ExcludedEntry } from "../epoch/metadata.ts";
import { getPostIntent } from "../chain/poster.ts";
import { getCursor } from "../store/chain.ts";
import { listInferenceRecords } from "../store/inference.ts";
import { findAdapter, type IndexedContribution, listPayments, resolveVersionContributions } from "../store/protocol.ts";
import {
  type AdapterCorpus,
  carryOverOf,
  computeEpoch,
  type EpochPayment,
  formatInferenceLog,
  type IgnoredOutputs,
  type InferenceWindow,
  poolsOf,
} from "./compute.ts";
import type { PipelineContext } from "./context.ts";
import { epochBlockRange, toEpoch } from "./epochs.ts";
import { EpochPostedError, NotIndexedError, StepMissingError } from "./errors.ts";
import { getAttribution, getBuild, putAttribution, type StoredAttribution } from "./tables.ts";

/** What `runAttribute` takes. */
export type RunAttributeParameters = {
  epoch: number | bigint;
  /** Recompute even if the epoch's attribution is stored (it replaces it). */
  force?: boolean | undefined;
};

/** A contribution left out of the corpus, with the fetcher's one-line detail. */
export type ExcludedContribution = ExcludedEntry & { reason: ContributionFailureReason; detail: string; uri: string };

/** What `runAttribute` returns (printed as JSON by the CLI). */
export type RunAttributeReturnType = {
  epoch: bigint;
  /** True when the stored attribution was returned without recomputing. */
  cached: boolean;
  fromBlock: number;
  toBlock: number;
  window: InferenceWindow;
  payments: number;
  pools: { adapterId: bigint; pool: bigint }[];
  carriedOver: { adapterId: bigint; amount: bigint }[];
  corpus: number;
  excluded: ExcludedContribution[];
  outputs: { used: number; ignored: IgnoredOutputs };
  accounts: number;
  /** The epoch's rewards. */
  total: bigint;
  unassigned: Unassigned[];
};

/**
 * Attributes an epoch (see the top of this file) and stores the result; idempotent: an epoch
 * whose attribution is stored is returned as stored unless `force`.
 *
 * @throws {NotIndexedError} when the store is not indexed through the epoch's last block.
 * @throws {StepMissingError} when epoch n − 1 is not attributed (its unassigned parts carry over).
 * @throws {EpochPostedError} with `force`, when the epoch's root was already sent.
 * @example
 * const result = await runAttribute(ctx, { epoch: 3 });
 * console.log(result.accounts, result.total, result.excluded.length);
 */
export async function runAttribute(
  ctx: PipelineContext,
  parameters: RunAttributeParameters,
): Promise<RunAttributeReturnType> {
  const { config, store, log } = ctx;
  const epoch = toEpoch(parameters.epoch);
  const { fromBlock, toBlock } = epochBlockRange(config, epoch);
  const cursor = getCursor(store);
  if (cursor === undefined || cursor.blockNumber < toBlock)
    throw new NotIndexedError(epoch, cursor?.blockNumber, toBlock);

  const stored = getAttribution(store.db, epoch);
  if (stored !== undefined && parameters.force !== true) {
    log({ level: "info", msg: "attribute: already attributed", epoch });
    return resultOf(stored, true, []);
  }
  if (stored !== undefined) {
    // force: not once the epoch's root was sent (its published files must keep describing it).
    const built = getBuild(store.db, epoch);
    const intent =
      built === undefined
        ? undefined
        : getPostIntent(store.db, {
            chainId: ctx.client.chainId,
            distributor: ctx.client.addresses.attributionDistributor,
            epoch,
          });
    if (intent !== undefined && (intent.status !== "planned" || intent.txHash !== undefined))
      throw new EpochPostedError(epoch);
  }
  let carriedOver: StoredAttribution["inputs"]["carriedOver"] = [];
  if (epoch > 1n) {
    const previous = getAttribution(store.db, epoch - 1n);
    if (previous === undefined) {
      throw new StepMissingError(
        "attribute",
        epoch - 1n,
        `epoch ${epoch - 1n} is not attributed (its unassigned parts carry over)`,
      );
    }
    carriedOver = carryOverOf(previous.unassigned);
  }

  const payments: EpochPayment[] = listPayments(store, { fromBlock, toBlock }).map((p) => ({
    paymentId: p.paymentId,
    adapterId: p.adapterId,
    payer: p.payer,
    calls: p.calls,
    attributionAmount: p.attributionAmount,
  }));
  const pools = poolsOf(payments, carriedOver);
  log({
    level: "info",
    msg: "attribute: epoch",
    epoch,
    fromBlock,
    toBlock,
    payments: payments.length,
    adapters: pools.length,
  });

  // Corpora: each adapter's Datanet versions → their accepted contributions → content fetched and checked.
  const fetched = new Map<string, CorpusContribution | ExcludedContribution>();
  const keyOf = (c: { datanetId: bigint; contributionId: bigint }) => `${c.datanetId}/${c.contributionId}`;
  const adapters: StoredAttribution["inputs"]["adapters"] = [];
  const corpora: AdapterCorpus[] = [];
  const wanted = new Map<string, IndexedContribution>();
  const members = new Map<bigint, { sources: DatanetVersionSource[]; keys: string[] }>();
  for (const { adapterId } of pools) {
    const adapter = findAdapter(store, adapterId);
    const sources = adapter?.sources ?? [];
    const keys = new Set<string>();
    for (const source of sources) {
      const { contributions } = await resolveVersionContributions(store, source);
      for (const contribution of contributions) {
        const key = keyOf(contribution);
        keys.add(key);
        if (!wanted.has(key)) wanted.set(key, contribution);
      }
    }
    members.set(adapterId, { sources, keys: [...keys] });
  }
  let done = 0;
  for (const contribution of wanted.values()) {
    const result = await fetchContribution(contribution.uri, contribution.contentHash, {
      baseDir: config.content.baseDir,
      maxBytes: config.content.maxBytes,
      fetch: ctx.fetch as ContributionFetch | undefined,
    });
    const ids = { datanetId: contribution.datanetId, contributionId: contribution.contributionId };
    if (result.ok) {
      fetched.set(keyOf(contribution), {
        ...ids,
        contributor: getAddress(contribution.contributor),
        contentHash: contribution.contentHash.toLowerCase(),
        tokens: tokenize(result.text),
      });
    } else {
      log({
        level: "warn",
        msg: "attribute: contribution excluded",
        ...ids,
        reason: result.reason,
        detail: result.detail,
      });
      fetched.set(keyOf(contribution), {
        ...ids,
        contentHash: contribution.contentHash.toLowerCase(),
        reason: result.reason,
        detail: result.detail,
        uri: contribution.uri,
      });
    }
    log({ level: "debug", msg: "attribute progress", done: ++done, total: wanted.size });
  }
  const isExcluded = (entry: CorpusContribution | ExcludedContribution): entry is ExcludedContribution =>
    "reason" in entry;
  for (const [adapterId, { sources, keys }] of members) {
    const contributions = keys
      .map((key) => fetched.get(key)!)
      .filter((entry): entry is CorpusContribution => !isExcluded(entry))
      .sort(byContribution);
    corpora.push({ adapterId, sources, contributions });
    adapters.push({
      adapterId,
      sources,
      contributions: contributions.map(({ datanetId, contributionId }) => ({ datanetId, contributionId })),
    });
  }
  const corpus: CorpusEntry[] = [];
  const excluded: ExcludedContribution[] = [];
  for (const entry of [...fetched.values()].sort(byContribution)) {
    if (isExcluded(entry)) excluded.push(entry);
    else
      corpus.push({
        datanetId: entry.datanetId,
        contributionId: entry.contributionId,
        contentHash: entry.contentHash,
        contributor: entry.contributor,
      });
  }

  const window = await windowOf(ctx, fromBlock, toBlock);
  const records: InferenceLogRecord[] = listInferenceRecords(store, {
    fromTimestamp: window.fromTimestamp + 1,
    toTimestamp: window.toTimestamp,
  }).map(({ requestId, adapterId, payer, timestamp, output }) => ({ requestId, adapterId, payer, timestamp, output }));

  const computed = computeEpoch({ method: SPAN_MATCH_V1, payments, carriedOver, records, window, corpora, log });
  const { attribution } = computed;
  const attributionRow: StoredAttribution = {
    epoch,
    method: SPAN_MATCH_V1,
    inputs: {
      blockRange: { fromBlock, toBlock },
      window,
      payments,
      carriedOver,
      corpus,
      excluded: excluded.map(({ datanetId, contributionId, contentHash, reason }) => ({
        datanetId,
        contributionId,
        contentHash,
        reason,
      })),
      adapters,
    },
    rewards: attribution.rewards.map(([account, amount]) => [account, amount]),
    explanations: [...attribution.explanations],
    unassigned: [...attribution.unassigned],
    summary: {
      pools: computed.pools,
      used: computed.used,
      ignored: computed.ignored,
      adapters: [...attribution.adapters],
    },
    inferenceLog: formatInferenceLog(records),
    created: new Date().toISOString(),
  };
  putAttribution(store.db, attributionRow);
  const result = resultOf(attributionRow, false, excluded);
  log({
    level: "info",
    msg: "attribute: done",
    epoch,
    accounts: result.accounts,
    total: result.total,
    outputs: computed.used,
    ignored: computed.ignored.unpaid + computed.ignored.overCalls,
    excluded: excluded.length,
  });
  return result;
}

/**
 * The epoch's inference time window from its blocks' timestamps (compute.ts).
 *
 * @example
 * const window = await windowOf(ctx, 100, 199);
 */
export async function windowOf(
  ctx: Pick<PipelineContext, "client">,
  fromBlock: number,
  toBlock: number,
): Promise<InferenceWindow> {
  const timestamp = async (block: number) => {
    const header = await ctx.client.provider.getBlock(block);
    if (header === null) throw new Error(`block ${block} is not on the chain`);
    return header.timestamp;
  };
  return { fromTimestamp: fromBlock === 0 ? 0 : await timestamp(fromBlock - 1), toTimestamp: await timestamp(toBlock) };
}

function byContribution(
  a: { datanetId: bigint; contributionId: bigint },
  b: { datanetId: bigint; contributionId: bigint },
): number {
  if (a.datanetId !== b.datanetId) return a.datanetId < b.datanetId ? -1 : 1;
  return a.contributionId < b.contributionId ? -1 : a.contributionId > b.contributionId ? 1 : 0;
}

function resultOf(a: StoredAttribution, cached: boolean, excluded: ExcludedContribution[]): RunAttributeReturnType {
  let total = 0n;
  for (const [, amount] of a.rewards) total += amount;
  return {
    epoch: a.epoch,
    cached,
    fromBlock: a.inputs.blockRange.fromBlock,
    toBlock: a.inputs.blockRange.toBlock,
    window: a.inputs.window,
    payments: a.inputs.payments.length,
    pools: a.summary.pools,
    carriedOver: a.inputs.carriedOver,
    corpus: a.inputs.corpus.length,
    excluded: cached
      ? a.inputs.excluded.map((e) => ({ ...e, reason: e.reason as ContributionFailureReason, detail: "", uri: "" }))
      : excluded,
    outputs: { used: a.summary.used, ignored: a.summary.ignored },
    accounts: a.rewards.length,
    total,
    unassigned: a.unassigned,
  };
}
