import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { InvalidIdError } from "../errors/parameters.js";
import { type ContractRevertError, withDecodedReverts } from "../errors/revert.js";
import { checkId } from "../internal/validate.js";
import { type Model, toModel } from "./types.js";

/**
 * What `getModel` takes.
 *
 * @example
 * const run = (parameters: GetModelParameters) => getModel(client, parameters);
 */
export type GetModelParameters = { modelId: bigint };

/**
 * What `getModel` returns.
 *
 * @example
 * const result: GetModelReturnType = await getModel(client, parameters);
 */
export type GetModelReturnType = Model;

/**
 * `ContractRevertError` `ModelUnknownModel` when no model has the id.
 *
 * @example
 * const error = (await getModel(client, parameters).catch((e: unknown) => e)) as GetModelErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type GetModelErrorType = InvalidIdError | ContractRevertError;

/**
 * Reads a model: builder, base model, adapter count, metadata and the Datanet versions it used.
 *
 * @example
 * const { sources } = await getModel(client, { modelId: 1n });
 */
export async function getModel(client: Client, parameters: GetModelParameters): Promise<GetModelReturnType> {
  const modelId = checkId("modelId", parameters.modelId);
  return toModel(modelId, await withDecodedReverts(() => modelRegistry(client).getModel(modelId)));
}
