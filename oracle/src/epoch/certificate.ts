// The certificate: every check a tree must pass before its root is posted, on plain data (the
// caller reads the chain). Pure: no I/O; async only because Keccak (WebAssembly) loads once.
// Every check runs, whatever the others found, and every failure is listed.
import { hashRewardTreeFile, type RewardLeafValues, StandardTree, type StandardTreeDump } from "@openattribution/sdk";
import { getAddress, isAddress, ZeroHash } from "ethers";

import { checkList, type RewardEntry, sumRewards } from "./cumulative.ts";
import { RewardTreeFileInvalidError } from "./errors.ts";
import { type EpochMetadata, inputsDigest } from "./metadata.ts";
import { buildEpochTree, parseRewardTreeLeaves, type RewardTreeFileLeaf } from "./tree.ts";

/**
 * The checks, in the order they run and are listed:
 * - `tree-file-format`: the file is a `standard-v1` dump of reward leaves with well-formed values.
 * - `tree-file-hash`: keccak256 of the file's bytes is the metadata's `treeFile.hash` (the posted `treeHash`).
 * - `root-recomputes`: every node of the file recomputes from its values, and its root is the metadata's.
 * - `leaf-encoding`: for each sample, the file's leaf node for the account and amount equals the
 *   contract's `leaf(account, amount)`.
 * - `chain-matches-config`: the chain read, the metadata and every leaf are for the configured chain id.
 * - `distributor-matches-config`: the distributor read, the metadata and every leaf are the configured one.
 * - `no-duplicate-account`: each account has one leaf.
 * - `no-account-decreases`: every account of the previous cumulative list has a leaf at least as large.
 * - `previous-is-accepted`: the previous cumulative list is the accepted root's tree, and the
 *   metadata's `previousRoot` is the accepted root.
 * - `totals-match`: the leaves sum to the metadata's `totalCumulative`, and `epochTotal` is that
 *   minus the previous total.
 * - `total-not-below-accepted`: the total is at least the accepted total (`DistributorTotalDecreased`).
 * - `total-within-funds`: the total is at most `totalFunded()` (`proposeRoot`'s own solvency check,
 *   `DistributorInsolvent`) and, when the claimed total is known, at most claimed + balance.
 * - `epoch-is-next`: the metadata's epoch is the accepted epoch + 1 (no epoch skipped or repeated).
 * - `no-other-root-pending`: no root is pending, or the pending one is this very epoch and root.
 * - `inputs-digest`: the metadata's `inputsDigest` recomputes from its method and inputs.
 */
export const CERTIFICATE_CHECKS = [
  "tree-file-format",
  "tree-file-hash",
  "root-recomputes",
  "leaf-encoding",
  "chain-matches-config",
  "distributor-matches-config",
  "no-duplicate-account",
  "no-account-decreases",
  "previous-is-accepted",
  "totals-match",
  "total-not-below-accepted",
  "total-within-funds",
  "epoch-is-next",
  "no-other-root-pending",
  "inputs-digest",
] as const;

/** The name of a certificate check (see `CERTIFICATE_CHECKS`). */
export type CertificateCheckName = (typeof CERTIFICATE_CHECKS)[number];

/** One account and amount whose leaf the caller read from the contract: `leaf(account, cumulativeAmount)`. */
export type LeafSample = { account: string; cumulativeAmount: bigint; leaf: string };

/**
 * What the caller read from the chain (and the distributor) for the certificate.
 *
 * @example
 * const facts: DistributorFacts = { chainId: client.chainId, distributor, acceptedEpoch: state.epoch, ... };
 */
export type DistributorFacts = {
  /** The chain id the RPC reports. */
  chainId: bigint;
  /** The distributor read. */
  distributor: string;
  /** The accepted epoch (`epoch()`), root (`root()`, the zero hash before epoch 1) and total (`totalCumulative()`). */
  acceptedEpoch: bigint;
  acceptedRoot: string;
  acceptedTotalCumulative: bigint;
  /** `totalFunded()`: what `proposeRoot` checks the total against. */
  totalFunded: bigint;
  /** The distributor's token balance. */
  balance: bigint;
  /** The sum of `Claimed` amounts so far, when known (from the indexed events); enables the balance check. */
  claimedTotal?: bigint | undefined;
  /** The pending root, if any. */
  pending: { epoch: bigint; root: string } | undefined;
  /** The contract's `leaf()` for 1–3 leaves of the tree (`pickLeafSamples`). */
  leafSamples: readonly LeafSample[];
};

/**
 * What `certify` takes.
 *
 * @example
 * const run = (parameters: CertifyParameters) => certify(parameters);
 */
export type CertifyParameters = {
  /** The tree file's text, as it will be published. */
  treeFile: string;
  /** The epoch's metadata (`buildEpochMetadata` or `parseEpochMetadata`). */
  metadata: EpochMetadata;
  /** The accepted tree's cumulative list (`readRewardTreeFile(...).cumulative`); `undefined` before epoch 1. */
  previous: readonly RewardEntry[] | undefined;
  state: DistributorFacts;
  /** What the operator configured. */
  config: { chainId: bigint; distributor: string };
};

/** One check's outcome. */
export type CertificateCheck = { check: CertificateCheckName; ok: boolean; detail: string };

/** One failed check. */
export type CertificateFailure = { check: CertificateCheckName; detail: string };

/**
 * The certificate: every check passed, or the failures (every check's outcome in `checks` either way).
 *
 * @example
 * const result: CertifyReturnType = await certify(parameters);
 * if (!result.ok) for (const { check, detail } of result.failures) console.error(`${check}: ${detail}`);
 */
export type CertifyReturnType =
  { ok: true; checks: CertificateCheck[] } | { ok: false; checks: CertificateCheck[]; failures: CertificateFailure[] };

/**
 * Runs every certificate check (`CERTIFICATE_CHECKS`) on the tree file, the metadata, the previous
 * cumulative list and what the caller read from the chain. Never throws for a bad tree or state:
 * each problem is a failure; throws only for a missing argument (a programmer error).
 *
 * @example
 * const samples = pickLeafSamples(treeFile);
 * const leafSamples = await Promise.all(samples.map(async (s) => ({ ...s, leaf: await distributor.leaf(s.account, s.cumulativeAmount) })));
 * const result = await certify({ treeFile, metadata, previous, state: { ...facts, leafSamples }, config });
 * if (!result.ok) throw new Error(result.failures.map((f) => `${f.check}: ${f.detail}`).join("\n"));
 */
export async function certify(parameters: CertifyParameters): Promise<CertifyReturnType> {
  const { treeFile, metadata, previous, state, config } = parameters;
  if (typeof treeFile !== "string") throw new TypeError("certify: pass the tree file's text as treeFile");
  if (typeof metadata !== "object" || metadata === null) throw new TypeError("certify: pass the epoch's metadata");
  if (typeof state !== "object" || state === null) throw new TypeError("certify: pass the distributor's state");
  if (typeof config !== "object" || config === null)
    throw new TypeError("certify: pass the configured chain and distributor");

  const checks: CertificateCheck[] = [];
  const record = (check: CertificateCheckName, problems: readonly string[], okDetail: string) =>
    checks.push(
      problems.length === 0 ? { check, ok: true, detail: okDetail } : { check, ok: false, detail: problems.join("; ") },
    );
  const notRead = "not checked: the tree file did not parse";

  // tree-file-format
  let leaves: RewardTreeFileLeaf[] | undefined;
  let dump: StandardTreeDump<RewardLeafValues> | undefined;
  try {
    leaves = parseRewardTreeLeaves(treeFile);
    dump = JSON.parse(treeFile) as StandardTreeDump<RewardLeafValues>;
    record("tree-file-format", [], `a standard-v1 reward tree of ${leaves.length} leaves`);
  } catch (error) {
    if (!(error instanceof RewardTreeFileInvalidError)) throw error;
    record("tree-file-format", [error.shortMessage], "");
  }

  // tree-file-hash
  const fileHash = hashRewardTreeFile(treeFile);
  record(
    "tree-file-hash",
    fileHash === metadata.treeFile?.hash?.toLowerCase()
      ? []
      : [`the file hashes to ${fileHash}, the metadata states ${String(metadata.treeFile?.hash)}`],
    `keccak256 ${fileHash}`,
  );

  // root-recomputes
  let loadedRoot: string | undefined;
  const rootProblems: string[] = [];
  if (dump === undefined) rootProblems.push(notRead);
  else {
    try {
      loadedRoot = (await StandardTree.load<RewardLeafValues>(dump)).root;
      if (loadedRoot !== metadata.root?.toLowerCase()) {
        rootProblems.push(`the file's root is ${loadedRoot}, the metadata states ${String(metadata.root)}`);
      }
    } catch (error) {
      rootProblems.push(`the tree does not recompute: ${errorText(error)}`);
    }
  }
  record("root-recomputes", rootProblems, `root ${loadedRoot}`);

  // leaf-encoding
  const leafProblems: string[] = [];
  const samples = Array.isArray(state.leafSamples) ? state.leafSamples : [];
  if (samples.length === 0) leafProblems.push("no sample of the contract's leaf() was given");
  if (leaves === undefined || dump === undefined) leafProblems.push(notRead);
  else {
    for (const sample of samples) {
      const account = String(sample.account).toLowerCase();
      const leaf = leaves.find(
        (l) => l.account.toLowerCase() === account && l.cumulativeAmount === sample.cumulativeAmount,
      );
      if (leaf === undefined) {
        leafProblems.push(`the sample ${sample.account} ${sample.cumulativeAmount} is not a leaf of the file`);
        continue;
      }
      const node = dump.tree[dump.values[leaf.index]!.treeIndex];
      if (typeof node !== "string" || node.toLowerCase() !== String(sample.leaf).toLowerCase()) {
        leafProblems.push(
          `the file's leaf of ${leaf.account} is ${String(node)}, the contract's leaf() is ${String(sample.leaf)}`,
        );
      }
    }
  }
  record("leaf-encoding", leafProblems, `${samples.length} leaves equal the contract's leaf()`);

  // chain-matches-config, distributor-matches-config
  const chainProblems: string[] = [];
  if (state.chainId !== config.chainId)
    chainProblems.push(`the RPC is on chain ${state.chainId}, configured ${config.chainId}`);
  if (metadata.chainId !== config.chainId) chainProblems.push(`the metadata is for chain ${metadata.chainId}`);
  const otherChain = leaves?.find((l) => l.chainId !== config.chainId);
  if (otherChain !== undefined) chainProblems.push(`leaf ${otherChain.index} is for chain ${otherChain.chainId}`);
  if (leaves === undefined) chainProblems.push(notRead);
  record("chain-matches-config", chainProblems, `chain ${config.chainId}`);

  const configured = addressKey(config.distributor);
  const distributorProblems: string[] = [];
  if (configured === undefined)
    distributorProblems.push(`the configured distributor ${String(config.distributor)} is not an address`);
  if (addressKey(state.distributor) !== configured)
    distributorProblems.push(`the distributor read is ${String(state.distributor)}`);
  if (addressKey(metadata.distributor) !== configured)
    distributorProblems.push(`the metadata is for ${String(metadata.distributor)}`);
  const otherDistributor = leaves?.find((l) => addressKey(l.distributor) !== configured);
  if (otherDistributor !== undefined) {
    distributorProblems.push(`leaf ${otherDistributor.index} is for distributor ${otherDistributor.distributor}`);
  }
  if (leaves === undefined) distributorProblems.push(notRead);
  record("distributor-matches-config", distributorProblems, `distributor ${String(config.distributor)}`);

  // no-duplicate-account
  const duplicateProblems: string[] = [];
  const byAccount = new Map<string, RewardTreeFileLeaf>();
  if (leaves === undefined) duplicateProblems.push(notRead);
  else {
    for (const leaf of leaves) {
      const first = byAccount.get(leaf.account.toLowerCase());
      if (first !== undefined) duplicateProblems.push(`${leaf.account} has leaves ${first.index} and ${leaf.index}`);
      else byAccount.set(leaf.account.toLowerCase(), leaf);
    }
  }
  record("no-duplicate-account", duplicateProblems, `${byAccount.size} distinct accounts`);

  // no-account-decreases
  let previousList: [string, bigint][] | undefined;
  let previousProblem: string | undefined;
  try {
    previousList = checkList("previous", previous ?? []);
  } catch (error) {
    previousProblem = `the previous cumulative list is invalid: ${errorText(error)}`;
  }
  const decreaseProblems: string[] = [];
  if (previousProblem !== undefined) decreaseProblems.push(previousProblem);
  if (leaves === undefined) decreaseProblems.push(notRead);
  else if (previousList !== undefined) {
    for (const [account, before] of previousList) {
      const leaves_ = leaves.filter((l) => l.account.toLowerCase() === account.toLowerCase());
      if (leaves_.length === 0) decreaseProblems.push(`${account} had ${before} and has no leaf`);
      for (const leaf of leaves_) {
        if (leaf.cumulativeAmount < before)
          decreaseProblems.push(`${account} decreases from ${before} to ${leaf.cumulativeAmount}`);
      }
    }
  }
  record("no-account-decreases", decreaseProblems, `${previousList?.length ?? 0} previous accounts kept or increased`);

  // previous-is-accepted
  const acceptedProblems: string[] = [];
  const acceptedRoot = String(state.acceptedRoot).toLowerCase();
  if (String(metadata.previousRoot).toLowerCase() !== acceptedRoot) {
    acceptedProblems.push(`the metadata extends ${metadata.previousRoot}, the accepted root is ${acceptedRoot}`);
  }
  if (previousProblem !== undefined) acceptedProblems.push(previousProblem);
  else if (previousList!.length === 0) {
    if (acceptedRoot !== ZeroHash)
      acceptedProblems.push(`no previous list was given but root ${acceptedRoot} is accepted`);
  } else {
    try {
      const { root } = await buildEpochTree({
        chainId: config.chainId,
        distributor: config.distributor,
        cumulative: previousList!,
      });
      if (root !== acceptedRoot)
        acceptedProblems.push(`the previous list's tree has root ${root}, the accepted root is ${acceptedRoot}`);
    } catch (error) {
      acceptedProblems.push(`the previous list's tree cannot be built: ${errorText(error)}`);
    }
  }
  record("previous-is-accepted", acceptedProblems, `extends ${acceptedRoot}`);

  // totals-match
  const total = leaves === undefined ? undefined : leaves.reduce((sum, l) => sum + l.cumulativeAmount, 0n);
  const previousTotal = previousList === undefined ? undefined : sumRewards(previousList);
  const totalProblems: string[] = [];
  if (total === undefined) totalProblems.push(notRead);
  else {
    if (total !== metadata.totalCumulative) {
      totalProblems.push(`the leaves sum to ${total}, the metadata states totalCumulative ${metadata.totalCumulative}`);
    }
    if (previousTotal !== undefined && total - previousTotal !== metadata.epochTotal) {
      totalProblems.push(
        `the epoch adds ${total - previousTotal}, the metadata states epochTotal ${metadata.epochTotal}`,
      );
    }
  }
  if (previousProblem !== undefined) totalProblems.push(previousProblem);
  record("totals-match", totalProblems, `total ${total}, epoch ${metadata.epochTotal}`);

  // total-not-below-accepted
  const posted = total ?? metadata.totalCumulative;
  record(
    "total-not-below-accepted",
    posted < state.acceptedTotalCumulative
      ? [`the total ${posted} is below the accepted total ${state.acceptedTotalCumulative}`]
      : [],
    `${posted} ≥ ${state.acceptedTotalCumulative}`,
  );

  // total-within-funds
  const fundsProblems: string[] = [];
  if (posted > state.totalFunded) fundsProblems.push(`the total ${posted} is above totalFunded ${state.totalFunded}`);
  if (state.claimedTotal !== undefined && posted > state.claimedTotal + state.balance) {
    fundsProblems.push(
      `the total ${posted} is above what was claimed (${state.claimedTotal}) plus the balance (${state.balance})`,
    );
  }
  record("total-within-funds", fundsProblems, `${posted} ≤ totalFunded ${state.totalFunded}`);

  // epoch-is-next
  const next = state.acceptedEpoch + 1n;
  record(
    "epoch-is-next",
    metadata.epoch === next ? [] : [`the metadata is for epoch ${metadata.epoch}, the next epoch is ${next}`],
    `epoch ${next}`,
  );

  // no-other-root-pending
  const pending = state.pending;
  const samePending =
    pending !== undefined &&
    pending.epoch === metadata.epoch &&
    pending.root.toLowerCase() === String(metadata.root).toLowerCase();
  record(
    "no-other-root-pending",
    pending === undefined || samePending ? [] : [`root ${pending.root} of epoch ${pending.epoch} is pending`],
    samePending ? "this root is already pending" : "nothing pending",
  );

  // inputs-digest
  let digest: string;
  try {
    digest = inputsDigest(metadata);
  } catch (error) {
    digest = `(not computable: ${errorText(error)})`;
  }
  record(
    "inputs-digest",
    digest === metadata.inputsDigest
      ? []
      : [`the method and inputs hash to ${digest}, the metadata states ${metadata.inputsDigest}`],
    `inputs digest ${digest}`,
  );

  const failures = checks.filter(({ ok }) => !ok).map(({ check, detail }) => ({ check, detail }));
  return failures.length === 0 ? { ok: true, checks } : { ok: false, checks, failures };
}

/**
 * Which leaves to read the contract's `leaf()` for: the first, middle and last of the file (fewer
 * when it has fewer), deterministic so two runs read the same.
 *
 * @throws {RewardTreeFileInvalidError} when the file is not a reward tree.
 * @example
 * const samples = pickLeafSamples(treeFile);
 * const leafSamples = await Promise.all(samples.map(async (s) => ({ ...s, leaf: await distributor.leaf(s.account, s.cumulativeAmount) })));
 */
export function pickLeafSamples(treeFile: string, count = 3): { account: string; cumulativeAmount: bigint }[] {
  const leaves = parseRewardTreeLeaves(treeFile);
  const n = Math.min(Math.max(1, Math.floor(count)), leaves.length);
  const indexes = new Set<number>();
  for (let i = 0; i < n; i++) indexes.add(n === 1 ? 0 : Math.round((i * (leaves.length - 1)) / (n - 1)));
  return [...indexes].map((i) => ({ account: leaves[i]!.account, cumulativeAmount: leaves[i]!.cumulativeAmount }));
}

function addressKey(value: unknown): string | undefined {
  return typeof value === "string" && isAddress(value) ? getAddress(value).toLowerCase() : undefined;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return "shortMessage" in error ? String(error.shortMessage) : error.message;
  return String(error);
}
