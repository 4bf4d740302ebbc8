// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

import {IAttributionDistributor} from "./interfaces/IAttributionDistributor.sol";
import {ProofVerifier} from "./libraries/ProofVerifier.sol";
import {RewardLeaf} from "./libraries/RewardLeaf.sol";

/// @title AttributionDistributor
/// @notice Pays Proof-of-Attribution rewards from cumulative Merkle roots, behind a challenge
/// window, a guardian veto and bonded disputes. See {IAttributionDistributor}.
/// @dev Gas layout: a claim reads exactly two storage slots (`_claimRoot` and the account's
/// `_claimed`), which is why the pause switch lives in `_claimRoot` itself (see {pause}).
contract AttributionDistributor is IAttributionDistributor, AccessControlDefaultAdminRules, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @inheritdoc IAttributionDistributor
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    /// @inheritdoc IAttributionDistributor
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @inheritdoc IAttributionDistributor
    uint48 public constant MIN_CHALLENGE_PERIOD = 1 hours;
    /// @inheritdoc IAttributionDistributor
    uint48 public constant MAX_CHALLENGE_PERIOD = 30 days;
    /// @dev Delay of a default-admin transfer (AccessControlDefaultAdminRules).
    uint48 private constant _ADMIN_TRANSFER_DELAY = 2 days;

    /// @dev Everything `proposeRoot` and `acceptRoot` need, packed in one slot:
    /// 40 + 32 + 40 + 8 + 8 + 128 = 256 bits. Bounds: `epoch` < 2^40 epochs and `validAt` < 2^40 s
    /// (year 36812) are unreachable; `challengePeriod` ≤ 30 days; `totalFunded` is checked.
    struct State {
        uint40 epoch; // accepted epoch
        uint32 challengePeriod;
        uint40 validAt; // of the pending root
        RootStatus status;
        bool paused;
        uint128 totalFunded;
    }

    /// @dev `latest`: the last proposed total; `previous`: the accepted total when it was proposed.
    /// The accepted total is `previous` while a root is pending and `latest` otherwise, so
    /// acceptance writes nothing here (2,900 gas); a discarded root restores `latest = previous`.
    /// Both ≤ `totalFunded` < 2^128.
    struct Totals {
        uint128 previous;
        uint128 latest;
    }

    /// @dev The open dispute; bonds are capped at 2^96 - 1 by {setDisputeBond}.
    struct OpenDispute {
        address disputer;
        uint96 bond;
    }

    IERC20 private immutable _TOKEN;

    /// @dev The root claims verify against: the accepted root, or zero while claims are paused.
    bytes32 private _claimRoot;
    /// @dev The accepted root while claims are paused (zero otherwise).
    bytes32 private _rootWhilePaused;
    /// @dev The last proposed root. Kept after acceptance or veto (`_state.status` says whether it
    /// is pending), so the next proposal rewrites a non-zero slot: 5,000 gas instead of 22,100.
    bytes32 private _proposedRoot;
    State private _state;
    Totals private _totals;
    OpenDispute private _dispute;
    uint256 private _disputeBond;
    mapping(address account => uint256 cumulativeAmount) private _claimed;

    constructor(
        IERC20 token_,
        address admin,
        uint48 challengePeriod_
    ) AccessControlDefaultAdminRules(_ADMIN_TRANSFER_DELAY, admin) {
        if (address(token_).code.length == 0) revert DistributorTokenHasNoCode(address(token_));
        _TOKEN = token_;
        _setChallengePeriod(challengePeriod_);
    }

    // ---------------------------------------------------------------- roots

    /// @inheritdoc IAttributionDistributor
    function proposeRoot(
        uint64 epoch_,
        bytes32 root_,
        uint256 totalCumulative_,
        bytes32 treeHash,
        string calldata treeURI
    ) external onlyRole(ORACLE_ROLE) {
        State memory s = _state;
        uint64 next = uint64(s.epoch) + 1;
        if (s.status != RootStatus.None) {
            bytes32 pending = _proposedRoot;
            // An oracle retrying the proposal it already made changes nothing, not even the window.
            if (epoch_ == next && root_ == pending && totalCumulative_ == _totals.latest) return;
            revert DistributorRootAlreadyPending(next, pending);
        }
        if (epoch_ != next) revert DistributorWrongEpoch(epoch_, next);
        if (root_ == bytes32(0)) revert DistributorZeroRoot();
        uint128 accepted = _totals.latest; // no root is pending
        if (totalCumulative_ < accepted) revert DistributorTotalDecreased(totalCumulative_, accepted);
        if (totalCumulative_ > s.totalFunded) revert DistributorInsolvent(totalCumulative_, s.totalFunded);

        uint40 validAt = SafeCast.toUint40(block.timestamp + s.challengePeriod);
        _proposedRoot = root_;
        // Cast bound: totalCumulative_ ≤ totalFunded < 2^128 (checked above).
        _totals = Totals({previous: accepted, latest: uint128(totalCumulative_)});
        s.validAt = validAt;
        s.status = RootStatus.Pending;
        _state = s;
        emit RootProposed(epoch_, root_, totalCumulative_, validAt, treeHash, treeURI);
    }

    /// @inheritdoc IAttributionDistributor
    function acceptRoot() external {
        State memory s = _state;
        if (s.status == RootStatus.None) revert DistributorNoPendingRoot();
        if (s.status == RootStatus.Disputed) revert DistributorRootDisputed(s.epoch + 1, _dispute.disputer);
        if (block.timestamp < s.validAt) revert DistributorChallengeWindowOpen(s.validAt);

        bytes32 root_ = _proposedRoot;
        if (s.paused) _rootWhilePaused = root_;
        else _claimRoot = root_;
        ++s.epoch; // bound: < 2^40 epochs (see State)
        s.status = RootStatus.None;
        _state = s;
        emit RootAccepted(s.epoch, root_, _totals.latest);
    }

    /// @inheritdoc IAttributionDistributor
    function vetoRoot() external onlyRole(GUARDIAN_ROLE) nonReentrant {
        State memory s = _state;
        if (s.status == RootStatus.None) revert DistributorNoPendingRoot();
        _discardPending();
        uint64 pendingEpoch = uint64(s.epoch) + 1;
        bytes32 pending = _proposedRoot;
        emit RootVetoed(pendingEpoch, pending, msg.sender);
        // The veto agrees with an open dispute: its bond goes back.
        if (s.status == RootStatus.Disputed) _returnBond(pendingEpoch, pending);
    }

    /// @inheritdoc IAttributionDistributor
    function dispute(string calldata reason) external nonReentrant {
        State memory s = _state;
        if (s.status == RootStatus.None) revert DistributorNoPendingRoot();
        if (s.status == RootStatus.Disputed) revert DistributorRootDisputed(s.epoch + 1, _dispute.disputer);
        if (block.timestamp >= s.validAt) revert DistributorChallengeWindowClosed(s.validAt);
        uint256 bond = _disputeBond;
        if (bond == 0) revert DistributorDisputeBondNotSet();

        _state.status = RootStatus.Disputed;
        uint96 received = SafeCast.toUint96(_pull(msg.sender, bond));
        _dispute = OpenDispute({disputer: msg.sender, bond: received});
        emit RootDisputed(s.epoch + 1, _proposedRoot, msg.sender, received, reason);
    }

    /// @inheritdoc IAttributionDistributor
    function resolveDispute(bool upheld) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        State memory s = _state;
        if (s.status != RootStatus.Disputed) revert DistributorNotDisputed();
        uint64 pendingEpoch = uint64(s.epoch) + 1;
        bytes32 pending = _proposedRoot;
        if (upheld) {
            _discardPending();
            _returnBond(pendingEpoch, pending);
        } else {
            OpenDispute memory d = _dispute;
            delete _dispute;
            s.status = RootStatus.Pending;
            s.totalFunded = _addFunds(s.totalFunded, d.bond);
            _state = s;
            emit DisputeResolved(pendingEpoch, pending, d.disputer, false, d.bond);
            emit Funded(d.disputer, d.bond, s.totalFunded);
        }
    }

    // ---------------------------------------------------------------- claims

    /// @inheritdoc IAttributionDistributor
    function claim(
        address account,
        uint256 cumulativeAmount,
        bytes32[] calldata proof
    ) external returns (uint256 paid) {
        bytes32 root_ = _claimRoot;
        if (root_ == bytes32(0)) _revertClaimsClosed();
        _verify(root_, account, cumulativeAmount, proof);
        uint256 already = _claimed[account];
        if (cumulativeAmount <= already) revert DistributorNothingToClaim(account, cumulativeAmount, already);
        paid = _pay(account, cumulativeAmount, already);
    }

    /// @inheritdoc IAttributionDistributor
    function claimMany(Claim[] calldata claims) external returns (uint256 paid) {
        bytes32 root_ = _claimRoot;
        if (root_ == bytes32(0)) _revertClaimsClosed();
        // Bounded by the calldata the caller pays for.
        for (uint256 i = 0; i < claims.length; ++i) {
            Claim calldata c = claims[i];
            _verify(root_, c.account, c.cumulativeAmount, c.proof);
            uint256 already = _claimed[c.account];
            if (c.cumulativeAmount > already) paid += _pay(c.account, c.cumulativeAmount, already);
        }
        if (paid == 0) revert DistributorBatchPaidNothing(claims.length);
    }

    /// @inheritdoc IAttributionDistributor
    function fund(uint256 amount) external nonReentrant {
        if (amount == 0) revert DistributorZeroAmount();
        uint256 received = _pull(msg.sender, amount);
        if (received == 0) revert DistributorZeroAmount();
        uint128 total = _addFunds(_state.totalFunded, received);
        _state.totalFunded = total;
        emit Funded(msg.sender, received, total);
    }

    // ---------------------------------------------------------------- admin

    /// @inheritdoc IAttributionDistributor
    /// @dev Moves the accepted root out of `_claimRoot`, so claims stop on their one root read
    /// without a pause-flag read of their own (2,100 gas saved on every claim).
    function pause() external onlyRole(GUARDIAN_ROLE) {
        if (_state.paused) revert DistributorPaused();
        _state.paused = true;
        _rootWhilePaused = _claimRoot;
        _claimRoot = bytes32(0);
        emit ClaimsPaused(msg.sender);
    }

    /// @inheritdoc IAttributionDistributor
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!_state.paused) revert DistributorNotPaused();
        _state.paused = false;
        _claimRoot = _rootWhilePaused;
        _rootWhilePaused = bytes32(0);
        emit ClaimsUnpaused(msg.sender);
    }

    /// @inheritdoc IAttributionDistributor
    function setChallengePeriod(uint48 challengePeriod_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setChallengePeriod(challengePeriod_);
    }

    /// @inheritdoc IAttributionDistributor
    function setDisputeBond(uint256 bond) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (bond > type(uint96).max) revert DistributorAmountOverflow(bond, type(uint96).max);
        _disputeBond = bond;
        emit DisputeBondSet(bond);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IAttributionDistributor
    function token() external view returns (IERC20) {
        return _TOKEN;
    }

    /// @inheritdoc IAttributionDistributor
    function root() external view returns (bytes32) {
        return _state.paused ? _rootWhilePaused : _claimRoot;
    }

    /// @inheritdoc IAttributionDistributor
    function epoch() external view returns (uint64) {
        return _state.epoch;
    }

    /// @inheritdoc IAttributionDistributor
    function totalCumulative() external view returns (uint256) {
        return _state.status == RootStatus.None ? _totals.latest : _totals.previous;
    }

    /// @inheritdoc IAttributionDistributor
    function totalFunded() external view returns (uint256) {
        return _state.totalFunded;
    }

    /// @inheritdoc IAttributionDistributor
    function claimed(address account) external view returns (uint256) {
        return _claimed[account];
    }

    /// @inheritdoc IAttributionDistributor
    function leaf(address account, uint256 cumulativeAmount) external view returns (bytes32) {
        return RewardLeaf.hash(block.chainid, address(this), account, cumulativeAmount);
    }

    /// @inheritdoc IAttributionDistributor
    function pendingRoot() external view returns (PendingRoot memory pending) {
        State memory s = _state;
        if (s.status == RootStatus.None) return pending;
        pending = PendingRoot({
            epoch: uint64(s.epoch) + 1,
            root: _proposedRoot,
            totalCumulative: _totals.latest,
            validAt: s.validAt,
            status: s.status
        });
    }

    /// @inheritdoc IAttributionDistributor
    function currentDispute() external view returns (address disputer, uint256 bond) {
        OpenDispute memory d = _dispute;
        return (d.disputer, d.bond);
    }

    /// @inheritdoc IAttributionDistributor
    function challengePeriod() external view returns (uint48) {
        return _state.challengePeriod;
    }

    /// @inheritdoc IAttributionDistributor
    function disputeBond() external view returns (uint256) {
        return _disputeBond;
    }

    /// @inheritdoc IAttributionDistributor
    function paused() external view returns (bool) {
        return _state.paused;
    }

    // ---------------------------------------------------------------- internals

    function _verify(bytes32 root_, address account, uint256 cumulativeAmount, bytes32[] calldata proof) private view {
        bytes32 leaf_ = RewardLeaf.hash(block.chainid, address(this), account, cumulativeAmount);
        if (!ProofVerifier.verify(proof, root_, leaf_)) {
            revert DistributorInvalidProof(account, cumulativeAmount);
        }
    }

    /// @dev Effects before the transfer: a token re-entering `claim` finds nothing left to pay.
    function _pay(address account, uint256 cumulativeAmount, uint256 already) private returns (uint256 paid) {
        _claimed[account] = cumulativeAmount;
        unchecked {
            paid = cumulativeAmount - already; // bound: callers check cumulativeAmount > already
        }
        emit Claimed(account, paid);
        _TOKEN.safeTransfer(account, paid);
    }

    function _revertClaimsClosed() private view {
        if (_state.paused) revert DistributorPaused();
        revert DistributorNoRoot();
    }

    /// @dev Returns what arrived, which a fee-on-transfer token makes less than `amount`.
    function _pull(address from, uint256 amount) private returns (uint256 received) {
        uint256 before = _TOKEN.balanceOf(address(this));
        _TOKEN.safeTransferFrom(from, address(this), amount);
        received = _TOKEN.balanceOf(address(this)) - before;
    }

    function _addFunds(uint128 total, uint256 amount) private pure returns (uint128) {
        uint256 sum = uint256(total) + amount;
        if (sum > type(uint128).max) revert DistributorAmountOverflow(sum, type(uint128).max);
        return uint128(sum);
    }

    function _discardPending() private {
        _state.status = RootStatus.None;
        _totals.latest = _totals.previous;
    }

    function _returnBond(uint64 pendingEpoch, bytes32 pending) private {
        OpenDispute memory d = _dispute;
        delete _dispute;
        emit DisputeResolved(pendingEpoch, pending, d.disputer, true, d.bond);
        _TOKEN.safeTransfer(d.disputer, d.bond);
    }

    function _setChallengePeriod(uint48 challengePeriod_) private {
        if (challengePeriod_ < MIN_CHALLENGE_PERIOD || challengePeriod_ > MAX_CHALLENGE_PERIOD) {
            revert DistributorChallengePeriodOutOfRange(challengePeriod_, MIN_CHALLENGE_PERIOD, MAX_CHALLENGE_PERIOD);
        }
        // Cast bound: ≤ 30 days < 2^32.
        _state.challengePeriod = uint32(challengePeriod_);
        emit ChallengePeriodSet(challengePeriod_);
    }
}
