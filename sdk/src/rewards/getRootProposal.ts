import type { Client } from "../client/client.js";
import type { InvalidBlockRangeError, InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { attributionDistributorAbi } from "../generated/abis.js";
import { eventsNamed, eventTopics } from "../internal/events.js";
import { type BlockRangeParameters, getLogsInRange } from "../internal/logs.js";
import { checkHash, checkId, MAX_UINT64 } from "../internal/validate.js";
import { parseAttributionDistributorLogs } from "./parseAttributionDistributorLogs.js";
import { type RootProposal, toRootProposal } from "./types.js";

/**
 * What `getRootProposal` takes.
 *
 * @example
 * const run = (parameters: GetRootProposalParameters) => getRootProposal(client, parameters);
 */
export type GetRootProposalParameters = {
  epoch: bigint;
  /** Only a proposal of this root (an epoch may be proposed again after a veto); any root by default. */
  root?: string | undefined;
} & BlockRangeParameters;

/**
 * The epoch's latest proposal in the blocks read, with the timestamp of its block; `undefined`
 * when there is none.
 *
 * @example
 * const result: GetRootProposalReturnType = await getRootProposal(client, parameters);
 */
export type GetRootProposalReturnType = (RootProposal & { proposedAt: bigint }) | undefined;

/**
 * The errors `getRootProposal` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await getRootProposal(client, { epoch: 0n }).catch((e: unknown) => e)) as GetRootProposalErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type GetRootProposalErrorType = InvalidIdError | InvalidHashError | InvalidBlockRangeError;

/**
 * Finds what the oracle posted for an epoch (`RootProposed`): root, total, when it becomes
 * acceptable, and where the tree file is (`treeURI`) with the keccak256 of its bytes (`treeHash`).
 * The last proposal wins when the epoch was proposed more than once (after a veto or an upheld
 * dispute). Reads events from `fromBlock` (0 by default: pass the distributor's deployment block
 * on a long chain).
 *
 * @example
 * const proposal = await getRootProposal(client, { epoch: 3n, fromBlock: 19_000_000 });
 * if (proposal) console.log(`epoch 3 tree: ${proposal.treeURI} (keccak256 ${proposal.treeHash})`);
 */
export async function getRootProposal(
  client: Client,
  { epoch, root, ...range }: GetRootProposalParameters,
): Promise<GetRootProposalReturnType> {
  const indexed = [
    checkId("epoch", epoch, MAX_UINT64),
    root === undefined ? null : checkHash("root", root, "the Merkle root of a reward tree"),
  ];
  const topics = eventTopics(attributionDistributorAbi, "RootProposed", indexed);
  const logs = await getLogsInRange(
    client.provider,
    { address: client.addresses.attributionDistributor, topics },
    range,
  );
  const last = eventsNamed(parseAttributionDistributorLogs(client, { logs }), "RootProposed").at(-1);
  if (last === undefined) return undefined;
  const block = await client.provider.getBlock(last.blockNumber);
  return { ...toRootProposal(last), proposedAt: BigInt(block!.timestamp) };
}
