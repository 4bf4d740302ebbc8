import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { EmptyStringError, InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkHash, checkId, checkString } from "../internal/validate.js";
import type { WebCryptoUnavailableError } from "./errors.js";
import { hashAdapterWeights } from "./hashAdapterWeights.js";
import { CONFIG_HASH, MANIFEST_HASH, WEIGHTS_HASH } from "./internal.js";
import { parseModelRegistryLogs } from "./parseModelRegistryLogs.js";

/**
 * What `publishAdapter` takes.
 *
 * @example
 * const run = (parameters: PublishAdapterParameters) => publishAdapter(client, parameters);
 */
export type PublishAdapterParameters = {
  modelId: bigint;
  /** Hash of the adapter's configuration (rank, alpha, target modules). */
  configHash: string;
  /** Hash of the training manifest (Datanet versions, data order, seed). */
  manifestHash: string;
  /** Where the weights, configuration and manifest are. */
  uri: string;
} & (
  | { /** sha256 of the weights file (`hashAdapterWeights`). */ adapterHash: string; weights?: undefined }
  | { /** The weights file's bytes, hashed here. */ weights: Uint8Array; adapterHash?: undefined }
) &
  SendOptions;

/**
 * What `publishAdapter` returns.
 *
 * @example
 * const result: PublishAdapterReturnType = await publishAdapter(client, parameters);
 */
export type PublishAdapterReturnType = {
  receipt: TransactionReceipt;
  adapterId: bigint;
  /** The adapter's version within the model: 1, 2, … */
  version: bigint;
  adapterHash: string;
};

/**
 * The errors `publishAdapter` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await publishAdapter(client, parameters).catch((e: unknown) => e)) as PublishAdapterErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type PublishAdapterErrorType =
  InvalidIdError | InvalidHashError | EmptyStringError | WebCryptoUnavailableError | SendErrorType;

/**
 * Publishes the next adapter version of a model. Only the model's builder. A trainer then
 * verifies it (`attest`, or `signAttestation` + `attestWithSignature`) before it can be activated.
 *
 * @example
 * const { adapterId } = await publishAdapter(builderClient, {
 *   modelId: 1n,
 *   weights: new Uint8Array(await file.arrayBuffer()),
 *   configHash: keccak256(toUtf8Bytes(JSON.stringify(config))),
 *   manifestHash,
 *   uri: "ipfs://bafy…/adapter",
 * });
 */
export async function publishAdapter(
  client: Client,
  parameters: PublishAdapterParameters,
): Promise<PublishAdapterReturnType> {
  const modelId = checkId("modelId", parameters.modelId);
  const adapterHash =
    parameters.weights !== undefined
      ? await hashAdapterWeights(parameters.weights)
      : checkHash("adapterHash", parameters.adapterHash, WEIGHTS_HASH);
  const params = {
    adapterHash,
    configHash: checkHash("configHash", parameters.configHash, CONFIG_HASH),
    manifestHash: checkHash("manifestHash", parameters.manifestHash, MANIFEST_HASH),
    uri: checkString("uri", parameters.uri),
  };
  const receipt = await send(client, modelRegistry, (registry) => registry.publishAdapter(modelId, params), parameters);
  const [published] = eventsNamed(parseModelRegistryLogs(client, receipt), "AdapterPublished");
  return { receipt, adapterId: published!.args.adapterId, version: published!.args.version, adapterHash };
}
