// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AttributionDistributor} from "../../contracts/AttributionDistributor.sol";
import {IAttributionDistributor} from "../../contracts/interfaces/IAttributionDistributor.sol";
import {RewardLeaf} from "../../contracts/libraries/RewardLeaf.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {MerkleBuilder} from "../utils/MerkleBuilder.sol";
import {Test} from "../utils/Test.sol";
import {vm} from "../utils/Vm.sol";

/// @notice Drives one distributor through valid transitions only (the invariant profile fails on
/// any revert): every action checks its preconditions and returns early when they do not hold.
/// It plays every role and holds an honest oracle's model: per-actor cumulative amounts that only
/// grow, with every proposal funded. Ghost variables track what the invariants compare against.
contract DistributorHandler is Test {
    uint256 public constant ACTORS = 5;
    uint48 public constant INITIAL_CHALLENGE_PERIOD = 1 days;
    uint256 public constant INITIAL_BOND = 10e18;
    uint256 internal constant MAX_INCREMENT = 1_000e18;

    MockERC20 public immutable token;
    AttributionDistributor public immutable distributor;

    address public constant admin = address(0xAD);
    address public constant oracle = address(0x0AC1E);
    address public constant guardian = address(0x6A2D);
    address public constant funder = address(0xF0);
    address[ACTORS] internal _actors;
    address[2] internal _disputers = [address(0xD1), address(0xD2)];

    // ---------------------------------------------------------------- oracle model

    /// Cumulative amounts of the accepted tree and of the pending tree (if any).
    mapping(address account => uint256) public accepted;
    mapping(address account => uint256) internal _pending;
    /// The largest cumulative amount any accepted tree gave the account.
    mapping(address account => uint256) public maxAccepted;
    uint256 public acceptedTotal;
    uint256 internal _pendingTotal;
    uint256 public acceptedRoots;

    // ---------------------------------------------------------------- ghosts

    uint256 public currentTime;
    uint256 public ghostFunded; // fund() plus bonds of rejected disputes
    uint256 public ghostClaimed;
    uint256 public ghostBondsHeld; // bond of the open dispute
    uint256 public successfulClaims;
    uint256 public forgedAttempts;
    uint256 public forgedSuccesses;
    /// A forged claim that failed for a reason other than DistributorInvalidProof.
    uint256 public forgedWrongErrors;
    /// A claim that paid something other than `cumulative - claimed`.
    uint256 public paymentMismatches;
    uint256 public monotonicityViolations;
    uint64 internal _lastEpoch;
    uint256 internal _lastTotal;
    /// How often each action got past its guards and made its transition.
    mapping(bytes4 action => uint256) public transitions;

    constructor() {
        currentTime = vm.getBlockTimestamp();
        for (uint256 i = 0; i < ACTORS; ++i) {
            _actors[i] = address(uint160(0xA0000 + i));
        }
        token = new MockERC20();
        distributor = new AttributionDistributor(token, admin, INITIAL_CHALLENGE_PERIOD);
        vm.startPrank(admin);
        distributor.grantRole(distributor.ORACLE_ROLE(), oracle);
        distributor.grantRole(distributor.GUARDIAN_ROLE(), guardian);
        distributor.setDisputeBond(INITIAL_BOND);
        vm.stopPrank();

        // An accepted tree giving every actor something, so claims are possible from the first call.
        uint256 total;
        for (uint256 i = 0; i < ACTORS; ++i) {
            _pending[_actors[i]] = 100e18 * (i + 1);
            total += 100e18 * (i + 1);
        }
        _propose(total, 0);
        acceptRoot(true);
    }

    modifier step() {
        vm.warp(currentTime);
        _;
        _checkMonotonic();
    }

    function actor(uint256 i) public view returns (address) {
        return _actors[i];
    }

    // ================================================================ actions

    function fund(uint256 amount) public step {
        amount = bound(amount, 1, 1e24);
        _fund(amount);
        transitions[this.fund.selector]++;
    }

    /// The honest oracle grows some actors' amounts, funds what the new total needs, and proposes.
    function proposeRoot(uint256 seed) public step {
        if (_status() != IAttributionDistributor.RootStatus.None) return;
        uint256 total;
        for (uint256 i = 0; i < ACTORS; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint256 amount = accepted[_actors[i]] + (r % 3 == 0 ? 0 : r % MAX_INCREMENT);
            _pending[_actors[i]] = amount;
            total += amount;
        }
        _propose(total, seed);
        transitions[this.proposeRoot.selector]++;
    }

    function warp(uint256 seconds_) public step {
        currentTime += bound(seconds_, 0, 2 days);
        vm.warp(currentTime);
        transitions[this.warp.selector]++;
    }

    /// @param waitForWindow warp to `validAt` first when the window is still open.
    function acceptRoot(bool waitForWindow) public step {
        IAttributionDistributor.PendingRoot memory p = distributor.pendingRoot();
        if (p.status != IAttributionDistributor.RootStatus.Pending) return;
        if (currentTime < p.validAt) {
            if (!waitForWindow) return;
            currentTime = p.validAt;
            vm.warp(currentTime);
        }
        distributor.acceptRoot();
        for (uint256 i = 0; i < ACTORS; ++i) {
            address a = _actors[i];
            accepted[a] = _pending[a];
            if (accepted[a] > maxAccepted[a]) maxAccepted[a] = accepted[a];
        }
        acceptedTotal = _pendingTotal;
        acceptedRoots++;
        transitions[this.acceptRoot.selector]++;
    }

    function vetoRoot() public step {
        if (_status() == IAttributionDistributor.RootStatus.None) return;
        (, uint256 bond) = distributor.currentDispute();
        vm.prank(guardian);
        distributor.vetoRoot();
        ghostBondsHeld -= bond; // returned, if a dispute was open
        transitions[this.vetoRoot.selector]++;
    }

    function dispute(uint256 who) public step {
        IAttributionDistributor.PendingRoot memory p = distributor.pendingRoot();
        uint256 bond = distributor.disputeBond();
        if (p.status != IAttributionDistributor.RootStatus.Pending || currentTime >= p.validAt || bond == 0) return;
        address disputer = _disputers[who % _disputers.length];
        token.mint(disputer, bond);
        vm.startPrank(disputer);
        token.approve(address(distributor), bond);
        distributor.dispute("handler");
        vm.stopPrank();
        ghostBondsHeld += bond;
        transitions[this.dispute.selector]++;
    }

    function resolveDispute(bool upheld) public step {
        if (_status() != IAttributionDistributor.RootStatus.Disputed) return;
        (, uint256 bond) = distributor.currentDispute();
        vm.prank(admin);
        distributor.resolveDispute(upheld);
        ghostBondsHeld -= bond;
        if (!upheld) ghostFunded += bond; // joined the reward pool
        transitions[this.resolveDispute.selector]++;
    }

    function pause() public step {
        if (distributor.paused()) return;
        vm.prank(guardian);
        distributor.pause();
        transitions[this.pause.selector]++;
    }

    function unpause() public step {
        if (!distributor.paused()) return;
        vm.prank(admin);
        distributor.unpause();
        transitions[this.unpause.selector]++;
    }

    function setChallengePeriod(uint256 period) public step {
        vm.prank(admin);
        distributor.setChallengePeriod(uint48(bound(period, 1 hours, 3 days)));
        transitions[this.setChallengePeriod.selector]++;
    }

    function setDisputeBond(uint256 bond) public step {
        vm.prank(admin);
        distributor.setDisputeBond(bound(bond, 0, 1_000e18));
        transitions[this.setDisputeBond.selector]++;
    }

    /// Claims for one actor from any caller, then tries to forge a claim for it.
    function claim(uint256 who, uint256 forgery) public step {
        if (distributor.paused()) return;
        uint256 i = who % ACTORS;
        address account = _actors[i];
        bytes32[] memory proof = _proofOf(accepted, i);
        uint256 already = distributor.claimed(account);
        if (accepted[account] > already) {
            uint256 paid = distributor.claim(account, accepted[account], proof);
            if (paid != accepted[account] - already) paymentMismatches++;
            ghostClaimed += paid;
            successfulClaims++;
            transitions[this.claim.selector]++;
        }
        _forge(account, proof, forgery);
    }

    /// Claims for the actors in `mask` in one batch, when that pays something.
    function claimMany(uint256 mask) public step {
        if (distributor.paused()) return;
        mask = bound(mask, 1, 2 ** ACTORS - 1);
        uint256 count;
        for (uint256 i = 0; i < ACTORS; ++i) {
            if (mask & (1 << i) != 0) count++;
        }
        IAttributionDistributor.Claim[] memory claims = new IAttributionDistributor.Claim[](count);
        uint256 expected;
        uint256 paying;
        count = 0;
        for (uint256 i = 0; i < ACTORS; ++i) {
            if (mask & (1 << i) == 0) continue;
            address account = _actors[i];
            claims[count++] = IAttributionDistributor.Claim(account, accepted[account], _proofOf(accepted, i));
            uint256 already = distributor.claimed(account);
            if (accepted[account] > already) {
                expected += accepted[account] - already;
                paying++;
            }
        }
        if (expected == 0) return;
        uint256 paid = distributor.claimMany(claims);
        if (paid != expected) paymentMismatches++;
        ghostClaimed += paid;
        successfulClaims += paying;
        transitions[this.claimMany.selector]++;
    }

    // ================================================================ end of a run

    /// Unpauses and lets every actor claim what the accepted tree gives it, then checks that the
    /// distributor paid everyone in full and kept exactly the rest. Called after each run.
    function settle() external step {
        if (distributor.paused()) {
            vm.prank(admin);
            distributor.unpause();
        }
        for (uint256 i = 0; i < ACTORS; ++i) {
            address account = _actors[i];
            uint256 already = distributor.claimed(account);
            if (accepted[account] > already) {
                ghostClaimed += distributor.claim(account, accepted[account], _proofOf(accepted, i));
                successfulClaims++;
            }
            assertEq(token.balanceOf(account), accepted[account], "settled account balance");
        }
        assertEq(
            token.balanceOf(address(distributor)),
            ghostFunded + ghostBondsHeld - acceptedTotal,
            "distributor balance after settling"
        );
        // The first tree gives every actor something, so settling always claims at least once.
        assertGt(successfulClaims, 0, "no claim succeeded");
    }

    // ================================================================ internals

    function _status() internal view returns (IAttributionDistributor.RootStatus) {
        return distributor.pendingRoot().status;
    }

    /// Funds what `total` needs and proposes the tree of `_pending`.
    function _propose(uint256 total, uint256 seed) internal {
        uint256 funded = distributor.totalFunded();
        if (total > funded) _fund(total - funded);
        _pendingTotal = total;
        uint64 next = distributor.epoch() + 1;
        bytes32 root_ = _rootOf(_pending);
        vm.prank(oracle);
        distributor.proposeRoot(next, root_, total, bytes32(seed), "ipfs://tree");
    }

    function _fund(uint256 amount) internal {
        token.mint(funder, amount);
        vm.startPrank(funder);
        token.approve(address(distributor), amount);
        distributor.fund(amount);
        vm.stopPrank();
        ghostFunded += amount;
    }

    /// A wrong amount (above or below the leaf's) with the right proof, and the right amount with
    /// the next actor's proof: each must revert with DistributorInvalidProof.
    function _forge(address account, bytes32[] memory proof, uint256 forgery) internal {
        uint256 real = accepted[account];
        uint256 wrong = forgery % 2 == 0 ? real + 1 + (forgery % 1e24) : forgery % (real == 0 ? 1 : real);
        if (wrong == real) wrong = real + 1;
        _tryForged(account, wrong, proof);
        uint256 next = ((forgery % (ACTORS - 1)) + 1 + _indexOf(account)) % ACTORS; // another actor
        _tryForged(account, real, _proofOf(accepted, next));
    }

    function _tryForged(address account, uint256 amount, bytes32[] memory proof) internal {
        forgedAttempts++;
        try distributor.claim(account, amount, proof) returns (uint256 paid) {
            forgedSuccesses++;
            ghostClaimed += paid; // keep conservation honest, so only the forgery invariant fails
        } catch (bytes memory reason) {
            bytes memory expected = abi.encodeWithSelector(
                IAttributionDistributor.DistributorInvalidProof.selector,
                account,
                amount
            );
            if (keccak256(reason) != keccak256(expected)) forgedWrongErrors++;
        }
    }

    function _indexOf(address account) internal view returns (uint256) {
        for (uint256 i = 0; i < ACTORS; ++i) {
            if (_actors[i] == account) return i;
        }
        revert("handler: not an actor");
    }

    function _levelsOf(mapping(address => uint256) storage amounts) internal view returns (bytes32[][] memory) {
        bytes32[] memory leaves = new bytes32[](ACTORS);
        for (uint256 i = 0; i < ACTORS; ++i) {
            leaves[i] = RewardLeaf.hash(block.chainid, address(distributor), _actors[i], amounts[_actors[i]]);
        }
        return MerkleBuilder.build(leaves);
    }

    function _rootOf(mapping(address => uint256) storage amounts) internal view returns (bytes32) {
        return MerkleBuilder.root(_levelsOf(amounts));
    }

    function _proofOf(mapping(address => uint256) storage amounts, uint256 i) internal view returns (bytes32[] memory) {
        return MerkleBuilder.proof(_levelsOf(amounts), i);
    }

    function _checkMonotonic() internal {
        uint64 epoch_ = distributor.epoch();
        uint256 total = distributor.totalCumulative();
        if (epoch_ < _lastEpoch || epoch_ > _lastEpoch + 1 || total < _lastTotal) monotonicityViolations++;
        (_lastEpoch, _lastTotal) = (epoch_, total);
    }
}
