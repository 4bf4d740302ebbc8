import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { InvalidPageError } from "../errors/parameters.js";
import { withDecodedReverts } from "../errors/revert.js";
import { collectPages, type PageParameters } from "../internal/paginate.js";
import { type Datanet, toDatanet } from "./types.js";

/**
 * What `getDatanets` takes.
 *
 * @example
 * const run = (parameters: GetDatanetsParameters) => getDatanets(client, parameters);
 */
export type GetDatanetsParameters = {
  /** The first id to return; 1 by default. */
  fromId?: bigint | undefined;
} & PageParameters;

/**
 * Datanets `fromId`, `fromId + 1`, … in id order; empty past the last one.
 *
 * @example
 * const result: GetDatanetsReturnType = await getDatanets(client, parameters);
 */
export type GetDatanetsReturnType = Datanet[];

/**
 * The errors `getDatanets` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await getDatanets(client, parameters).catch((e: unknown) => e)) as GetDatanetsErrorType;
 * if (error instanceof InvalidPageError) console.log(error.shortMessage);
 */
export type GetDatanetsErrorType = InvalidPageError;

/**
 * Lists Datanets, walking the registry's pages (at most 100 per call) until the end or `limit`.
 *
 * @example
 * const all = await getDatanets(client); // every Datanet
 * const page = await getDatanets(client, { fromId: 21n, limit: 20n }); // ids 21..40 at most
 */
export async function getDatanets(
  client: Client,
  { fromId = 1n, ...page }: GetDatanetsParameters = {},
): Promise<GetDatanetsReturnType> {
  const registry = datanetRegistry(client);
  const raw = await collectPages(
    (from, size) => withDecodedReverts(() => registry.getDatanets(from, size)),
    "fromId",
    fromId,
    page,
  );
  return raw.map(toDatanet);
}
