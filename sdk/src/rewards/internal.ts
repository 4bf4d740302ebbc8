import { Contract, getAddress, ZeroHash } from "ethers";

import type { Client } from "../client/client.js";
import { attributionDistributor } from "../client/contracts.js";
import { attributionDistributorAbi, openTokenAbi } from "../generated/abis.js";
import type { OpenToken } from "../generated/typechain/index.js";
import { eventsNamed, eventTopics } from "../internal/events.js";
import { type BlockRangeParameters, getLogsInRange } from "../internal/logs.js";
import { checkAddress, checkAmount } from "../internal/validate.js";
import { MerkleInvalidProofError, MerkleLeafNotFoundError } from "../merkle/errors.js";
import { REWARD_LEAF_TYPES, rewardClaim, type RewardTree } from "../merkle/rewards.js";
import { StandardTree } from "../merkle/standard-tree.js";
import {
  AccountNotInRewardTreeError,
  type ClaimPosition,
  CumulativeBelowClaimedError,
  DistributorPausedError,
  DistributorShortOfFundsError,
  NothingToClaimError,
  type PendingMatch,
  ProofNotForAcceptedRootError,
  RewardTreeWrongDistributorError,
} from "./errors.js";
import { parseAttributionDistributorLogs } from "./parseAttributionDistributorLogs.js";
import { type RewardClaimInput, type RootProposal, toRootProposal } from "./types.js";

// What several reward actions share: reading the distributor in one block, finding proposals,
// checking that a tree is this deployment's, and the pre-checks of claims.

/** `IAttributionDistributor.RootStatus` by value. */
const ROOT_STATUSES = ["None", "Pending", "Disputed"] as const;

/** The pending root as the contract returns it, with its status named; `undefined` when none. */
export type PendingRootRaw = {
  epoch: bigint;
  root: string;
  totalCumulative: bigint;
  validAt: bigint;
  status: "Pending" | "Disputed";
};

/** The views claims and proposals need, read in one block. */
export type DistributorSnapshot = {
  blockNumber: number;
  timestamp: bigint;
  root: string;
  epoch: bigint;
  paused: boolean;
  pending: PendingRootRaw | undefined;
};

/** Reads the accepted root and epoch, the pause switch and the pending root at one block. */
export async function readSnapshot(client: Client): Promise<DistributorSnapshot> {
  const block = await client.provider.getBlock("latest");
  const blockTag = block!.number;
  const distributor = attributionDistributor(client);
  const [root, epoch, paused, pending] = await Promise.all([
    distributor.root({ blockTag }),
    distributor.epoch({ blockTag }),
    distributor.paused({ blockTag }),
    distributor.pendingRoot({ blockTag }),
  ]);
  return {
    blockNumber: blockTag,
    timestamp: BigInt(block!.timestamp),
    root: root.toLowerCase(),
    epoch,
    paused,
    pending: toPendingRaw(pending),
  };
}

/** The contract's `PendingRoot` struct, or `undefined` when its status is `None`. */
export function toPendingRaw(pending: {
  epoch: bigint;
  root: string;
  totalCumulative: bigint;
  validAt: bigint;
  status: bigint;
}): PendingRootRaw | undefined {
  const status = ROOT_STATUSES[Number(pending.status)];
  if (status === undefined || status === "None") return undefined;
  return {
    epoch: pending.epoch,
    root: pending.root.toLowerCase(),
    totalCumulative: pending.totalCumulative,
    validAt: pending.validAt,
    status,
  };
}

/**
 * The distributor's reward token and its balance of it at `blockTag`. The token is read from the
 * distributor (`token()`), not taken from the client's addresses, so the balance is what pays claims.
 */
export async function readDistributorBalance(
  client: Client,
  blockTag: number,
): Promise<{ token: string; balance: bigint }> {
  const address = client.addresses.attributionDistributor;
  const token = await attributionDistributor(client).token({ blockTag });
  const contract = new Contract(token, openTokenAbi, client.runner) as unknown as OpenToken;
  return { token, balance: await contract.balanceOf(address, { blockTag }) };
}

/** The pending root as the errors report it. */
export function pendingMatch(pending: PendingRootRaw): PendingMatch {
  return {
    epoch: pending.epoch,
    root: pending.root,
    validAt: pending.validAt,
    disputed: pending.status === "Disputed",
  };
}

/** Whether `root` is the zero hash (no accepted root). */
export function isZeroRoot(root: string): boolean {
  return root.toLowerCase() === ZeroHash;
}

/**
 * The latest `RootProposed` event of each wanted `(epoch, root)` in the range (one `eth_getLogs`
 * pass for all of them), with the timestamp of the block it was mined in. Keyed by `proposalKey`.
 */
export async function findRootProposals(
  client: Client,
  wanted: readonly { epoch: bigint; root: string }[],
  range: BlockRangeParameters,
): Promise<Map<string, RootProposal & { proposedAt: bigint }>> {
  const found = new Map<string, RootProposal & { proposedAt: bigint }>();
  if (wanted.length === 0) return found;
  const epochs = [...new Set(wanted.map(({ epoch }) => epoch))];
  const roots = [...new Set(wanted.map(({ root }) => root.toLowerCase()))];
  const topics = eventTopics(attributionDistributorAbi, "RootProposed", [epochs, roots]);
  const logs = await getLogsInRange(
    client.provider,
    { address: client.addresses.attributionDistributor, topics },
    range,
  );
  const latest = new Map<string, RootProposal>();
  for (const event of eventsNamed(parseAttributionDistributorLogs(client, { logs }), "RootProposed")) {
    const proposal = toRootProposal(event);
    latest.set(proposalKey(proposal.epoch, proposal.root), proposal); // chain order: the last one wins
  }
  for (const { epoch, root } of wanted) {
    const key = proposalKey(epoch, root);
    const proposal = latest.get(key);
    if (proposal === undefined || found.has(key)) continue;
    const block = await client.provider.getBlock(proposal.blockNumber);
    found.set(key, { ...proposal, proposedAt: BigInt(block!.timestamp) });
  }
  return found;
}

/** The key of a proposal in `findRootProposals`' map. */
export function proposalKey(epoch: bigint, root: string): string {
  return `${epoch}:${root.toLowerCase()}`;
}

/** Trees whose every leaf was checked to be for a chain id and distributor (`${chainId}:${distributor}`). */
const checkedTrees = new WeakMap<RewardTree, string>();

/**
 * Checks that the tree has the reward leaf encoding's values for the client's chain and
 * distributor in every leaf (once per tree and client deployment; O(n)).
 */
export function checkTreeIsFor(client: Client, tree: RewardTree): void {
  const distributor = client.addresses.attributionDistributor;
  const key = `${client.chainId}:${distributor.toLowerCase()}`;
  if (checkedTrees.get(tree) === key) return;
  for (const [index, [chainId, leafDistributor]] of tree.entries()) {
    const leafChainId = toBigInt(chainId);
    const leafAddress = String(leafDistributor);
    if (leafChainId !== client.chainId || leafAddress.toLowerCase() !== distributor.toLowerCase()) {
      throw new RewardTreeWrongDistributorError(
        index,
        leafChainId ?? -1n,
        checksumOrRaw(leafAddress),
        client.chainId,
        distributor,
      );
    }
  }
  checkedTrees.set(tree, key);
}

/** The sum of every leaf's cumulative amount: the `totalCumulative` of the tree's root. */
export function sumLeaves(tree: RewardTree): bigint {
  let total = 0n;
  for (const [, [, , , amount]] of tree.entries()) total += BigInt(amount);
  return total;
}

/** A leaf field as a bigint (dumps hold decimal strings), or `undefined` if it is not an integer. */
function toBigInt(value: unknown): bigint | undefined {
  try {
    return BigInt(value as string);
  } catch {
    return undefined;
  }
}

function checksumOrRaw(address: string): string {
  try {
    return getAddress(address);
  } catch {
    return address;
  }
}

/** One claim to check and send: from a tree (`treeRoot` set) or given as it is. */
export type ClaimInput = {
  account: string;
  cumulativeAmount: bigint;
  proof: string[];
  /** The root of the tree the claim comes from; `undefined` for a bare proof. */
  treeRoot: string | undefined;
};

/** The claim of `account` (checksummed) in `tree`, checked to be this deployment's tree. */
export function claimFromTree(client: Client, tree: RewardTree, account: string): ClaimInput {
  checkTreeIsFor(client, tree);
  try {
    const { cumulativeAmount, proof } = rewardClaim(tree, account);
    return { account, cumulativeAmount, proof, treeRoot: tree.root };
  } catch (error) {
    if (error instanceof MerkleLeafNotFoundError) throw new AccountNotInRewardTreeError(account, tree.root);
    throw error;
  }
}

/** A claim given as values, checked: checksummed account, amount, 32-byte hex proof nodes. */
export function claimFromValues(prefix: string | undefined, claim: RewardClaimInput): ClaimInput {
  const field = (name: string) => (prefix === undefined ? name : `${prefix}.${name}`);
  const account = checkAddress(field("account"), claim?.account);
  const cumulativeAmount = checkAmount(field("cumulativeAmount"), claim.cumulativeAmount);
  if (!Array.isArray(claim.proof)) throw new MerkleInvalidProofError(0, claim.proof);
  const proof = claim.proof.map((node: unknown, i) => {
    if (typeof node !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(node)) throw new MerkleInvalidProofError(i, node);
    return node.toLowerCase();
  });
  return { account, cumulativeAmount, proof, treeRoot: undefined };
}

/** A claim checked against the chain: what the account has claimed and what the claim pays. */
export type CheckedClaim = ClaimInput & { claimed: bigint; amount: bigint };

/**
 * The pre-checks of `claim` and `claimMany`, on one block's state: claims not paused; each proof
 * for the accepted root (else whether it is the pending one's); each cumulative amount above what
 * the account has claimed (equal: skipped or `NothingToClaimError`); the distributor holding what
 * the claims pay. Returns the claims to send and the accounts skipped.
 */
export async function precheckClaims(
  client: Client,
  claims: readonly ClaimInput[],
  skipNothingToClaim: boolean,
): Promise<{ toSend: CheckedClaim[]; skipped: ClaimPosition[] }> {
  const snapshot = await readSnapshot(client);
  const blockTag = snapshot.blockNumber;
  const distributor = attributionDistributor(client);
  const [{ balance }, claimedAmounts] = await Promise.all([
    readDistributorBalance(client, blockTag),
    Promise.all(claims.map(({ account }) => distributor.claimed(account, { blockTag }))),
  ]);
  if (snapshot.paused) throw new DistributorPausedError();

  for (const claim of claims) await checkRoot(client, snapshot, claim);

  const toSend: CheckedClaim[] = [];
  const skipped: ClaimPosition[] = [];
  claims.forEach((claim, i) => {
    const claimed = claimedAmounts[i]!;
    const position = { account: claim.account, cumulativeAmount: claim.cumulativeAmount, claimed };
    if (claim.cumulativeAmount < claimed) {
      throw new CumulativeBelowClaimedError(claim.account, claim.cumulativeAmount, claimed);
    }
    if (claim.cumulativeAmount === claimed) {
      if (!skipNothingToClaim) throw new NothingToClaimError([position]);
      skipped.push(position);
    } else {
      toSend.push({ ...claim, claimed, amount: claim.cumulativeAmount - claimed });
    }
  });
  if (toSend.length === 0) throw new NothingToClaimError(skipped);
  const needed = toSend.reduce((sum, { amount }) => sum + amount, 0n);
  if (needed > balance) throw new DistributorShortOfFundsError(needed, balance);
  return { toSend, skipped };
}

/** Throws `ProofNotForAcceptedRootError` unless the claim proves its leaf under the accepted root. */
async function checkRoot(client: Client, snapshot: DistributorSnapshot, claim: ClaimInput): Promise<void> {
  const proves = async (root: string): Promise<boolean> => {
    if (isZeroRoot(root)) return false;
    if (claim.treeRoot !== undefined) return claim.treeRoot.toLowerCase() === root;
    const leaf = [client.chainId, client.addresses.attributionDistributor, claim.account, claim.cumulativeAmount];
    return StandardTree.verify(root, REWARD_LEAF_TYPES, leaf, claim.proof);
  };
  if (await proves(snapshot.root)) return;
  const pending =
    snapshot.pending !== undefined && (await proves(snapshot.pending.root))
      ? pendingMatch(snapshot.pending)
      : undefined;
  throw new ProofNotForAcceptedRootError(claim.account, claim.treeRoot, snapshot.root, snapshot.epoch, pending);
}
