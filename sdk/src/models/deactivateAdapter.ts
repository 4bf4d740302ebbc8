import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidIdError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkId } from "../internal/validate.js";
import { parseModelRegistryLogs } from "./parseModelRegistryLogs.js";

/**
 * What `deactivateAdapter` takes.
 *
 * @example
 * const run = (parameters: DeactivateAdapterParameters) => deactivateAdapter(client, parameters);
 */
export type DeactivateAdapterParameters = { adapterId: bigint } & SendOptions;

/**
 * What `deactivateAdapter` returns.
 *
 * @example
 * const result: DeactivateAdapterReturnType = await deactivateAdapter(client, parameters);
 */
export type DeactivateAdapterReturnType = { receipt: TransactionReceipt; modelId: bigint };

/**
 * The errors `deactivateAdapter` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await deactivateAdapter(client, parameters).catch((e: unknown) => e)) as DeactivateAdapterErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type DeactivateAdapterErrorType = InvalidIdError | SendErrorType;

/**
 * Stops serving an active adapter; it stays verified and can be activated again. Only the
 * model's builder.
 *
 * @example
 * await deactivateAdapter(builderClient, { adapterId: 1n });
 */
export async function deactivateAdapter(
  client: Client,
  parameters: DeactivateAdapterParameters,
): Promise<DeactivateAdapterReturnType> {
  const adapterId = checkId("adapterId", parameters.adapterId);
  const receipt = await send(client, modelRegistry, (registry) => registry.deactivateAdapter(adapterId), parameters);
  const [deactivated] = eventsNamed(parseModelRegistryLogs(client, receipt), "AdapterDeactivated");
  return { receipt, modelId: deactivated!.args.modelId };
}
