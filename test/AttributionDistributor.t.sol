// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IAccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {AttributionDistributor} from "../contracts/AttributionDistributor.sol";
import {IAttributionDistributor} from "../contracts/interfaces/IAttributionDistributor.sol";
import {RewardLeaf} from "../contracts/libraries/RewardLeaf.sol";
import {DistributorFixture} from "./utils/DistributorFixture.sol";
import {ProofHarness} from "./utils/ProofHarness.sol";
import {vm, Vm} from "./utils/Vm.sol";

/// @notice Unit tests: every external function, every revert path with its arguments, every event.
contract AttributionDistributorTest is DistributorFixture {
    uint256 internal constant FUNDED = 1_000e18;
    uint48 internal constant VALID_AT = uint48(START_TIME + CHALLENGE_PERIOD);

    bytes32 internal root1;

    function setUp() public override {
        super.setUp();
        _fund(FUNDED);
        _setBond(BOND);
        root1 = _root(_t1());
    }

    /// The first tree of most tests: alice 100, bob 250, carol 50 (total 400).
    function _t1() internal view returns (Tree memory) {
        return _abc(100e18, 250e18, 50e18);
    }

    function _status() internal view returns (uint256) {
        return uint256(distributor.pendingRoot().status);
    }

    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    // ================================================================ constructor

    function test_constructor_SetsInitialState() public {
        AttributionDistributor d = new AttributionDistributor(token, admin, 7 days);
        assertEq(address(d.token()), address(token), "token");
        assertEq(uint256(d.challengePeriod()), 7 days, "challengePeriod");
        assertEq(d.defaultAdmin(), admin, "defaultAdmin");
        assertTrue(d.hasRole(d.DEFAULT_ADMIN_ROLE(), admin), "admin role");
        assertEq(uint256(d.defaultAdminDelay()), 2 days, "admin transfer delay");
        assertEq(uint256(d.epoch()), 0, "epoch");
        assertEq(d.root(), bytes32(0), "root");
        assertEq(d.totalCumulative(), 0, "totalCumulative");
        assertEq(d.totalFunded(), 0, "totalFunded");
        assertEq(d.disputeBond(), 0, "disputeBond");
        assertFalse(d.paused(), "paused");
        assertEq(uint256(d.pendingRoot().status), uint256(IAttributionDistributor.RootStatus.None), "status");
    }

    function test_constructor_EmitsChallengePeriodSet() public {
        vm.expectEmit();
        emit IAttributionDistributor.ChallengePeriodSet(3 days);
        new AttributionDistributor(token, admin, 3 days);
    }

    function test_constructor_AcceptsMaxChallengePeriod() public {
        AttributionDistributor d = new AttributionDistributor(token, admin, 30 days);
        assertEq(uint256(d.challengePeriod()), 30 days, "challengePeriod");
    }

    function test_constructor_RevertWhen_TokenHasNoCode() public {
        address noCode = address(0xBEEF);
        vm.expectRevert(abi.encodeWithSelector(IAttributionDistributor.DistributorTokenHasNoCode.selector, noCode));
        new AttributionDistributor(IERC20(noCode), admin, 1 days);
    }

    function test_constructor_RevertWhen_ChallengePeriodTooLong() public {
        vm.expectRevert(_outOfRange(30 days + 1));
        new AttributionDistributor(token, admin, 30 days + 1);
    }

    function test_constructor_RevertWhen_ChallengePeriodTooShort() public {
        vm.expectRevert(_outOfRange(1 hours - 1));
        new AttributionDistributor(token, admin, 1 hours - 1);
    }

    function test_constructor_RevertWhen_AdminIsZero() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector,
                address(0)
            )
        );
        new AttributionDistributor(token, address(0), 1 days);
    }

    // ================================================================ roles

    function test_ORACLE_ROLE_IsKeccakOfName() public view {
        assertEq(distributor.ORACLE_ROLE(), keccak256("ORACLE_ROLE"), "ORACLE_ROLE");
        assertTrue(distributor.hasRole(ORACLE_ROLE, oracle), "oracle has ORACLE_ROLE");
    }

    function test_GUARDIAN_ROLE_IsKeccakOfName() public view {
        assertEq(distributor.GUARDIAN_ROLE(), keccak256("GUARDIAN_ROLE"), "GUARDIAN_ROLE");
        assertTrue(distributor.hasRole(GUARDIAN_ROLE, guardian), "guardian has GUARDIAN_ROLE");
    }

    function test_MAX_CHALLENGE_PERIOD_IsThirtyDays() public view {
        assertEq(uint256(distributor.MAX_CHALLENGE_PERIOD()), 30 days, "MAX_CHALLENGE_PERIOD");
    }

    function test_MIN_CHALLENGE_PERIOD_IsOneHour() public view {
        assertEq(uint256(distributor.MIN_CHALLENGE_PERIOD()), 1 hours, "MIN_CHALLENGE_PERIOD");
    }

    function test_grantRole_RevertWhen_GrantingDefaultAdmin() public {
        // The admin moves only through the two-step, delayed transfer.
        bytes32 adminRole = distributor.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector);
        vm.prank(admin);
        distributor.grantRole(adminRole, stranger);
    }

    function test_beginDefaultAdminTransfer_TakesEffectAfterDelay() public {
        vm.prank(admin);
        distributor.beginDefaultAdminTransfer(stranger);
        uint48 schedule = uint48(START_TIME + 2 days);
        vm.warp(schedule - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminDelay.selector,
                schedule
            )
        );
        vm.prank(stranger);
        distributor.acceptDefaultAdminTransfer();
        vm.warp(schedule + 1);
        vm.prank(stranger);
        distributor.acceptDefaultAdminTransfer();
        assertEq(distributor.defaultAdmin(), stranger, "new admin");
        assertFalse(distributor.hasRole(distributor.DEFAULT_ADMIN_ROLE(), admin), "old admin kept the role");
    }

    function test_proposeRoot_RevertWhen_CallerIsNotOracle() public {
        address[3] memory callers = [admin, guardian, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], ORACLE_ROLE));
            vm.prank(callers[i]);
            distributor.proposeRoot(1, root1, _t1().total, TREE_HASH, TREE_URI);
        }
    }

    function test_vetoRoot_RevertWhen_CallerIsNotGuardian() public {
        _propose(_t1());
        address[3] memory callers = [admin, oracle, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], GUARDIAN_ROLE));
            vm.prank(callers[i]);
            distributor.vetoRoot();
        }
    }

    function test_pause_RevertWhen_CallerIsNotGuardian() public {
        address[3] memory callers = [admin, oracle, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], GUARDIAN_ROLE));
            vm.prank(callers[i]);
            distributor.pause();
        }
    }

    function test_unpause_RevertWhen_CallerIsNotAdmin() public {
        vm.prank(guardian);
        distributor.pause();
        // Notably the guardian: it can stop claims but never restart them.
        address[3] memory callers = [guardian, oracle, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], bytes32(0)));
            vm.prank(callers[i]);
            distributor.unpause();
        }
    }

    function test_setChallengePeriod_RevertWhen_CallerIsNotAdmin() public {
        address[3] memory callers = [guardian, oracle, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], bytes32(0)));
            vm.prank(callers[i]);
            distributor.setChallengePeriod(2 days);
        }
    }

    function test_setDisputeBond_RevertWhen_CallerIsNotAdmin() public {
        address[3] memory callers = [guardian, oracle, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], bytes32(0)));
            vm.prank(callers[i]);
            distributor.setDisputeBond(1);
        }
    }

    function test_resolveDispute_RevertWhen_CallerIsNotAdmin() public {
        _propose(_t1());
        _dispute(disputer, "wrong");
        address[3] memory callers = [guardian, oracle, disputer];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], bytes32(0)));
            vm.prank(callers[i]);
            distributor.resolveDispute(true);
        }
    }

    // ================================================================ proposeRoot

    function test_proposeRoot_StoresPendingRootAndEmits() public {
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.RootProposed(1, root1, 400e18, VALID_AT, TREE_HASH, TREE_URI);
        vm.prank(oracle);
        distributor.proposeRoot(1, root1, 400e18, TREE_HASH, TREE_URI);

        IAttributionDistributor.PendingRoot memory p = distributor.pendingRoot();
        assertEq(uint256(p.epoch), 1, "pending epoch");
        assertEq(p.root, root1, "pending root");
        assertEq(p.totalCumulative, 400e18, "pending total");
        assertEq(uint256(p.validAt), VALID_AT, "validAt");
        assertEq(uint256(p.status), uint256(IAttributionDistributor.RootStatus.Pending), "status");
        // Nothing accepted yet.
        assertEq(uint256(distributor.epoch()), 0, "epoch");
        assertEq(distributor.root(), bytes32(0), "root");
    }

    function test_proposeRoot_ValidAtWithShortestChallengePeriod() public {
        vm.prank(admin);
        distributor.setChallengePeriod(1 hours);
        _propose(_t1());
        assertEq(uint256(distributor.pendingRoot().validAt), START_TIME + 1 hours, "validAt");
        vm.warp(START_TIME + 1 hours);
        distributor.acceptRoot();
        assertEq(distributor.root(), root1, "root");
    }

    function test_proposeRoot_RevertWhen_WrongEpoch() public {
        uint64[2] memory wrong = [uint64(0), 2];
        for (uint256 i = 0; i < wrong.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IAttributionDistributor.DistributorWrongEpoch.selector, wrong[i], uint64(1))
            );
            vm.prank(oracle);
            distributor.proposeRoot(wrong[i], root1, 400e18, TREE_HASH, TREE_URI);
        }
    }

    function test_proposeRoot_RevertWhen_EpochAlreadyAccepted() public {
        _publish(_t1());
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorWrongEpoch.selector, uint64(1), uint64(2))
        );
        vm.prank(oracle);
        distributor.proposeRoot(1, root1, 400e18, TREE_HASH, TREE_URI);
    }

    function test_proposeRoot_RevertWhen_ZeroRoot() public {
        vm.expectRevert(IAttributionDistributor.DistributorZeroRoot.selector);
        vm.prank(oracle);
        distributor.proposeRoot(1, bytes32(0), 0, TREE_HASH, TREE_URI);
    }

    function test_proposeRoot_RevertWhen_DifferentRootPending() public {
        _propose(_t1());
        bytes32 other = keccak256("other root");
        // A different root, a different total, or a different epoch: all are "another proposal".
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorRootAlreadyPending.selector, uint64(1), root1)
        );
        vm.prank(oracle);
        distributor.proposeRoot(1, other, 400e18, TREE_HASH, TREE_URI);

        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorRootAlreadyPending.selector, uint64(1), root1)
        );
        vm.prank(oracle);
        distributor.proposeRoot(1, root1, 401e18, TREE_HASH, TREE_URI);

        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorRootAlreadyPending.selector, uint64(1), root1)
        );
        vm.prank(oracle);
        distributor.proposeRoot(2, root1, 400e18, TREE_HASH, TREE_URI);
    }

    function test_proposeRoot_RevertWhen_DisputedRootPending() public {
        _propose(_t1());
        _dispute(disputer, "wrong");
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorRootAlreadyPending.selector, uint64(1), root1)
        );
        vm.prank(oracle);
        distributor.proposeRoot(1, keccak256("fix"), 400e18, TREE_HASH, TREE_URI);
    }

    function test_proposeRoot_IdenticalReProposalIsNoOp() public {
        _propose(_t1());
        vm.warp(START_TIME + 12 hours);
        vm.recordLogs();
        vm.prank(oracle);
        // Tree hash and URI are not part of the identity of a proposal.
        distributor.proposeRoot(1, root1, 400e18, keccak256("retry"), "ipfs://retry");
        assertEq(vm.getRecordedLogs().length, 0, "logs emitted by a retry");
        IAttributionDistributor.PendingRoot memory p = distributor.pendingRoot();
        assertEq(uint256(p.validAt), VALID_AT, "window restarted");
        assertEq(p.root, root1, "pending root");
        assertEq(uint256(p.status), uint256(IAttributionDistributor.RootStatus.Pending), "status");
    }

    function test_proposeRoot_IdenticalReProposalWhileDisputedIsNoOp() public {
        _propose(_t1());
        _dispute(disputer, "wrong");
        vm.recordLogs();
        _propose(_t1());
        assertEq(vm.getRecordedLogs().length, 0, "logs emitted by a retry");
        assertEq(_status(), uint256(IAttributionDistributor.RootStatus.Disputed), "status");
        (address who, ) = distributor.currentDispute();
        assertEq(who, disputer, "dispute dropped");
    }

    function test_proposeRoot_RevertWhen_TotalDecreased() public {
        _publish(_t1());
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorTotalDecreased.selector, 400e18 - 1, 400e18)
        );
        vm.prank(oracle);
        distributor.proposeRoot(2, keccak256("smaller"), 400e18 - 1, TREE_HASH, TREE_URI);
    }

    function test_proposeRoot_AcceptsUnchangedTotal() public {
        _publish(_t1());
        _propose(keccak256("same total"), 400e18);
        assertEq(distributor.pendingRoot().totalCumulative, 400e18, "pending total");
    }

    function test_proposeRoot_RevertWhen_Insolvent() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorInsolvent.selector, FUNDED + 1, FUNDED)
        );
        vm.prank(oracle);
        distributor.proposeRoot(1, root1, FUNDED + 1, TREE_HASH, TREE_URI);
    }

    function test_proposeRoot_AcceptsTotalEqualToFunded() public {
        _propose(root1, FUNDED);
        assertEq(distributor.pendingRoot().totalCumulative, FUNDED, "pending total");
    }

    // ================================================================ acceptRoot

    function test_acceptRoot_RevertWhen_NoPendingRoot() public {
        vm.expectRevert(IAttributionDistributor.DistributorNoPendingRoot.selector);
        distributor.acceptRoot();

        _publish(_t1());
        vm.expectRevert(IAttributionDistributor.DistributorNoPendingRoot.selector);
        distributor.acceptRoot();
    }

    function test_acceptRoot_RevertWhen_ChallengeWindowOpen() public {
        _propose(_t1());
        vm.warp(VALID_AT - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorChallengeWindowOpen.selector, VALID_AT)
        );
        distributor.acceptRoot();
    }

    function test_acceptRoot_RevertWhen_Disputed() public {
        _propose(_t1());
        _dispute(disputer, "wrong");
        vm.warp(VALID_AT + 365 days);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorRootDisputed.selector, uint64(1), disputer)
        );
        distributor.acceptRoot();
    }

    function test_acceptRoot_AfterWindowSetsRootAndEmits() public {
        _propose(_t1());
        vm.warp(VALID_AT);
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.RootAccepted(1, root1, 400e18);
        vm.prank(stranger); // anyone
        distributor.acceptRoot();

        assertEq(distributor.root(), root1, "root");
        assertEq(uint256(distributor.epoch()), 1, "epoch");
        assertEq(distributor.totalCumulative(), 400e18, "totalCumulative");
        assertEq(_status(), uint256(IAttributionDistributor.RootStatus.None), "status");
    }

    function test_acceptRoot_IncrementsEpoch() public {
        _publish(_t1());
        Tree memory t2 = _abc(150e18, 250e18, 60e18);
        _propose(t2);
        _warpToValidAt();
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.RootAccepted(2, _root(t2), 460e18);
        distributor.acceptRoot();
        assertEq(uint256(distributor.epoch()), 2, "epoch");
        assertEq(distributor.root(), _root(t2), "root");
        assertEq(distributor.totalCumulative(), 460e18, "totalCumulative");
    }

    function test_acceptRoot_ClaimsUseOldRootWhileNewOnePending() public {
        _publish(_t1());
        Tree memory t2 = _abc(150e18, 250e18, 60e18);
        _propose(t2);

        // The pending tree's proof does not work yet...
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorInvalidProof.selector, alice, 150e18)
        );
        _claim(t2, 0);
        // ...the accepted one's does.
        assertEq(_claim(_t1(), 0), 100e18, "paid under the accepted root");

        _accept();
        assertEq(_claim(t2, 0), 50e18, "paid under the new root");
        assertEq(token.balanceOf(alice), 150e18, "alice balance");
    }

    // ================================================================ vetoRoot

    function test_vetoRoot_RevertWhen_NoPendingRoot() public {
        vm.expectRevert(IAttributionDistributor.DistributorNoPendingRoot.selector);
        vm.prank(guardian);
        distributor.vetoRoot();
    }

    function test_vetoRoot_DiscardsPendingRootAndEmits() public {
        _propose(_t1());
        vm.recordLogs();
        vm.prank(guardian);
        distributor.vetoRoot();
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1, "log count");
        assertEq(logs[0].topics[0], IAttributionDistributor.RootVetoed.selector, "event");
        assertEq(logs[0].topics[1], bytes32(uint256(1)), "epoch");
        assertEq(logs[0].topics[2], root1, "root");
        assertEq(logs[0].topics[3], bytes32(uint256(uint160(guardian))), "guardian");

        assertEq(_status(), uint256(IAttributionDistributor.RootStatus.None), "status");
        assertEq(uint256(distributor.epoch()), 0, "epoch");
        // The oracle may propose the same epoch again, even after the vetoed root's window.
        vm.warp(VALID_AT + 1);
        bytes32 fixed_ = keccak256("fixed");
        _propose(fixed_, 300e18);
        assertEq(distributor.pendingRoot().root, fixed_, "re-proposed root");
        assertEq(uint256(distributor.pendingRoot().epoch), 1, "re-proposed epoch");
    }

    function test_vetoRoot_PendingRootIsNeverAccepted() public {
        _propose(_t1());
        vm.prank(guardian);
        distributor.vetoRoot();
        vm.warp(VALID_AT);
        vm.expectRevert(IAttributionDistributor.DistributorNoPendingRoot.selector);
        distributor.acceptRoot();
    }

    function test_vetoRoot_DisputedReturnsBondAndEmitsUpheld() public {
        _propose(_t1());
        _dispute(disputer, "wrong");
        assertEq(token.balanceOf(disputer), 0, "bond not pulled");

        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.RootVetoed(1, root1, guardian);
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.DisputeResolved(1, root1, disputer, true, BOND);
        vm.prank(guardian);
        distributor.vetoRoot();

        assertEq(token.balanceOf(disputer), BOND, "bond returned");
        assertEq(token.balanceOf(address(distributor)), FUNDED, "distributor balance");
        assertEq(distributor.totalFunded(), FUNDED, "bond counted as funding");
        (address who, uint256 bond) = distributor.currentDispute();
        assertEq(who, address(0), "disputer");
        assertEq(bond, 0, "bond");
        assertEq(_status(), uint256(IAttributionDistributor.RootStatus.None), "status");
    }

    // ================================================================ dispute

    function test_dispute_RevertWhen_NoPendingRoot() public {
        vm.expectRevert(IAttributionDistributor.DistributorNoPendingRoot.selector);
        vm.prank(disputer);
        distributor.dispute("nothing to dispute");
    }

    function test_dispute_RevertWhen_AlreadyDisputed() public {
        _propose(_t1());
        _dispute(disputer, "first");
        token.mint(stranger, BOND);
        vm.startPrank(stranger);
        token.approve(address(distributor), BOND);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorRootDisputed.selector, uint64(1), disputer)
        );
        distributor.dispute("second");
        vm.stopPrank();
    }

    function test_dispute_RevertWhen_ChallengeWindowClosed() public {
        _propose(_t1());
        vm.warp(VALID_AT);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorChallengeWindowClosed.selector, VALID_AT)
        );
        vm.prank(disputer);
        distributor.dispute("late");
    }

    function test_dispute_RevertWhen_DisputeBondNotSet() public {
        _setBond(0);
        _propose(_t1());
        vm.expectRevert(IAttributionDistributor.DistributorDisputeBondNotSet.selector);
        vm.prank(disputer);
        distributor.dispute("free");
    }

    function test_dispute_RevertWhen_BondNotApproved() public {
        _propose(_t1());
        token.mint(disputer, BOND);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(distributor),
                uint256(0),
                BOND
            )
        );
        vm.prank(disputer);
        distributor.dispute("no allowance");
    }

    function test_dispute_PullsBondAndEmitsReason() public {
        _propose(_t1());
        token.mint(disputer, BOND);
        vm.prank(disputer);
        token.approve(address(distributor), BOND);

        vm.warp(VALID_AT - 1); // last second of the window
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.RootDisputed(1, root1, disputer, BOND, "bob's amount is wrong");
        vm.prank(disputer);
        distributor.dispute("bob's amount is wrong");

        assertEq(token.balanceOf(disputer), 0, "disputer balance");
        assertEq(token.balanceOf(address(distributor)), FUNDED + BOND, "distributor balance");
        assertEq(distributor.totalFunded(), FUNDED, "bond is not funding");
        (address who, uint256 bond) = distributor.currentDispute();
        assertEq(who, disputer, "disputer");
        assertEq(bond, BOND, "bond");
        assertEq(_status(), uint256(IAttributionDistributor.RootStatus.Disputed), "status");
    }

    function test_dispute_KeepsBondOfDisputeTime() public {
        _propose(_t1());
        _dispute(disputer, "wrong");
        _setBond(BOND * 3);
        vm.prank(admin);
        distributor.resolveDispute(true);
        assertEq(token.balanceOf(disputer), BOND, "bond returned");
    }

    // ================================================================ resolveDispute

    function test_resolveDispute_RevertWhen_NotDisputed() public {
        vm.expectRevert(IAttributionDistributor.DistributorNotDisputed.selector);
        vm.prank(admin);
        distributor.resolveDispute(true);

        _propose(_t1());
        vm.expectRevert(IAttributionDistributor.DistributorNotDisputed.selector);
        vm.prank(admin);
        distributor.resolveDispute(false);
    }

    function test_resolveDispute_UpheldDiscardsRootAndReturnsBond() public {
        _propose(_t1());
        _dispute(disputer, "wrong");

        vm.recordLogs();
        vm.prank(admin);
        distributor.resolveDispute(true);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        // DisputeResolved, then the bond's Transfer.
        assertEq(logs.length, 2, "log count");
        assertEq(logs[0].topics[0], IAttributionDistributor.DisputeResolved.selector, "event");
        assertEq(logs[0].topics[1], bytes32(uint256(1)), "epoch");
        assertEq(logs[0].topics[2], root1, "root");
        assertEq(logs[0].topics[3], bytes32(uint256(uint160(disputer))), "disputer");
        assertEq(logs[0].data, abi.encode(true, BOND), "upheld, bond");

        assertEq(token.balanceOf(disputer), BOND, "bond returned");
        assertEq(distributor.totalFunded(), FUNDED, "totalFunded");
        assertEq(_status(), uint256(IAttributionDistributor.RootStatus.None), "status");
        assertEq(distributor.pendingRoot().root, bytes32(0), "pending root");
        (address who, ) = distributor.currentDispute();
        assertEq(who, address(0), "dispute still open");

        // Same epoch, corrected root.
        Tree memory fixed_ = _abc(100e18, 200e18, 50e18);
        _propose(fixed_);
        assertEq(uint256(distributor.pendingRoot().epoch), 1, "re-proposed epoch");
        _accept();
        assertEq(distributor.root(), _root(fixed_), "root");
    }

    function test_resolveDispute_RejectedKeepsRootPendingAndFundsBond() public {
        _propose(_t1());
        _dispute(disputer, "wrong");

        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.DisputeResolved(1, root1, disputer, false, BOND);
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.Funded(disputer, BOND, FUNDED + BOND);
        vm.prank(admin);
        distributor.resolveDispute(false);

        assertEq(distributor.totalFunded(), FUNDED + BOND, "totalFunded");
        assertEq(token.balanceOf(address(distributor)), FUNDED + BOND, "balance");
        assertEq(token.balanceOf(disputer), 0, "bond returned");
        assertEq(_status(), uint256(IAttributionDistributor.RootStatus.Pending), "status");
        (address who, uint256 bond) = distributor.currentDispute();
        assertEq(who, address(0), "disputer");
        assertEq(bond, 0, "bond");

        // The window is not restarted: acceptable at the original validAt, not before.
        assertEq(uint256(distributor.pendingRoot().validAt), VALID_AT, "validAt");
        vm.warp(VALID_AT - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorChallengeWindowOpen.selector, VALID_AT)
        );
        distributor.acceptRoot();
        vm.warp(VALID_AT);
        distributor.acceptRoot();
        assertEq(distributor.root(), root1, "root");
    }

    function test_resolveDispute_RejectedAfterWindowIsAcceptableAtOnce() public {
        _propose(_t1());
        _dispute(disputer, "wrong");
        vm.warp(VALID_AT + 10 days);
        vm.prank(admin);
        distributor.resolveDispute(false);
        distributor.acceptRoot();
        assertEq(uint256(distributor.epoch()), 1, "epoch");
    }

    function test_resolveDispute_RejectedRootCanBeDisputedAgainInWindow() public {
        _propose(_t1());
        _dispute(disputer, "first");
        vm.prank(admin);
        distributor.resolveDispute(false);
        _dispute(stranger, "second");
        (address who, ) = distributor.currentDispute();
        assertEq(who, stranger, "second disputer");
    }

    function test_resolveDispute_RejectedBondBacksLargerProposals() public {
        _propose(_t1());
        _dispute(disputer, "wrong");
        vm.prank(admin);
        distributor.resolveDispute(false);
        _accept();
        // FUNDED + BOND is now solvent.
        _propose(keccak256("bigger"), FUNDED + BOND);
        assertEq(distributor.pendingRoot().totalCumulative, FUNDED + BOND, "pending total");
    }

    // ================================================================ claim

    function test_claim_RevertWhen_NoRoot() public {
        vm.expectRevert(IAttributionDistributor.DistributorNoRoot.selector);
        distributor.claim(alice, 100e18, _proof(_t1(), 0));
    }

    function test_claim_RevertWhen_OnlyPendingRoot() public {
        _propose(_t1());
        vm.expectRevert(IAttributionDistributor.DistributorNoRoot.selector);
        distributor.claim(alice, 100e18, _proof(_t1(), 0));
    }

    function test_claim_RevertWhen_Paused() public {
        _publish(_t1());
        vm.prank(guardian);
        distributor.pause();
        vm.expectRevert(IAttributionDistributor.DistributorPaused.selector);
        _claim(_t1(), 0);
    }

    function test_claim_RevertWhen_InvalidProof() public {
        _publish(_t1());
        bytes32[] memory aliceProof = _proof(_t1(), 0);
        // Wrong amount.
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorInvalidProof.selector, alice, 101e18)
        );
        distributor.claim(alice, 101e18, aliceProof);
        // Someone else's leaf with alice's proof.
        vm.expectRevert(abi.encodeWithSelector(IAttributionDistributor.DistributorInvalidProof.selector, bob, 100e18));
        distributor.claim(bob, 100e18, aliceProof);
        // Right leaf, another leaf's proof.
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorInvalidProof.selector, alice, 100e18)
        );
        distributor.claim(alice, 100e18, _proof(_t1(), 1));
    }

    function test_claim_RevertWhen_NothingToClaim() public {
        _publish(_t1());
        _claim(_t1(), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorNothingToClaim.selector, alice, 100e18, 100e18)
        );
        _claim(_t1(), 0);
    }

    function test_claim_RevertWhen_NothingNewInLaterEpoch() public {
        _publish(_t1());
        _claim(_t1(), 0);
        Tree memory t2 = _abc(100e18, 300e18, 50e18); // alice unchanged
        _publish(t2);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorNothingToClaim.selector, alice, 100e18, 100e18)
        );
        _claim(t2, 0);
    }

    function test_claim_RevertWhen_OlderLeafBelowClaimed() public {
        // A leaf of an older tree that happens to be in the new tree too cannot pay again.
        address[] memory accounts = new address[](2);
        (accounts[0], accounts[1]) = (alice, alice);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (40e18, 100e18);
        Tree memory both = _tree(accounts, amounts);
        _publish(both);
        assertEq(_claim(both, 1), 100e18, "paid the larger leaf");
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorNothingToClaim.selector, alice, 40e18, 100e18)
        );
        _claim(both, 0);
    }

    function test_claim_PaysFirstClaimAndEmits() public {
        _publish(_t1());
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.Claimed(bob, 250e18);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(distributor), bob, 250e18);
        uint256 paid = _claim(_t1(), 1);

        assertEq(paid, 250e18, "return value");
        assertEq(token.balanceOf(bob), 250e18, "bob balance");
        assertEq(distributor.claimed(bob), 250e18, "claimed");
        assertEq(token.balanceOf(address(distributor)), FUNDED - 250e18, "distributor balance");
    }

    function test_claim_LaterEpochPaysOnlyDifference() public {
        _publish(_t1());
        _claim(_t1(), 0);
        Tree memory t2 = _abc(175e18, 250e18, 50e18);
        _publish(t2);
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.Claimed(alice, 75e18);
        assertEq(_claim(t2, 0), 75e18, "return value");
        assertEq(token.balanceOf(alice), 175e18, "alice balance");
        assertEq(distributor.claimed(alice), 175e18, "claimed");
    }

    function test_claim_SkippedEpochPaysEverythingAtOnce() public {
        _publish(_t1());
        _publish(_abc(150e18, 250e18, 50e18));
        Tree memory t3 = _abc(190e18, 250e18, 50e18);
        _publish(t3);
        assertEq(_claim(t3, 0), 190e18, "paid");
    }

    function test_claim_ForSomeoneElsePaysTheAccount() public {
        _publish(_t1());
        vm.prank(stranger);
        uint256 paid = distributor.claim(carol, 50e18, _proof(_t1(), 2));
        assertEq(paid, 50e18, "return value");
        assertEq(token.balanceOf(carol), 50e18, "carol balance");
        assertEq(token.balanceOf(stranger), 0, "caller balance");
        assertEq(distributor.claimed(stranger), 0, "caller claimed");
    }

    function test_claim_SingleLeafTreeWithEmptyProof() public {
        address[] memory accounts = new address[](1);
        accounts[0] = alice;
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = 5e18;
        Tree memory single = _tree(accounts, amounts);
        assertEq(_root(single), distributor.leaf(alice, 5e18), "root of one leaf");
        _publish(single);
        assertEq(distributor.claim(alice, 5e18, new bytes32[](0)), 5e18, "paid");
    }

    // ================================================================ claimMany

    function _batch(
        Tree memory t,
        uint256[] memory indexes
    ) internal pure returns (IAttributionDistributor.Claim[] memory claims) {
        claims = new IAttributionDistributor.Claim[](indexes.length);
        for (uint256 i = 0; i < indexes.length; ++i) {
            uint256 j = indexes[i];
            claims[i] = IAttributionDistributor.Claim(t.accounts[j], t.amounts[j], _proof(t, j));
        }
    }

    function _indexes(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory r) {
        r = new uint256[](3);
        (r[0], r[1], r[2]) = (a, b, c);
    }

    function test_claimMany_PaysAllAndEmits() public {
        _publish(_t1());
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.Claimed(alice, 100e18);
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.Claimed(bob, 250e18);
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.Claimed(carol, 50e18);
        vm.prank(stranger);
        uint256 paid = distributor.claimMany(_batch(_t1(), _indexes(0, 1, 2)));

        assertEq(paid, 400e18, "return value");
        assertEq(token.balanceOf(alice), 100e18, "alice");
        assertEq(token.balanceOf(bob), 250e18, "bob");
        assertEq(token.balanceOf(carol), 50e18, "carol");
        assertEq(token.balanceOf(stranger), 0, "caller");
    }

    function test_claimMany_SkipsAlreadyClaimed() public {
        _publish(_t1());
        _claim(_t1(), 0); // alice raced the relayer
        vm.recordLogs();
        uint256 paid = distributor.claimMany(_batch(_t1(), _indexes(0, 1, 2)));
        assertEq(paid, 300e18, "return value");

        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 claimedEvents;
        for (uint256 i = 0; i < logs.length; ++i) {
            Vm.Log memory log = logs[i];
            if (log.emitter == address(distributor) && log.topics[0] == IAttributionDistributor.Claimed.selector) {
                assertNotEq(log.topics[1], bytes32(uint256(uint160(alice))), "alice paid twice");
                ++claimedEvents;
            }
        }
        assertEq(claimedEvents, 2, "Claimed events");
        assertEq(token.balanceOf(alice), 100e18, "alice");
        assertEq(token.balanceOf(bob), 250e18, "bob");
    }

    function test_claimMany_DuplicateEntryPaysOnce() public {
        _publish(_t1());
        uint256 paid = distributor.claimMany(_batch(_t1(), _indexes(1, 1, 1)));
        assertEq(paid, 250e18, "return value");
        assertEq(token.balanceOf(bob), 250e18, "bob");
    }

    function test_claimMany_RevertWhen_InvalidProof() public {
        _publish(_t1());
        IAttributionDistributor.Claim[] memory claims = _batch(_t1(), _indexes(0, 1, 2));
        claims[2].cumulativeAmount = 51e18;
        vm.expectRevert(abi.encodeWithSelector(IAttributionDistributor.DistributorInvalidProof.selector, carol, 51e18));
        distributor.claimMany(claims);
    }

    function test_claimMany_RevertWhen_InvalidProofAfterSkippedEntry() public {
        // An invalid proof is never skipped, even for an account with nothing left to claim.
        _publish(_t1());
        _claim(_t1(), 0);
        IAttributionDistributor.Claim[] memory claims = _batch(_t1(), _indexes(1, 0, 2));
        claims[1].cumulativeAmount = 1; // alice: below claimed, and not her leaf
        vm.expectRevert(abi.encodeWithSelector(IAttributionDistributor.DistributorInvalidProof.selector, alice, 1));
        distributor.claimMany(claims);
    }

    function test_claimMany_RevertWhen_BatchPaidNothing() public {
        _publish(_t1());
        IAttributionDistributor.Claim[] memory claims = _batch(_t1(), _indexes(0, 1, 2));
        distributor.claimMany(claims);
        vm.expectRevert(abi.encodeWithSelector(IAttributionDistributor.DistributorBatchPaidNothing.selector, 3));
        distributor.claimMany(claims);
    }

    function test_claimMany_RevertWhen_Empty() public {
        _publish(_t1());
        vm.expectRevert(abi.encodeWithSelector(IAttributionDistributor.DistributorBatchPaidNothing.selector, 0));
        distributor.claimMany(new IAttributionDistributor.Claim[](0));
    }

    function test_claimMany_RevertWhen_NoRoot() public {
        IAttributionDistributor.Claim[] memory claims = _batch(_t1(), _indexes(0, 1, 2));
        vm.expectRevert(IAttributionDistributor.DistributorNoRoot.selector);
        distributor.claimMany(claims);
    }

    function test_claimMany_RevertWhen_Paused() public {
        _publish(_t1());
        vm.prank(guardian);
        distributor.pause();
        IAttributionDistributor.Claim[] memory claims = _batch(_t1(), _indexes(0, 1, 2));
        vm.expectRevert(IAttributionDistributor.DistributorPaused.selector);
        distributor.claimMany(claims);
    }

    // ================================================================ fund

    function test_fund_RevertWhen_ZeroAmount() public {
        vm.expectRevert(IAttributionDistributor.DistributorZeroAmount.selector);
        vm.prank(funder);
        distributor.fund(0);
    }

    function test_fund_PullsTokensAndEmits() public {
        token.mint(stranger, 5e18);
        vm.startPrank(stranger);
        token.approve(address(distributor), 5e18);
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.Funded(stranger, 5e18, FUNDED + 5e18);
        distributor.fund(5e18);
        vm.stopPrank();

        assertEq(distributor.totalFunded(), FUNDED + 5e18, "totalFunded");
        assertEq(token.balanceOf(address(distributor)), FUNDED + 5e18, "balance");
        assertEq(token.balanceOf(stranger), 0, "funder balance");
    }

    function test_fund_RevertWhen_NotApproved() public {
        token.mint(stranger, 5e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(distributor),
                uint256(0),
                5e18
            )
        );
        vm.prank(stranger);
        distributor.fund(5e18);
    }

    function test_fund_AcceptsUpToMaxUint128() public {
        _fund(type(uint128).max - FUNDED);
        assertEq(distributor.totalFunded(), type(uint128).max, "totalFunded");
    }

    function test_fund_RevertWhen_TotalOverflowsUint128() public {
        _fund(type(uint128).max - FUNDED);
        token.mint(funder, 1);
        vm.startPrank(funder);
        token.approve(address(distributor), 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttributionDistributor.DistributorAmountOverflow.selector,
                uint256(type(uint128).max) + 1,
                uint256(type(uint128).max)
            )
        );
        distributor.fund(1);
        vm.stopPrank();
    }

    function test_fund_RevertWhen_SingleAmountAboveUint128() public {
        uint256 huge = uint256(type(uint128).max) + 1;
        token.mint(funder, huge);
        vm.startPrank(funder);
        token.approve(address(distributor), huge);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttributionDistributor.DistributorAmountOverflow.selector,
                huge + FUNDED,
                uint256(type(uint128).max)
            )
        );
        distributor.fund(huge);
        vm.stopPrank();
    }

    function test_fund_PlainTransferIsNotFunding() public {
        token.mint(stranger, 50e18);
        vm.prank(stranger);
        token.transfer(address(distributor), 50e18);
        assertEq(distributor.totalFunded(), FUNDED, "totalFunded");
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorInsolvent.selector, FUNDED + 1, FUNDED)
        );
        vm.prank(oracle);
        distributor.proposeRoot(1, root1, FUNDED + 1, TREE_HASH, TREE_URI);
    }

    // ================================================================ pause / unpause

    function test_pause_StopsClaimsAndEmits() public {
        _publish(_t1());
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.ClaimsPaused(guardian);
        vm.prank(guardian);
        distributor.pause();
        assertTrue(distributor.paused(), "paused");
        vm.expectRevert(IAttributionDistributor.DistributorPaused.selector);
        _claim(_t1(), 0);
    }

    function test_pause_BeforeFirstRoot() public {
        vm.prank(guardian);
        distributor.pause();
        vm.expectRevert(IAttributionDistributor.DistributorPaused.selector);
        _claim(_t1(), 0);
        vm.prank(admin);
        distributor.unpause();
        vm.expectRevert(IAttributionDistributor.DistributorNoRoot.selector);
        _claim(_t1(), 0);
    }

    function test_pause_RevertWhen_AlreadyPaused() public {
        vm.prank(guardian);
        distributor.pause();
        vm.expectRevert(IAttributionDistributor.DistributorPaused.selector);
        vm.prank(guardian);
        distributor.pause();
    }

    function test_pause_ProposalsContinue() public {
        vm.prank(guardian);
        distributor.pause();
        _propose(_t1());
        assertEq(distributor.pendingRoot().root, root1, "pending root");
    }

    function test_unpause_RevertWhen_NotPaused() public {
        vm.expectRevert(IAttributionDistributor.DistributorNotPaused.selector);
        vm.prank(admin);
        distributor.unpause();
    }

    function test_unpause_ResumesClaimsAndEmits() public {
        _publish(_t1());
        vm.prank(guardian);
        distributor.pause();
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.ClaimsUnpaused(admin);
        vm.prank(admin);
        distributor.unpause();
        assertFalse(distributor.paused(), "paused");
        assertEq(distributor.root(), root1, "root");
        assertEq(_claim(_t1(), 0), 100e18, "paid");
    }

    function test_root_ReturnsAcceptedRootWhilePaused() public {
        _publish(_t1());
        vm.prank(guardian);
        distributor.pause();
        assertEq(distributor.root(), root1, "root while paused");
    }

    function test_acceptRoot_WhilePausedThenUnpauseClaimsUseNewRoot() public {
        _publish(_t1());
        Tree memory t2 = _abc(150e18, 250e18, 50e18);
        _propose(t2);
        vm.prank(guardian);
        distributor.pause();
        _accept();
        assertEq(distributor.root(), _root(t2), "root while paused");
        assertEq(uint256(distributor.epoch()), 2, "epoch");
        vm.expectRevert(IAttributionDistributor.DistributorPaused.selector);
        _claim(t2, 0);

        vm.prank(admin);
        distributor.unpause();
        assertEq(distributor.root(), _root(t2), "root");
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorInvalidProof.selector, alice, 100e18)
        );
        _claim(_t1(), 0);
        assertEq(_claim(t2, 0), 150e18, "paid under the new root");
    }

    // ================================================================ setChallengePeriod

    function test_setChallengePeriod_SetsAndEmits() public {
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.ChallengePeriodSet(30 days);
        vm.prank(admin);
        distributor.setChallengePeriod(30 days);
        assertEq(uint256(distributor.challengePeriod()), 30 days, "max");

        vm.prank(admin);
        distributor.setChallengePeriod(1 hours);
        assertEq(uint256(distributor.challengePeriod()), 1 hours, "min");
    }

    function test_setChallengePeriod_RevertWhen_TooLong() public {
        vm.expectRevert(_outOfRange(30 days + 1));
        vm.prank(admin);
        distributor.setChallengePeriod(30 days + 1);
    }

    function test_setChallengePeriod_RevertWhen_TooShort() public {
        uint48[2] memory short = [uint48(0), 1 hours - 1];
        for (uint256 i = 0; i < short.length; ++i) {
            vm.expectRevert(_outOfRange(short[i]));
            vm.prank(admin);
            distributor.setChallengePeriod(short[i]);
        }
    }

    function test_setChallengePeriod_AppliesOnlyToLaterProposals() public {
        _propose(_t1());
        vm.prank(admin);
        distributor.setChallengePeriod(7 days);
        assertEq(uint256(distributor.pendingRoot().validAt), VALID_AT, "pending validAt changed");
        vm.warp(VALID_AT);
        distributor.acceptRoot();

        Tree memory t2 = _abc(150e18, 250e18, 50e18);
        _propose(t2);
        assertEq(uint256(distributor.pendingRoot().validAt), VALID_AT + 7 days, "next validAt");
    }

    // ================================================================ setDisputeBond

    function test_setDisputeBond_SetsAndEmits() public {
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.DisputeBondSet(type(uint96).max);
        vm.prank(admin);
        distributor.setDisputeBond(type(uint96).max);
        assertEq(distributor.disputeBond(), type(uint96).max, "bond");
    }

    function test_setDisputeBond_RevertWhen_AboveUint96() public {
        uint256 tooBig = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttributionDistributor.DistributorAmountOverflow.selector,
                tooBig,
                uint256(type(uint96).max)
            )
        );
        vm.prank(admin);
        distributor.setDisputeBond(tooBig);
    }

    function test_setDisputeBond_ZeroDisablesDisputes() public {
        _setBond(0);
        assertEq(distributor.disputeBond(), 0, "bond");
        _propose(_t1());
        vm.expectRevert(IAttributionDistributor.DistributorDisputeBondNotSet.selector);
        vm.prank(disputer);
        distributor.dispute("disabled");
    }

    // ================================================================ views

    function _assertNoPendingRoot(string memory when) internal view {
        IAttributionDistributor.PendingRoot memory p = distributor.pendingRoot();
        assertEq(uint256(p.epoch), 0, string.concat(when, ": epoch"));
        assertEq(p.root, bytes32(0), string.concat(when, ": root"));
        assertEq(p.totalCumulative, 0, string.concat(when, ": total"));
        assertEq(uint256(p.validAt), 0, string.concat(when, ": validAt"));
        assertEq(uint256(p.status), uint256(IAttributionDistributor.RootStatus.None), string.concat(when, ": status"));
    }

    function test_pendingRoot_IsZeroWhenNone() public {
        _assertNoPendingRoot("fresh");
        _publish(_t1());
        _assertNoPendingRoot("accepted");
        _propose(_abc(100e18, 250e18, 60e18));
        vm.prank(guardian);
        distributor.vetoRoot();
        _assertNoPendingRoot("vetoed");
    }

    function test_currentDispute_ReturnsOpenDispute() public {
        _propose(_t1());
        (address who, uint256 bond) = distributor.currentDispute();
        assertEq(who, address(0), "none: disputer");
        assertEq(bond, 0, "none: bond");
        _dispute(disputer, "wrong");
        (who, bond) = distributor.currentDispute();
        assertEq(who, disputer, "open: disputer");
        assertEq(bond, BOND, "open: bond");
        assertEq(_status(), uint256(IAttributionDistributor.RootStatus.Disputed), "status");
    }

    function test_totalCumulative_IsTheAcceptedTotal() public {
        _propose(_t1());
        assertEq(distributor.totalCumulative(), 0, "while first pending");
        _accept();
        assertEq(distributor.totalCumulative(), 400e18, "after accept");

        _propose(keccak256("second"), 700e18);
        assertEq(distributor.totalCumulative(), 400e18, "while pending");
        assertEq(distributor.pendingRoot().totalCumulative, 700e18, "pending total");
        vm.prank(guardian);
        distributor.vetoRoot();
        assertEq(distributor.totalCumulative(), 400e18, "after veto");

        _propose(keccak256("third"), 800e18);
        _dispute(disputer, "wrong");
        assertEq(distributor.totalCumulative(), 400e18, "while disputed");
        vm.prank(admin);
        distributor.resolveDispute(true);
        assertEq(distributor.totalCumulative(), 400e18, "after upheld dispute");
        // The discarded total does not count as accepted: a smaller one is still allowed.
        _propose(keccak256("fourth"), 450e18);
        _accept();
        assertEq(distributor.totalCumulative(), 450e18, "after second accept");
    }

    function test_leaf_EqualsDoubleHashOfEncoding() public view {
        bytes32 expected = keccak256(
            bytes.concat(keccak256(abi.encode(block.chainid, address(distributor), alice, uint256(100e18))))
        );
        assertEq(distributor.leaf(alice, 100e18), expected, "leaf");
        assertEq(RewardLeaf.hash(block.chainid, address(distributor), alice, 100e18), expected, "RewardLeaf");
    }

    // Vector from `@openzeppelin/merkle-tree` 1.0.8: `StandardMerkleTree.of(values,
    // ["uint256","address","address","uint256"])` over chain 1, distributor 0x…0d1570.
    function test_leaf_MatchesStandardMerkleTreeGoldenVector() public {
        address d = 0x00000000000000000000000000000000000d1570;
        bytes32 l0 = RewardLeaf.hash(1, d, 0x1111111111111111111111111111111111111111, 100);
        bytes32 l1 = RewardLeaf.hash(1, d, 0x2222222222222222222222222222222222222222, 250);
        bytes32 l2 = RewardLeaf.hash(1, d, 0x3333333333333333333333333333333333333333, 1e24);
        assertEq(l0, 0x332e636ae81551943e407a5a4e5e2355d014e60ffb229a10c1b80d2b7ec1fe12, "leaf 0");
        assertEq(l1, 0x8e28faa7b17cbd25f5658b716ffab524c7a89f3ab9aa470ec7a179c1a407e1b4, "leaf 1");
        assertEq(l2, 0x1e2c64101d8e74b9eb9bf8e2b6a6e34dd3c7940bade0f8c05d7de3c1dca0796f, "leaf 2");

        bytes32 root_ = 0x3e7a814ee772a6262b6be0cf0fae588d58def7217808bb091170616a36b464be;
        ProofHarness harness = new ProofHarness();
        bytes32[] memory proof0 = new bytes32[](2);
        (proof0[0], proof0[1]) = (l2, l1);
        bytes32[] memory proof1 = new bytes32[](1);
        proof1[0] = 0xe2b07b857ecfc61e6ccbbb9c18299f5208a9ef9087f399961ad78193530ddbac;
        assertTrue(harness.verify(proof0, root_, l0), "proof of leaf 0");
        assertTrue(harness.verify(proof1, root_, l1), "proof of leaf 1");
        assertFalse(harness.verify(proof1, root_, l0), "leaf 0 with leaf 1's proof");
    }

    function test_token_ReturnsToken() public view {
        assertEq(address(distributor.token()), address(token), "token");
    }

    function test_claimed_IsZeroBeforeClaim() public {
        _publish(_t1());
        assertEq(distributor.claimed(alice), 0, "before");
        _claim(_t1(), 0);
        assertEq(distributor.claimed(alice), 100e18, "after");
        assertEq(distributor.claimed(bob), 0, "others");
    }
}
