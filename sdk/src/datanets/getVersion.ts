import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { InvalidIdError } from "../errors/parameters.js";
import { type ContractRevertError, withDecodedReverts } from "../errors/revert.js";
import { checkId } from "../internal/validate.js";
import { toVersion, type Version } from "./types.js";

/**
 * What `getVersion` takes.
 *
 * @example
 * const run = (parameters: GetVersionParameters) => getVersion(client, parameters);
 */
export type GetVersionParameters = { datanetId: bigint; version: bigint };

/**
 * What `getVersion` returns.
 *
 * @example
 * const result: GetVersionReturnType = await getVersion(client, parameters);
 */
export type GetVersionReturnType = Version;

/**
 * `ContractRevertError` `DatanetUnknownVersion` when the version is not published.
 *
 * @example
 * const error = (await getVersion(client, parameters).catch((e: unknown) => e)) as GetVersionErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type GetVersionErrorType = InvalidIdError | ContractRevertError;

/**
 * Reads one published version of a Datanet: its root, size, time and manifest.
 *
 * @example
 * const { root, manifestURI } = await getVersion(client, { datanetId: 1n, version: 3n });
 */
export async function getVersion(client: Client, parameters: GetVersionParameters): Promise<GetVersionReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const version = checkId("version", parameters.version);
  const raw = await withDecodedReverts(() => datanetRegistry(client).getVersion(datanetId, version));
  return toVersion(datanetId, version, raw);
}
