import type { ContractTransactionResponse, TransactionReceipt } from "ethers";

import { SdkError } from "../errors/base.js";
import { decodeRevert } from "../errors/revert.js";

/** What every sender accepts besides its own parameters. */
export type SendOptions = {
  /** Called with the transaction hash as soon as it is sent, before it is mined. */
  onSent?: ((hash: string) => void) | undefined;
  /** Blocks to wait for; 1 by default. */
  confirmations?: number | undefined;
};

/** The transaction was mined but reverted (e.g. state changed between simulation and mining). */
export class TransactionRevertedError extends SdkError {
  override name = "TransactionRevertedError";
  constructor(readonly hash: string) {
    super(`Transaction ${hash} was mined but reverted; read the current state and retry.`);
  }
}

/** The node dropped or replaced the transaction before it was mined. */
export class TransactionDroppedError extends SdkError {
  override name = "TransactionDroppedError";
  constructor(readonly hash: string) {
    super(`Transaction ${hash} was dropped or replaced before it was mined; check the account's nonce and resend.`);
  }
}

/**
 * Sends a contract call and waits for its receipt. ethers simulates the call when estimating gas,
 * so a call that would revert fails here, before anything is sent, as a `ContractRevertError`
 * with the decoded custom error.
 */
export async function sendAndWait(
  send: () => Promise<ContractTransactionResponse>,
  options: SendOptions = {},
): Promise<TransactionReceipt> {
  let response: ContractTransactionResponse;
  try {
    response = await send();
  } catch (error) {
    throw decodeRevert(error) ?? error;
  }
  options.onSent?.(response.hash);
  let receipt: TransactionReceipt | null;
  try {
    receipt = await response.wait(options.confirmations ?? 1);
  } catch (error) {
    const revert = decodeRevert(error);
    if (revert !== undefined) throw revert;
    if ((error as { code?: string }).code === "CALL_EXCEPTION") throw new TransactionRevertedError(response.hash);
    throw error;
  }
  if (receipt === null) throw new TransactionDroppedError(response.hash);
  if (receipt.status !== 1) throw new TransactionRevertedError(response.hash);
  return receipt;
}
