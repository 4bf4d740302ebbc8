import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { InvalidIdError, InvalidPageError } from "../errors/parameters.js";
import { type ContractRevertError, withDecodedReverts } from "../errors/revert.js";
import { collectPages, type PageParameters } from "../internal/paginate.js";
import { checkId } from "../internal/validate.js";

/**
 * What `getModelAdapters` takes.
 *
 * @example
 * const run = (parameters: GetModelAdaptersParameters) => getModelAdapters(client, parameters);
 */
export type GetModelAdaptersParameters = {
  modelId: bigint;
  /** The first adapter version to return; 1 by default. */
  fromVersion?: bigint | undefined;
} & PageParameters;

/**
 * The adapter ids of versions `fromVersion`, `fromVersion + 1`, … of the model, in version order.
 *
 * @example
 * const result: GetModelAdaptersReturnType = await getModelAdapters(client, parameters);
 */
export type GetModelAdaptersReturnType = bigint[];

/**
 * `ContractRevertError` `ModelUnknownModel` when no model has the id.
 *
 * @example
 * const error = (await getModelAdapters(client, parameters).catch((e: unknown) => e)) as GetModelAdaptersErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type GetModelAdaptersErrorType = InvalidIdError | InvalidPageError | ContractRevertError;

/**
 * Lists the adapter ids of a model's versions, walking the registry's pages until the end or `limit`.
 *
 * @example
 * const adapterIds = await getModelAdapters(client, { modelId: 1n });
 * const latest = await getAdapter(client, { adapterId: adapterIds.at(-1)! });
 */
export async function getModelAdapters(
  client: Client,
  { modelId, fromVersion = 1n, ...page }: GetModelAdaptersParameters,
): Promise<GetModelAdaptersReturnType> {
  const id = checkId("modelId", modelId);
  const registry = modelRegistry(client);
  return collectPages(
    (from, size) => withDecodedReverts(() => registry.getModelAdapters(id, from, size)),
    "fromVersion",
    fromVersion,
    page,
  );
}
