// `verify --epoch N`: anyone with an RPC URL recomputes an epoch from the chain and the published
// files alone (no store, no signer), and either confirms the on-chain root or names the first
// account whose amount differs — what a disputer posts.
//
// What is read, and checked:
// 1. The epoch's `RootProposed` event (SDK `getRootProposal`): root, tree hash, tree URI. The
//    metadata is at the tree URI with `.tree.json` replaced by `.json` (`metadataURIOf`), or at
//    `metadataURI`; its hash must equal the one anchored in the tree URI (`#oa-metadata=…`), its
//    inputs digest must recompute, and it must name this chain, distributor, epoch and root.
// 2. The tree file (hash = the posted tree hash), the inference log (hash = the metadata's).
// 3. Epoch n − 1 (n > 1): its proposal with the metadata's `previousRoot`, its tree file (hash
//    checked; it is the base of the cumulative amounts) and its metadata and explanations file
//    (hashes checked), whose `unassigned` parts carry over into this epoch's pools.
// 4. The payments: the ledger's `Paid` events in the epoch's blocks, read from the chain (the
//    metadata's list must be the same).
// 5. The corpus of each adapter with a pool: its model's Datanet versions (SDK `getAdapter`,
//    `getModel`); each version's contributions = the first `count` accepted contributions in
//    chain order, checked against the version's on-chain root (`buildVersionTree`); the
//    contributions the metadata excluded are excluded, the others fetched from their URIs and
//    checked against their content hash (one that cannot be fetched stops the verification).
// 6. The window's block timestamps. Then the attribution, the cumulative tree, the explanations
//    and the metadata are recomputed (compute.ts, build.ts) and compared.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import {
  buildVersionTree,
  type Client,
  createClient,
  type DatanetVersionSource,
  getAdapter,
  getContributions,
  getModel,
  getReviews,
  getRootProposal,
  getVersion,
  hashRewardTreeFile,
  type InferenceLogRecord,
  parseInferenceLogLine,
  parseUsageLedgerLogs,
} from "@openattribution/sdk";
import { getAddress, JsonRpcProvider, keccak256, toUtf8Bytes, ZeroHash } from "ethers";

import { validateMethod } from "../attribution/method.ts";
import { tokenize } from "../attribution/tokenizer.ts";
import type { AttributionMethod, CorpusContribution, Unassigned } from "../attribution/types.ts";
import { type ContributionFetch, fetchContribution } from "../content/fetchContribution.ts";
import { type EpochMetadata, hashEpochMetadata, parseAnchoredTreeURI, parseEpochMetadata } from "../epoch/metadata.ts";
import { readRewardTreeFile } from "../epoch/tree.ts";
import { silentLog, type Log } from "../log.ts";
import { windowOf } from "./attribute.ts";
import { computeBuild, epochFileNames, metadataURIOf } from "./build.ts";
import { type AdapterCorpus, carryOverOf, computeEpoch, type EpochPayment, poolsOf } from "./compute.ts";
import { toEpoch } from "./epochs.ts";
import { VerifyInputError } from "./errors.ts";
import type { StoredAttribution } from "./tables.ts";

/** What `runVerify` takes. */
export type RunVerifyParameters = {
  epoch: number | bigint;
  /** A client (read-only is enough), or an RPC URL (with `addresses` unless the SDK knows the chain's deployment). */
  client?: Client | undefined;
  rpcUrl?: string | undefined;
  addresses?: Parameters<typeof createClient>[0]["addresses"];
  /** Where the metadata is, if not next to the tree file. */
  metadataURI?: string | undefined;
  /** Fetches http(s) URIs (published files and contributions); the global `fetch` by default. */
  fetch?: typeof fetch | undefined;
  /** Where relative contribution paths resolve (file contributions are refused without it). */
  contentBaseDir?: string | undefined;
  /** The largest contribution accepted (16 MiB by default). */
  maxContentBytes?: number | undefined;
  /** The first block to look for proposals and Datanet events from (0 by default). */
  fromBlock?: number | undefined;
  log?: Log | undefined;
};

/** An account whose recomputed amount differs from the published tree's. */
export type AmountDifference = {
  account: string;
  /** The recomputed cumulative amount (0 when the account is not in the recomputed tree). */
  expected: bigint;
  /** The published (posted) tree's amount (0 when the account is not in it). */
  actual: bigint;
};

/** What `runVerify` returns. */
export type RunVerifyReturnType =
  | { ok: true; epoch: bigint; root: string; accounts: number; totalCumulative: bigint }
  | {
      ok: false;
      epoch: bigint;
      /** The posted root, and the recomputed one. */
      root: string;
      recomputedRoot: string;
      /** The first account (by lower-case address) whose amount differs; undefined if only the encoding differs. */
      firstDifference: AmountDifference | undefined;
      /** Other committed values that do not recompute (inputs digest, explanations…). */
      mismatches: string[];
    };

/**
 * Recomputes an epoch from the chain and the published files (steps at the top of this file).
 *
 * @throws {VerifyInputError} when the proposal, a published file or a contribution cannot be read
 *   or does not match what was committed (nothing to recompute from).
 * @example
 * const result = await runVerify({ rpcUrl: "https://rpc.example", epoch: 3 });
 * if (!result.ok) console.log(`dispute: ${result.firstDifference?.account} should have ${result.firstDifference?.expected}`);
 */
export async function runVerify(parameters: RunVerifyParameters): Promise<RunVerifyReturnType> {
  const log = parameters.log ?? silentLog;
  const epoch = toEpoch(parameters.epoch);
  let client = parameters.client;
  if (client === undefined) {
    if (parameters.rpcUrl === undefined) throw new TypeError("runVerify: pass a client or an rpcUrl");
    client = await createClient({ runner: new JsonRpcProvider(parameters.rpcUrl), addresses: parameters.addresses });
  }
  const fromBlock = parameters.fromBlock ?? 0;
  const read = (uri: string, what: string) => readPublished(uri, what, parameters.fetch);
  const distributor = getAddress(client.addresses.attributionDistributor);

  // 1–2. The proposal, the metadata, the tree file and the inference log.
  const proposal = await getRootProposal(client, { epoch, fromBlock });
  if (proposal === undefined)
    throw new VerifyInputError("proposal", `no root was proposed for epoch ${epoch} on ${distributor}`);
  const { metadata, treeFile } = await readEpochFiles(proposal, parameters.metadataURI, read);
  if (metadata.epoch !== epoch || metadata.root !== proposal.root.toLowerCase()) {
    throw new VerifyInputError(
      "metadata",
      `the metadata is for epoch ${metadata.epoch} root ${metadata.root}, not what was posted`,
    );
  }
  if (metadata.chainId !== client.chainId || metadata.distributor !== distributor) {
    throw new VerifyInputError(
      "metadata",
      `the metadata is for chain ${metadata.chainId} distributor ${metadata.distributor}`,
    );
  }
  const logText = await read(metadata.inputs.inferenceLog.uri, "inference-log");
  if (keccak256(toUtf8Bytes(logText)) !== metadata.inputs.inferenceLog.hash) {
    throw new VerifyInputError(
      "inference-log",
      `${metadata.inputs.inferenceLog.uri} does not hash to the metadata's ${metadata.inputs.inferenceLog.hash}`,
    );
  }
  const records: InferenceLogRecord[] = logText
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => parseInferenceLogLine(line));
  log({ level: "info", msg: "verify: published files read", epoch, records: records.length });

  // 3. The previous epoch: its tree and its unassigned parts.
  let previousTreeFile: string | undefined;
  let carriedOver: ReturnType<typeof carryOverOf> = [];
  if (epoch > 1n) {
    const previousProposal = await getRootProposal(client, {
      epoch: epoch - 1n,
      root: metadata.previousRoot,
      fromBlock,
    });
    if (previousProposal === undefined) {
      throw new VerifyInputError(
        "previous-tree",
        `no proposal of root ${metadata.previousRoot} for epoch ${epoch - 1n}`,
      );
    }
    const previous = await readEpochFiles(previousProposal, undefined, read);
    previousTreeFile = previous.treeFile;
    const explanationsText = await read(previous.metadata.explanations.uri, "explanations");
    if (keccak256(toUtf8Bytes(explanationsText)) !== previous.metadata.explanations.hash) {
      throw new VerifyInputError(
        "explanations",
        `${previous.metadata.explanations.uri} does not hash to epoch ${epoch - 1n}'s metadata`,
      );
    }
    const unassigned = (
      JSON.parse(explanationsText) as { unassigned: { adapterId: string; payer: string | null; amount: string }[] }
    ).unassigned;
    carriedOver = carryOverOf(
      unassigned.map((u): Unassigned => ({
        adapterId: BigInt(u.adapterId),
        payer: u.payer,
        amount: BigInt(u.amount),
        reason: "emptyCorpus",
      })),
    );
  } else if (metadata.previousRoot !== ZeroHash) {
    throw new VerifyInputError("metadata", "epoch 1 must extend the zero root");
  }

  // 4. The payments, from the chain.
  const range = {
    fromBlock: Number(metadata.inputs.blockRange.fromBlock),
    toBlock: Number(metadata.inputs.blockRange.toBlock),
  };
  const logs = await client.provider.getLogs({ address: client.addresses.usageLedger, ...range });
  const payments: EpochPayment[] = parseUsageLedgerLogs(client, { logs })
    .filter((event) => event.eventName === "Paid")
    .map((event) => {
      const args = event.args as unknown as EpochPayment;
      return {
        paymentId: args.paymentId,
        adapterId: args.adapterId,
        payer: getAddress(args.payer),
        calls: args.calls,
        attributionAmount: args.attributionAmount,
      };
    })
    .sort((a, b) => (a.paymentId < b.paymentId ? -1 : 1));
  const mismatches: string[] = [];
  const publishedPayments = metadata.inputs.payments.map(
    (p) => `${p.paymentId}:${p.adapterId}:${p.payer}:${p.attributionAmount}`,
  );
  const chainPayments = payments.map((p) => `${p.paymentId}:${p.adapterId}:${p.payer}:${p.attributionAmount}`);
  if (publishedPayments.join() !== chainPayments.join())
    mismatches.push("inputs.payments: not the Paid events of the block range");

  // 5. The corpora.
  const excluded = new Set(metadata.inputs.excluded.map((e) => `${e.datanetId}/${e.contributionId}`));
  const versionCache = new Map<
    string,
    { datanetId: bigint; contributionId: bigint; contributor: string; contentHash: string; uri: string }[]
  >();
  const contentCache = new Map<string, CorpusContribution>();
  const corpora: AdapterCorpus[] = [];
  const adapters: StoredAttribution["inputs"]["adapters"] = [];
  const pools = poolsOf(payments, carriedOver);
  for (const { adapterId } of pools) {
    const adapter = await getAdapter(client, { adapterId });
    const { sources } = await getModel(client, { modelId: adapter.modelId });
    const members = new Map<string, CorpusContribution>();
    for (const source of sources) {
      for (const contribution of await versionContributions(client, source, fromBlock, versionCache)) {
        const key = `${contribution.datanetId}/${contribution.contributionId}`;
        if (excluded.has(key) || members.has(key)) continue;
        let entry = contentCache.get(key);
        if (entry === undefined) {
          const content = await fetchContribution(contribution.uri, contribution.contentHash, {
            baseDir: parameters.contentBaseDir,
            maxBytes: parameters.maxContentBytes ?? 16 * 1024 * 1024,
            fetch: parameters.fetch as ContributionFetch | undefined,
          });
          if (!content.ok) {
            throw new VerifyInputError(
              "corpus",
              `contribution ${key} (${contribution.uri}) cannot be used: ${content.detail}`,
            );
          }
          entry = {
            ...contribution,
            contributor: getAddress(contribution.contributor),
            contentHash: contribution.contentHash.toLowerCase(),
            tokens: tokenize(content.text),
          };
          contentCache.set(key, entry);
        }
        members.set(key, entry);
      }
    }
    const contributions = [...members.values()].sort((a, b) =>
      a.datanetId !== b.datanetId
        ? a.datanetId < b.datanetId
          ? -1
          : 1
        : a.contributionId < b.contributionId
          ? -1
          : a.contributionId > b.contributionId
            ? 1
            : 0,
    );
    corpora.push({ adapterId, sources, contributions });
    adapters.push({
      adapterId,
      sources: [...sources],
      contributions: contributions.map(({ datanetId, contributionId }) => ({ datanetId, contributionId })),
    });
  }
  log({ level: "info", msg: "verify: corpus read", epoch, contributions: contentCache.size });

  // 6. Recompute.
  const method = {
    name: metadata.method.name,
    version: Number(metadata.method.version),
    params: metadata.method.params,
  } as unknown as AttributionMethod;
  validateMethod(method);
  const window = await windowOf({ client }, range.fromBlock, range.toBlock);
  const computed = computeEpoch({ method, payments, carriedOver, records, window, corpora, log });
  const corpus = [...contentCache.values()]
    .sort((a, b) =>
      a.datanetId !== b.datanetId ? (a.datanetId < b.datanetId ? -1 : 1) : a.contributionId < b.contributionId ? -1 : 1,
    )
    .map(({ datanetId, contributionId, contentHash, contributor }) => ({
      datanetId,
      contributionId,
      contentHash,
      contributor,
    }));
  const attribution: StoredAttribution = {
    epoch,
    method,
    inputs: { blockRange: range, window, payments, carriedOver, corpus, excluded: metadata.inputs.excluded, adapters },
    rewards: computed.attribution.rewards.map(([account, amount]) => [account, amount]),
    explanations: [...computed.attribution.explanations],
    unassigned: [...computed.attribution.unassigned],
    summary: {
      pools: computed.pools,
      used: computed.used,
      ignored: computed.ignored,
      adapters: [...computed.attribution.adapters],
    },
    inferenceLog: logText,
    created: "",
  };
  const treeName = epochFileNames(epoch).tree;
  const baseURI = metadata.treeFile.uri.endsWith(treeName) ? metadata.treeFile.uri.slice(0, -treeName.length) : "";
  const rebuilt = await computeBuild({
    attribution,
    previousTreeFile,
    chainId: client.chainId,
    distributor,
    baseURI,
    inferenceLogURI: metadata.inputs.inferenceLog.uri,
  });
  if (rebuilt.metadata.inputsDigest !== metadata.inputsDigest)
    mismatches.push("inputsDigest: the corpus, exclusions or payments differ");
  if (rebuilt.metadata.explanations.hash !== metadata.explanations.hash)
    mismatches.push("explanations: the published explanations do not recompute");

  const recomputedRoot = rebuilt.metadata.root;
  const published = await readRewardTreeFile(treeFile);
  if (recomputedRoot === proposal.root.toLowerCase() && published.tree.root === recomputedRoot) {
    log({ level: "info", msg: "verify: root confirmed", epoch, root: recomputedRoot });
    return {
      ok: true,
      epoch,
      root: recomputedRoot,
      accounts: rebuilt.accounts,
      totalCumulative: rebuilt.metadata.totalCumulative,
    };
  }
  const expected = (await readRewardTreeFile(rebuilt.treeFile)).cumulative;
  const firstDifference = firstDifferenceOf(expected, published.cumulative);
  log({
    level: "warn",
    msg: "verify: root differs",
    epoch,
    root: proposal.root,
    recomputedRoot,
    account: firstDifference?.account,
  });
  return { ok: false, epoch, root: proposal.root.toLowerCase(), recomputedRoot, firstDifference, mismatches };
}

/** The first account, by lower-case address, whose amount differs between two cumulative lists. */
export function firstDifferenceOf(
  expected: readonly (readonly [string, bigint])[],
  actual: readonly (readonly [string, bigint])[],
): AmountDifference | undefined {
  const amounts = new Map<string, { account: string; expected: bigint; actual: bigint }>();
  for (const [account, amount] of expected)
    amounts.set(account.toLowerCase(), { account: getAddress(account), expected: amount, actual: 0n });
  for (const [account, amount] of actual) {
    const entry = amounts.get(account.toLowerCase());
    if (entry === undefined)
      amounts.set(account.toLowerCase(), { account: getAddress(account), expected: 0n, actual: amount });
    else entry.actual = amount;
  }
  const keys = [...amounts.keys()].sort();
  for (const key of keys) {
    const entry = amounts.get(key)!;
    if (entry.expected !== entry.actual) return entry;
  }
  return undefined;
}

async function readEpochFiles(
  proposal: { epoch: bigint; treeURI: string; treeHash: string },
  metadataURI: string | undefined,
  read: (uri: string, what: string) => Promise<string>,
): Promise<{ metadata: EpochMetadata; treeFile: string }> {
  const { treeURI, metadataHash } = parseAnchoredTreeURI(proposal.treeURI);
  const metadataText = await read(metadataURI ?? metadataURIOf(proposal.treeURI), "metadata");
  let metadata: EpochMetadata;
  try {
    metadata = parseEpochMetadata(metadataText);
  } catch (error) {
    throw new VerifyInputError(
      "metadata",
      `epoch ${proposal.epoch}'s metadata is invalid: ${(error as { shortMessage?: string }).shortMessage ?? String(error)}`,
    );
  }
  if (metadataHash !== undefined && hashEpochMetadata(metadata) !== metadataHash) {
    throw new VerifyInputError(
      "metadata",
      `epoch ${proposal.epoch}'s metadata does not hash to the ${metadataHash} anchored on-chain`,
    );
  }
  const treeFile = await read(treeURI, "tree-file");
  if (hashRewardTreeFile(treeFile) !== proposal.treeHash.toLowerCase()) {
    throw new VerifyInputError("tree-file", `${treeURI} does not hash to the posted tree hash ${proposal.treeHash}`);
  }
  return { metadata, treeFile };
}

/** A version's contributions from the chain: the first `count` accepted, checked against its root. */
async function versionContributions(
  client: Client,
  source: DatanetVersionSource,
  fromBlock: number,
  cache: Map<
    string,
    { datanetId: bigint; contributionId: bigint; contributor: string; contentHash: string; uri: string }[]
  >,
) {
  const key = `${source.datanetId}/${source.version}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const version = await getVersion(client, source);
  const accepted = (await getReviews(client, { datanetId: source.datanetId, fromBlock })).filter(
    (r) => r.verdict === "Accept",
  );
  const records = new Map(
    (await getContributions(client, { datanetId: source.datanetId, fromBlock })).map((c) => [c.contributionId, c]),
  );
  const members = accepted.slice(0, Number(version.count)).map((review) => {
    const record = records.get(review.contributionId);
    return {
      datanetId: source.datanetId,
      contributionId: review.contributionId,
      contributor: review.contributor,
      contentHash: review.contentHash,
      uri: record?.uri ?? "",
    };
  });
  const tree = await buildVersionTree(source.datanetId, members);
  if (BigInt(members.length) !== version.count || tree.root !== version.root) {
    throw new VerifyInputError(
      "corpus",
      `Datanet ${source.datanetId} version ${source.version} is not the first ${version.count} accepted contributions (read its manifest ${version.manifestURI})`,
    );
  }
  cache.set(key, members);
  return members;
}

/** Reads a published file: file:// URIs and local paths from disk, http(s) with `fetch`. */
async function readPublished(uri: string, what: string, fetcher: typeof fetch | undefined): Promise<string> {
  const bare = uri.split("#")[0]!;
  try {
    if (/^https?:\/\//i.test(bare)) {
      const response = await (fetcher ?? fetch)(bare);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return await response.text();
    }
    return await readFile(bare.startsWith("file:") ? fileURLToPath(bare) : bare, "utf8");
  } catch (error) {
    throw new VerifyInputError(what, `cannot read ${bare}: ${(error as Error).message}`);
  }
}
