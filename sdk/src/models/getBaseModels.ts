import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { InvalidPageError } from "../errors/parameters.js";
import { withDecodedReverts } from "../errors/revert.js";
import { collectPages, type PageParameters } from "../internal/paginate.js";
import { type BaseModel, toBaseModel } from "./types.js";

/**
 * What `getBaseModels` takes.
 *
 * @example
 * const run = (parameters: GetBaseModelsParameters) => getBaseModels(client, parameters);
 */
export type GetBaseModelsParameters = {
  /** The first id to return; 1 by default. */
  fromId?: bigint | undefined;
} & PageParameters;

/**
 * Base models `fromId`, `fromId + 1`, … in id order, retired ones included; empty past the last one.
 *
 * @example
 * const result: GetBaseModelsReturnType = await getBaseModels(client, parameters);
 */
export type GetBaseModelsReturnType = BaseModel[];

/**
 * The errors `getBaseModels` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await getBaseModels(client, parameters).catch((e: unknown) => e)) as GetBaseModelsErrorType;
 * if (error instanceof InvalidPageError) console.log(error.shortMessage);
 */
export type GetBaseModelsErrorType = InvalidPageError;

/**
 * Lists base models, walking the registry's pages (at most 100 per call) until the end or `limit`.
 *
 * @example
 * const open = (await getBaseModels(client)).filter((base) => !base.retired); // those new models can use
 */
export async function getBaseModels(
  client: Client,
  { fromId = 1n, ...page }: GetBaseModelsParameters = {},
): Promise<GetBaseModelsReturnType> {
  const registry = modelRegistry(client);
  return collectPages(
    async (from, size) =>
      (await withDecodedReverts(() => registry.getBaseModels(from, size))).map((raw, i) =>
        toBaseModel(from + BigInt(i), raw),
      ),
    "fromId",
    fromId,
    page,
  );
}
