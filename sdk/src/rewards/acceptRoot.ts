import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { attributionDistributor } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { parseAttributionDistributorLogs } from "./parseAttributionDistributorLogs.js";

/**
 * What `acceptRoot` takes: only the send options.
 *
 * @example
 * const run = (parameters: AcceptRootParameters) => acceptRoot(client, parameters);
 */
export type AcceptRootParameters = SendOptions;

/**
 * What `acceptRoot` returns: the epoch now accepted.
 *
 * @example
 * const result: AcceptRootReturnType = await acceptRoot(client);
 */
export type AcceptRootReturnType = {
  receipt: TransactionReceipt;
  epoch: bigint;
  root: string;
  totalCumulative: bigint;
};

/**
 * The errors `acceptRoot` can throw; match them by class, never by message. The contract's
 * refusals arrive as `ContractRevertError`: `DistributorNoPendingRoot`,
 * `DistributorChallengeWindowOpen(validAt)`, `DistributorRootDisputed(epoch, disputer)`.
 *
 * @example
 * const error = (await acceptRoot(client).catch((e: unknown) => e)) as AcceptRootErrorType;
 * if (error instanceof ContractRevertError && error.errorName === "DistributorChallengeWindowOpen") console.log(error.args.validAt);
 */
export type AcceptRootErrorType = SendErrorType;

/**
 * Makes the pending root the one claims use, once its challenge window has passed with no open
 * dispute (`getDistributorState(client).pending.acceptable`). Anyone may call it.
 *
 * @example
 * const { pending } = await getDistributorState(client, { proposals: false });
 * if (pending?.acceptable) {
 *   const { epoch } = await acceptRoot(client);
 *   console.log(`epoch ${epoch} is claimable`);
 * }
 */
export async function acceptRoot(client: Client, parameters: AcceptRootParameters = {}): Promise<AcceptRootReturnType> {
  const receipt = await send(client, attributionDistributor, (distributor) => distributor.acceptRoot(), parameters);
  const [accepted] = eventsNamed(parseAttributionDistributorLogs(client, receipt), "RootAccepted");
  return {
    receipt,
    epoch: accepted!.args.epoch,
    root: accepted!.args.root,
    totalCumulative: accepted!.args.totalCumulative,
  };
}
