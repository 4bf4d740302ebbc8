// attributeEpoch: an epoch's pools divided among contributors by the span-match method, version 1
// (the rules, and why: README.md in this folder). Pure and deterministic: the same inputs, in any
// order, give the same result, byte for byte.
import { getAddress } from "ethers";

import type { Log } from "../log.ts";
import { buildCorpus } from "./corpus.ts";
import { contributorsLower, creditOutput } from "./credit.ts";
import { AttributionInvariantError, InvalidEpochInputError, InvalidMethodParamsError } from "./errors.ts";
import { validateParams } from "./method.ts";
import { apportion, equalSplit } from "./rewards.ts";
import type {
  AccountExplanation,
  AdapterEpochInput,
  AdapterSummary,
  CorpusIndex,
  EpochAttribution,
  ExplainedFallback,
  ExplainedOutput,
  ExplainedSpan,
  SpanMatchParams,
  Unassigned,
} from "./types.ts";

/** The longest output attributed, in tokens (2^22): keeps every credit an exact integer. */
export const MAX_OUTPUT_TOKENS = 1 << 22;

/**
 * The input of `attributeEpoch`.
 *
 * @example
 * const parameters: AttributeEpochParameters = { params: SPAN_MATCH_V1.params, adapters };
 */
export type AttributeEpochParameters = {
  params: SpanMatchParams;
  adapters: readonly AdapterEpochInput[];
  /** Progress: one `attribute progress` event per adapter (done, total). */
  log?: Log;
};

/** The result of `attributeEpoch`. */
export type AttributeEpochReturnType = EpochAttribution;

/** The errors `attributeEpoch` throws. */
export type AttributeEpochErrorType = InvalidEpochInputError | InvalidMethodParamsError | AttributionInvariantError;

type AccountTotals = {
  account: string;
  amount: bigint;
  outputs: ExplainedOutput[];
  fallback: ExplainedFallback[];
};

/**
 * Divides each adapter's attribution pool among the contributors of its corpus:
 * - each paid output carries an equal share of its adapter's pool (outputs ordered by requestId;
 *   the first `pool mod outputs` carry 1 wei more);
 * - an output's span part, share · covered / tokens (covered: its tokens inside credited spans),
 *   less the share of the credit held by the payer's own contributions (the wash rule), is split
 *   among accounts by their credit (largest remainder, ties by address);
 * - the rest of the share goes to a fallback pot, split equally among the corpus's non-duplicate
 *   contributions except the payer's (one pot per payer owning contributions of the corpus, one
 *   for all other payers; the first `pot mod count` contributions by (address, datanetId,
 *   contributionId) get 1 wei more); an adapter without outputs puts its whole pool in the pot.
 * Parts that nobody may receive (an empty corpus, or a payer owning every contribution) are
 * returned as `unassigned`. `sum(rewards) + sum(unassigned) === sum(pools)`.
 *
 * @throws {InvalidEpochInputError} for a malformed or repeated adapter or output.
 * @throws {InvalidMethodParamsError} for parameters out of range, or a corpus index built with another k.
 * @throws {InvalidContributionError} for a malformed corpus entry (when a corpus is given as entries).
 * @example
 * const { rewards, explanations, unassigned } = attributeEpoch({
 *   params: SPAN_MATCH_V1.params,
 *   adapters: [{ adapterId: 1n, pool: 10n ** 18n, corpus: buildCorpus(entries, SPAN_MATCH_V1.params), outputs }],
 * });
 */
export function attributeEpoch(parameters: AttributeEpochParameters): AttributeEpochReturnType {
  const params = validateParams(parameters.params);
  const adapters = validatedAdapters(parameters.adapters);
  const accounts = new Map<string, AccountTotals>();
  const totalsOf = (account: string): AccountTotals => {
    const key = account.toLowerCase();
    let totals = accounts.get(key);
    if (totals === undefined) {
      totals = { account, amount: 0n, outputs: [], fallback: [] };
      accounts.set(key, totals);
    }
    return totals;
  };
  const built = new Map<object, CorpusIndex>();
  const unassigned: Unassigned[] = [];
  const summaries: AdapterSummary[] = [];
  let pools = 0n;

  for (let a = 0; a < adapters.length; a++) {
    const { adapterId, pool, outputs } = adapters[a]!;
    pools += pool;
    const index = corpusIndex(adapters[a]!.corpus, params, built);
    const owners = contributorsLower(index);
    const summary = {
      adapterId,
      pool,
      outputs: outputs.length,
      creditedOutputs: 0,
      documents: index.documents.length,
      nearDuplicates: index.nearDuplicates.map(({ datanetId, contributionId }) => ({ datanetId, contributionId })),
      spanAmount: 0n,
      fallbackAmount: 0n,
      unassignedAmount: 0n,
    };
    if (pool === 0n) {
      summaries.push(summary); // nothing to divide: the outputs are not even searched
      continue;
    }
    if (index.documents.length === 0) {
      if (pool > 0n) unassigned.push({ adapterId, payer: null, amount: pool, reason: "emptyCorpus" });
      summary.unassignedAmount = pool;
      summaries.push(summary);
      continue;
    }
    const ownerSet = new Set(owners);
    const pots = new Map<string, { payer: string | null; amount: bigint }>(); // "" for payers owning nothing here
    const potOf = (payer: string) => {
      const key = ownerSet.has(payer.toLowerCase()) ? payer.toLowerCase() : "";
      let pot = pots.get(key);
      if (pot === undefined) {
        pot = { payer: key === "" ? null : payer, amount: 0n };
        pots.set(key, pot);
      }
      return pot;
    };

    if (outputs.length === 0) {
      pots.set("", { payer: null, amount: pool });
    } else {
      const [base, extra] = equalSplit(pool, outputs.length);
      for (let o = 0; o < outputs.length; o++) {
        const { requestId, payer, tokens } = outputs[o]!;
        const share = base + (o < extra ? 1n : 0n);
        const credit = creditOutput(index, tokens, params, payer);
        let spanPart = 0n;
        if (credit.creditable > 0n) {
          summary.creditedOutputs++;
          spanPart =
            (share * BigInt(credit.coveredTokens) * credit.creditable) /
            (BigInt(tokens.length) * (credit.creditable + credit.excludedCredit));
          spanPart = creditAccounts(index, owners, credit, spanPart, { adapterId, requestId, payer }, totalsOf);
        }
        summary.spanAmount += spanPart;
        potOf(payer).amount += share - spanPart;
      }
    }

    // The tie order of the pots: by owner, then (datanetId, contributionId) — the documents' order.
    const byOwner = owners.map((_, d) => d);
    byOwner.sort((x, y) => (owners[x]! < owners[y]! ? -1 : owners[x]! > owners[y]! ? 1 : x - y));
    const potKeys = [...pots.keys()].sort(); // "" (payers owning nothing here) first, then by payer
    for (const key of potKeys) {
      const pot = pots.get(key)!;
      if (pot.amount === 0n) continue;
      const eligible = key === "" ? byOwner : byOwner.filter((d) => owners[d] !== key);
      if (eligible.length === 0) {
        unassigned.push({ adapterId, payer: pot.payer, amount: pot.amount, reason: "payerOwnsCorpus" });
        summary.unassignedAmount += pot.amount;
        continue;
      }
      const [base, extra] = equalSplit(pot.amount, eligible.length);
      let i = 0;
      while (i < eligible.length) {
        const owner = owners[eligible[i]!]!;
        let count = 0;
        let amount = 0n;
        for (; i < eligible.length && owners[eligible[i]!] === owner; i++, count++)
          amount += base + (i < extra ? 1n : 0n);
        if (amount === 0n) continue;
        const totals = totalsOf(index.documents[eligible[i - 1]!]!.contributor);
        totals.amount += amount;
        totals.fallback.push({
          adapterId,
          payer: pot.payer,
          amount,
          contributions: count,
          eligibleContributions: eligible.length,
        });
      }
      summary.fallbackAmount += pot.amount;
    }
    summaries.push(summary);
    parameters.log?.({ level: "info", msg: "attribute progress", done: a + 1, total: adapters.length });
  }

  const sorted = [...accounts.keys()].sort().map((key) => accounts.get(key)!);
  const rewards = sorted.filter(({ amount }) => amount > 0n).map(({ account, amount }) => [account, amount] as const);
  let paid = 0n;
  for (const [, amount] of rewards) paid += amount;
  let left = 0n;
  for (const { amount } of unassigned) left += amount;
  if (paid + left !== pools) throw new AttributionInvariantError({ pools, paid, unassigned: left });
  const explanations: AccountExplanation[] = sorted.map(({ account, amount, outputs, fallback }) => ({
    account,
    amount,
    outputs,
    fallback,
  }));
  return { rewards, explanations, unassigned, adapters: summaries };
}

/**
 * Splits an output's span part among the accounts holding its credited spans, records each
 * account's part with its spans, and returns the span part (unchanged).
 */
function creditAccounts(
  index: CorpusIndex,
  owners: readonly string[],
  credit: ReturnType<typeof creditOutput>,
  spanPart: bigint,
  output: { adapterId: bigint; requestId: string; payer: string },
  totalsOf: (account: string) => AccountTotals,
): bigint {
  const payerLower = output.payer.toLowerCase();
  const byAccount = new Map<string, { account: string; credit: bigint; spans: ExplainedSpan[] }>();
  for (const span of credit.spans) {
    if (span.common || span.documents === null) continue;
    const mine = new Map<string, { datanetId: bigint; contributionId: bigint }[]>();
    for (const d of span.documents) {
      const owner = owners[d]!;
      if (owner === payerLower) continue;
      const { datanetId, contributionId, contributor } = index.documents[d]!;
      let list = mine.get(owner);
      if (list === undefined) mine.set(owner, (list = []));
      list.push({ datanetId, contributionId });
      if (!byAccount.has(owner)) byAccount.set(owner, { account: contributor, credit: 0n, spans: [] });
    }
    for (const [owner, contributions] of mine) {
      const entry = byAccount.get(owner)!;
      entry.credit += BigInt(span.creditPerDocument) * BigInt(contributions.length);
      entry.spans.push({
        start: span.start,
        end: span.end,
        documents: span.documents.length,
        creditPerDocument: span.creditPerDocument,
        contributions,
      });
    }
  }
  const keys = [...byAccount.keys()].sort();
  const parts = apportion(
    spanPart,
    keys.map((key) => byAccount.get(key)!.credit),
    (i, j) => (keys[i]! < keys[j]! ? -1 : 1),
  );
  for (let i = 0; i < keys.length; i++) {
    const { account, credit: accountCredit, spans } = byAccount.get(keys[i]!)!;
    const totals = totalsOf(account);
    totals.amount += parts[i]!;
    totals.outputs.push({
      adapterId: output.adapterId,
      requestId: output.requestId,
      payer: output.payer,
      amount: parts[i]!,
      credit: accountCredit,
      outputCredit: credit.creditable,
      spans,
    });
  }
  return spanPart;
}

/** The corpus index of an adapter: the one given (checked against the params) or built once per entry list. */
function corpusIndex(
  corpus: AdapterEpochInput["corpus"],
  params: SpanMatchParams,
  built: Map<object, CorpusIndex>,
): CorpusIndex {
  if (Array.isArray(corpus)) {
    let index = built.get(corpus);
    if (index === undefined) {
      index = buildCorpus(corpus, params);
      built.set(corpus, index);
    }
    return index;
  }
  const index = corpus as CorpusIndex;
  if (index.k !== params.k) throw new InvalidMethodParamsError({ parameter: "k", value: index.k });
  if (index.nearDuplicateCoverageBps !== params.nearDuplicateCoverageBps) {
    throw new InvalidMethodParamsError({
      parameter: "nearDuplicateCoverageBps",
      value: index.nearDuplicateCoverageBps,
    });
  }
  return index;
}

/** The adapters validated and sorted by id, each with its outputs validated and sorted by requestId. */
function validatedAdapters(adapters: readonly AdapterEpochInput[]): AdapterEpochInput[] {
  if (!Array.isArray(adapters)) throw new InvalidEpochInputError({ reason: "adapterId" });
  const requestIds = new Set<string>();
  const sorted = adapters.map((adapter) => {
    const { adapterId, pool, outputs } = adapter ?? {};
    if (typeof adapterId !== "bigint" || adapterId < 0n) throw new InvalidEpochInputError({ reason: "adapterId" });
    if (typeof pool !== "bigint" || pool < 0n) throw new InvalidEpochInputError({ reason: "pool", adapterId });
    if (!Array.isArray(outputs)) throw new InvalidEpochInputError({ reason: "requestId", adapterId });
    const checked = outputs.map((output) => {
      const { requestId, payer, tokens } = output ?? {};
      if (typeof requestId !== "string" || requestId.length === 0) {
        throw new InvalidEpochInputError({ reason: "requestId", adapterId });
      }
      if (requestIds.has(requestId))
        throw new InvalidEpochInputError({ reason: "duplicateRequest", adapterId, requestId });
      requestIds.add(requestId);
      let checksummed: string;
      try {
        checksummed = getAddress(payer);
      } catch {
        throw new InvalidEpochInputError({ reason: "payer", adapterId, requestId });
      }
      if (!(tokens instanceof Uint32Array) || tokens.length > MAX_OUTPUT_TOKENS) {
        throw new InvalidEpochInputError({ reason: "tokens", adapterId, requestId });
      }
      return { requestId, payer: checksummed, tokens };
    });
    checked.sort((x, y) => (x.requestId < y.requestId ? -1 : x.requestId > y.requestId ? 1 : 0));
    return { ...adapter, outputs: checked };
  });
  sorted.sort((x, y) => (x.adapterId < y.adapterId ? -1 : x.adapterId > y.adapterId ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.adapterId === sorted[i - 1]!.adapterId) {
      throw new InvalidEpochInputError({ reason: "duplicateAdapter", adapterId: sorted[i]!.adapterId });
    }
  }
  return sorted;
}
