// `accept`: makes the pending root the claimable one once its challenge window has passed.
import { acceptRoot, getDistributorState } from "@openattribution/sdk";

import type { PipelineContext } from "./context.ts";

/** What `runAccept` returns. */
export type RunAcceptReturnType =
  | { outcome: "accepted"; epoch: bigint; root: string; totalCumulative: bigint; txHash: string }
  | {
      outcome: "waiting";
      epoch: bigint;
      root: string;
      status: "Pending" | "Disputed";
      /** Chain time (Unix seconds) from which it can be accepted. */
      validAt: bigint;
      secondsUntilAcceptable: bigint;
    }
  | { outcome: "nothing-pending"; acceptedEpoch: bigint };

/**
 * Accepts the pending root if it is acceptable now (SDK `acceptRoot`); otherwise says when it
 * will be (or that it is disputed, or that nothing is pending).
 *
 * @example
 * const result = await runAccept(ctx);
 * if (result.outcome === "waiting") console.log(`acceptable in ${result.secondsUntilAcceptable} s`);
 */
export async function runAccept(ctx: Pick<PipelineContext, "client" | "log">): Promise<RunAcceptReturnType> {
  const { client, log } = ctx;
  const state = await getDistributorState(client, { proposals: false });
  const { pending } = state;
  if (pending === undefined) {
    log({ level: "info", msg: "accept: nothing pending", acceptedEpoch: state.epoch });
    return { outcome: "nothing-pending", acceptedEpoch: state.epoch };
  }
  if (!pending.acceptable) {
    log({
      level: "info",
      msg: "accept: waiting",
      epoch: pending.epoch,
      status: pending.status,
      validAt: pending.validAt,
    });
    return {
      outcome: "waiting",
      epoch: pending.epoch,
      root: pending.root,
      status: pending.status,
      validAt: pending.validAt,
      secondsUntilAcceptable: pending.secondsUntilAcceptable,
    };
  }
  const accepted = await acceptRoot(client);
  log({
    level: "info",
    msg: "accept: accepted",
    epoch: accepted.epoch,
    root: accepted.root,
    txHash: accepted.receipt.hash,
  });
  return {
    outcome: "accepted",
    epoch: accepted.epoch,
    root: accepted.root,
    totalCumulative: accepted.totalCumulative,
    txHash: accepted.receipt.hash,
  };
}
