import { hexlify } from "ethers";

import { WebCryptoUnavailableError } from "./errors.js";

/**
 * What `hashAdapterWeights` takes.
 *
 * @example
 * const run = (bytes: HashAdapterWeightsParameters) => hashAdapterWeights(bytes);
 */
export type HashAdapterWeightsParameters = Uint8Array;

/**
 * `0x` and 64 lower-case hex digits.
 *
 * @example
 * const result: HashAdapterWeightsReturnType = await hashAdapterWeights(bytes);
 */
export type HashAdapterWeightsReturnType = string;

/**
 * The errors `hashAdapterWeights` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await hashAdapterWeights(bytes).catch((e: unknown) => e)) as HashAdapterWeightsErrorType;
 * if (error instanceof WebCryptoUnavailableError) console.log(error.shortMessage);
 */
export type HashAdapterWeightsErrorType = WebCryptoUnavailableError | TypeError;

/**
 * The hash the registry records for a weights file: sha256 of the file's bytes, computed with
 * WebCrypto (browsers, Node.js ≥ 20). For adapters (`publishAdapter`, attestations) and base
 * models (`addBaseModel`) alike.
 *
 * @example
 * const adapterHash = await hashAdapterWeights(new Uint8Array(await file.arrayBuffer()));
 */
export async function hashAdapterWeights(bytes: HashAdapterWeightsParameters): Promise<HashAdapterWeightsReturnType> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("hashAdapterWeights takes the file's bytes as a Uint8Array");
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) throw new WebCryptoUnavailableError();
  return hexlify(new Uint8Array(await subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>)));
}
