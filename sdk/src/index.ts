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
