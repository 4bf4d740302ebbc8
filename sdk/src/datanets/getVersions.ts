import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { InvalidIdError, InvalidPageError } from "../errors/parameters.js";
import { type ContractRevertError, withDecodedReverts } from "../errors/revert.js";
import { collectPages, type PageParameters } from "../internal/paginate.js";
import { checkId } from "../internal/validate.js";
import { toVersion, type Version } from "./types.js";

/**
 * What `getVersions` takes.
 *
 * @example
 * const run = (parameters: GetVersionsParameters) => getVersions(client, parameters);
 */
export type GetVersionsParameters = {
  datanetId: bigint;
  /** The first version to return; 1 by default. */
  fromVersion?: bigint | undefined;
} & PageParameters;

/**
 * Versions `fromVersion`, `fromVersion + 1`, … in order; empty past the last one.
 *
 * @example
 * const result: GetVersionsReturnType = await getVersions(client, parameters);
 */
export type GetVersionsReturnType = Version[];

/**
 * `ContractRevertError` `DatanetUnknown` when no Datanet has the id.
 *
 * @example
 * const error = (await getVersions(client, parameters).catch((e: unknown) => e)) as GetVersionsErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type GetVersionsErrorType = InvalidIdError | InvalidPageError | ContractRevertError;

/**
 * Lists a Datanet's published versions, walking the registry's pages until the end or `limit`.
 *
 * @example
 * const versions = await getVersions(client, { datanetId: 1n });
 * const latest = versions.at(-1);
 */
export async function getVersions(
  client: Client,
  { datanetId, fromVersion = 1n, ...page }: GetVersionsParameters,
): Promise<GetVersionsReturnType> {
  const id = checkId("datanetId", datanetId);
  const registry = datanetRegistry(client);
  const raw = await collectPages(
    (from, size) => withDecodedReverts(() => registry.getVersions(id, from, size)),
    "fromVersion",
    fromVersion,
    page,
  );
  return raw.map((version, i) => toVersion(id, fromVersion + BigInt(i), version));
}
