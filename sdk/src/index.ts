// @openattribution/sdk — the one barrel. Every export is documented where it is defined.

// client
export {
  createClient,
  requireSigner,
  type Addresses,
  type Client,
  type CreateClientErrorType,
  type CreateClientParameters,
  type CreateClientReturnType,
} from "./client/client.js";
export { attributionDistributor, datanetRegistry, modelRegistry, openToken, usageLedger } from "./client/contracts.js";
export { InvalidAddressError, RunnerError, UnknownChainError } from "./client/errors.js";
export {
  sendAndWait,
  TransactionDroppedError,
  TransactionRevertedError,
  type SendOptions,
} from "./client/transaction.js";

// errors
export { SdkError, type SdkErrorOptions } from "./errors/base.js";
export {
  ContractRevertError,
  decodeRevert,
  decodeRevertData,
  withDecodedReverts,
  type ContractErrorName,
} from "./errors/revert.js";

// generated
export {
  attributionDistributorAbi,
  datanetRegistryAbi,
  errorsAbi,
  modelRegistryAbi,
  openTokenAbi,
  usageLedgerAbi,
} from "./generated/abis.js";
export { deployments } from "./generated/deployments.js";
export type * from "./generated/typechain/index.js";

// parameters: errors of ids, hashes, amounts, strings, block ranges and pages (token, datanets, models)
export {
  EmptyStringError,
  InvalidAmountError,
  InvalidBlockRangeError,
  InvalidDurationError,
  InvalidHashError,
  InvalidIdError,
  InvalidPageError,
} from "./errors/parameters.js";

// token
export { approve, type ApproveErrorType, type ApproveParameters, type ApproveReturnType } from "./token/approve.js";
export {
  encodeApprove,
  type EncodeApproveErrorType,
  type EncodeApproveParameters,
  type EncodeApproveReturnType,
} from "./token/encodeApprove.js";
export { PermitDeadlineError } from "./token/errors.js";
export {
  getAllowance,
  type GetAllowanceErrorType,
  type GetAllowanceParameters,
  type GetAllowanceReturnType,
} from "./token/getAllowance.js";
export {
  getBalance,
  type GetBalanceErrorType,
  type GetBalanceParameters,
  type GetBalanceReturnType,
} from "./token/getBalance.js";
export {
  parseOpenTokenLogs,
  type OpenTokenEvent,
  type OpenTokenEventOf,
  type ParseOpenTokenLogsErrorType,
  type ParseOpenTokenLogsParameters,
  type ParseOpenTokenLogsReturnType,
} from "./token/parseOpenTokenLogs.js";
export {
  signPermit,
  type SignPermitErrorType,
  type SignPermitParameters,
  type SignPermitReturnType,
} from "./token/signPermit.js";
// end token

// datanets
export {
  acceptDatanetOwnership,
  type AcceptDatanetOwnershipErrorType,
  type AcceptDatanetOwnershipParameters,
  type AcceptDatanetOwnershipReturnType,
} from "./datanets/acceptDatanetOwnership.js";
export {
  commitContribution,
  type CommitContributionErrorType,
  type CommitContributionParameters,
  type CommitContributionReturnType,
} from "./datanets/commitContribution.js";
export {
  computeCommitment,
  type ComputeCommitmentErrorType,
  type ComputeCommitmentParameters,
  type ComputeCommitmentReturnType,
} from "./datanets/computeCommitment.js";
export {
  contribute,
  type ContributeErrorType,
  type ContributeParameters,
  type ContributeReturnType,
} from "./datanets/contribute.js";
export {
  createDatanet,
  type CreateDatanetErrorType,
  type CreateDatanetParameters,
  type CreateDatanetReturnType,
  MAX_REVIEW_PERIOD,
  MIN_REVIEW_PERIOD,
} from "./datanets/createDatanet.js";
export {
  encodePublishVersion,
  type EncodePublishVersionErrorType,
  type EncodePublishVersionParameters,
  type EncodePublishVersionReturnType,
} from "./datanets/encodePublishVersion.js";
export {
  encodeReview,
  type EncodeReviewErrorType,
  type EncodeReviewParameters,
  type EncodeReviewReturnType,
} from "./datanets/encodeReview.js";
export {
  getContribution,
  type GetContributionErrorType,
  type GetContributionParameters,
  type GetContributionReturnType,
} from "./datanets/getContribution.js";
export {
  getContributions,
  type GetContributionsErrorType,
  type GetContributionsParameters,
  type GetContributionsReturnType,
} from "./datanets/getContributions.js";
export {
  getDatanet,
  type GetDatanetErrorType,
  type GetDatanetParameters,
  type GetDatanetReturnType,
} from "./datanets/getDatanet.js";
export {
  getDatanets,
  type GetDatanetsErrorType,
  type GetDatanetsParameters,
  type GetDatanetsReturnType,
} from "./datanets/getDatanets.js";
export {
  getReviews,
  type GetReviewsErrorType,
  type GetReviewsParameters,
  type GetReviewsReturnType,
} from "./datanets/getReviews.js";
export {
  getVersion,
  type GetVersionErrorType,
  type GetVersionParameters,
  type GetVersionReturnType,
} from "./datanets/getVersion.js";
export {
  getVersions,
  type GetVersionsErrorType,
  type GetVersionsParameters,
  type GetVersionsReturnType,
} from "./datanets/getVersions.js";
export {
  parseDatanetRegistryLogs,
  type ParseDatanetRegistryLogsErrorType,
  type ParseDatanetRegistryLogsParameters,
  type ParseDatanetRegistryLogsReturnType,
  type DatanetRegistryEvent,
  type DatanetRegistryEventOf,
} from "./datanets/parseDatanetRegistryLogs.js";
export {
  publishVersion,
  type PublishVersionErrorType,
  type PublishVersionParameters,
  type PublishVersionReturnType,
} from "./datanets/publishVersion.js";
export {
  revealContribution,
  type RevealContributionErrorType,
  type RevealContributionParameters,
  type RevealContributionReturnType,
} from "./datanets/revealContribution.js";
export { review, type ReviewErrorType, type ReviewParameters, type ReviewReturnType } from "./datanets/review.js";
export {
  setCurator,
  type SetCuratorErrorType,
  type SetCuratorParameters,
  type SetCuratorReturnType,
} from "./datanets/setCurator.js";
export {
  setMetadataURI,
  type SetMetadataURIErrorType,
  type SetMetadataURIParameters,
  type SetMetadataURIReturnType,
} from "./datanets/setMetadataURI.js";
export {
  setTreasury,
  type SetTreasuryErrorType,
  type SetTreasuryParameters,
  type SetTreasuryReturnType,
} from "./datanets/setTreasury.js";
export {
  transferDatanetOwnership,
  type TransferDatanetOwnershipErrorType,
  type TransferDatanetOwnershipParameters,
  type TransferDatanetOwnershipReturnType,
} from "./datanets/transferDatanetOwnership.js";
export {
  verifyContribution,
  type VerifyContributionErrorType,
  type VerifyContributionParameters,
  type VerifyContributionReturnType,
} from "./datanets/verifyContribution.js";
export {
  watchContributions,
  type WatchContributionsErrorType,
  type WatchContributionsParameters,
  type WatchContributionsReturnType,
} from "./datanets/watchContributions.js";
export {
  watchReviews,
  type WatchReviewsErrorType,
  type WatchReviewsParameters,
  type WatchReviewsReturnType,
} from "./datanets/watchReviews.js";
export {
  withdrawStake,
  type WithdrawStakeErrorType,
  type WithdrawStakeParameters,
  type WithdrawStakeReturnType,
} from "./datanets/withdrawStake.js";
export {
  ContentAlreadyContributedError,
  ContributionNotInTreeError,
  DuplicateContentInBatchError,
  EmptyBatchError,
  InsufficientStakeBalanceError,
  InvalidContentError,
  InvalidSaltError,
  InvalidVerdictError,
  NoAcceptedContributionsError,
  ReviewPeriodOutOfRangeError,
  RevealTimeoutError,
} from "./datanets/errors.js";
export {
  hashContent,
  type HashContentErrorType,
  type HashContentParameters,
  type HashContentReturnType,
} from "./datanets/hashContent.js";
export type { ContentInput, ReviewInput } from "./datanets/internal.js";
export type { Contribution, ContributionRecord, Datanet, EventLocation, Review, Version } from "./datanets/types.js";
export {
  contributionStatuses,
  type ContributionStatus,
  verdictCode,
  type VerdictCode,
  verdictName,
  type VerdictName,
  verdicts,
} from "./datanets/verdicts.js";
export {
  buildVersionTree,
  type BuildVersionTreeErrorType,
  type BuildVersionTreeParameters,
  type BuildVersionTreeReturnType,
  loadVersionTree,
  type LoadVersionTreeErrorType,
  type LoadVersionTreeParameters,
  type LoadVersionTreeReturnType,
  VERSION_LEAF_TYPES,
  type VersionLeaf,
  type VersionTree,
  type VersionTreeDump,
} from "./datanets/versionTree.js";
// end datanets

// models
export {
  activateAdapter,
  type ActivateAdapterErrorType,
  type ActivateAdapterParameters,
  type ActivateAdapterReturnType,
} from "./models/activateAdapter.js";
export {
  addBaseModel,
  type AddBaseModelErrorType,
  type AddBaseModelParameters,
  type AddBaseModelReturnType,
} from "./models/addBaseModel.js";
export { attest, type AttestErrorType, type AttestParameters, type AttestReturnType } from "./models/attest.js";
export {
  attestWithSignature,
  type AttestWithSignatureErrorType,
  type AttestWithSignatureParameters,
  type AttestWithSignatureReturnType,
} from "./models/attestWithSignature.js";
export {
  buildAttestation,
  type BuildAttestationErrorType,
  type BuildAttestationParameters,
  type BuildAttestationReturnType,
  ATTESTATION_DOMAIN_NAME,
  ATTESTATION_DOMAIN_VERSION,
  type Attestation,
} from "./models/buildAttestation.js";
export {
  createModel,
  type CreateModelErrorType,
  type CreateModelParameters,
  type CreateModelReturnType,
  MAX_SOURCES,
} from "./models/createModel.js";
export {
  deactivateAdapter,
  type DeactivateAdapterErrorType,
  type DeactivateAdapterParameters,
  type DeactivateAdapterReturnType,
} from "./models/deactivateAdapter.js";
export {
  getAdapter,
  type GetAdapterErrorType,
  type GetAdapterParameters,
  type GetAdapterReturnType,
} from "./models/getAdapter.js";
export {
  getBaseModel,
  type GetBaseModelErrorType,
  type GetBaseModelParameters,
  type GetBaseModelReturnType,
} from "./models/getBaseModel.js";
export {
  getModel,
  type GetModelErrorType,
  type GetModelParameters,
  type GetModelReturnType,
} from "./models/getModel.js";
export {
  getModelAdapters,
  type GetModelAdaptersErrorType,
  type GetModelAdaptersParameters,
  type GetModelAdaptersReturnType,
} from "./models/getModelAdapters.js";
export {
  getServingTerms,
  type GetServingTermsErrorType,
  type GetServingTermsParameters,
  type GetServingTermsReturnType,
} from "./models/getServingTerms.js";
export {
  hashAdapterWeights,
  type HashAdapterWeightsErrorType,
  type HashAdapterWeightsParameters,
  type HashAdapterWeightsReturnType,
} from "./models/hashAdapterWeights.js";
export {
  parseModelRegistryLogs,
  type ParseModelRegistryLogsErrorType,
  type ParseModelRegistryLogsParameters,
  type ParseModelRegistryLogsReturnType,
  type ModelRegistryEvent,
  type ModelRegistryEventOf,
} from "./models/parseModelRegistryLogs.js";
export {
  publishAdapter,
  type PublishAdapterErrorType,
  type PublishAdapterParameters,
  type PublishAdapterReturnType,
} from "./models/publishAdapter.js";
export {
  retireBaseModel,
  type RetireBaseModelErrorType,
  type RetireBaseModelParameters,
  type RetireBaseModelReturnType,
} from "./models/retireBaseModel.js";
export {
  signAttestation,
  type SignAttestationErrorType,
  type SignAttestationParameters,
  type SignAttestationReturnType,
} from "./models/signAttestation.js";
export {
  AdapterHashMismatchError,
  AttestationDeadlineError,
  DuplicateSourceError,
  InvalidScoreError,
  InvalidSignatureError,
  NotTrainerError,
  SourceCountOutOfRangeError,
  WebCryptoUnavailableError,
} from "./models/errors.js";
export {
  type Adapter,
  adapterStatuses,
  type AdapterStatus,
  type BaseModel,
  type DatanetVersionSource,
  type Model,
} from "./models/types.js";
// end models

// merkle: OpenZeppelin-compatible Merkle trees. Its own barrel is also the entry
// "@openattribution/sdk/merkle" (worker threads: "@openattribution/sdk/merkle/node").
export * from "./merkle/index.js";
// end merkle

// usage
export {
  encodePay,
  type EncodePayErrorType,
  type EncodePayParameters,
  type EncodePayReturnType,
} from "./usage/encodePay.js";
export { AdapterNotPayableError, InsufficientPaymentBalanceError, PriceAboveMaxError } from "./usage/errors.js";
export {
  getEarnings,
  type GetEarningsErrorType,
  type GetEarningsParameters,
  type GetEarningsReturnType,
} from "./usage/getEarnings.js";
export {
  getFeeSplit,
  type GetFeeSplitErrorType,
  type GetFeeSplitParameters,
  type GetFeeSplitReturnType,
} from "./usage/getFeeSplit.js";
export {
  getPaymentCount,
  type GetPaymentCountErrorType,
  type GetPaymentCountParameters,
  type GetPaymentCountReturnType,
} from "./usage/getPaymentCount.js";
export {
  parseUsageLedgerLogs,
  type ParseUsageLedgerLogsErrorType,
  type ParseUsageLedgerLogsParameters,
  type ParseUsageLedgerLogsReturnType,
  type UsageLedgerEvent,
  type UsageLedgerEventOf,
} from "./usage/parseUsageLedgerLogs.js";
export { pay, type PayErrorType, type PayParameters, type PayReturnType } from "./usage/pay.js";
export { quote, type QuoteErrorType, type QuoteParameters, type QuoteReturnType } from "./usage/quote.js";
export type { FeeSplitBps, Payment, PaymentRecord } from "./usage/types.js";
export {
  watchPayments,
  type WatchPaymentsErrorType,
  type WatchPaymentsParameters,
  type WatchPaymentsReturnType,
} from "./usage/watchPayments.js";
export {
  withdrawEarnings,
  type WithdrawEarningsErrorType,
  type WithdrawEarningsParameters,
  type WithdrawEarningsReturnType,
} from "./usage/withdrawEarnings.js";
// end usage

// models lists
export {
  getBaseModels,
  type GetBaseModelsErrorType,
  type GetBaseModelsParameters,
  type GetBaseModelsReturnType,
} from "./models/getBaseModels.js";
export {
  getModels,
  type GetModelsErrorType,
  type GetModelsParameters,
  type GetModelsReturnType,
} from "./models/getModels.js";
// end models lists

// rewards (the reward tree builder itself is in the merkle section: buildRewardTree, rewardClaim)
export {
  acceptRoot,
  type AcceptRootErrorType,
  type AcceptRootParameters,
  type AcceptRootReturnType,
} from "./rewards/acceptRoot.js";
export { claim, type ClaimErrorType, type ClaimParameters, type ClaimReturnType } from "./rewards/claim.js";
export {
  claimMany,
  type ClaimManyErrorType,
  type ClaimManyParameters,
  type ClaimManyReturnType,
} from "./rewards/claimMany.js";
export { dispute, type DisputeErrorType, type DisputeParameters, type DisputeReturnType } from "./rewards/dispute.js";
export {
  encodeClaim,
  type EncodeClaimErrorType,
  type EncodeClaimParameters,
  type EncodeClaimReturnType,
} from "./rewards/encodeClaim.js";
export {
  AccountNotInRewardTreeError,
  ChallengeWindowClosedError,
  type ClaimPosition,
  CumulativeBelowClaimedError,
  DisputeBondNotSetError,
  DistributorPausedError,
  DistributorShortOfFundsError,
  DuplicateClaimError,
  InsufficientDepositBalanceError,
  NoAcceptedRootError,
  NoPendingRootError,
  NothingToClaimError,
  type PendingMatch,
  ProofNotForAcceptedRootError,
  RewardTreeFileError,
  RewardTreeHashMismatchError,
  RewardTreeLeafEncodingError,
  RewardTreeRootMismatchError,
  RewardTreeUnsupportedURIError,
  RewardTreeWrongDistributorError,
  RootAlreadyDisputedError,
  RootProposalNotFoundError,
} from "./rewards/errors.js";
export {
  fundDistributor,
  type FundDistributorErrorType,
  type FundDistributorParameters,
  type FundDistributorReturnType,
} from "./rewards/fundDistributor.js";
export {
  getClaimable,
  type GetClaimableErrorType,
  type GetClaimableParameters,
  type GetClaimableReturnType,
} from "./rewards/getClaimable.js";
export {
  getDistributorState,
  type GetDistributorStateErrorType,
  type GetDistributorStateParameters,
  type GetDistributorStateReturnType,
} from "./rewards/getDistributorState.js";
export {
  getRootProposal,
  type GetRootProposalErrorType,
  type GetRootProposalParameters,
  type GetRootProposalReturnType,
} from "./rewards/getRootProposal.js";
export {
  type FetchLike,
  loadRewardTree,
  type LoadRewardTreeErrorType,
  type LoadRewardTreeParameters,
  type LoadRewardTreeReturnType,
  type RewardTreeSource,
} from "./rewards/loadRewardTree.js";
export {
  type AttributionDistributorEvent,
  type AttributionDistributorEventOf,
  parseAttributionDistributorLogs,
  type ParseAttributionDistributorLogsErrorType,
  type ParseAttributionDistributorLogsParameters,
  type ParseAttributionDistributorLogsReturnType,
} from "./rewards/parseAttributionDistributorLogs.js";
export {
  proposeRoot,
  type ProposeRootErrorType,
  type ProposeRootParameters,
  type ProposeRootReturnType,
} from "./rewards/proposeRoot.js";
export {
  resolveDispute,
  type ResolveDisputeErrorType,
  type ResolveDisputeParameters,
  type ResolveDisputeReturnType,
} from "./rewards/resolveDispute.js";
export {
  formatRewardTreeFile,
  type FormatRewardTreeFileErrorType,
  type FormatRewardTreeFileParameters,
  type FormatRewardTreeFileReturnType,
  hashRewardTreeFile,
  type HashRewardTreeFileErrorType,
  type HashRewardTreeFileParameters,
  type HashRewardTreeFileReturnType,
} from "./rewards/rewardTreeFile.js";
export type { DistributorState, PendingRootState, RewardClaimInput, RootProposal } from "./rewards/types.js";
export {
  vetoRoot,
  type VetoRootErrorType,
  type VetoRootParameters,
  type VetoRootReturnType,
} from "./rewards/vetoRoot.js";
export {
  watchRootProposals,
  type WatchRootProposalsErrorType,
  type WatchRootProposalsParameters,
  type WatchRootProposalsReturnType,
} from "./rewards/watchRootProposals.js";
// end rewards

// inference: the inference log (JSON Lines) an inference gateway writes and the oracle reads
export { InvalidInferenceLogLineError, type InferenceLogProblem } from "./inference/errors.js";
export {
  formatInferenceLogLine,
  type FormatInferenceLogLineErrorType,
  type FormatInferenceLogLineParameters,
  type FormatInferenceLogLineReturnType,
} from "./inference/formatInferenceLogLine.js";
export {
  parseInferenceLogLine,
  type ParseInferenceLogLineErrorType,
  type ParseInferenceLogLineParameters,
  type ParseInferenceLogLineReturnType,
} from "./inference/parseInferenceLogLine.js";
export {
  INFERENCE_LOG_FIELDS,
  INFERENCE_LOG_MAX_REQUEST_ID_LENGTH,
  INFERENCE_LOG_MAX_TIMESTAMP,
  type InferenceLogField,
  type InferenceLogLine,
  type InferenceLogRecord,
} from "./inference/types.js";
// end inference
