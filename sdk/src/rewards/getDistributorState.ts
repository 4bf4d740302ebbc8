import { ZeroAddress } from "ethers";

import type { Client } from "../client/client.js";
import { attributionDistributor } from "../client/contracts.js";
import type { InvalidBlockRangeError } from "../errors/parameters.js";
import type { BlockRangeParameters } from "../internal/logs.js";
import { findRootProposals, isZeroRoot, proposalKey, readDistributorBalance, toPendingRaw } from "./internal.js";
import type { DistributorState, PendingRootState } from "./types.js";

/**
 * What `getDistributorState` takes: whether to look up the `RootProposed` events (tree hash and
 * URI of the accepted and pending roots), and in which blocks.
 *
 * @example
 * const run = (parameters: GetDistributorStateParameters) => getDistributorState(client, parameters);
 */
export type GetDistributorStateParameters = {
  /**
   * Look up the `RootProposed` events of the accepted and pending roots (`acceptedProposal`,
   * `pending.proposal`); `true` by default. `false` reads the contract's views only (no `eth_getLogs`).
   */
  proposals?: boolean | undefined;
} & Omit<BlockRangeParameters, "toBlock">;

/**
 * The distributor's state in one block.
 *
 * @example
 * const result: GetDistributorStateReturnType = await getDistributorState(client);
 */
export type GetDistributorStateReturnType = DistributorState;

/**
 * The errors `getDistributorState` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await getDistributorState(client, { fromBlock: -1 }).catch((e: unknown) => e)) as GetDistributorStateErrorType;
 * if (error instanceof InvalidBlockRangeError) console.log(error.problem);
 */
export type GetDistributorStateErrorType = InvalidBlockRangeError;

/**
 * Reads the attribution distributor in one block: the accepted root, epoch and total, what was
 * funded and what it holds, the pending root (when it can be disputed or accepted, with the tree
 * hash and URI the oracle posted), the open dispute, the dispute bond and the pause switch.
 * Proposals are found with `eth_getLogs` from `fromBlock` (0 by default: pass the distributor's
 * deployment block on a long chain) to the block read.
 *
 * @example
 * const state = await getDistributorState(client, { fromBlock: 19_000_000 });
 * console.log(`epoch ${state.epoch}: root ${state.root}, ${state.balance} wei held`);
 * if (state.pending?.acceptable) console.log(`epoch ${state.pending.epoch} can be accepted now`);
 * else if (state.pending) console.log(`tree of epoch ${state.pending.epoch}: ${state.pending.proposal?.treeURI}`);
 */
export async function getDistributorState(
  client: Client,
  parameters: GetDistributorStateParameters = {},
): Promise<GetDistributorStateReturnType> {
  const { proposals = true, ...range } = parameters;
  const block = await client.provider.getBlock("latest");
  const blockTag = block!.number;
  const timestamp = BigInt(block!.timestamp);
  const address = client.addresses.attributionDistributor;
  const distributor = attributionDistributor(client);
  const [
    root,
    epoch,
    totalCumulative,
    totalFunded,
    { token, balance },
    challengePeriod,
    disputeBond,
    paused,
    pendingRaw,
    open,
  ] = await Promise.all([
    distributor.root({ blockTag }),
    distributor.epoch({ blockTag }),
    distributor.totalCumulative({ blockTag }),
    distributor.totalFunded({ blockTag }),
    readDistributorBalance(client, blockTag),
    distributor.challengePeriod({ blockTag }),
    distributor.disputeBond({ blockTag }),
    distributor.paused({ blockTag }),
    distributor.pendingRoot({ blockTag }),
    distributor.currentDispute({ blockTag }),
  ]);
  const acceptedRoot = root.toLowerCase();
  const raw = toPendingRaw(pendingRaw);

  const wanted = [];
  if (!isZeroRoot(acceptedRoot)) wanted.push({ epoch, root: acceptedRoot });
  if (raw !== undefined) wanted.push({ epoch: raw.epoch, root: raw.root });
  const found = proposals ? await findRootProposals(client, wanted, { ...range, toBlock: blockTag }) : new Map();

  let pending: PendingRootState | undefined;
  if (raw !== undefined) {
    pending = {
      ...raw,
      challengeWindowOpen: timestamp < raw.validAt,
      acceptable: raw.status === "Pending" && timestamp >= raw.validAt,
      secondsUntilAcceptable: raw.validAt > timestamp ? raw.validAt - timestamp : 0n,
      proposal: found.get(proposalKey(raw.epoch, raw.root)),
    };
  }
  return {
    address,
    token,
    blockNumber: blockTag,
    timestamp,
    root: acceptedRoot,
    epoch,
    totalCumulative,
    acceptedProposal: found.get(proposalKey(epoch, acceptedRoot)),
    totalFunded,
    balance,
    challengePeriod,
    disputeBond,
    paused,
    pending,
    dispute: open.disputer === ZeroAddress ? undefined : { disputer: open.disputer, bond: open.bond },
  };
}
