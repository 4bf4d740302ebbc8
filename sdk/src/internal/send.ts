import type { BaseContract, ContractTransactionResponse, TransactionReceipt } from "ethers";

import { requireSigner, type Client } from "../client/client.js";
import type { RunnerError } from "../client/errors.js";
import {
  sendAndWait,
  type SendOptions,
  type TransactionDroppedError,
  type TransactionRevertedError,
} from "../client/transaction.js";
import type { ContractRevertError } from "../errors/revert.js";

/** What any sender can throw once its parameters are valid. */
export type SendErrorType = RunnerError | ContractRevertError | TransactionRevertedError | TransactionDroppedError;

/** Checks the client has a signer, then simulates, sends and waits (see `sendAndWait`). */
export async function send<C extends BaseContract>(
  client: Client,
  contract: (client: Client) => C,
  call: (contract: C) => Promise<ContractTransactionResponse>,
  options: SendOptions,
): Promise<TransactionReceipt> {
  requireSigner(client);
  const connected = contract(client);
  return sendAndWait(() => call(connected), { onSent: options.onSent, confirmations: options.confirmations });
}
