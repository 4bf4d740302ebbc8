// `check --epoch N` and `post --epoch N`: the certificate of the epoch's PUBLISHED files (what
// anyone will fetch: the tree file and the metadata in publish.dir, read back from disk), against
// the chain read now; posting only when it passes.
import { readFile } from "node:fs/promises";
import path from "node:path";

import { getDistributorState } from "@openattribution/sdk";

import { readDistributorFacts } from "../chain/certificateFacts.ts";
import { postEpoch, type PostEpochReturnType } from "../chain/poster.ts";
import { certify, type CertificateCheck } from "../epoch/certificate.ts";
import { RewardTreeFileInvalidError } from "../epoch/errors.ts";
import { anchorTreeURI, type EpochMetadata, hashEpochMetadata, parseEpochMetadata } from "../epoch/metadata.ts";
import { readRewardTreeFile } from "../epoch/tree.ts";
import { listEvents } from "../store/protocol.ts";
import { epochFileNames } from "./build.ts";
import type { PipelineContext } from "./context.ts";
import { toEpoch } from "./epochs.ts";
import { CertificateFailedError, type CheckFailure, StepMissingError } from "./errors.ts";
import { getBuild } from "./tables.ts";

/** What `runCheck` takes. */
export type RunCheckParameters = { epoch: number | bigint };

/** What `runCheck` returns: every check's outcome, and the failures. */
export type RunCheckReturnType = {
  epoch: bigint;
  ok: boolean;
  checks: (CertificateCheck | { check: string; ok: boolean; detail: string })[];
  failures: CheckFailure[];
  /** The root and tree URI that would be posted (from the published metadata; undefined when unreadable). */
  root: string | undefined;
  treeURI: string | undefined;
};

/**
 * Runs the certificate (epoch/certificate.ts) on the epoch's published tree file and metadata:
 * files that cannot be read or parsed are failures (`published-files`), as is a metadata file
 * that differs from the one built (`metadata-is-built`). Never throws for a bad file.
 *
 * @throws {StepMissingError} when the epoch (or epoch n − 1) is not built.
 * @example
 * const { ok, failures } = await runCheck(ctx, { epoch: 3 });
 */
export async function runCheck(ctx: PipelineContext, parameters: RunCheckParameters): Promise<RunCheckReturnType> {
  const { config, client, store, log } = ctx;
  const epoch = toEpoch(parameters.epoch);
  const build = getBuild(store.db, epoch);
  if (build === undefined) throw new StepMissingError("build", epoch, `epoch ${epoch} is not built`);
  let previous: Awaited<ReturnType<typeof readRewardTreeFile>>["cumulative"] | undefined;
  if (epoch > 1n) {
    const previousBuild = getBuild(store.db, epoch - 1n);
    if (previousBuild === undefined)
      throw new StepMissingError("build", epoch - 1n, `epoch ${epoch - 1n} is not built`);
    previous = (await readRewardTreeFile(previousBuild.treeFile)).cumulative;
  }
  const names = epochFileNames(epoch);
  const failed = (check: string, detail: string): RunCheckReturnType => {
    const result = {
      epoch,
      ok: false,
      checks: [{ check, ok: false, detail }],
      failures: [{ check, detail }],
      root: undefined,
      treeURI: undefined,
    };
    log({ level: "warn", msg: "check: failed", epoch, check, detail });
    return result;
  };
  let treeFile: string;
  let metadataText: string;
  try {
    treeFile = await readFile(path.join(config.publish.dir, names.tree), "utf8");
    metadataText = await readFile(path.join(config.publish.dir, names.metadata), "utf8");
  } catch (error) {
    return failed(
      "published-files",
      `cannot read the published files in ${config.publish.dir}: ${(error as Error).message}`,
    );
  }
  let metadata: EpochMetadata;
  try {
    metadata = parseEpochMetadata(metadataText);
  } catch (error) {
    return failed(
      "published-files",
      `${names.metadata}: ${(error as { shortMessage?: string }).shortMessage ?? (error as Error).message}`,
    );
  }

  let claimedTotal = 0n;
  for (const event of listEvents(store, { contract: "AttributionDistributor", eventNames: ["Claimed"] })) {
    claimedTotal += BigInt(event.args.amount as string);
  }
  let state;
  try {
    state = await readDistributorFacts(client, { treeFile, claimedTotal });
  } catch (error) {
    // A tree file that cannot be sampled: let the certificate name what is wrong with it.
    if (!(error instanceof RewardTreeFileInvalidError)) throw error;
    state = { ...(await readDistributorFacts(client, { treeFile: build.treeFile, claimedTotal })), leafSamples: [] };
  }
  const certificate = await certify({
    treeFile,
    metadata,
    previous,
    state,
    config: { chainId: config.chainId, distributor: client.addresses.attributionDistributor },
  });
  const checks: RunCheckReturnType["checks"] = [...certificate.checks];
  const failures: CheckFailure[] = certificate.ok ? [] : [...certificate.failures];
  const sameAsBuilt = metadataText === build.metadata;
  checks.push({
    check: "metadata-is-built",
    ok: sameAsBuilt,
    detail: sameAsBuilt
      ? "the published metadata is the one built"
      : `${names.metadata} differs from the one built: run build again`,
  });
  if (!sameAsBuilt) failures.push({ check: "metadata-is-built", detail: checks.at(-1)!.detail });
  const ok = failures.length === 0;
  log({
    level: ok ? "info" : "warn",
    msg: ok ? "check: passed" : "check: failed",
    epoch,
    failures: failures.map((f) => f.check),
  });
  return {
    epoch,
    ok,
    checks,
    failures,
    root: metadata.root,
    treeURI: anchorTreeURI(metadata.treeFile.uri, hashEpochMetadata(metadata)),
  };
}

/** What `runPost` takes. */
export type RunPostParameters = {
  epoch: number | bigint;
  /** Passed to `postEpoch` (tests shorten the waits). */
  options?: Pick<Parameters<typeof postEpoch>[0], "confirmations" | "waitTimeoutMs" | "pollMs" | "retry"> | undefined;
};

/** What `runPost` returns: the certificate's checks and what `postEpoch` did. */
export type RunPostReturnType = {
  epoch: bigint;
  root: string;
  treeURI: string;
  outcome: PostEpochReturnType["outcome"];
  txHash: string | undefined;
  validAt: bigint | undefined;
  checks: number;
};

/**
 * Posts an epoch's root once its certificate passes (`runCheck`), through the idempotent poster
 * (chain/poster.ts): call it again after any crash. An epoch already accepted is not certified
 * again: the poster answers `already-accepted` (or throws if another root was accepted).
 *
 * @throws {CertificateFailedError} when a check fails: nothing is posted.
 * @throws {StepMissingError} when the epoch is not built.
 * @example
 * const { outcome, txHash, validAt } = await runPost(ctx, { epoch: 3 });
 */
export async function runPost(ctx: PipelineContext, parameters: RunPostParameters): Promise<RunPostReturnType> {
  const { client, store, log } = ctx;
  const epoch = toEpoch(parameters.epoch);
  const build = getBuild(store.db, epoch);
  if (build === undefined) throw new StepMissingError("build", epoch, `epoch ${epoch} is not built`);
  // An epoch already accepted: nothing to certify (the certificate is for the next epoch); the
  // poster confirms the accepted root is this one (else EpochAcceptedWithOtherRootError).
  const accepted = (await getDistributorState(client, { proposals: false })).epoch >= epoch;
  const check = accepted
    ? { epoch, ok: true, checks: [], failures: [], root: build.root, treeURI: build.treeURI }
    : await runCheck(ctx, parameters);
  if (!check.ok) throw new CertificateFailedError(check.epoch, check.failures);
  const result = await postEpoch({
    client,
    db: store.db,
    epoch: check.epoch,
    root: build.root,
    totalCumulative: build.totalCumulative,
    treeHash: build.treeHash,
    treeURI: check.treeURI!,
    log,
    ...parameters.options,
  });
  return {
    epoch: check.epoch,
    root: result.root,
    treeURI: check.treeURI!,
    outcome: result.outcome,
    txHash: result.txHash,
    validAt: result.validAt,
    checks: check.checks.length,
  };
}
