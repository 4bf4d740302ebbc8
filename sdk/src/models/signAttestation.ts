import { getAddress } from "ethers";

import { requireSigner, type Client } from "../client/client.js";
import type { RunnerError } from "../client/errors.js";
import { modelRegistry } from "../client/contracts.js";
import type { InvalidAmountError, InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import type { ContractRevertError } from "../errors/revert.js";
import { type Attestation, buildAttestation } from "./buildAttestation.js";
import {
  AdapterHashMismatchError,
  AttestationDeadlineError,
  type InvalidScoreError,
  NotTrainerError,
} from "./errors.js";
import { getAdapter } from "./getAdapter.js";

/**
 * What `signAttestation` takes.
 *
 * @example
 * const run = (parameters: SignAttestationParameters) => signAttestation(client, parameters);
 */
export type SignAttestationParameters = Omit<Attestation, "deadline"> & {
  /** Last Unix time (seconds) the signature is accepted; one day after the latest block by default. */
  deadline?: bigint | undefined;
};

/**
 * What `signAttestation` returns.
 *
 * @example
 * const result: SignAttestationReturnType = await signAttestation(client, parameters);
 */
export type SignAttestationReturnType = {
  attestation: Attestation;
  /** The signing trainer (the client's signer). */
  trainer: string;
  signature: string;
};

/**
 * The errors `signAttestation` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await signAttestation(client, parameters).catch((e: unknown) => e)) as SignAttestationErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type SignAttestationErrorType =
  | InvalidIdError
  | InvalidHashError
  | InvalidScoreError
  | InvalidAmountError
  | AttestationDeadlineError
  | AdapterHashMismatchError
  | NotTrainerError
  | RunnerError
  | ContractRevertError;

/** One day: the default validity of an attestation signature. */
const DEFAULT_ATTESTATION_LIFETIME = 24n * 3600n;

/**
 * Signs an attestation with the client's signer, a trainer, for anyone to relay with
 * `attestWithSignature` (no transaction here). Checks first that the signer holds `TRAINER_ROLE`,
 * that the adapter's weights are the ones evaluated (`adapterHash`) and that the deadline is ahead.
 *
 * @example
 * const signed = await signAttestation(trainerClient, {
 *   adapterId: 1n,
 *   adapterHash: await hashAdapterWeights(evaluatedWeights),
 *   score: 8_712n,
 *   reportHash: keccak256(report),
 * });
 * await attestWithSignature(relayerClient, signed);
 */
export async function signAttestation(
  client: Client,
  parameters: SignAttestationParameters,
): Promise<SignAttestationReturnType> {
  const signer = requireSigner(client);
  // Every field is checked before any request; the default deadline needs the chain's time.
  const fields = buildAttestation(client, { ...parameters, deadline: parameters.deadline ?? 0n }).message;
  const registry = modelRegistry(client);
  const trainer = getAddress(await signer.getAddress());
  // No `await` inside the array: a read that rejected while another was awaited would go unhandled.
  const [latest, adapter, isTrainer] = await Promise.all([
    client.provider.getBlock("latest"),
    getAdapter(client, { adapterId: fields.adapterId }),
    registry.TRAINER_ROLE().then((role) => registry.hasRole(role, trainer)),
  ]);
  const now = BigInt(latest!.timestamp);
  const deadline = parameters.deadline ?? now + DEFAULT_ATTESTATION_LIFETIME;
  if (deadline <= now) throw new AttestationDeadlineError(deadline, now);
  if (!isTrainer) throw new NotTrainerError(trainer);
  if (adapter.adapterHash.toLowerCase() !== fields.adapterHash) {
    throw new AdapterHashMismatchError(fields.adapterId, adapter.adapterHash, fields.adapterHash);
  }
  const typed = buildAttestation(client, { ...fields, deadline });
  const { message } = typed;
  const signature = await signer.signTypedData(typed.domain, typed.types, message);
  return { attestation: message, trainer, signature };
}
