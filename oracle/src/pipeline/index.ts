// The oracle's epoch pipeline: attribute → build → check → post → accept, the read functions of
// the HTTP API, and verify (anyone, no store). Every function returns a plain result object (the
// CLI prints it as JSON: bigints as decimal strings) and logs progress through `ctx.log`.
//
// Signature notes for the CLI (differences from /tmp/oracle-pipeline.md):
// - Epochs are `number | bigint` in, `bigint` out; block numbers are numbers.
// - runAttribute(ctx, { epoch, force? }): `force` recomputes a stored attribution.
// - runPost(ctx, { epoch, options? }): `options` go to postEpoch (confirmations, waits, retry).
// - runAccept(ctx) needs only { client, log }.
// - runCheck returns { epoch, ok, checks, failures, root, treeURI }; failures that are not
//   certificate checks: "published-files" (unreadable/invalid files), "metadata-is-built".
// - getRewardsOf(store, account) is async → { account, accepted?: RewardPosition, latest?: RewardPosition }
//   (RewardPosition = { epoch, root, status, cumulative, proof }); undefined when in no tree.
// - getEpochInfo(store, epoch) → { epoch, status, root, totalCumulative, epochTotal, accounts,
//   treeURI, treeFile, metadata, inputsDigest } (no `total`: totalCumulative / epochTotal).
// - runVerify({ epoch, client | rpcUrl (+ addresses), metadataURI?, fetch?, contentBaseDir?,
//   maxContentBytes?, fromBlock?, log? }): `epoch` is required (the proposal is looked up by it);
//   contentBaseDir is needed for contributions registered as relative paths / file URIs.
// - Results hold bigints: serialize with a replacer (`typeof v === "bigint" ? v.toString() : v`).
export type { PipelineContext } from "./context.ts";
export { epochBlockRange, epochReady, lastReadyEpoch, toEpoch, type EpochConfig } from "./epochs.ts";
export {
  BuildConflictError,
  CertificateFailedError,
  type CheckFailure,
  EmptyTreeError,
  EpochPostedError,
  InvalidEpochError,
  NotIndexedError,
  StepMissingError,
  VerifyInputError,
} from "./errors.ts";
export {
  type ExcludedContribution,
  runAttribute,
  type RunAttributeParameters,
  type RunAttributeReturnType,
} from "./attribute.ts";
export {
  epochFileNames,
  EXPLANATIONS_FORMAT,
  metadataURIOf,
  runBuild,
  type RunBuildParameters,
  type RunBuildReturnType,
  type WrittenFile,
} from "./build.ts";
export {
  runCheck,
  type RunCheckParameters,
  type RunCheckReturnType,
  runPost,
  type RunPostParameters,
  type RunPostReturnType,
} from "./check.ts";
export { runAccept, type RunAcceptReturnType } from "./accept.ts";
export {
  getAttribution,
  getBuild,
  initPipelineTables,
  listBuilds,
  type StoredAttribution,
  type StoredBuild,
} from "./tables.ts";
export {
  type EpochStatus,
  getAttributionOf,
  type GetAttributionOfReturnType,
  getEpochInfo,
  type GetEpochInfoReturnType,
  getRewardsOf,
  type GetRewardsOfReturnType,
  type RewardPosition,
  type SpanWithText,
} from "./read.ts";
export {
  type AmountDifference,
  firstDifferenceOf,
  runVerify,
  type RunVerifyParameters,
  type RunVerifyReturnType,
} from "./verify.ts";
