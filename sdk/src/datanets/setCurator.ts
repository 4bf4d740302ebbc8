import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import { datanetRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidIdError } from "../errors/parameters.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkAddress, checkId } from "../internal/validate.js";

/**
 * What `setCurator` takes.
 *
 * @example
 * const run = (parameters: SetCuratorParameters) => setCurator(client, parameters);
 */
export type SetCuratorParameters = {
  datanetId: bigint;
  /** The account to appoint or remove. */
  account: string;
  /** True to appoint, false to remove. */
  allowed: boolean;
} & SendOptions;

/**
 * What `setCurator` returns.
 *
 * @example
 * const result: SetCuratorReturnType = await setCurator(client, parameters);
 */
export type SetCuratorReturnType = { receipt: TransactionReceipt };

/**
 * The errors `setCurator` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await setCurator(client, parameters).catch((e: unknown) => e)) as SetCuratorErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type SetCuratorErrorType = InvalidIdError | InvalidAddressError | SendErrorType;

/**
 * Appoints or removes a curator of a Datanet. Only the owner.
 *
 * @example
 * await setCurator(ownerClient, { datanetId: 1n, account: "0x…", allowed: true });
 */
export async function setCurator(client: Client, parameters: SetCuratorParameters): Promise<SetCuratorReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const account = checkAddress("account", parameters.account);
  const allowed = parameters.allowed === true;
  const receipt = await send(
    client,
    datanetRegistry,
    (registry) => registry.setCurator(datanetId, account, allowed),
    parameters,
  );
  return { receipt };
}
