import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { InvalidIdError } from "../errors/parameters.js";
import { type ContractRevertError, withDecodedReverts } from "../errors/revert.js";
import { checkId } from "../internal/validate.js";

/**
 * What `getServingTerms` takes.
 *
 * @example
 * const run = (parameters: GetServingTermsParameters) => getServingTerms(client, parameters);
 */
export type GetServingTermsParameters = { adapterId: bigint };

/**
 * What the usage ledger charges a call of an active adapter, and who the builder is.
 *
 * @example
 * const result: GetServingTermsReturnType = await getServingTerms(client, parameters);
 */
export type GetServingTermsReturnType = { modelId: bigint; builder: string; pricePerCall: bigint };

/**
 * `ContractRevertError` `ModelWrongAdapterStatus` unless the adapter is active
 * (`ModelUnknownAdapter` if it does not exist).
 *
 * @example
 * const error = (await getServingTerms(client, parameters).catch((e: unknown) => e)) as GetServingTermsErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type GetServingTermsErrorType = InvalidIdError | ContractRevertError;

/**
 * Reads the terms an active adapter is served on: its model, builder and price per call.
 *
 * @example
 * const { pricePerCall } = await getServingTerms(client, { adapterId: 1n });
 * const maxPrice = pricePerCall; // pay at most the price just read
 */
export async function getServingTerms(
  client: Client,
  parameters: GetServingTermsParameters,
): Promise<GetServingTermsReturnType> {
  const adapterId = checkId("adapterId", parameters.adapterId);
  const [modelId, builder, pricePerCall] = await withDecodedReverts(() =>
    modelRegistry(client).servingTerms(adapterId),
  );
  return { modelId, builder, pricePerCall };
}
