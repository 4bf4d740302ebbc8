import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { attributionDistributor } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { parseAttributionDistributorLogs } from "./parseAttributionDistributorLogs.js";

/**
 * What `resolveDispute` takes.
 *
 * @example
 * const run = (parameters: ResolveDisputeParameters) => resolveDispute(client, parameters);
 */
export type ResolveDisputeParameters = {
  /**
   * `true`: the disputer was right; the root is discarded and the bond returned. `false`: the root
   * is pending again (accepted once its window has passed) and the bond joins the reward pool.
   */
  upheld: boolean;
} & SendOptions;

/**
 * What `resolveDispute` returns.
 *
 * @example
 * const result: ResolveDisputeReturnType = await resolveDispute(adminClient, parameters);
 */
export type ResolveDisputeReturnType = {
  receipt: TransactionReceipt;
  epoch: bigint;
  root: string;
  disputer: string;
  upheld: boolean;
  /** The bond: returned to the disputer (upheld) or added to the reward pool (rejected). */
  bond: bigint;
};

/**
 * The errors `resolveDispute` can throw; match them by class, never by message. The contract's
 * refusals arrive as `ContractRevertError`: `AccessControlUnauthorizedAccount` (not the admin),
 * `DistributorNotDisputed`.
 *
 * @example
 * const error = (await resolveDispute(client, { upheld: true }).catch((e: unknown) => e)) as ResolveDisputeErrorType;
 * if (error instanceof ContractRevertError && error.errorName === "DistributorNotDisputed") console.log("no dispute");
 */
export type ResolveDisputeErrorType = SendErrorType;

/**
 * Resolves the open dispute against the pending root. Only `DEFAULT_ADMIN_ROLE`.
 *
 * @example
 * const { bond } = await resolveDispute(adminClient, { upheld: false }); // the root stands; the bond funds rewards
 */
export async function resolveDispute(
  client: Client,
  parameters: ResolveDisputeParameters,
): Promise<ResolveDisputeReturnType> {
  const upheld = parameters.upheld === true;
  const receipt = await send(
    client,
    attributionDistributor,
    (distributor) => distributor.resolveDispute(upheld),
    parameters,
  );
  const [resolved] = eventsNamed(parseAttributionDistributorLogs(client, receipt), "DisputeResolved");
  const { epoch, root, disputer, bond } = resolved!.args;
  return { receipt, epoch, root, disputer, upheld: resolved!.args.upheld, bond };
}
