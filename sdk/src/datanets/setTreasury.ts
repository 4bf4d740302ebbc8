import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import { datanetRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidIdError } from "../errors/parameters.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkAddress, checkId } from "../internal/validate.js";

/**
 * What `setTreasury` takes.
 *
 * @example
 * const run = (parameters: SetTreasuryParameters) => setTreasury(client, parameters);
 */
export type SetTreasuryParameters = {
  datanetId: bigint;
  /** Where slashed stakes go from now on. */
  treasury: string;
} & SendOptions;

/**
 * What `setTreasury` returns.
 *
 * @example
 * const result: SetTreasuryReturnType = await setTreasury(client, parameters);
 */
export type SetTreasuryReturnType = { receipt: TransactionReceipt };

/**
 * The errors `setTreasury` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await setTreasury(client, parameters).catch((e: unknown) => e)) as SetTreasuryErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type SetTreasuryErrorType = InvalidIdError | InvalidAddressError | SendErrorType;

/**
 * Sets where a Datanet's slashed stakes go. Only the owner.
 *
 * @example
 * await setTreasury(ownerClient, { datanetId: 1n, treasury: "0x…" });
 */
export async function setTreasury(client: Client, parameters: SetTreasuryParameters): Promise<SetTreasuryReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const treasury = checkAddress("treasury", parameters.treasury);
  const receipt = await send(
    client,
    datanetRegistry,
    (registry) => registry.setTreasury(datanetId, treasury),
    parameters,
  );
  return { receipt };
}
