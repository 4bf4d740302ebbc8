import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { InvalidIdError } from "../errors/parameters.js";
import { type ContractRevertError, withDecodedReverts } from "../errors/revert.js";
import { checkId } from "../internal/validate.js";
import { type BaseModel, toBaseModel } from "./types.js";

/**
 * What `getBaseModel` takes.
 *
 * @example
 * const run = (parameters: GetBaseModelParameters) => getBaseModel(client, parameters);
 */
export type GetBaseModelParameters = { baseModelId: bigint };

/**
 * What `getBaseModel` returns.
 *
 * @example
 * const result: GetBaseModelReturnType = await getBaseModel(client, parameters);
 */
export type GetBaseModelReturnType = BaseModel;

/**
 * `ContractRevertError` `ModelUnknownBaseModel` when no base model has the id.
 *
 * @example
 * const error = (await getBaseModel(client, parameters).catch((e: unknown) => e)) as GetBaseModelErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type GetBaseModelErrorType = InvalidIdError | ContractRevertError;

/**
 * Reads a base model: name, weights hash, licence and whether it is retired.
 *
 * @example
 * const { name, retired } = await getBaseModel(client, { baseModelId: 1n });
 */
export async function getBaseModel(
  client: Client,
  parameters: GetBaseModelParameters,
): Promise<GetBaseModelReturnType> {
  const baseModelId = checkId("baseModelId", parameters.baseModelId);
  return toBaseModel(baseModelId, await withDecodedReverts(() => modelRegistry(client).getBaseModel(baseModelId)));
}
