import type { TypedDataDomain, TypedDataField } from "ethers";

import type { Client } from "../client/client.js";
import type { InvalidAmountError, InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { checkAmount, checkHash, checkId } from "../internal/validate.js";
import type { InvalidScoreError } from "./errors.js";
import { checkScore, REPORT_HASH, WEIGHTS_HASH } from "./internal.js";

/**
 * A trainer's verdict on an adapter (`IModelRegistry.Attestation`).
 *
 * @example
 * const attestation: Attestation = { adapterId: 1n, adapterHash, score: 8_712n, reportHash, deadline };
 */
export type Attestation = {
  adapterId: bigint;
  /** The adapter's weights hash: the signature covers these exact weights. */
  adapterHash: string;
  /** Evaluation score (uint32; its scale is in the report). */
  score: bigint;
  reportHash: string;
  /** Last Unix time (seconds) the signature is accepted. */
  deadline: bigint;
};

/**
 * What `buildAttestation` takes.
 *
 * @example
 * const run = (parameters: BuildAttestationParameters) => buildAttestation(client, parameters);
 */
export type BuildAttestationParameters = Attestation;

/**
 * EIP-712 typed data, as `signer.signTypedData(domain, types, message)` takes it.
 *
 * @example
 * const result: BuildAttestationReturnType = buildAttestation(client, parameters);
 */
export type BuildAttestationReturnType = {
  domain: TypedDataDomain;
  types: Record<string, TypedDataField[]>;
  primaryType: "Attestation";
  message: Attestation;
};

/**
 * The errors `buildAttestation` can throw; match them by class, never by message.
 *
 * @example
 * let error: BuildAttestationErrorType | undefined;
 * try { buildAttestation(client, parameters); } catch (e) { error = e as BuildAttestationErrorType; }
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type BuildAttestationErrorType = InvalidIdError | InvalidHashError | InvalidScoreError | InvalidAmountError;

/**
 * The registry's EIP-712 domain name and version.
 *
 * @example
 * const domain = { name: ATTESTATION_DOMAIN_NAME, version: ATTESTATION_DOMAIN_VERSION, chainId, verifyingContract };
 */
export const ATTESTATION_DOMAIN_NAME = "OpenAttribution ModelRegistry";
/**
 * The registry's EIP-712 domain version.
 *
 * @example
 * const domain = { name: ATTESTATION_DOMAIN_NAME, version: ATTESTATION_DOMAIN_VERSION, chainId, verifyingContract };
 */
export const ATTESTATION_DOMAIN_VERSION = "1";

const ATTESTATION_TYPES: Record<string, TypedDataField[]> = {
  Attestation: [
    { name: "adapterId", type: "uint256" },
    { name: "adapterHash", type: "bytes32" },
    { name: "score", type: "uint32" },
    { name: "reportHash", type: "bytes32" },
    { name: "deadline", type: "uint256" },
  ],
};

/**
 * Builds the EIP-712 typed data of an attestation in the client's registry domain (name
 * "OpenAttribution ModelRegistry", version "1", the client's chain id, the registry's address),
 * so a signature is worthless on another chain or deployment. Pure: no request is made; sign it
 * with any EIP-712 signer (a wallet, a KMS, a multisig's ERC-1271 flow).
 *
 * @example
 * const { domain, types, message } = buildAttestation(client, attestation);
 * const signature = await trainer.signTypedData(domain, types, message);
 * TypedDataEncoder.hash(domain, types, message); // equals the registry's attestationDigest(attestation)
 */
export function buildAttestation(client: Client, attestation: BuildAttestationParameters): BuildAttestationReturnType {
  const message: Attestation = {
    adapterId: checkId("adapterId", attestation.adapterId),
    adapterHash: checkHash("adapterHash", attestation.adapterHash, WEIGHTS_HASH),
    score: checkScore(attestation.score),
    reportHash: checkHash("reportHash", attestation.reportHash, REPORT_HASH),
    deadline: checkAmount("deadline", attestation.deadline),
  };
  return {
    domain: {
      name: ATTESTATION_DOMAIN_NAME,
      version: ATTESTATION_DOMAIN_VERSION,
      chainId: client.chainId,
      verifyingContract: client.addresses.modelRegistry,
    },
    types: ATTESTATION_TYPES,
    primaryType: "Attestation",
    message,
  };
}
