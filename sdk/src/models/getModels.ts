import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { InvalidPageError } from "../errors/parameters.js";
import { withDecodedReverts } from "../errors/revert.js";
import { collectPages, type PageParameters } from "../internal/paginate.js";
import { type Model, toModel } from "./types.js";

/**
 * What `getModels` takes.
 *
 * @example
 * const run = (parameters: GetModelsParameters) => getModels(client, parameters);
 */
export type GetModelsParameters = {
  /** The first id to return; 1 by default. */
  fromId?: bigint | undefined;
} & PageParameters;

/**
 * Models `fromId`, `fromId + 1`, … in id order; empty past the last one.
 *
 * @example
 * const result: GetModelsReturnType = await getModels(client, parameters);
 */
export type GetModelsReturnType = Model[];

/**
 * The errors `getModels` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await getModels(client, parameters).catch((e: unknown) => e)) as GetModelsErrorType;
 * if (error instanceof InvalidPageError) console.log(error.shortMessage);
 */
export type GetModelsErrorType = InvalidPageError;

/**
 * Lists models, walking the registry's pages (at most 100 per call) until the end or `limit`.
 *
 * @example
 * const all = await getModels(client); // every model
 * const page = await getModels(client, { fromId: 21n, limit: 20n }); // ids 21..40 at most
 */
export async function getModels(
  client: Client,
  { fromId = 1n, ...page }: GetModelsParameters = {},
): Promise<GetModelsReturnType> {
  const registry = modelRegistry(client);
  return collectPages(
    async (from, size) =>
      (await withDecodedReverts(() => registry.getModels(from, size))).map((raw, i) => toModel(from + BigInt(i), raw)),
    "fromId",
    fromId,
    page,
  );
}
