import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { attributionDistributor } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { parseAttributionDistributorLogs } from "./parseAttributionDistributorLogs.js";

/**
 * What `vetoRoot` takes: only the send options.
 *
 * @example
 * const run = (parameters: VetoRootParameters) => vetoRoot(client, parameters);
 */
export type VetoRootParameters = SendOptions;

/**
 * What `vetoRoot` returns: the root discarded and, if it was disputed, the bond returned.
 *
 * @example
 * const result: VetoRootReturnType = await vetoRoot(guardianClient);
 */
export type VetoRootReturnType = {
  receipt: TransactionReceipt;
  /** The epoch whose proposal was discarded; the oracle may propose it again. */
  epoch: bigint;
  root: string;
  guardian: string;
  /** The open dispute the veto agreed with: its bond went back to the disputer. */
  returnedBond: { disputer: string; bond: bigint } | undefined;
};

/**
 * The errors `vetoRoot` can throw; match them by class, never by message. The contract's refusals
 * arrive as `ContractRevertError`: `AccessControlUnauthorizedAccount` (not a guardian),
 * `DistributorNoPendingRoot`.
 *
 * @example
 * const error = (await vetoRoot(client).catch((e: unknown) => e)) as VetoRootErrorType;
 * if (error instanceof ContractRevertError) console.log(error.errorName);
 */
export type VetoRootErrorType = SendErrorType;

/**
 * Discards the pending (or disputed) root. Only `GUARDIAN_ROLE`. An open dispute's bond goes back
 * to its disputer.
 *
 * @example
 * const { epoch } = await vetoRoot(guardianClient);
 * console.log(`epoch ${epoch} must be proposed again`);
 */
export async function vetoRoot(client: Client, parameters: VetoRootParameters = {}): Promise<VetoRootReturnType> {
  const receipt = await send(client, attributionDistributor, (distributor) => distributor.vetoRoot(), parameters);
  const events = parseAttributionDistributorLogs(client, receipt);
  const [vetoed] = eventsNamed(events, "RootVetoed");
  const [resolved] = eventsNamed(events, "DisputeResolved");
  return {
    receipt,
    epoch: vetoed!.args.epoch,
    root: vetoed!.args.root,
    guardian: vetoed!.args.guardian,
    returnedBond: resolved === undefined ? undefined : { disputer: resolved.args.disputer, bond: resolved.args.bond },
  };
}
