import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidAmountError, InvalidIdError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkId } from "../internal/validate.js";
import { checkPrice } from "./internal.js";
import { parseModelRegistryLogs } from "./parseModelRegistryLogs.js";

/**
 * What `activateAdapter` takes.
 *
 * @example
 * const run = (parameters: ActivateAdapterParameters) => activateAdapter(client, parameters);
 */
export type ActivateAdapterParameters = {
  adapterId: bigint;
  /** OPEN wei per call, at least 1 (payers cap it with their max price). */
  pricePerCall: bigint;
} & SendOptions;

/**
 * What `activateAdapter` returns.
 *
 * @example
 * const result: ActivateAdapterReturnType = await activateAdapter(client, parameters);
 */
export type ActivateAdapterReturnType = { receipt: TransactionReceipt; modelId: bigint; pricePerCall: bigint };

/**
 * The errors `activateAdapter` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await activateAdapter(client, parameters).catch((e: unknown) => e)) as ActivateAdapterErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type ActivateAdapterErrorType = InvalidIdError | InvalidAmountError | SendErrorType;

/**
 * Opens a verified adapter for serving at a price per call, or changes an active adapter's price.
 * Only the model's builder.
 *
 * @example
 * await activateAdapter(builderClient, { adapterId: 1n, pricePerCall: 3n * 10n ** 15n });
 */
export async function activateAdapter(
  client: Client,
  parameters: ActivateAdapterParameters,
): Promise<ActivateAdapterReturnType> {
  const adapterId = checkId("adapterId", parameters.adapterId);
  const pricePerCall = checkPrice(parameters.pricePerCall);
  const receipt = await send(
    client,
    modelRegistry,
    (registry) => registry.activateAdapter(adapterId, pricePerCall),
    parameters,
  );
  const [activated] = eventsNamed(parseModelRegistryLogs(client, receipt), "AdapterActivated");
  return { receipt, modelId: activated!.args.modelId, pricePerCall: activated!.args.pricePerCall };
}
