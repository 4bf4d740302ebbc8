import { type TransactionReceipt, ZeroAddress } from "ethers";

import type { Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import { datanetRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidIdError } from "../errors/parameters.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkAddress, checkId } from "../internal/validate.js";

/**
 * What `transferDatanetOwnership` takes.
 *
 * @example
 * const run = (parameters: TransferDatanetOwnershipParameters) => transferDatanetOwnership(client, parameters);
 */
export type TransferDatanetOwnershipParameters = {
  datanetId: bigint;
  /** The account that must then call `acceptDatanetOwnership`; `undefined` cancels a pending handover. */
  newOwner: string | undefined;
} & SendOptions;

/**
 * What `transferDatanetOwnership` returns.
 *
 * @example
 * const result: TransferDatanetOwnershipReturnType = await transferDatanetOwnership(client, parameters);
 */
export type TransferDatanetOwnershipReturnType = { receipt: TransactionReceipt };

/**
 * The errors `transferDatanetOwnership` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await transferDatanetOwnership(client, parameters).catch((e: unknown) => e)) as TransferDatanetOwnershipErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type TransferDatanetOwnershipErrorType = InvalidIdError | InvalidAddressError | SendErrorType;

/**
 * Starts handing a Datanet over (step 1 of 2): the new owner accepts with
 * `acceptDatanetOwnership`. Only the owner. The current owner keeps every power until then.
 *
 * @example
 * await transferDatanetOwnership(ownerClient, { datanetId: 1n, newOwner: "0x…" });
 * await acceptDatanetOwnership(newOwnerClient, { datanetId: 1n });
 */
export async function transferDatanetOwnership(
  client: Client,
  parameters: TransferDatanetOwnershipParameters,
): Promise<TransferDatanetOwnershipReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const newOwner = parameters.newOwner === undefined ? ZeroAddress : checkAddress("newOwner", parameters.newOwner);
  const receipt = await send(
    client,
    datanetRegistry,
    (registry) => registry.transferDatanetOwnership(datanetId, newOwner),
    parameters,
  );
  return { receipt };
}
