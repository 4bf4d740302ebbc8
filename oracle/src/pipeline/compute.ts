// The pure core of an epoch, shared by `runAttribute` (inputs from the store) and `runVerify`
// (inputs from the chain and the published files), so both compute the same thing from the same
// inputs. The rules (README: "Which outputs count"):
//
// - Pools: each adapter's pool is the sum of the `attributionAmount` of its `Paid` events in the
//   epoch's blocks, plus what the previous epoch left unassigned for that adapter (carried over).
// - Time window: an inference record belongs to epoch n when
//   timestamp(block fromBlock − 1) < record.timestamp ≤ timestamp(block toBlock)
//   (epoch 1, or fromBlock 0: from time 0). Consecutive epochs' windows touch without overlapping,
//   so a record counts in one epoch at most, even where two blocks share a timestamp.
// - Paid outputs only: a record counts when its payer paid its adapter in the epoch (a `Paid`
//   event of that adapter and payer in the blocks), and at most as many records per (adapter,
//   payer) as the calls paid, the earliest by (timestamp, requestId). The rest are ignored and
//   counted (`ignored.unpaid`, `ignored.overCalls`): a gateway cannot inflate one payer's share by
//   logging calls nobody paid for.
// - Records of the window are published as the epoch's inference log (`formatInferenceLog`: one
//   `formatInferenceLogLine` per record, sorted by (timestamp, requestId)), whose hash the
//   metadata commits to; a verifier applies the same selection to it.
import { formatInferenceLogLine, type DatanetVersionSource, type InferenceLogRecord } from "@openattribution/sdk";
import { getAddress } from "ethers";

import { attributeEpoch } from "../attribution/attribute.ts";
import { tokenize } from "../attribution/tokenizer.ts";
import type {
  AttributionMethod,
  CorpusContribution,
  EpochAttribution,
  PaidOutput,
  Unassigned,
} from "../attribution/types.ts";
import type { Log } from "../log.ts";

/** A usage payment of the epoch (a `Paid` event). */
export type EpochPayment = {
  paymentId: bigint;
  adapterId: bigint;
  payer: string;
  calls: bigint;
  attributionAmount: bigint;
};

/** What the previous epoch left unassigned for an adapter, added to its pool. */
export type CarryOver = { adapterId: bigint; amount: bigint };

/** The time window of an epoch's inference records: `fromTimestamp < t ≤ toTimestamp` (Unix seconds). */
export type InferenceWindow = { fromTimestamp: number; toTimestamp: number };

/** How many records of the window were not attributed, and why. */
export type IgnoredOutputs = {
  /** Their adapter had no pool in the epoch, or their payer did not pay their adapter in the epoch. */
  unpaid: number;
  /** Beyond the calls their payer paid their adapter in the epoch. */
  overCalls: number;
};

/** An adapter's corpus: its Datanet versions and the contributions used (fetched and checked). */
export type AdapterCorpus = {
  adapterId: bigint;
  sources: readonly DatanetVersionSource[];
  contributions: readonly CorpusContribution[];
};

/** What `computeEpoch` takes. */
export type ComputeEpochParameters = {
  method: AttributionMethod;
  payments: readonly EpochPayment[];
  carriedOver: readonly CarryOver[];
  /** Records of the window (any order; records outside the window are ignored as well). */
  records: readonly InferenceLogRecord[];
  window: InferenceWindow;
  /** The corpus of every adapter with a pool (`poolsOf`); an adapter missing here has an empty corpus. */
  corpora: readonly AdapterCorpus[];
  log?: Log | undefined;
};

/** What `computeEpoch` returns. */
export type ComputeEpochReturnType = {
  attribution: EpochAttribution;
  pools: { adapterId: bigint; pool: bigint }[];
  /** Records attributed. */
  used: number;
  ignored: IgnoredOutputs;
};

/**
 * Each adapter's pool: its payments' attribution amounts plus the carry-over, by adapter id.
 *
 * @example
 * poolsOf(payments, carriedOver); // [{ adapterId: 1n, pool: 39n * 10n ** 13n }]
 */
export function poolsOf(
  payments: readonly EpochPayment[],
  carriedOver: readonly CarryOver[],
): { adapterId: bigint; pool: bigint }[] {
  const pools = new Map<bigint, bigint>();
  for (const { adapterId, attributionAmount } of payments)
    pools.set(adapterId, (pools.get(adapterId) ?? 0n) + attributionAmount);
  for (const { adapterId, amount } of carriedOver) pools.set(adapterId, (pools.get(adapterId) ?? 0n) + amount);
  return [...pools.entries()]
    .filter(([, pool]) => pool > 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([adapterId, pool]) => ({ adapterId, pool }));
}

/**
 * The carry-over of an epoch's unassigned parts, summed per adapter, by adapter id.
 *
 * @example
 * const next = carryOverOf(previous.unassigned);
 */
export function carryOverOf(unassigned: readonly Unassigned[]): CarryOver[] {
  const sums = new Map<bigint, bigint>();
  for (const { adapterId, amount } of unassigned) sums.set(adapterId, (sums.get(adapterId) ?? 0n) + amount);
  return [...sums.entries()]
    .filter(([, amount]) => amount > 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([adapterId, amount]) => ({ adapterId, amount }));
}

/** Sorts records by (timestamp, requestId), the order of the published log and of the selection. */
export function sortRecords<T extends InferenceLogRecord>(records: readonly T[]): T[] {
  return [...records].sort((a, b) =>
    a.timestamp !== b.timestamp
      ? a.timestamp - b.timestamp
      : a.requestId < b.requestId
        ? -1
        : a.requestId > b.requestId
          ? 1
          : 0,
  );
}

/**
 * The epoch's inference log file: the records of the window, one `formatInferenceLogLine` line
 * each, sorted by (timestamp, requestId), each line ending in "\n".
 *
 * @example
 * await writeFile("epoch-3.inference.jsonl", formatInferenceLog(records));
 */
export function formatInferenceLog(records: readonly InferenceLogRecord[]): string {
  return sortRecords(records)
    .map((record) =>
      formatInferenceLogLine({
        requestId: record.requestId,
        adapterId: record.adapterId,
        payer: record.payer,
        timestamp: record.timestamp,
        output: record.output,
      }),
    )
    .map((line) => `${line}\n`)
    .join("");
}

/**
 * The records that count (rules at the top of this file), grouped by adapter, with the ignored counts.
 *
 * @example
 * const { outputs, ignored } = selectOutputs(records, payments, window);
 */
export function selectOutputs(
  records: readonly InferenceLogRecord[],
  payments: readonly EpochPayment[],
  window: InferenceWindow,
): { outputs: Map<bigint, InferenceLogRecord[]>; ignored: IgnoredOutputs } {
  const paidCalls = new Map<string, bigint>();
  const key = (adapterId: bigint, payer: string) => `${adapterId}:${payer.toLowerCase()}`;
  for (const { adapterId, payer, calls } of payments) {
    paidCalls.set(key(adapterId, payer), (paidCalls.get(key(adapterId, payer)) ?? 0n) + calls);
  }
  const used = new Map<string, bigint>();
  const outputs = new Map<bigint, InferenceLogRecord[]>();
  const ignored: IgnoredOutputs = { unpaid: 0, overCalls: 0 };
  for (const record of sortRecords(records)) {
    if (record.timestamp <= window.fromTimestamp || record.timestamp > window.toTimestamp) continue;
    const k = key(record.adapterId, record.payer);
    const calls = paidCalls.get(k);
    if (calls === undefined) {
      ignored.unpaid++;
      continue;
    }
    const count = used.get(k) ?? 0n;
    if (count >= calls) {
      ignored.overCalls++;
      continue;
    }
    used.set(k, count + 1n);
    let list = outputs.get(record.adapterId);
    if (list === undefined) outputs.set(record.adapterId, (list = []));
    list.push(record);
  }
  return { outputs, ignored };
}

/**
 * Computes an epoch's attribution from its inputs: pools, selected outputs (tokenized), corpora,
 * then `attributeEpoch` with the method's parameters. Deterministic.
 *
 * @example
 * const { attribution } = computeEpoch({ method: SPAN_MATCH_V1, payments, carriedOver, records, window, corpora });
 */
export function computeEpoch(parameters: ComputeEpochParameters): ComputeEpochReturnType {
  const { method, payments, carriedOver, records, window, corpora, log } = parameters;
  const pools = poolsOf(payments, carriedOver);
  const { outputs, ignored } = selectOutputs(records, payments, window);
  const corpusOf = new Map(corpora.map((corpus) => [corpus.adapterId, corpus.contributions]));
  let used = 0;
  const adapters = pools.map(({ adapterId, pool }) => {
    const selected = outputs.get(adapterId) ?? [];
    used += selected.length;
    return {
      adapterId,
      pool,
      corpus: corpusOf.get(adapterId) ?? [],
      outputs: selected.map((record): PaidOutput => ({
        requestId: record.requestId,
        payer: getAddress(record.payer),
        tokens: tokenize(record.output),
      })),
    };
  });
  // Outputs of adapters without a pool: their payer paid nothing for them in the epoch.
  for (const [adapterId, list] of outputs)
    if (!pools.some((p) => p.adapterId === adapterId)) ignored.unpaid += list.length;
  const attribution = attributeEpoch({ params: method.params, adapters, ...(log === undefined ? {} : { log }) });
  return { attribution, pools, used, ignored };
}
