import type { Client } from "../client/client.js";
import { usageLedger } from "../client/contracts.js";
import type { FeeSplitBps } from "./types.js";

/**
 * What `getFeeSplit` takes: nothing.
 *
 * @example
 * const run = (parameters: GetFeeSplitParameters) => getFeeSplit(client, parameters);
 */
export type GetFeeSplitParameters = Record<string, never>;

/**
 * The ledger's current split in basis points and the treasury its part accrues to.
 *
 * @example
 * const result: GetFeeSplitReturnType = await getFeeSplit(client);
 */
export type GetFeeSplitReturnType = FeeSplitBps & {
  /** The account whose earnings the treasury's parts accrue to. */
  treasury: string;
};

/**
 * `getFeeSplit` throws no error of its own: only the provider's (e.g. a network failure).
 *
 * @example
 * const split = await getFeeSplit(client); // rejects only if the provider does
 */
export type GetFeeSplitErrorType = never;

/**
 * Reads how the ledger splits each payment: builder, treasury and attribution pool in basis points
 * (they sum to 10,000; builder and treasury round down, the pool takes the dust), and the treasury.
 *
 * @example
 * const { builderBps, attributionBps } = await getFeeSplit(client);
 * console.log(`contributors get ${Number(attributionBps) / 100}% of every payment`);
 */
export async function getFeeSplit(
  client: Client,
  _parameters: GetFeeSplitParameters = {},
): Promise<GetFeeSplitReturnType> {
  const ledger = usageLedger(client);
  const [[builderBps, treasuryBps, attributionBps], treasury] = await Promise.all([
    ledger.feeSplit(),
    ledger.treasury(),
  ]);
  return { builderBps, treasuryBps, attributionBps, treasury };
}
