import { SdkError } from "../errors/base.js";

/**
 * A model needs 1 to 32 Datanet versions (`MAX_SOURCES`).
 *
 * @example
 * const error = await createModel(client, { baseModelId: 1n, sources: [], metadataURI }).catch((e) => e);
 * if (error instanceof SourceCountOutOfRangeError) console.log(error.count, error.max);
 */
export class SourceCountOutOfRangeError extends SdkError {
  override name = "SourceCountOutOfRangeError";
  constructor(
    readonly count: number,
    readonly max: number,
  ) {
    super(`sources must hold 1 to ${max} Datanet versions; got ${count}.`);
  }
}

/**
 * The same Datanet version is listed twice among a model's sources.
 *
 * @example
 * const sources = [{ datanetId: 1n, version: 1n }, { datanetId: 1n, version: 1n }];
 * const error = await createModel(client, { baseModelId: 1n, sources, metadataURI }).catch((e) => e);
 * if (error instanceof DuplicateSourceError) console.log(error.datanetId, error.version);
 */
export class DuplicateSourceError extends SdkError {
  override name = "DuplicateSourceError";
  constructor(
    readonly datanetId: bigint,
    readonly version: bigint,
  ) {
    super(`Datanet ${datanetId} version ${version} is listed twice in sources; list each version once.`);
  }
}

/**
 * An evaluation score is not a uint32.
 *
 * @example
 * const error = await attest(client, { adapterId: 1n, score: -1n, reportHash }).catch((e) => e);
 * if (error instanceof InvalidScoreError) console.log(error.value);
 */
export class InvalidScoreError extends SdkError {
  override name = "InvalidScoreError";
  constructor(readonly value: unknown) {
    super(`score must be a bigint from 0 to ${2n ** 32n - 1n} (its scale is in the report); got ${String(value)}.`);
  }
}

/**
 * An attestation's deadline is not after the latest block: the registry would refuse it.
 *
 * @example
 * const error = await signAttestation(client, { ...attestation, deadline: 0n }).catch((e) => e);
 * if (error instanceof AttestationDeadlineError) console.log(error.latestTimestamp);
 */
export class AttestationDeadlineError extends SdkError {
  override name = "AttestationDeadlineError";
  constructor(
    readonly deadline: bigint,
    readonly latestTimestamp: bigint,
  ) {
    super(
      `The attestation deadline ${deadline} is not after the latest block's timestamp ${latestTimestamp}; ` +
        "pass a later deadline (a Unix time in seconds), or omit it for one day from now.",
    );
  }
}

/**
 * The weights the trainer evaluated are not the adapter's: a signature over them would be refused.
 *
 * @example
 * const error = await signAttestation(client, { ...attestation, adapterHash: evaluatedHash }).catch((e) => e);
 * if (error instanceof AdapterHashMismatchError) console.log("published", error.adapterHash, "evaluated", error.attestedHash);
 */
export class AdapterHashMismatchError extends SdkError {
  override name = "AdapterHashMismatchError";
  constructor(
    readonly adapterId: bigint,
    readonly adapterHash: string,
    readonly attestedHash: string,
  ) {
    super(
      `Adapter ${adapterId} has weights ${adapterHash}, not ${attestedHash}; ` +
        "hash the adapter's published weights file (hashAdapterWeights) and evaluate that one.",
    );
  }
}

/**
 * The signing account does not hold `TRAINER_ROLE`: its attestations would be refused.
 *
 * @example
 * const error = await signAttestation(client, attestation).catch((e) => e);
 * if (error instanceof NotTrainerError) console.log(error.account, "needs TRAINER_ROLE");
 */
export class NotTrainerError extends SdkError {
  override name = "NotTrainerError";
  constructor(readonly account: string) {
    super(
      `${account} is not a trainer of the model registry; ask its admin to grant TRAINER_ROLE, or sign with a trainer.`,
    );
  }
}

/**
 * A signature is not hex bytes.
 *
 * @example
 * const error = await attestWithSignature(client, { attestation, trainer, signature: "0x" }).catch((e) => e);
 * if (error instanceof InvalidSignatureError) console.log(error.value);
 */
export class InvalidSignatureError extends SdkError {
  override name = "InvalidSignatureError";
  constructor(readonly value: unknown) {
    super(`signature must be hex bytes (65 bytes for an account, any length for ERC-1271); got ${String(value)}.`);
  }
}

/**
 * WebCrypto (`globalThis.crypto.subtle`) is missing: no SHA-256 without it.
 *
 * @example
 * const error = await hashAdapterWeights(bytes).catch((e) => e);
 * if (error instanceof WebCryptoUnavailableError) console.log("run in a browser over HTTPS or Node.js ≥ 20");
 */
export class WebCryptoUnavailableError extends SdkError {
  override name = "WebCryptoUnavailableError";
  constructor() {
    super("globalThis.crypto.subtle is not available; use a browser over HTTPS or Node.js 20 or later.");
  }
}
