import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { InvalidIdError } from "../errors/parameters.js";
import { type ContractRevertError, withDecodedReverts } from "../errors/revert.js";
import { checkId } from "../internal/validate.js";
import { type Adapter, toAdapter } from "./types.js";

/**
 * What `getAdapter` takes.
 *
 * @example
 * const run = (parameters: GetAdapterParameters) => getAdapter(client, parameters);
 */
export type GetAdapterParameters = { adapterId: bigint };

/**
 * What `getAdapter` returns.
 *
 * @example
 * const result: GetAdapterReturnType = await getAdapter(client, parameters);
 */
export type GetAdapterReturnType = Adapter;

/**
 * `ContractRevertError` `ModelUnknownAdapter` when no adapter has the id.
 *
 * @example
 * const error = (await getAdapter(client, parameters).catch((e: unknown) => e)) as GetAdapterErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type GetAdapterErrorType = InvalidIdError | ContractRevertError;

/**
 * Reads an adapter: its model and version, status, price, verification and hashes.
 *
 * @example
 * const adapter = await getAdapter(client, { adapterId: 1n });
 * if (adapter.status === "Active") console.log(adapter.pricePerCall);
 */
export async function getAdapter(client: Client, parameters: GetAdapterParameters): Promise<GetAdapterReturnType> {
  const adapterId = checkId("adapterId", parameters.adapterId);
  return toAdapter(adapterId, await withDecodedReverts(() => modelRegistry(client).getAdapter(adapterId)));
}
