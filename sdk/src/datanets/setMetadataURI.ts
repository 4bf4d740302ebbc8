import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { EmptyStringError, InvalidIdError } from "../errors/parameters.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkId, checkString } from "../internal/validate.js";

/**
 * What `setMetadataURI` takes.
 *
 * @example
 * const run = (parameters: SetMetadataURIParameters) => setMetadataURI(client, parameters);
 */
export type SetMetadataURIParameters = {
  datanetId: bigint;
  /** The new description of what the Datanet collects and how curators judge. */
  metadataURI: string;
} & SendOptions;

/**
 * What `setMetadataURI` returns.
 *
 * @example
 * const result: SetMetadataURIReturnType = await setMetadataURI(client, parameters);
 */
export type SetMetadataURIReturnType = { receipt: TransactionReceipt };

/**
 * The errors `setMetadataURI` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await setMetadataURI(client, parameters).catch((e: unknown) => e)) as SetMetadataURIErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type SetMetadataURIErrorType = InvalidIdError | EmptyStringError | SendErrorType;

/**
 * Replaces a Datanet's metadata URI. Only the owner.
 *
 * @example
 * await setMetadataURI(ownerClient, { datanetId: 1n, metadataURI: "ipfs://bafy…/v2.json" });
 */
export async function setMetadataURI(
  client: Client,
  parameters: SetMetadataURIParameters,
): Promise<SetMetadataURIReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const metadataURI = checkString("metadataURI", parameters.metadataURI);
  const receipt = await send(
    client,
    datanetRegistry,
    (registry) => registry.setMetadataURI(datanetId, metadataURI),
    parameters,
  );
  return { receipt };
}
