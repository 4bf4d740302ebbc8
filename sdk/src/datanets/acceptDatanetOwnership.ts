import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidIdError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkId } from "../internal/validate.js";
import { parseDatanetRegistryLogs } from "./parseDatanetRegistryLogs.js";

/**
 * What `acceptDatanetOwnership` takes.
 *
 * @example
 * const run = (parameters: AcceptDatanetOwnershipParameters) => acceptDatanetOwnership(client, parameters);
 */
export type AcceptDatanetOwnershipParameters = { datanetId: bigint } & SendOptions;

/**
 * What `acceptDatanetOwnership` returns.
 *
 * @example
 * const result: AcceptDatanetOwnershipReturnType = await acceptDatanetOwnership(client, parameters);
 */
export type AcceptDatanetOwnershipReturnType = {
  receipt: TransactionReceipt;
  previousOwner: string;
  /** The client's signer, now the owner. */
  newOwner: string;
};

/**
 * The errors `acceptDatanetOwnership` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await acceptDatanetOwnership(client, parameters).catch((e: unknown) => e)) as AcceptDatanetOwnershipErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type AcceptDatanetOwnershipErrorType = InvalidIdError | SendErrorType;

/**
 * Completes a handover (step 2 of 2): the client's signer, the pending owner, becomes the owner.
 *
 * @example
 * const { previousOwner } = await acceptDatanetOwnership(newOwnerClient, { datanetId: 1n });
 */
export async function acceptDatanetOwnership(
  client: Client,
  parameters: AcceptDatanetOwnershipParameters,
): Promise<AcceptDatanetOwnershipReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const receipt = await send(
    client,
    datanetRegistry,
    (registry) => registry.acceptDatanetOwnership(datanetId),
    parameters,
  );
  const [transferred] = eventsNamed(parseDatanetRegistryLogs(client, receipt), "DatanetOwnershipTransferred");
  return { receipt, previousOwner: transferred!.args.previousOwner, newOwner: transferred!.args.newOwner };
}
