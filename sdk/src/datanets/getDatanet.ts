import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { InvalidIdError } from "../errors/parameters.js";
import { type ContractRevertError, withDecodedReverts } from "../errors/revert.js";
import { checkId } from "../internal/validate.js";
import { type Datanet, toDatanet } from "./types.js";

/**
 * What `getDatanet` takes.
 *
 * @example
 * const run = (parameters: GetDatanetParameters) => getDatanet(client, parameters);
 */
export type GetDatanetParameters = { datanetId: bigint };

/**
 * What `getDatanet` returns.
 *
 * @example
 * const result: GetDatanetReturnType = await getDatanet(client, parameters);
 */
export type GetDatanetReturnType = Datanet;

/**
 * `ContractRevertError` `DatanetUnknown` when no Datanet has the id.
 *
 * @example
 * const error = (await getDatanet(client, parameters).catch((e: unknown) => e)) as GetDatanetErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type GetDatanetErrorType = InvalidIdError | ContractRevertError;

/**
 * Reads a Datanet: owner, treasury, stake and review period, counts, metadata and licence.
 *
 * @example
 * const datanet = await getDatanet(client, { datanetId: 1n });
 * console.log(datanet.owner, datanet.stake, datanet.versionCount);
 */
export async function getDatanet(client: Client, parameters: GetDatanetParameters): Promise<GetDatanetReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  return toDatanet(await withDecodedReverts(() => datanetRegistry(client).getDatanet(datanetId)));
}
