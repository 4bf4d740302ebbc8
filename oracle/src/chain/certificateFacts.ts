// What the certificate needs from the chain, read through the SDK in one place (I/O edge of
// epoch/certificate.ts, which stays pure).
import { attributionDistributor, type Client, getDistributorState } from "@openattribution/sdk";

import { type DistributorFacts, pickLeafSamples } from "../epoch/certificate.ts";

/**
 * What `readDistributorFacts` takes.
 *
 * @example
 * const run = (parameters: ReadDistributorFactsParameters) => readDistributorFacts(client, parameters);
 */
export type ReadDistributorFactsParameters = {
  /** The tree file to certify: 1–3 of its leaves are sampled for the contract's `leaf()`. */
  treeFile: string;
  /** How many leaves to sample (1–3 is plenty; 3 by default). */
  samples?: number | undefined;
  /** The sum of the `Claimed` events so far, if the store knows it (enables the balance check). */
  claimedTotal?: bigint | undefined;
};

/**
 * Reads the distributor's state (one block) and the contract's `leaf()` of sampled leaves of the
 * tree file, as `certify` takes them. The chain id is the client's (read from the node when the
 * client was created).
 *
 * @throws the SDK's `GetDistributorStateErrorType`, RPC errors, and `RewardTreeFileInvalidError`
 *   when the file is not a reward tree (sampling needs its leaves).
 * @example
 * const state = await readDistributorFacts(client, { treeFile });
 * const result = await certify({ treeFile, metadata, previous, state, config });
 */
export async function readDistributorFacts(
  client: Client,
  parameters: ReadDistributorFactsParameters,
): Promise<DistributorFacts> {
  const state = await getDistributorState(client, { proposals: false });
  const distributor = attributionDistributor(client);
  const blockTag = state.blockNumber;
  const leafSamples = await Promise.all(
    pickLeafSamples(parameters.treeFile, parameters.samples ?? 3).map(async ({ account, cumulativeAmount }) => ({
      account,
      cumulativeAmount,
      leaf: (await distributor.leaf(account, cumulativeAmount, { blockTag })).toLowerCase(),
    })),
  );
  return {
    chainId: client.chainId,
    distributor: state.address,
    acceptedEpoch: state.epoch,
    acceptedRoot: state.root,
    acceptedTotalCumulative: state.totalCumulative,
    totalFunded: state.totalFunded,
    balance: state.balance,
    claimedTotal: parameters.claimedTotal,
    pending: state.pending === undefined ? undefined : { epoch: state.pending.epoch, root: state.pending.root },
    leafSamples,
  };
}
