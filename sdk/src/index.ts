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
