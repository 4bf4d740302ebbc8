import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { EmptyStringError, InvalidHashError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkHash, checkString } from "../internal/validate.js";
import { WEIGHTS_HASH } from "./internal.js";
import { parseModelRegistryLogs } from "./parseModelRegistryLogs.js";

/**
 * What `addBaseModel` takes.
 *
 * @example
 * const run = (parameters: AddBaseModelParameters) => addBaseModel(client, parameters);
 */
export type AddBaseModelParameters = {
  /** E.g. "Qwen2.5-0.5B". */
  name: string;
  /** sha256 of the weights file (`hashAdapterWeights`); one base model per weights. */
  weightsHash: string;
  licenseURI: string;
} & SendOptions;

/**
 * What `addBaseModel` returns.
 *
 * @example
 * const result: AddBaseModelReturnType = await addBaseModel(client, parameters);
 */
export type AddBaseModelReturnType = { receipt: TransactionReceipt; baseModelId: bigint };

/**
 * The errors `addBaseModel` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await addBaseModel(client, parameters).catch((e: unknown) => e)) as AddBaseModelErrorType;
 * if (error instanceof EmptyStringError) console.log(error.shortMessage);
 */
export type AddBaseModelErrorType = EmptyStringError | InvalidHashError | SendErrorType;

/**
 * Registers a base model builders can fine-tune. Only `REGISTRAR_ROLE`.
 *
 * @example
 * const { baseModelId } = await addBaseModel(registrarClient, {
 *   name: "Qwen2.5-0.5B",
 *   weightsHash: await hashAdapterWeights(weights),
 *   licenseURI: "https://www.apache.org/licenses/LICENSE-2.0",
 * });
 */
export async function addBaseModel(
  client: Client,
  parameters: AddBaseModelParameters,
): Promise<AddBaseModelReturnType> {
  const name = checkString("name", parameters.name);
  const weightsHash = checkHash("weightsHash", parameters.weightsHash, WEIGHTS_HASH);
  const licenseURI = checkString("licenseURI", parameters.licenseURI);
  const receipt = await send(
    client,
    modelRegistry,
    (registry) => registry.addBaseModel(name, weightsHash, licenseURI),
    parameters,
  );
  const [added] = eventsNamed(parseModelRegistryLogs(client, receipt), "BaseModelAdded");
  return { receipt, baseModelId: added!.args.baseModelId };
}
