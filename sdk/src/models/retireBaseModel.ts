import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidIdError } from "../errors/parameters.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkId } from "../internal/validate.js";

/**
 * What `retireBaseModel` takes.
 *
 * @example
 * const run = (parameters: RetireBaseModelParameters) => retireBaseModel(client, parameters);
 */
export type RetireBaseModelParameters = { baseModelId: bigint } & SendOptions;

/**
 * What `retireBaseModel` returns.
 *
 * @example
 * const result: RetireBaseModelReturnType = await retireBaseModel(client, parameters);
 */
export type RetireBaseModelReturnType = { receipt: TransactionReceipt };

/**
 * The errors `retireBaseModel` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await retireBaseModel(client, parameters).catch((e: unknown) => e)) as RetireBaseModelErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type RetireBaseModelErrorType = InvalidIdError | SendErrorType;

/**
 * Retires a base model: no new model can use it; models and adapters built on it keep serving.
 * Only `REGISTRAR_ROLE`.
 *
 * @example
 * await retireBaseModel(registrarClient, { baseModelId: 1n });
 */
export async function retireBaseModel(
  client: Client,
  parameters: RetireBaseModelParameters,
): Promise<RetireBaseModelReturnType> {
  const baseModelId = checkId("baseModelId", parameters.baseModelId);
  const receipt = await send(client, modelRegistry, (registry) => registry.retireBaseModel(baseModelId), parameters);
  return { receipt };
}
