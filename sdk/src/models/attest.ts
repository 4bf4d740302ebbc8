import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkHash, checkId } from "../internal/validate.js";
import type { InvalidScoreError } from "./errors.js";
import { checkScore, REPORT_HASH } from "./internal.js";
import { parseModelRegistryLogs } from "./parseModelRegistryLogs.js";

/**
 * What `attest` takes.
 *
 * @example
 * const run = (parameters: AttestParameters) => attest(client, parameters);
 */
export type AttestParameters = {
  adapterId: bigint;
  /** Evaluation score (uint32; its scale is in the report). */
  score: bigint;
  /** Hash of the evaluation report. */
  reportHash: string;
} & SendOptions;

/**
 * What `attest` returns.
 *
 * @example
 * const result: AttestReturnType = await attest(client, parameters);
 */
export type AttestReturnType = { receipt: TransactionReceipt; adapterId: bigint; trainer: string };

/**
 * The errors `attest` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await attest(client, parameters).catch((e: unknown) => e)) as AttestErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type AttestErrorType = InvalidIdError | InvalidScoreError | InvalidHashError | SendErrorType;

/**
 * Verifies a published adapter directly, as the trainer sending the transaction. Only
 * `TRAINER_ROLE`. (To have someone else pay the gas, use `signAttestation` + `attestWithSignature`.)
 *
 * @example
 * await attest(trainerClient, { adapterId: 1n, score: 8_712n, reportHash: keccak256(report) });
 */
export async function attest(client: Client, parameters: AttestParameters): Promise<AttestReturnType> {
  const adapterId = checkId("adapterId", parameters.adapterId);
  const score = checkScore(parameters.score);
  const reportHash = checkHash("reportHash", parameters.reportHash, REPORT_HASH);
  const receipt = await send(
    client,
    modelRegistry,
    (registry) => registry.attest(adapterId, score, reportHash),
    parameters,
  );
  const [verified] = eventsNamed(parseModelRegistryLogs(client, receipt), "AdapterVerified");
  return { receipt, adapterId, trainer: verified!.args.trainer };
}
