import { isHexString, type TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import { modelRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidAmountError, InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkAddress } from "../internal/validate.js";
import { type Attestation, buildAttestation } from "./buildAttestation.js";
import { InvalidSignatureError, type InvalidScoreError } from "./errors.js";
import { parseModelRegistryLogs } from "./parseModelRegistryLogs.js";

/**
 * What `attestWithSignature` takes.
 *
 * @example
 * const run = (parameters: AttestWithSignatureParameters) => attestWithSignature(client, parameters);
 */
export type AttestWithSignatureParameters = {
  attestation: Attestation;
  /** The trainer who signed it. */
  trainer: string;
  /** The trainer's EIP-712 signature (65 bytes) or ERC-1271 signature. */
  signature: string;
} & SendOptions;

/**
 * What `attestWithSignature` returns.
 *
 * @example
 * const result: AttestWithSignatureReturnType = await attestWithSignature(client, parameters);
 */
export type AttestWithSignatureReturnType = {
  receipt: TransactionReceipt;
  adapterId: bigint;
  trainer: string;
  score: bigint;
  reportHash: string;
};

/**
 * The errors `attestWithSignature` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await attestWithSignature(client, parameters).catch((e: unknown) => e)) as AttestWithSignatureErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type AttestWithSignatureErrorType =
  | InvalidIdError
  | InvalidHashError
  | InvalidScoreError
  | InvalidAmountError
  | InvalidAddressError
  | InvalidSignatureError
  | SendErrorType;

/**
 * Relays a trainer's signed attestation: the adapter becomes verified. Anyone may send it (the
 * client's signer pays the gas); the registry checks the trainer's role, the weights, the
 * deadline and the signature.
 *
 * @example
 * const signed = await signAttestation(trainerClient, { adapterId: 1n, adapterHash, score: 8_712n, reportHash });
 * await attestWithSignature(relayerClient, signed);
 */
export async function attestWithSignature(
  client: Client,
  parameters: AttestWithSignatureParameters,
): Promise<AttestWithSignatureReturnType> {
  const { message } = buildAttestation(client, parameters.attestation);
  const trainer = checkAddress("trainer", parameters.trainer);
  const { signature } = parameters;
  if (!isHexString(signature, true) || signature.length <= 2) throw new InvalidSignatureError(signature);
  const receipt = await send(
    client,
    modelRegistry,
    (registry) => registry.attestWithSignature(message, trainer, signature),
    parameters,
  );
  const [verified] = eventsNamed(parseModelRegistryLogs(client, receipt), "AdapterVerified");
  const { adapterId, score, reportHash } = verified!.args;
  return { receipt, adapterId, trainer: verified!.args.trainer, score, reportHash };
}
