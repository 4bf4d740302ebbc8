import { SdkError } from "../errors/base.js";

// The named errors of the rewards area. Each is thrown BEFORE anything is sent (pre-checks of
// claims, disputes and funding, checks of a loaded tree), says what to do, and carries the values
// involved as fields: match by class and fields, never by message.

/** A time in seconds since the epoch (chain time), as an ISO date for messages. */
export function formatChainTime(seconds: bigint): string {
  const ms = Number(seconds) * 1000;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${seconds} s`;
}

/** The pending root a tree turned out to be for: its epoch and when it can be accepted. */
export type PendingMatch = {
  epoch: bigint;
  root: string;
  /** First chain timestamp (seconds) at which `acceptRoot` succeeds; claims start once it is accepted. */
  validAt: bigint;
  /** A bonded dispute is open: the admin must resolve it before the root can be accepted. */
  disputed: boolean;
};

function pendingSentence(pending: PendingMatch, subject = "this tree is"): string {
  const when = `claimable after ${formatChainTime(pending.validAt)} (chain time) once acceptRoot is called`;
  const dispute = pending.disputed ? ", if the open dispute against it is rejected" : "";
  return `${subject} for pending epoch ${pending.epoch}, ${when}${dispute}`;
}

/**
 * A loaded tree's root is not the on-chain root it was checked against (`against`): a tampered,
 * stale or early file. When it is the OTHER root (the pending one while checking the accepted one,
 * or the reverse), `pending` / `acceptedEpoch` say so.
 *
 * @example
 * const error = await loadRewardTree(client, { source: url }).catch((e) => e);
 * if (error instanceof RewardTreeRootMismatchError && error.pending) console.log("claimable after", error.pending.validAt);
 */
export class RewardTreeRootMismatchError extends SdkError {
  override name = "RewardTreeRootMismatchError";
  constructor(
    readonly against: "accepted" | "pending",
    /** The on-chain root checked against (the zero hash when no root is accepted yet). */
    readonly expected: string,
    /** The epoch of `expected` (0 when no root is accepted yet). */
    readonly expectedEpoch: bigint,
    /** The tree's root. */
    readonly actual: string,
    /** Set when the tree is the pending root's (checking against the accepted root). */
    readonly pending: PendingMatch | undefined,
    /** Set when the tree is the accepted root's (checking against the pending root). */
    readonly acceptedEpoch: bigint | undefined,
  ) {
    const target =
      against === "pending"
        ? `the pending root ${expected} (epoch ${expectedEpoch})`
        : /^0x0{64}$/.test(expected)
          ? "the accepted root (no root has been accepted yet)"
          : `the accepted root ${expected} (epoch ${expectedEpoch})`;
    let advice: string;
    if (pending !== undefined) advice = `${pendingSentence(pending)}; use it then.`;
    else if (acceptedEpoch !== undefined) advice = `this tree is the accepted root of epoch ${acceptedEpoch}.`;
    else advice = `load the tree published for epoch ${expectedEpoch} (or check the file was not altered).`;
    super(`The tree's root ${actual} is not ${target}: ${advice}`);
  }
}

/**
 * A reward leaf is for another chain or another distributor than the client's: its proofs would
 * be worthless here (the leaf commits to both).
 *
 * @example
 * const error = await loadRewardTree(client, { source: json }).catch((e) => e);
 * if (error instanceof RewardTreeWrongDistributorError) console.log(error.chainId, error.distributor);
 */
export class RewardTreeWrongDistributorError extends SdkError {
  override name = "RewardTreeWrongDistributorError";
  constructor(
    /** The index (input order) of the first leaf that is not for the client's distributor. */
    readonly index: number,
    readonly chainId: bigint,
    readonly distributor: string,
    readonly expectedChainId: bigint,
    readonly expectedDistributor: string,
  ) {
    super(
      `Leaf ${index} of the tree is for distributor ${distributor} on chain ${chainId}, not for ` +
        `${expectedDistributor} on chain ${expectedChainId}; load the tree published for this deployment ` +
        "(or create the client for the tree's chain and addresses).",
    );
  }
}

/**
 * The tree file's keccak256 is not the `treeHash` the oracle posted with the root (or the one
 * given): the file was altered or re-serialized after publication.
 *
 * @example
 * const error = await loadRewardTree(client, { source: url }).catch((e) => e);
 * if (error instanceof RewardTreeHashMismatchError) console.log(error.expected, error.actual);
 */
export class RewardTreeHashMismatchError extends SdkError {
  override name = "RewardTreeHashMismatchError";
  constructor(
    readonly expected: string,
    readonly actual: string,
    readonly treeURI: string | undefined,
  ) {
    super(
      `The tree file hashes to ${actual} but the oracle posted treeHash ${expected}; fetch the file as published ` +
        `${treeURI === undefined ? "" : `(${treeURI}) `}without re-serializing it, or pass treeHash: false to skip this check.`,
    );
  }
}

/**
 * The file is a Merkle tree dump, but not of reward leaves
 * (`["uint256", "address", "address", "uint256"]`).
 *
 * @example
 * const error = await loadRewardTree(client, { source: versionTreeJson }).catch((e) => e);
 * if (error instanceof RewardTreeLeafEncodingError) console.log(error.leafEncoding);
 */
export class RewardTreeLeafEncodingError extends SdkError {
  override name = "RewardTreeLeafEncodingError";
  constructor(readonly leafEncoding: readonly string[]) {
    super(
      `The tree's leaf encoding is [${leafEncoding.join(", ")}], not the reward leaf ` +
        "[uint256, address, address, uint256]; this is not a reward tree file.",
    );
  }
}

/**
 * The tree file could not be read: fetching it failed, or it is not JSON.
 *
 * @example
 * const error = await loadRewardTree(client, { source: "https://example.com/missing.json" }).catch((e) => e);
 * if (error instanceof RewardTreeFileError) console.log(error.problem);
 */
export class RewardTreeFileError extends SdkError {
  override name = "RewardTreeFileError";
  constructor(
    readonly problem: string,
    readonly uri: string | undefined,
    cause?: unknown,
  ) {
    super(`Could not read the reward tree${uri === undefined ? "" : ` at ${uri}`}: ${problem}.`, { cause });
  }
}

/**
 * The tree's URI has a scheme the global `fetch` cannot fetch portably (`ipfs:`, `file:`, …).
 *
 * @example
 * const error = await loadRewardTree(client).catch((e) => e);
 * if (error instanceof RewardTreeUnsupportedURIError) await loadRewardTree(client, { source: await readFile(path) });
 */
export class RewardTreeUnsupportedURIError extends SdkError {
  override name = "RewardTreeUnsupportedURIError";
  constructor(readonly uri: string) {
    super(
      `Cannot fetch ${uri}: only http(s) and data URIs are fetched with the global fetch. Read the file yourself ` +
        "and pass its text or bytes as `source`, or pass a `fetch` that resolves this scheme (e.g. to an IPFS gateway).",
    );
  }
}

/**
 * No `RootProposed` event of the root was found in the blocks read, so its tree URI (or tree
 * hash) is unknown.
 *
 * @example
 * const error = await loadRewardTree(client).catch((e) => e);
 * if (error instanceof RootProposalNotFoundError) await loadRewardTree(client, { fromBlock: deploymentBlock });
 */
export class RootProposalNotFoundError extends SdkError {
  override name = "RootProposalNotFoundError";
  constructor(
    readonly epoch: bigint,
    readonly root: string,
  ) {
    super(
      `No RootProposed event of root ${root} (epoch ${epoch}) was found in the blocks read; widen fromBlock/toBlock, ` +
        "or pass the tree file as `source` (and `treeHash`, or treeHash: false).",
    );
  }
}

/**
 * No root is pending: nothing to load with `against: "pending"`, nothing to dispute.
 *
 * @example
 * const error = await dispute(client, { reason }).catch((e) => e);
 * if (error instanceof NoPendingRootError) console.log("nothing to dispute");
 */
export class NoPendingRootError extends SdkError {
  override name = "NoPendingRootError";
  constructor(readonly acceptedEpoch: bigint) {
    super(`No root is pending (the accepted epoch is ${acceptedEpoch}); wait for the oracle's next proposal.`);
  }
}

/** One account's position, as the claim errors report it. */
export type ClaimPosition = { account: string; cumulativeAmount: bigint; claimed: bigint };

/**
 * Nothing is left to claim: the tree's cumulative amount equals what the account has claimed (for
 * `claimMany`: for every account). Nothing was sent.
 *
 * @example
 * const error = await claim(client, { tree }).catch((e) => e);
 * if (error instanceof NothingToClaimError) console.log(error.account, "already claimed", error.claimed);
 */
export class NothingToClaimError extends SdkError {
  override name = "NothingToClaimError";
  /** The (first) account with nothing to claim. */
  readonly account: string;
  readonly cumulativeAmount: bigint;
  readonly claimed: bigint;
  constructor(
    /** Every account with nothing to claim (one for `claim`). */
    readonly positions: readonly ClaimPosition[],
  ) {
    const [first] = positions;
    super(
      positions.length === 1
        ? `${first!.account} has already claimed its cumulative ${first!.cumulativeAmount} wei; nothing to claim ` +
            "until a later epoch's tree is accepted (nothing was sent)."
        : `None of the ${positions.length} accounts has anything left to claim in this tree (nothing was sent).`,
    );
    this.account = first!.account;
    this.cumulativeAmount = first!.cumulativeAmount;
    this.claimed = first!.claimed;
  }
}

/**
 * The tree (or proof) is not for the accepted root, so the distributor would refuse it. When it is
 * the pending root's, `pending` says which epoch and when it becomes claimable. Nothing was sent.
 *
 * @example
 * const error = await claim(client, { tree }).catch((e) => e);
 * if (error instanceof ProofNotForAcceptedRootError && error.pending) console.log("retry after", error.pending.validAt);
 */
export class ProofNotForAcceptedRootError extends SdkError {
  override name = "ProofNotForAcceptedRootError";
  constructor(
    readonly account: string,
    /** The tree's root; `undefined` when a bare proof was given (it proves neither root). */
    readonly treeRoot: string | undefined,
    /** The accepted root (the zero hash before the first epoch). */
    readonly acceptedRoot: string,
    readonly acceptedEpoch: bigint,
    readonly pending: PendingMatch | undefined,
  ) {
    const what = treeRoot === undefined ? `The proof of ${account}` : `The tree's root ${treeRoot}`;
    const accepted =
      acceptedEpoch === 0n
        ? "no root has been accepted yet"
        : `the accepted root is ${acceptedRoot} (epoch ${acceptedEpoch})`;
    const advice =
      pending === undefined
        ? `load the tree of epoch ${acceptedEpoch} and retry`
        : `${pendingSentence(pending, treeRoot === undefined ? "the proof is" : "this tree is")}; retry then`;
    super(`${what} is not for the accepted root: ${accepted}; ${advice} (nothing was sent).`);
  }
}

/**
 * The distributor holds fewer tokens than the claim(s) would pay (the oracle posted leaves summing
 * to more than the funded total, or a token misbehaved). Nothing was sent.
 *
 * @example
 * const error = await claim(client, { tree }).catch((e) => e);
 * if (error instanceof DistributorShortOfFundsError) console.log("short by", error.needed - error.balance);
 */
export class DistributorShortOfFundsError extends SdkError {
  override name = "DistributorShortOfFundsError";
  constructor(
    readonly needed: bigint,
    readonly balance: bigint,
  ) {
    super(
      `The claim would pay ${needed} wei but the distributor holds ${balance}; ask the operator to fund it ` +
        "(fundDistributor), then retry (nothing was sent).",
    );
  }
}

/**
 * The tree gives an account less than it has already claimed: the tree is stale, or the oracle
 * lowered a cumulative amount (they never decrease). Nothing was sent.
 *
 * @example
 * const error = await claim(client, { tree }).catch((e) => e);
 * if (error instanceof CumulativeBelowClaimedError) console.log(error.cumulativeAmount, "<", error.claimed);
 */
export class CumulativeBelowClaimedError extends SdkError {
  override name = "CumulativeBelowClaimedError";
  constructor(
    readonly account: string,
    readonly cumulativeAmount: bigint,
    readonly claimed: bigint,
  ) {
    super(
      `The tree gives ${account} a cumulative ${cumulativeAmount} wei, below the ${claimed} it has already claimed: ` +
        "the tree is stale or wrong; load the tree of the accepted epoch and report it to the oracle operator " +
        "(nothing was sent).",
    );
  }
}

/**
 * A guardian paused claims; only the admin can unpause them. Nothing was sent.
 *
 * @example
 * const error = await claim(client, { tree }).catch((e) => e);
 * if (error instanceof DistributorPausedError) console.log("claims are paused; retry later");
 */
export class DistributorPausedError extends SdkError {
  override name = "DistributorPausedError";
  constructor() {
    super("Claims are paused by a guardian; retry once the admin unpauses them (nothing was sent).");
  }
}

/**
 * The account has no leaf in the tree: it earned nothing up to the tree's epoch (or the tree is
 * another deployment's). Nothing was sent.
 *
 * @example
 * const error = await claim(client, { tree, account }).catch((e) => e);
 * if (error instanceof AccountNotInRewardTreeError) console.log(error.account, "earned nothing yet");
 */
export class AccountNotInRewardTreeError extends SdkError {
  override name = "AccountNotInRewardTreeError";
  constructor(
    readonly account: string,
    readonly treeRoot: string,
  ) {
    super(
      `${account} has no leaf in the tree of root ${treeRoot}: it has no reward to claim in it (nothing was sent).`,
    );
  }
}

/**
 * One account appears twice in a `claimMany` batch.
 *
 * @example
 * const error = await claimMany(client, { tree, accounts: [a, a] }).catch((e) => e);
 * if (error instanceof DuplicateClaimError) console.log(error.firstIndex, error.index); // 0, 1
 */
export class DuplicateClaimError extends SdkError {
  override name = "DuplicateClaimError";
  constructor(
    readonly account: string,
    readonly firstIndex: number,
    readonly index: number,
  ) {
    super(`${account} appears at index ${firstIndex} and again at index ${index}; list each account once.`);
  }
}

/**
 * The pending root is already disputed (one dispute at a time). Nothing was sent.
 *
 * @example
 * const error = await dispute(client, { reason }).catch((e) => e);
 * if (error instanceof RootAlreadyDisputedError) console.log("disputed by", error.disputer);
 */
export class RootAlreadyDisputedError extends SdkError {
  override name = "RootAlreadyDisputedError";
  constructor(
    readonly epoch: bigint,
    readonly disputer: string,
  ) {
    super(
      `The pending root of epoch ${epoch} is already disputed by ${disputer}; the admin resolves it (nothing was sent).`,
    );
  }
}

/**
 * The pending root's challenge window has closed: it can no longer be disputed, only vetoed by a
 * guardian or accepted. Nothing was sent.
 *
 * @example
 * const error = await dispute(client, { reason }).catch((e) => e);
 * if (error instanceof ChallengeWindowClosedError) console.log("closed at", error.validAt);
 */
export class ChallengeWindowClosedError extends SdkError {
  override name = "ChallengeWindowClosedError";
  constructor(
    readonly epoch: bigint,
    readonly validAt: bigint,
    readonly latestTimestamp: bigint,
  ) {
    super(
      `The challenge window of epoch ${epoch} closed at ${formatChainTime(validAt)} (latest block ` +
        `${formatChainTime(latestTimestamp)}); ask a guardian to veto the root instead (nothing was sent).`,
    );
  }
}

/**
 * The admin has not set a dispute bond, which disables disputes. Nothing was sent.
 *
 * @example
 * const error = await dispute(client, { reason }).catch((e) => e);
 * if (error instanceof DisputeBondNotSetError) console.log("ask a guardian to veto instead");
 */
export class DisputeBondNotSetError extends SdkError {
  override name = "DisputeBondNotSetError";
  constructor() {
    super(
      "Disputes are disabled (the dispute bond is zero); ask a guardian to veto the root instead (nothing was sent).",
    );
  }
}

/**
 * The account holds less OPEN than it must deposit: the dispute bond (`purpose: "bond"`) or the
 * funding (`purpose: "fund"`). Nothing was sent, not even an approval.
 *
 * @example
 * const error = await fundDistributor(client, { amount }).catch((e) => e);
 * if (error instanceof InsufficientDepositBalanceError) console.log("short by", error.needed - error.balance);
 */
export class InsufficientDepositBalanceError extends SdkError {
  override name = "InsufficientDepositBalanceError";
  constructor(
    readonly account: string,
    readonly balance: bigint,
    readonly needed: bigint,
    readonly purpose: "bond" | "fund",
  ) {
    super(
      `${account} holds ${balance} OPEN wei but ${purpose === "bond" ? "the dispute bond" : "the funding"} needs ` +
        `${needed}; fund the account first (nothing was sent).`,
    );
  }
}

/**
 * No root has been accepted yet, so there is no accepted tree to load. `pending` is set when the
 * first root is waiting for acceptance.
 *
 * @example
 * const error = await loadRewardTree(client).catch((e) => e);
 * if (error instanceof NoAcceptedRootError && error.pending) await loadRewardTree(client, { against: "pending" });
 */
export class NoAcceptedRootError extends SdkError {
  override name = "NoAcceptedRootError";
  constructor(readonly pending: PendingMatch | undefined) {
    super(
      pending === undefined
        ? "No root has been accepted yet and none is pending; nothing can be claimed until the oracle's first root is accepted."
        : `No root has been accepted yet: ${pendingSentence(pending)}. Load it with against: "pending" to preview it.`,
    );
  }
}
