// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IAttributionDistributor
/// @notice Pays Proof-of-Attribution rewards. Every epoch the attribution oracle proposes the root of
/// a Merkle tree of cumulative rewards; after a challenge window with no veto and no open dispute,
/// anyone accepts it, and from then on anyone may claim for any account with a Merkle proof. The
/// tokens always go to the account.
///
/// Leaf: `keccak256(bytes.concat(keccak256(abi.encode(chainId, distributor, account, cumulativeAmount))))`
/// with types `(uint256, address, address, uint256)` and sorted-pair inner nodes, exactly as
/// OpenZeppelin's `StandardMerkleTree` builds it: a tree for one chain or one deployment is
/// worthless on another.
///
/// Roles (admin through `AccessControlDefaultAdminRules`: two-step, delayed transfer):
/// - `DEFAULT_ADMIN_ROLE`: grants and revokes roles, sets the challenge period (1 hour to 30 days)
///   and the dispute bond, resolves disputes, unpauses claims. Cannot move rewards or change a root.
/// - `ORACLE_ROLE`: proposes roots (`proposeRoot`). Cannot accept its own root early.
/// - `GUARDIAN_ROLE`: vetoes a pending root (`vetoRoot`) and pauses claims (`pause`). Cannot
///   unpause, so a compromised guardian can delay but never redirect rewards.
///
/// Invariants (tested in `test/AttributionDistributor.invariant.t.sol`):
/// - epochs start at 1 and go up by one; at most one root is pending;
/// - the accepted `totalCumulative` never decreases and never exceeds `totalFunded()`;
/// - an account never receives more than the cumulative amount of a leaf in the accepted tree;
/// - balance + total claimed = total funded + dispute bonds held (+ tokens sent without `fund`).
interface IAttributionDistributor {
    /// @notice Where the next root stands. `None`: no root is pending (after acceptance, veto or an
    /// upheld dispute). `Pending`: in its challenge window or waiting for `acceptRoot`.
    /// `Disputed`: a bonded dispute is open; it cannot be accepted until the admin resolves it.
    enum RootStatus {
        None,
        Pending,
        Disputed
    }

    /// @notice The root waiting for acceptance, as views return it.
    struct PendingRoot {
        uint64 epoch;
        bytes32 root;
        uint256 totalCumulative;
        uint48 validAt; // first timestamp at which acceptRoot succeeds
        RootStatus status;
    }

    /// @notice One entry of a `claimMany` batch.
    struct Claim {
        address account;
        uint256 cumulativeAmount;
        bytes32[] proof;
    }

    // ---------------------------------------------------------------- errors

    /// @notice `token` is not a contract.
    error DistributorTokenHasNoCode(address token);
    /// @notice `challengePeriod` is outside [`minChallengePeriod`, `maxChallengePeriod`] (1 hour to
    /// 30 days): shorter leaves a guardian or a disputer no time to act, longer delays rewards too much.
    error DistributorChallengePeriodOutOfRange(
        uint48 challengePeriod,
        uint48 minChallengePeriod,
        uint48 maxChallengePeriod
    );
    /// @notice A proposal for `epoch` arrived when the next epoch is `expectedEpoch`.
    error DistributorWrongEpoch(uint64 epoch, uint64 expectedEpoch);
    /// @notice The zero root cannot be proposed (claims treat it as "no root").
    error DistributorZeroRoot();
    /// @notice A different root is already pending; it must be accepted, vetoed or discarded first.
    error DistributorRootAlreadyPending(uint64 pendingEpoch, bytes32 pendingRoot);
    /// @notice The proposed total is below the accepted one: cumulative rewards never decrease.
    error DistributorTotalDecreased(uint256 totalCumulative, uint256 acceptedTotal);
    /// @notice The proposed total exceeds what was funded: the root could not be paid in full.
    error DistributorInsolvent(uint256 totalCumulative, uint256 totalFunded);
    /// @notice No root is pending (nothing to accept, veto or dispute).
    error DistributorNoPendingRoot();
    /// @notice `acceptRoot` was called before the challenge window ended at `validAt`.
    error DistributorChallengeWindowOpen(uint48 validAt);
    /// @notice `dispute` was called after the challenge window ended at `validAt`.
    error DistributorChallengeWindowClosed(uint48 validAt);
    /// @notice The pending root of `epoch` is disputed by `disputer`; the admin must resolve it first.
    error DistributorRootDisputed(uint64 epoch, address disputer);
    /// @notice `resolveDispute` was called with no open dispute.
    error DistributorNotDisputed();
    /// @notice Disputes are disabled until the admin sets a non-zero bond.
    error DistributorDisputeBondNotSet();
    /// @notice Claims are paused by a guardian.
    error DistributorPaused();
    /// @notice `unpause` was called while claims were not paused.
    error DistributorNotPaused();
    /// @notice No root has been accepted yet.
    error DistributorNoRoot();
    /// @notice The proof does not prove the leaf `(account, cumulativeAmount)` under the accepted root.
    error DistributorInvalidProof(address account, uint256 cumulativeAmount);
    /// @notice `account` has already claimed `claimed`, which is not less than `cumulativeAmount`.
    error DistributorNothingToClaim(address account, uint256 cumulativeAmount, uint256 claimed);
    /// @notice None of the `count` accounts in a `claimMany` batch had anything left to claim.
    error DistributorBatchPaidNothing(uint256 count);
    /// @notice `fund` received no tokens.
    error DistributorZeroAmount();
    /// @notice `amount` (a bond, or the total funded it would make) exceeds what the distributor
    /// stores (`max`: 2^128 - 1 for totals, 2^96 - 1 for bonds).
    error DistributorAmountOverflow(uint256 amount, uint256 max);

    // ---------------------------------------------------------------- events

    /// @notice The oracle proposed `root` for `epoch`; acceptable from `validAt`. `treeHash` and
    /// `treeURI` locate the published tree file (not stored on-chain).
    event RootProposed(
        uint64 indexed epoch,
        bytes32 indexed root,
        uint256 totalCumulative,
        uint48 validAt,
        bytes32 treeHash,
        string treeURI
    );
    /// @notice `root` became the root claims use.
    event RootAccepted(uint64 indexed epoch, bytes32 indexed root, uint256 totalCumulative);
    /// @notice A guardian discarded the pending `root`; the oracle may propose `epoch` again.
    event RootVetoed(uint64 indexed epoch, bytes32 indexed root, address indexed guardian);
    /// @notice `disputer` bonded `bond` tokens against the pending `root`, saying `reason`.
    event RootDisputed(
        uint64 indexed epoch,
        bytes32 indexed root,
        address indexed disputer,
        uint256 bond,
        string reason
    );
    /// @notice The admin resolved the dispute: `upheld` → root discarded and `bond` returned to
    /// `disputer`; otherwise the root is pending again and `bond` joined the reward pool.
    event DisputeResolved(
        uint64 indexed epoch,
        bytes32 indexed root,
        address indexed disputer,
        bool upheld,
        uint256 bond
    );
    /// @notice `account` received `amount`; the sum of an account's `amount`s is `claimed(account)`.
    event Claimed(address indexed account, uint256 amount);
    /// @notice `from` added `amount` to the reward pool; `totalFunded` is the new total.
    event Funded(address indexed from, uint256 amount, uint256 totalFunded);
    event ChallengePeriodSet(uint48 challengePeriod);
    event DisputeBondSet(uint256 bond);
    event ClaimsPaused(address indexed guardian);
    event ClaimsUnpaused(address indexed admin);

    // ---------------------------------------------------------------- roots

    /// @notice Proposes the root of `epoch` (the accepted epoch + 1). Repeating the pending proposal
    /// exactly (same epoch, root and total) is a no-op, so an oracle can retry safely; any other
    /// proposal while one is pending reverts. Only `ORACLE_ROLE`.
    /// @param totalCumulative sum of every leaf's cumulative amount: ≥ the accepted total, ≤ `totalFunded()`.
    /// @param treeHash keccak256 of the published tree file; emitted, not stored.
    /// @param treeURI where the tree file is published; emitted, not stored.
    function proposeRoot(
        uint64 epoch,
        bytes32 root,
        uint256 totalCumulative,
        bytes32 treeHash,
        string calldata treeURI
    ) external;

    /// @notice Makes the pending root the one claims use, once its challenge window has passed
    /// with no open dispute. Anyone may call it.
    function acceptRoot() external;

    /// @notice Discards the pending (or disputed) root; an open dispute's bond goes back to its
    /// disputer. Only `GUARDIAN_ROLE`.
    function vetoRoot() external;

    /// @notice Disputes the pending root during its challenge window, pulling `disputeBond()` from
    /// the caller (approve first). One dispute at a time.
    function dispute(string calldata reason) external;

    /// @notice Resolves the open dispute. Only `DEFAULT_ADMIN_ROLE`.
    /// @param upheld true: discard the root and return the bond; false: keep the root pending (it
    /// is accepted once its window has passed) and add the bond to the reward pool.
    function resolveDispute(bool upheld) external;

    // ---------------------------------------------------------------- claims

    /// @notice Pays `account` what it has not yet claimed of `cumulativeAmount`, proven against the
    /// accepted root. Anyone may call it for any account; tokens go to `account`.
    /// @return paid `cumulativeAmount - claimed(account)` before the call (never zero).
    function claim(address account, uint256 cumulativeAmount, bytes32[] calldata proof) external returns (uint256 paid);

    /// @notice Claims for many accounts. Reverts on any invalid proof; skips accounts with nothing
    /// left to claim (so a claimant racing a relayer cannot fail the batch); reverts if it pays nothing.
    function claimMany(Claim[] calldata claims) external returns (uint256 paid);

    /// @notice Adds `amount` tokens to the reward pool (approve first). Only funded tokens back
    /// proposals; tokens sent by plain transfer are not counted.
    function fund(uint256 amount) external;

    // ---------------------------------------------------------------- admin

    /// @notice Only `GUARDIAN_ROLE`. Stops claims; proposals and acceptance go on.
    function pause() external;

    /// @notice Only `DEFAULT_ADMIN_ROLE`.
    function unpause() external;

    /// @notice Applies to roots proposed afterwards. Only `DEFAULT_ADMIN_ROLE`; 1 hour to 30 days.
    function setChallengePeriod(uint48 challengePeriod) external;

    /// @notice Applies to disputes opened afterwards; zero disables disputes. Only `DEFAULT_ADMIN_ROLE`.
    function setDisputeBond(uint256 bond) external;

    // ---------------------------------------------------------------- views

    function ORACLE_ROLE() external view returns (bytes32);
    function GUARDIAN_ROLE() external view returns (bytes32);
    function MIN_CHALLENGE_PERIOD() external view returns (uint48);
    function MAX_CHALLENGE_PERIOD() external view returns (uint48);
    function token() external view returns (IERC20);
    /// @notice The accepted root claims use; zero before the first epoch.
    function root() external view returns (bytes32);
    /// @notice The accepted epoch; 0 before the first.
    function epoch() external view returns (uint64);
    /// @notice The accepted root's total of cumulative amounts.
    function totalCumulative() external view returns (uint256);
    /// @notice Everything ever added through `fund` and rejected-dispute bonds.
    function totalFunded() external view returns (uint256);
    function claimed(address account) external view returns (uint256);
    /// @notice The leaf of `(account, cumulativeAmount)` for this chain and this distributor.
    function leaf(address account, uint256 cumulativeAmount) external view returns (bytes32);
    /// @notice The pending root; all fields zero (`status == None`) when there is none.
    function pendingRoot() external view returns (PendingRoot memory);
    /// @notice The open dispute; `disputer == address(0)` when there is none.
    function currentDispute() external view returns (address disputer, uint256 bond);
    function challengePeriod() external view returns (uint48);
    function disputeBond() external view returns (uint256);
    function paused() external view returns (bool);
}
