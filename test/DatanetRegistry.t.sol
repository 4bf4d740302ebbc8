// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {DatanetRegistry} from "../contracts/DatanetRegistry.sol";
import {IDatanetRegistry} from "../contracts/interfaces/IDatanetRegistry.sol";
import {Pagination} from "../contracts/libraries/Pagination.sol";
import {DatanetFixture} from "./utils/DatanetFixture.sol";
import {vm, Vm} from "./utils/Vm.sol";

/// @notice Unit tests: every external function, every revert path with its arguments, every event,
/// the state after each call and the tokens it moved.
contract DatanetRegistryTest is DatanetFixture {
    bytes32 internal immutable H1 = _hash("contribution 1");
    bytes32 internal immutable H2 = _hash("contribution 2");
    bytes32 internal immutable H3 = _hash("contribution 3");

    // ================================================================ helpers

    function _assertDatanet(
        IDatanetRegistry.Datanet memory d,
        uint256 id,
        address owner_,
        uint96 stake,
        uint32 reviewPeriod
    ) internal view {
        assertEq(d.id, id, "id");
        assertEq(d.owner, owner_, "owner");
        assertEq(d.pendingOwner, address(0), "pendingOwner");
        assertEq(d.treasury, treasury, "treasury");
        assertEq(uint256(d.stake), stake, "stake");
        assertEq(uint256(d.reviewPeriod), reviewPeriod, "reviewPeriod");
        assertEq(d.metadataURI, METADATA_URI, "metadataURI");
        assertEq(d.license, LICENSE, "license");
    }

    function _assertContribution(
        uint256 datanetId,
        bytes32 contentHash,
        uint256 id,
        address contributor,
        uint256 submittedAt,
        IDatanetRegistry.Status status
    ) internal view {
        IDatanetRegistry.Contribution memory c = registry.getContribution(datanetId, contentHash);
        assertEq(uint256(c.id), id, "contribution id");
        assertEq(c.contributor, contributor, "contributor");
        assertEq(uint256(c.submittedAt), submittedAt, "submittedAt");
        assertEq(uint256(c.deadline), submittedAt + registry.getDatanet(datanetId).reviewPeriod, "deadline");
        assertEq(uint256(c.status), uint256(status), "status");
    }

    function _counts(uint256 datanetId) internal view returns (uint256 contributions, uint256 accepted) {
        IDatanetRegistry.Datanet memory d = registry.getDatanet(datanetId);
        return (d.contributionCount, d.acceptedCount);
    }

    /// The Transfer events of `token` among `logs`, in order.
    function _transfers(
        Vm.Log[] memory logs
    ) internal view returns (address[] memory from, address[] memory to, uint256[] memory value) {
        uint256 n;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter == address(token) && logs[i].topics[0] == IERC20.Transfer.selector) ++n;
        }
        (from, to, value) = (new address[](n), new address[](n), new uint256[](n));
        n = 0;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(token) || logs[i].topics[0] != IERC20.Transfer.selector) continue;
            from[n] = address(uint160(uint256(logs[i].topics[1])));
            to[n] = address(uint160(uint256(logs[i].topics[2])));
            value[n++] = abi.decode(logs[i].data, (uint256));
        }
    }

    function _badBatch(uint256 length, uint256 otherLength) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IDatanetRegistry.DatanetBadBatch.selector, length, otherLength);
    }

    function _invalidPage(uint256 from, uint256 limit) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(Pagination.PaginationInvalidPage.selector, from, limit, 100);
    }

    function _notOwner(uint256 datanetId, address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IDatanetRegistry.DatanetNotOwner.selector, datanetId, account);
    }

    function _notCurator(uint256 datanetId, address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IDatanetRegistry.DatanetNotCurator.selector, datanetId, account);
    }

    function _periodOutOfRange(uint32 period) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(
                IDatanetRegistry.DatanetReviewPeriodOutOfRange.selector,
                period,
                MIN_PERIOD,
                MAX_PERIOD
            );
    }

    // ================================================================ constructor and constants

    function test_constructor_SetsToken() public {
        DatanetRegistry fresh = new DatanetRegistry(IERC20(address(token)));
        assertEq(address(fresh.token()), address(token), "token");
        assertEq(fresh.datanetCount(), 0, "datanetCount");
    }

    function test_constructor_RevertWhen_TokenHasNoCode() public {
        address[2] memory noCode = [address(0), address(0xBEEF)];
        for (uint256 i = 0; i < noCode.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetTokenHasNoCode.selector, noCode[i]));
            new DatanetRegistry(IERC20(noCode[i]));
        }
    }

    function test_MIN_REVIEW_PERIOD_IsOneHour() public view {
        assertEq(uint256(registry.MIN_REVIEW_PERIOD()), 1 hours, "MIN_REVIEW_PERIOD");
    }

    function test_MAX_REVIEW_PERIOD_IsNinetyDays() public view {
        assertEq(uint256(registry.MAX_REVIEW_PERIOD()), 90 days, "MAX_REVIEW_PERIOD");
    }

    function test_token_IsOpen() public view {
        assertEq(address(registry.token()), address(token), "token");
    }

    // ================================================================ createDatanet

    function test_createDatanet_StoresDatanetAndEmits() public {
        IDatanetRegistry.DatanetParams memory params = _params(STAKE, REVIEW_PERIOD);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.DatanetCreated(2, alice, treasury, STAKE, REVIEW_PERIOD, METADATA_URI, LICENSE);
        vm.prank(alice);
        uint256 id = registry.createDatanet(params);

        assertEq(id, 2, "datanetId");
        assertEq(registry.datanetCount(), 2, "datanetCount");
        IDatanetRegistry.Datanet memory d = registry.getDatanet(2);
        _assertDatanet(d, 2, alice, STAKE, REVIEW_PERIOD);
        assertEq(uint256(d.contributionCount), 0, "contributionCount");
        assertEq(uint256(d.acceptedCount), 0, "acceptedCount");
        assertEq(uint256(d.versionCount), 0, "versionCount");
        // The creator owns it; curators are per Datanet.
        assertFalse(registry.isCurator(2, curator), "curator of datanet 1 is curator of 2");
        assertFalse(registry.isCurator(2, alice), "owner is recorded as curator");
    }

    function test_createDatanet_IdsStartAtOne() public {
        DatanetRegistry fresh = new DatanetRegistry(IERC20(address(token)));
        IDatanetRegistry.DatanetParams memory params = _params(STAKE, REVIEW_PERIOD);
        for (uint256 expected = 1; expected <= 3; ++expected) {
            vm.prank(bob);
            assertEq(fresh.createDatanet(params), expected, "datanetId");
            assertEq(fresh.datanetCount(), expected, "datanetCount");
        }
    }

    function test_createDatanet_AcceptsReviewPeriodBounds() public {
        uint32[2] memory periods = [MIN_PERIOD, MAX_PERIOD];
        for (uint256 i = 0; i < periods.length; ++i) {
            IDatanetRegistry.DatanetParams memory params = _params(STAKE, periods[i]);
            vm.prank(alice);
            uint256 id = registry.createDatanet(params);
            assertEq(uint256(registry.getDatanet(id).reviewPeriod), periods[i], "reviewPeriod");
        }
    }

    function test_createDatanet_AcceptsZeroAndMaxStake() public {
        uint96[2] memory stakes = [uint96(0), type(uint96).max];
        for (uint256 i = 0; i < stakes.length; ++i) {
            IDatanetRegistry.DatanetParams memory params = _params(stakes[i], REVIEW_PERIOD);
            vm.prank(alice);
            uint256 id = registry.createDatanet(params);
            assertEq(uint256(registry.getDatanet(id).stake), stakes[i], "stake");
        }
    }

    function test_createDatanet_RevertWhen_ReviewPeriodTooShort() public {
        uint32[2] memory periods = [uint32(0), MIN_PERIOD - 1];
        for (uint256 i = 0; i < periods.length; ++i) {
            IDatanetRegistry.DatanetParams memory params = _params(STAKE, periods[i]);
            vm.expectRevert(_periodOutOfRange(periods[i]));
            registry.createDatanet(params);
        }
        assertEq(registry.datanetCount(), 1, "datanetCount");
    }

    function test_createDatanet_RevertWhen_ReviewPeriodTooLong() public {
        uint32[2] memory periods = [MAX_PERIOD + 1, type(uint32).max];
        for (uint256 i = 0; i < periods.length; ++i) {
            IDatanetRegistry.DatanetParams memory params = _params(STAKE, periods[i]);
            vm.expectRevert(_periodOutOfRange(periods[i]));
            registry.createDatanet(params);
        }
    }

    function test_createDatanet_RevertWhen_TreasuryIsZero() public {
        IDatanetRegistry.DatanetParams memory params = _params(STAKE, REVIEW_PERIOD);
        params.treasury = address(0);
        vm.expectRevert(IDatanetRegistry.DatanetZeroAddress.selector);
        registry.createDatanet(params);
    }

    function test_createDatanet_RevertWhen_MetadataURIIsEmpty() public {
        IDatanetRegistry.DatanetParams memory params = _params(STAKE, REVIEW_PERIOD);
        params.metadataURI = "";
        vm.expectRevert(IDatanetRegistry.DatanetEmptyString.selector);
        registry.createDatanet(params);
    }

    function test_createDatanet_RevertWhen_LicenseIsEmpty() public {
        IDatanetRegistry.DatanetParams memory params = _params(STAKE, REVIEW_PERIOD);
        params.license = "";
        vm.expectRevert(IDatanetRegistry.DatanetEmptyString.selector);
        registry.createDatanet(params);
    }

    // ================================================================ setCurator

    function test_setCurator_AppointsAndEmits() public {
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.CuratorSet(dn, bob, true);
        vm.prank(owner);
        registry.setCurator(dn, bob, true);
        assertTrue(registry.isCurator(dn, bob), "isCurator");

        // bob can now review.
        _commitAndContribute(alice, dn, H1);
        _review(bob, dn, _one(H1), _verdicts(1, 0));
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.Accepted), "status");
    }

    function test_setCurator_RemovesAndEmits() public {
        _commitAndContribute(alice, dn, H1);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.CuratorSet(dn, curator, false);
        vm.prank(owner);
        registry.setCurator(dn, curator, false);
        assertFalse(registry.isCurator(dn, curator), "isCurator");

        uint8[] memory verdicts = _verdicts(1, 0);
        vm.expectRevert(_notCurator(dn, curator));
        vm.prank(curator);
        registry.review(dn, _one(H1), verdicts);
    }

    function test_setCurator_RevertWhen_CallerIsNotOwner() public {
        address[4] memory callers = [curator, treasury, alice, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_notOwner(dn, callers[i]));
            vm.prank(callers[i]);
            registry.setCurator(dn, stranger, true);
        }
        assertFalse(registry.isCurator(dn, stranger), "isCurator");
    }

    function test_setCurator_RevertWhen_DatanetUnknown() public {
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownDatanet(ids[i]));
            vm.prank(owner);
            registry.setCurator(ids[i], bob, true);
        }
    }

    function test_setCurator_RevertWhen_AccountIsZero() public {
        vm.expectRevert(IDatanetRegistry.DatanetZeroAddress.selector);
        vm.prank(owner);
        registry.setCurator(dn, address(0), true);
    }

    // ================================================================ setTreasury

    function test_setTreasury_SetsAndEmitsAndRedirectsSlashes() public {
        _commitAndContribute(alice, dn, H1);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.DatanetTreasurySet(dn, stranger);
        vm.prank(owner);
        registry.setTreasury(dn, stranger);
        assertEq(registry.getDatanet(dn).treasury, stranger, "treasury");

        uint256 before = token.balanceOf(stranger);
        _reject(dn, H1, IDatanetRegistry.Verdict.LowQuality);
        assertEq(token.balanceOf(stranger), before + STAKE, "new treasury got the slash");
        assertEq(token.balanceOf(treasury), 0, "old treasury got something");
    }

    function test_setTreasury_RevertWhen_CallerIsNotOwner() public {
        address[3] memory callers = [curator, treasury, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_notOwner(dn, callers[i]));
            vm.prank(callers[i]);
            registry.setTreasury(dn, callers[i]);
        }
        assertEq(registry.getDatanet(dn).treasury, treasury, "treasury");
    }

    function test_setTreasury_RevertWhen_DatanetUnknown() public {
        vm.expectRevert(_unknownDatanet(7));
        vm.prank(owner);
        registry.setTreasury(7, stranger);
    }

    function test_setTreasury_RevertWhen_TreasuryIsZero() public {
        vm.expectRevert(IDatanetRegistry.DatanetZeroAddress.selector);
        vm.prank(owner);
        registry.setTreasury(dn, address(0));
    }

    // ================================================================ setMetadataURI

    function test_setMetadataURI_SetsAndEmits() public {
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.DatanetMetadataSet(dn, "ipfs://v2");
        vm.prank(owner);
        registry.setMetadataURI(dn, "ipfs://v2");
        IDatanetRegistry.Datanet memory d = registry.getDatanet(dn);
        assertEq(d.metadataURI, "ipfs://v2", "metadataURI");
        assertEq(d.license, LICENSE, "license unchanged");
    }

    function test_setMetadataURI_RevertWhen_CallerIsNotOwner() public {
        vm.expectRevert(_notOwner(dn, curator));
        vm.prank(curator);
        registry.setMetadataURI(dn, "ipfs://v2");
        assertEq(registry.getDatanet(dn).metadataURI, METADATA_URI, "metadataURI");
    }

    function test_setMetadataURI_RevertWhen_DatanetUnknown() public {
        vm.expectRevert(_unknownDatanet(0));
        vm.prank(owner);
        registry.setMetadataURI(0, "ipfs://v2");
    }

    function test_setMetadataURI_RevertWhen_Empty() public {
        vm.expectRevert(IDatanetRegistry.DatanetEmptyString.selector);
        vm.prank(owner);
        registry.setMetadataURI(dn, "");
    }

    // ================================================================ ownership

    function test_transferDatanetOwnership_SetsPendingOwnerAndEmits() public {
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.DatanetOwnershipTransferStarted(dn, owner, alice);
        vm.prank(owner);
        registry.transferDatanetOwnership(dn, alice);
        IDatanetRegistry.Datanet memory d = registry.getDatanet(dn);
        assertEq(d.pendingOwner, alice, "pendingOwner");
        assertEq(d.owner, owner, "owner changed before acceptance");
        // The owner keeps its powers until the handover completes.
        vm.prank(owner);
        registry.setMetadataURI(dn, "ipfs://still-mine");
        assertEq(registry.getDatanet(dn).metadataURI, "ipfs://still-mine", "metadataURI");
    }

    function test_transferDatanetOwnership_ZeroAddressCancels() public {
        vm.prank(owner);
        registry.transferDatanetOwnership(dn, alice);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.DatanetOwnershipTransferStarted(dn, owner, address(0));
        vm.prank(owner);
        registry.transferDatanetOwnership(dn, address(0));
        assertEq(registry.getDatanet(dn).pendingOwner, address(0), "pendingOwner");

        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetNotPendingOwner.selector, dn, alice));
        vm.prank(alice);
        registry.acceptDatanetOwnership(dn);
        assertEq(registry.getDatanet(dn).owner, owner, "owner");
    }

    function test_transferDatanetOwnership_ReplacesPendingOwner() public {
        vm.startPrank(owner);
        registry.transferDatanetOwnership(dn, alice);
        registry.transferDatanetOwnership(dn, bob);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetNotPendingOwner.selector, dn, alice));
        vm.prank(alice);
        registry.acceptDatanetOwnership(dn);
        vm.prank(bob);
        registry.acceptDatanetOwnership(dn);
        assertEq(registry.getDatanet(dn).owner, bob, "owner");
    }

    function test_transferDatanetOwnership_RevertWhen_CallerIsNotOwner() public {
        vm.prank(owner);
        registry.transferDatanetOwnership(dn, alice);
        // Not even the pending owner, who is not the owner yet.
        address[3] memory callers = [alice, curator, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_notOwner(dn, callers[i]));
            vm.prank(callers[i]);
            registry.transferDatanetOwnership(dn, callers[i]);
        }
        assertEq(registry.getDatanet(dn).pendingOwner, alice, "pendingOwner");
    }

    function test_transferDatanetOwnership_RevertWhen_DatanetUnknown() public {
        vm.expectRevert(_unknownDatanet(2));
        vm.prank(owner);
        registry.transferDatanetOwnership(2, alice);
    }

    function test_acceptDatanetOwnership_CompletesHandoverAndEmits() public {
        _commitAndContribute(bob, dn, H1);
        vm.prank(owner);
        registry.transferDatanetOwnership(dn, alice);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.DatanetOwnershipTransferred(dn, owner, alice);
        vm.prank(alice);
        registry.acceptDatanetOwnership(dn);

        IDatanetRegistry.Datanet memory d = registry.getDatanet(dn);
        assertEq(d.owner, alice, "owner");
        assertEq(d.pendingOwner, address(0), "pendingOwner");

        // The new owner has the owner's powers, the old one has none left (not even reviewing).
        vm.prank(alice);
        registry.setCurator(dn, stranger, true);
        assertTrue(registry.isCurator(dn, stranger), "new owner appointed a curator");
        vm.expectRevert(_notOwner(dn, owner));
        vm.prank(owner);
        registry.setCurator(dn, owner, true);
        uint8[] memory verdicts = _verdicts(1, 0);
        vm.expectRevert(_notCurator(dn, owner));
        vm.prank(owner);
        registry.review(dn, _one(H1), verdicts);
        _review(alice, dn, _one(H1), verdicts);
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.Accepted), "new owner reviewed");
    }

    function test_acceptDatanetOwnership_RevertWhen_CallerIsNotPendingOwner() public {
        vm.prank(owner);
        registry.transferDatanetOwnership(dn, alice);
        address[3] memory callers = [owner, bob, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetNotPendingOwner.selector, dn, callers[i]));
            vm.prank(callers[i]);
            registry.acceptDatanetOwnership(dn);
        }
        assertEq(registry.getDatanet(dn).owner, owner, "owner");
    }

    function test_acceptDatanetOwnership_RevertWhen_NothingPendingAndCallerIsZero() public {
        // With no handover pending, pendingOwner is zero: the zero address must not match it.
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetNotPendingOwner.selector, dn, address(0)));
        vm.prank(address(0));
        registry.acceptDatanetOwnership(dn);
        assertEq(registry.getDatanet(dn).owner, owner, "owner");
    }

    function test_acceptDatanetOwnership_RevertWhen_AcceptedTwice() public {
        vm.prank(owner);
        registry.transferDatanetOwnership(dn, alice);
        vm.prank(alice);
        registry.acceptDatanetOwnership(dn);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetNotPendingOwner.selector, dn, alice));
        vm.prank(alice);
        registry.acceptDatanetOwnership(dn);
    }

    function test_acceptDatanetOwnership_RevertWhen_DatanetUnknown() public {
        vm.expectRevert(_unknownDatanet(3));
        vm.prank(alice);
        registry.acceptDatanetOwnership(3);
    }

    // ================================================================ commit

    function test_commit_RecordsTimeAndEmits() public {
        bytes32 commitment = _commitment(alice, dn, _one(H1), bytes32("salt"));
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.Committed(alice, commitment);
        vm.prank(alice);
        registry.commit(commitment);
        assertEq(registry.committedAt(commitment), START_TIME, "committedAt");
    }

    function test_commit_AgainKeepsFirstTime() public {
        bytes32 commitment = _commit(alice, dn, _one(H1));
        _warpBy(100);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.Committed(alice, commitment);
        vm.prank(alice);
        registry.commit(commitment);
        assertEq(registry.committedAt(commitment), START_TIME, "committedAt");
    }

    // ================================================================ contribute

    function test_contribute_RecordsContributionPullsStakeAndEmits() public {
        bytes32 commitment = _commit(alice, dn, _one(H1));
        _warpBy(1);
        bytes32 salt = _salt(alice, _one(H1));
        uint256 aliceBefore = token.balanceOf(alice);

        vm.expectEmit(address(registry));
        emit IDatanetRegistry.Contributed(dn, 1, alice, H1, URI);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, address(registry), STAKE);
        vm.prank(alice);
        uint256 id = registry.contribute(dn, H1, URI, salt);

        assertEq(id, 1, "contributionId");
        _assertContribution(dn, H1, 1, alice, START_TIME + 1, IDatanetRegistry.Status.Pending);
        (uint256 contributions, uint256 accepted) = _counts(dn);
        assertEq(contributions, 1, "contributionCount");
        assertEq(accepted, 0, "acceptedCount");
        assertEq(token.balanceOf(alice), aliceBefore - STAKE, "alice");
        assertEq(token.balanceOf(address(registry)), STAKE, "registry");
        assertEq(token.allowance(alice, address(registry)), FUNDS - STAKE, "allowance");
        assertEq(registry.committedAt(commitment), 0, "commitment consumed");
    }

    function test_contribute_NumbersConsecutively() public {
        assertEq(_commitAndContribute(alice, dn, H1), 1, "first");
        assertEq(_commitAndContribute(bob, dn, H2), 2, "second");
        assertEq(_commitAndContribute(alice, dn, H3), 3, "third");
        assertEq(uint256(registry.getContribution(dn, H2).id), 2, "stored id");
        assertEq(registry.getContribution(dn, H2).contributor, bob, "contributor");
        (uint256 contributions, ) = _counts(dn);
        assertEq(contributions, 3, "contributionCount");
        assertEq(token.balanceOf(address(registry)), 3 * STAKE, "registry");
    }

    function test_contribute_CountsPerDatanet() public {
        uint256 other = _createDatanet(alice, STAKE, REVIEW_PERIOD);
        _commitAndContribute(alice, dn, H1);
        // The same content in another Datanet is another contribution, numbered there from 1.
        assertEq(_commitAndContribute(bob, other, H1), 1, "id in the other datanet");
        assertEq(registry.getContribution(other, H1).contributor, bob, "contributor there");
        assertEq(registry.getContribution(dn, H1).contributor, alice, "contributor here");
    }

    function test_contribute_RevealsCommitmentOf() public {
        bytes32 salt = bytes32(uint256(42));
        bytes32 commitment = registry.commitmentOf(alice, dn, _one(H1), salt);
        vm.prank(alice);
        registry.commit(commitment);
        _warpBy(1);
        vm.prank(alice);
        assertEq(registry.contribute(dn, H1, URI, salt), 1, "contributionId");
    }

    function test_contribute_LongAfterCommit() public {
        _commit(alice, dn, _one(H1));
        _warpBy(365 days);
        assertEq(_reveal(alice, dn, H1), 1, "contributionId");
        _assertContribution(dn, H1, 1, alice, START_TIME + 365 days, IDatanetRegistry.Status.Pending);
    }

    function test_contribute_RevertWhen_NotCommitted() public {
        bytes32 salt = _salt(alice, _one(H1));
        bytes32 commitment = _commitment(alice, dn, _one(H1), salt);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetNotCommitted.selector, commitment));
        vm.prank(alice);
        registry.contribute(dn, H1, URI, salt);
    }

    function test_contribute_RevertWhen_SaltDiffers() public {
        _commit(alice, dn, _one(H1));
        _warpBy(1);
        bytes32 wrongSalt = bytes32(uint256(1));
        bytes32 commitment = _commitment(alice, dn, _one(H1), wrongSalt);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetNotCommitted.selector, commitment));
        vm.prank(alice);
        registry.contribute(dn, H1, URI, wrongSalt);
    }

    function test_contribute_RevertWhen_CommitmentTooRecent() public {
        bytes32 commitment = _commit(alice, dn, _one(H1));
        bytes32 salt = _salt(alice, _one(H1));
        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetCommitmentTooRecent.selector, commitment, START_TIME)
        );
        vm.prank(alice);
        registry.contribute(dn, H1, URI, salt);
        // One second later it goes through.
        _warpBy(1);
        assertEq(_reveal(alice, dn, H1), 1, "contributionId");
    }

    function test_contribute_RevertWhen_DatanetUnknown() public {
        _commit(alice, 9, _one(H1));
        _warpBy(1);
        bytes32 salt = _salt(alice, _one(H1));
        vm.expectRevert(_unknownDatanet(9));
        vm.prank(alice);
        registry.contribute(9, H1, URI, salt);
    }

    function test_contribute_RevertWhen_ContentHashIsZero() public {
        _commit(alice, dn, _one(bytes32(0)));
        _warpBy(1);
        bytes32 salt = _salt(alice, _one(bytes32(0)));
        vm.expectRevert(IDatanetRegistry.DatanetZeroContentHash.selector);
        vm.prank(alice);
        registry.contribute(dn, bytes32(0), URI, salt);
    }

    function test_contribute_RevertWhen_UriIsEmpty() public {
        bytes32 commitment = _commit(alice, dn, _one(H1));
        _warpBy(1);
        bytes32 salt = _salt(alice, _one(H1));
        vm.expectRevert(IDatanetRegistry.DatanetEmptyString.selector);
        vm.prank(alice);
        registry.contribute(dn, H1, "", salt);
        // Nothing happened: the commitment is still there for a correct reveal.
        assertEq(registry.committedAt(commitment), START_TIME, "commitment kept");
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.None), "status");
    }

    function test_contribute_RevertWhen_DuplicateContent() public {
        _commitAndContribute(alice, dn, H1);
        _commit(bob, dn, _one(H1));
        _warpBy(1);
        bytes32 salt = _salt(bob, _one(H1));
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetDuplicateContent.selector, dn, H1, 1));
        vm.prank(bob);
        registry.contribute(dn, H1, URI, salt);
    }

    function test_contribute_RevertWhen_AllowanceTooLow() public {
        vm.prank(alice);
        token.approve(address(registry), STAKE - 1);
        _commit(alice, dn, _one(H1));
        _warpBy(1);
        bytes32 salt = _salt(alice, _one(H1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(registry),
                STAKE - 1,
                STAKE
            )
        );
        vm.prank(alice);
        registry.contribute(dn, H1, URI, salt);
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.None), "status");
    }

    function test_contribute_RevertWhen_BalanceTooLow() public {
        address poor = _actor("poor");
        _fundAndApprove(poor, STAKE - 1);
        vm.prank(poor);
        token.approve(address(registry), STAKE);
        _commit(poor, dn, _one(H1));
        _warpBy(1);
        bytes32 salt = _salt(poor, _one(H1));
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, poor, STAKE - 1, STAKE));
        vm.prank(poor);
        registry.contribute(dn, H1, URI, salt);
    }

    // ================================================================ contributeBatch

    function test_contributeBatch_RecordsAllPullsStakeOnceAndEmits() public {
        _commitAndContribute(bob, dn, H1); // the batch follows contribution 1
        bytes32[] memory hashes = _hashes(1, 3);
        _commit(alice, dn, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        string[] memory uris = new string[](3);
        (uris[0], uris[1], uris[2]) = ("ipfs://a", "ipfs://b", "ipfs://c");
        uint256 aliceBefore = token.balanceOf(alice);

        for (uint256 i = 0; i < 3; ++i) {
            vm.expectEmit(address(registry));
            emit IDatanetRegistry.Contributed(dn, 2 + i, alice, hashes[i], uris[i]);
        }
        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, address(registry), 3 * STAKE);
        vm.recordLogs();
        vm.prank(alice);
        uint256 firstId = registry.contributeBatch(dn, hashes, uris, salt);

        (address[] memory from, , ) = _transfers(vm.getRecordedLogs());
        assertEq(from.length, 1, "one transfer for the batch");
        assertEq(firstId, 2, "firstId");
        for (uint256 i = 0; i < 3; ++i) {
            _assertContribution(dn, hashes[i], 2 + i, alice, START_TIME + 2, IDatanetRegistry.Status.Pending);
        }
        (uint256 contributions, ) = _counts(dn);
        assertEq(contributions, 4, "contributionCount");
        assertEq(token.balanceOf(alice), aliceBefore - 3 * STAKE, "alice");
        assertEq(token.balanceOf(address(registry)), 4 * STAKE, "registry");
    }

    function test_contributeBatch_OfOneRevealsTheSameCommitmentAsContribute() public {
        // A batch of one hashes abi.encodePacked([h]), which `contribute` computes as abi.encode(h).
        bytes32 salt = bytes32("s");
        vm.prank(alice);
        registry.commit(_commitment(alice, dn, _one(H1), salt));
        vm.prank(bob);
        registry.commit(_commitment(bob, dn, _one(H2), salt));
        _warpBy(1);
        vm.prank(alice);
        assertEq(registry.contributeBatch(dn, _one(H1), _uris(1), salt), 1, "batch of one");
        vm.prank(bob);
        assertEq(registry.contribute(dn, H2, URI, salt), 2, "single");
    }

    function test_contributeBatch_RevertWhen_Empty() public {
        vm.expectRevert(_badBatch(0, 0));
        vm.prank(alice);
        registry.contributeBatch(dn, new bytes32[](0), new string[](0), bytes32(0));
    }

    function test_contributeBatch_RevertWhen_LengthsDiffer() public {
        bytes32[] memory two = _hashes(1, 2);
        _commit(alice, dn, two);
        _warpBy(1);
        bytes32 salt = _salt(alice, two);
        vm.expectRevert(_badBatch(2, 1));
        vm.prank(alice);
        registry.contributeBatch(dn, two, _uris(1), salt);
        vm.expectRevert(_badBatch(2, 3));
        vm.prank(alice);
        registry.contributeBatch(dn, two, _uris(3), salt);
        // Empty hashes with URIs.
        vm.expectRevert(_badBatch(0, 1));
        vm.prank(alice);
        registry.contributeBatch(dn, new bytes32[](0), _uris(1), salt);
    }

    function test_contributeBatch_RevertWhen_OrderDiffersFromCommitment() public {
        bytes32[] memory hashes = _hashes(1, 2);
        _commit(alice, dn, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        bytes32[] memory swapped = new bytes32[](2);
        (swapped[0], swapped[1]) = (hashes[1], hashes[0]);
        bytes32 commitment = _commitment(alice, dn, swapped, salt);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetNotCommitted.selector, commitment));
        vm.prank(alice);
        registry.contributeBatch(dn, swapped, _uris(2), salt);
    }

    function test_contributeBatch_RevertWhen_SubsetOfCommitment() public {
        bytes32[] memory hashes = _hashes(1, 3);
        _commit(alice, dn, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        bytes32[] memory two = _hashes(1, 2);
        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetNotCommitted.selector, _commitment(alice, dn, two, salt))
        );
        vm.prank(alice);
        registry.contributeBatch(dn, two, _uris(2), salt);
    }

    function test_contributeBatch_RevertWhen_CommitmentTooRecent() public {
        bytes32[] memory hashes = _hashes(1, 2);
        bytes32 commitment = _commit(alice, dn, hashes);
        bytes32 salt = _salt(alice, hashes);
        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetCommitmentTooRecent.selector, commitment, START_TIME)
        );
        vm.prank(alice);
        registry.contributeBatch(dn, hashes, _uris(2), salt);
    }

    function test_contributeBatch_RevertWhen_DatanetUnknown() public {
        bytes32[] memory hashes = _hashes(1, 2);
        _commit(alice, 0, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        vm.expectRevert(_unknownDatanet(0));
        vm.prank(alice);
        registry.contributeBatch(0, hashes, _uris(2), salt);
    }

    function test_contributeBatch_RevertWhen_OneContentHashIsZero() public {
        bytes32[] memory hashes = _hashes(1, 3);
        hashes[2] = bytes32(0);
        bytes32 commitment = _commit(alice, dn, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        vm.expectRevert(IDatanetRegistry.DatanetZeroContentHash.selector);
        vm.prank(alice);
        registry.contributeBatch(dn, hashes, _uris(3), salt);
        // All or nothing.
        assertEq(uint256(_status(dn, hashes[0])), uint256(IDatanetRegistry.Status.None), "first recorded");
        assertEq(registry.committedAt(commitment), START_TIME, "commitment consumed");
    }

    function test_contributeBatch_RevertWhen_OneUriIsEmpty() public {
        bytes32[] memory hashes = _hashes(1, 3);
        _commit(alice, dn, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        string[] memory uris = _uris(3);
        uris[1] = "";
        vm.expectRevert(IDatanetRegistry.DatanetEmptyString.selector);
        vm.prank(alice);
        registry.contributeBatch(dn, hashes, uris, salt);
        assertEq(uint256(_status(dn, hashes[0])), uint256(IDatanetRegistry.Status.None), "first recorded");
    }

    function test_contributeBatch_RevertWhen_ContentAlreadyInDatanet() public {
        _commitAndContribute(bob, dn, H1);
        bytes32[] memory hashes = _hashes(1, 3);
        hashes[1] = H1;
        _commit(alice, dn, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetDuplicateContent.selector, dn, H1, 1));
        vm.prank(alice);
        registry.contributeBatch(dn, hashes, _uris(3), salt);
    }

    function test_contributeBatch_RevertWhen_AllowanceBelowTotal() public {
        vm.prank(alice);
        token.approve(address(registry), 3 * STAKE - 1);
        bytes32[] memory hashes = _hashes(1, 3);
        _commit(alice, dn, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(registry),
                3 * STAKE - 1,
                3 * STAKE
            )
        );
        vm.prank(alice);
        registry.contributeBatch(dn, hashes, _uris(3), salt);
    }

    // ================================================================ contributeBatchWithPermit

    function test_contributeBatchWithPermit_UsesSignedPermit() public {
        vm.prank(alice);
        token.approve(address(registry), 0);
        bytes32[] memory hashes = _hashes(1, 2);
        _commit(alice, dn, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        uint256 deadline = _now() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, 2 * STAKE, 0, deadline);
        assertEq(_domainSeparator(), token.DOMAIN_SEPARATOR(), "EIP-712 domain of OPEN");
        uint256 aliceBefore = token.balanceOf(alice);

        vm.expectEmit(address(token));
        emit IERC20.Approval(alice, address(registry), 2 * STAKE);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.Contributed(dn, 1, alice, hashes[0], URI);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.Contributed(dn, 2, alice, hashes[1], URI);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, address(registry), 2 * STAKE);
        vm.prank(alice);
        uint256 firstId = registry.contributeBatchWithPermit(dn, hashes, _uris(2), salt, 2 * STAKE, deadline, v, r, s);

        assertEq(firstId, 1, "firstId");
        assertEq(token.nonces(alice), 1, "permit used");
        assertEq(token.allowance(alice, address(registry)), 0, "allowance spent");
        assertEq(token.balanceOf(alice), aliceBefore - 2 * STAKE, "alice");
        assertEq(token.balanceOf(address(registry)), 2 * STAKE, "registry");
        assertEq(uint256(_status(dn, hashes[1])), uint256(IDatanetRegistry.Status.Pending), "status");
    }

    function test_contributeBatchWithPermit_FrontRunPermitStillContributes() public {
        vm.prank(alice);
        token.approve(address(registry), 0);
        bytes32[] memory hashes = _hashes(1, 2);
        _commit(alice, dn, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        uint256 deadline = _now() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, 2 * STAKE, 0, deadline);

        // mallory submits alice's permit from the mempool first.
        vm.prank(mallory);
        token.permit(alice, address(registry), 2 * STAKE, deadline, v, r, s);
        assertEq(token.allowance(alice, address(registry)), 2 * STAKE, "allowance from the front-run permit");

        // alice's transaction: the permit fails (nonce used) and the allowance pays.
        vm.prank(alice);
        uint256 firstId = registry.contributeBatchWithPermit(dn, hashes, _uris(2), salt, 2 * STAKE, deadline, v, r, s);
        assertEq(firstId, 1, "firstId");
        assertEq(token.nonces(alice), 1, "nonce");
        assertEq(token.allowance(alice, address(registry)), 0, "allowance spent");
        assertEq(token.balanceOf(address(registry)), 2 * STAKE, "registry");
        assertEq(registry.getContribution(dn, hashes[0]).contributor, alice, "contributor");
    }

    function test_contributeBatchWithPermit_IgnoresBadPermitWhenAllowanceSuffices() public {
        bytes32[] memory hashes = _hashes(1, 2);
        _commit(alice, dn, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        // Signed by bob for alice's account, and expired: invalid twice over.
        uint256 deadline = _now() - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(BOB_KEY, type(uint256).max, 0, deadline);
        vm.prank(alice);
        registry.contributeBatchWithPermit(dn, hashes, _uris(2), salt, type(uint256).max, deadline, v, r, s);
        assertEq(token.nonces(alice), 0, "nonce");
        assertEq(token.allowance(alice, address(registry)), FUNDS - 2 * STAKE, "allowance: the fixture's, spent");
        assertEq(token.balanceOf(address(registry)), 2 * STAKE, "registry");
    }

    function test_contributeBatchWithPermit_RevertWhen_PermitInvalidAndNoAllowance() public {
        vm.prank(alice);
        token.approve(address(registry), 0);
        bytes32[] memory hashes = _hashes(1, 2);
        _commit(alice, dn, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        uint256 deadline = _now() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(BOB_KEY, 2 * STAKE, 0, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(registry), 0, 2 * STAKE)
        );
        vm.prank(alice);
        registry.contributeBatchWithPermit(dn, hashes, _uris(2), salt, 2 * STAKE, deadline, v, r, s);
    }

    function test_contributeBatchWithPermit_RevertWhen_BatchIsBad() public {
        uint256 deadline = _now() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, STAKE, 0, deadline);
        vm.expectRevert(_badBatch(1, 0));
        vm.prank(alice);
        registry.contributeBatchWithPermit(dn, _one(H1), new string[](0), bytes32(0), STAKE, deadline, v, r, s);
        // The whole call reverted, the permit with it.
        assertEq(token.nonces(alice), 0, "nonce");
    }

    // ================================================================ review

    function test_review_AcceptReturnsStakeAndEmits() public {
        _commitAndContribute(alice, dn, H1);
        uint256 aliceBefore = token.balanceOf(alice);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.ContributionAccepted(dn, 1, curator, H1, alice, STAKE);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(registry), alice, STAKE);
        _accept(dn, H1);

        _assertContribution(dn, H1, 1, alice, START_TIME + 1, IDatanetRegistry.Status.Accepted);
        (, uint256 accepted) = _counts(dn);
        assertEq(accepted, 1, "acceptedCount");
        assertEq(token.balanceOf(alice), aliceBefore + STAKE, "alice");
        assertEq(token.balanceOf(address(registry)), 0, "registry");
        assertEq(token.balanceOf(treasury), 0, "treasury");
    }

    function test_review_RejectSlashesToTreasuryWithEachReason() public {
        for (uint8 verdict = 1; verdict <= 5; ++verdict) {
            bytes32 h = keccak256(abi.encode("rejected", verdict));
            uint256 id = _commitAndContribute(alice, dn, h);
            uint256 aliceBefore = token.balanceOf(alice);
            uint256 treasuryBefore = token.balanceOf(treasury);
            vm.expectEmit(address(registry));
            emit IDatanetRegistry.ContributionRejected(
                dn,
                id,
                curator,
                h,
                alice,
                IDatanetRegistry.Verdict(verdict),
                STAKE
            );
            vm.expectEmit(address(token));
            emit IERC20.Transfer(address(registry), treasury, STAKE);
            _reject(dn, h, IDatanetRegistry.Verdict(verdict));

            assertEq(uint256(_status(dn, h)), uint256(IDatanetRegistry.Status.Rejected), "status");
            assertEq(token.balanceOf(treasury), treasuryBefore + STAKE, "treasury");
            assertEq(token.balanceOf(alice), aliceBefore, "alice");
        }
        (uint256 contributions, uint256 accepted) = _counts(dn);
        assertEq(contributions, 5, "contributionCount");
        assertEq(accepted, 0, "acceptedCount");
        assertEq(token.balanceOf(address(registry)), 0, "registry");
    }

    function test_review_MixedBatchPaysEachSide() public {
        bytes32[] memory a = _hashes(1, 3);
        bytes32[] memory b = _hashes(2, 2);
        _commitAndContributeBatch(alice, dn, a);
        _commitAndContributeBatch(bob, dn, b);
        uint256 aliceBefore = token.balanceOf(alice);
        uint256 bobBefore = token.balanceOf(bob);

        bytes32[] memory hashes = new bytes32[](5);
        (hashes[0], hashes[1], hashes[2], hashes[3], hashes[4]) = (a[0], b[0], a[1], b[1], a[2]);
        uint8[] memory verdicts = new uint8[](5);
        (verdicts[0], verdicts[1], verdicts[2], verdicts[3], verdicts[4]) = (0, 3, 0, 0, 2);

        vm.expectEmit(address(registry));
        emit IDatanetRegistry.ContributionAccepted(dn, 1, owner, a[0], alice, STAKE);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.ContributionRejected(dn, 4, owner, b[0], bob, IDatanetRegistry.Verdict.LowQuality, STAKE);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.ContributionAccepted(dn, 2, owner, a[1], alice, STAKE);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.ContributionAccepted(dn, 5, owner, b[1], bob, STAKE);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.ContributionRejected(dn, 3, owner, a[2], alice, IDatanetRegistry.Verdict.OffTopic, STAKE);
        // The owner reviews too.
        _review(owner, dn, hashes, verdicts);

        assertEq(token.balanceOf(alice), aliceBefore + 2 * STAKE, "alice");
        assertEq(token.balanceOf(bob), bobBefore + STAKE, "bob");
        assertEq(token.balanceOf(treasury), 2 * STAKE, "treasury");
        assertEq(token.balanceOf(address(registry)), 0, "registry");
        (uint256 contributions, uint256 accepted) = _counts(dn);
        assertEq(contributions, 5, "contributionCount");
        assertEq(accepted, 3, "acceptedCount");
    }

    function test_review_PaysOneTransferPerRunOfContributor() public {
        bytes32[] memory a = _hashes(1, 3);
        _commitAndContributeBatch(alice, dn, a);
        _commitAndContribute(bob, dn, H1);
        bytes32[] memory hashes = new bytes32[](5);
        (hashes[0], hashes[1], hashes[2], hashes[3], hashes[4]) = (a[0], a[1], H1, _hash("x"), a[2]);
        _commitAndContribute(bob, dn, hashes[3]);
        uint8[] memory verdicts = _verdicts(5, 0);
        verdicts[3] = uint8(IDatanetRegistry.Verdict.Duplicate);

        vm.recordLogs();
        _review(curator, dn, hashes, verdicts);
        (address[] memory from, address[] memory to, uint256[] memory value) = _transfers(vm.getRecordedLogs());

        // alice, alice | bob | (bob rejected) | alice, then the slashed stakes once.
        assertEq(from.length, 4, "transfers");
        (address[4] memory wantTo, uint256[4] memory wantValue) = (
            [alice, bob, alice, treasury],
            [2 * uint256(STAKE), STAKE, STAKE, STAKE]
        );
        for (uint256 i = 0; i < 4; ++i) {
            assertEq(from[i], address(registry), "from");
            assertEq(to[i], wantTo[i], "to");
            assertEq(value[i], wantValue[i], "value");
        }
    }

    function test_review_AtDeadline() public {
        _commitAndContribute(alice, dn, H1);
        uint256 deadline = registry.getContribution(dn, H1).deadline;
        assertEq(deadline, START_TIME + 1 + REVIEW_PERIOD, "deadline");
        vm.warp(deadline); // inclusive
        _accept(dn, H1);
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.Accepted), "status");
    }

    function test_review_RevertWhen_AfterDeadline() public {
        _commitAndContribute(alice, dn, H1);
        uint256 deadline = START_TIME + 1 + REVIEW_PERIOD;
        vm.warp(deadline + 1);
        uint8[] memory verdicts = _verdicts(1, 1);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetReviewPeriodOver.selector, dn, H1, deadline));
        vm.prank(curator);
        registry.review(dn, _one(H1), verdicts);
    }

    function test_review_RevertWhen_CuratorReviewsOwnContribution() public {
        _commitAndContribute(curator, dn, H1);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetSelfReview.selector, dn, H1, curator));
        vm.prank(curator);
        registry.review(dn, _one(H1), _verdicts(1, 0));
        // Another curator (here the owner) may review it.
        vm.prank(owner);
        registry.review(dn, _one(H1), _verdicts(1, 0));
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.Accepted), "status");
    }

    function test_review_RevertWhen_CallerIsNotCurator() public {
        _commitAndContribute(alice, dn, H1);
        uint8[] memory verdicts = _verdicts(1, 0);
        address[4] memory callers = [alice, treasury, stranger, mallory];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_notCurator(dn, callers[i]));
            vm.prank(callers[i]);
            registry.review(dn, _one(H1), verdicts);
        }
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.Pending), "status");
    }

    function test_review_RevertWhen_DatanetUnknown() public {
        uint8[] memory verdicts = _verdicts(1, 0);
        vm.expectRevert(_unknownDatanet(5));
        vm.prank(curator);
        registry.review(5, _one(H1), verdicts);
    }

    function test_review_RevertWhen_BatchIsBad() public {
        _commitAndContribute(alice, dn, H1);
        vm.startPrank(curator);
        vm.expectRevert(_badBatch(0, 0));
        registry.review(dn, new bytes32[](0), new uint8[](0));
        vm.expectRevert(_badBatch(1, 2));
        registry.review(dn, _one(H1), new uint8[](2));
        vm.expectRevert(_badBatch(1, 0));
        registry.review(dn, _one(H1), new uint8[](0));
        vm.stopPrank();
    }

    function test_review_RevertWhen_VerdictInvalid() public {
        _commitAndContribute(alice, dn, H1);
        uint8[2] memory codes = [6, 255];
        for (uint256 i = 0; i < codes.length; ++i) {
            uint8[] memory verdicts = _verdicts(1, codes[i]);
            vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetInvalidVerdict.selector, codes[i]));
            vm.prank(curator);
            registry.review(dn, _one(H1), verdicts);
        }
    }

    function test_review_RevertWhen_ContributionUnknown() public {
        uint8[] memory verdicts = _verdicts(1, 0);
        vm.expectRevert(_err(IDatanetRegistry.DatanetUnknownContribution.selector, dn, H1));
        vm.prank(curator);
        registry.review(dn, _one(H1), verdicts);
    }

    function test_review_RevertWhen_AlreadyAccepted() public {
        _commitAndContribute(alice, dn, H1);
        _accept(dn, H1);
        uint8[] memory verdicts = _verdicts(1, 1);
        vm.expectRevert(_notPending(dn, H1, IDatanetRegistry.Status.Accepted));
        vm.prank(curator);
        registry.review(dn, _one(H1), verdicts);
    }

    function test_review_RevertWhen_AlreadyRejected() public {
        _commitAndContribute(alice, dn, H1);
        _reject(dn, H1, IDatanetRegistry.Verdict.Other);
        uint8[] memory verdicts = _verdicts(1, 0);
        vm.expectRevert(_notPending(dn, H1, IDatanetRegistry.Status.Rejected));
        vm.prank(owner);
        registry.review(dn, _one(H1), verdicts);
    }

    function test_review_RevertWhen_Withdrawn() public {
        _commitAndContribute(alice, dn, H1);
        _warpBy(REVIEW_PERIOD + 1);
        vm.prank(alice);
        registry.withdrawStake(dn, _one(H1));
        uint8[] memory verdicts = _verdicts(1, 0);
        vm.expectRevert(_notPending(dn, H1, IDatanetRegistry.Status.Withdrawn));
        vm.prank(curator);
        registry.review(dn, _one(H1), verdicts);
    }

    function test_review_RevertWhen_OneItemFailsNothingApplies() public {
        _commitAndContribute(alice, dn, H1);
        bytes32[] memory hashes = new bytes32[](2);
        (hashes[0], hashes[1]) = (H1, H2); // H2 unknown
        uint8[] memory verdicts = _verdicts(2, 0);
        vm.expectRevert(_err(IDatanetRegistry.DatanetUnknownContribution.selector, dn, H2));
        vm.prank(curator);
        registry.review(dn, hashes, verdicts);
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.Pending), "first item applied");
        assertEq(token.balanceOf(address(registry)), STAKE, "registry");
    }

    // ================================================================ withdrawStake

    function test_withdrawStake_ReturnsStakeAfterDeadlineAndEmits() public {
        _commitAndContribute(alice, dn, H1);
        vm.warp(START_TIME + 1 + REVIEW_PERIOD + 1);
        uint256 aliceBefore = token.balanceOf(alice);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.StakeWithdrawn(dn, 1, alice, H1, STAKE);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(registry), alice, STAKE);
        vm.prank(alice);
        uint256 amount = registry.withdrawStake(dn, _one(H1));

        assertEq(amount, STAKE, "amount");
        _assertContribution(dn, H1, 1, alice, START_TIME + 1, IDatanetRegistry.Status.Withdrawn);
        assertEq(token.balanceOf(alice), aliceBefore + STAKE, "alice");
        assertEq(token.balanceOf(address(registry)), 0, "registry");
        (uint256 contributions, uint256 accepted) = _counts(dn);
        assertEq(contributions, 1, "contributionCount");
        assertEq(accepted, 0, "acceptedCount");
    }

    function test_withdrawStake_BatchPaysOnce() public {
        bytes32[] memory hashes = _hashes(1, 3);
        _commitAndContributeBatch(alice, dn, hashes);
        _warpBy(REVIEW_PERIOD + 1);
        for (uint256 i = 0; i < 3; ++i) {
            vm.expectEmit(address(registry));
            emit IDatanetRegistry.StakeWithdrawn(dn, 1 + i, alice, hashes[i], STAKE);
        }
        vm.recordLogs();
        vm.prank(alice);
        assertEq(registry.withdrawStake(dn, hashes), 3 * STAKE, "amount");
        (, address[] memory to, uint256[] memory value) = _transfers(vm.getRecordedLogs());
        assertEq(to.length, 1, "transfers");
        assertEq(to[0], alice, "to");
        assertEq(value[0], 3 * STAKE, "value");
        assertEq(token.balanceOf(address(registry)), 0, "registry");
    }

    function test_withdrawStake_RevertWhen_BeforeOrAtDeadline() public {
        _commitAndContribute(alice, dn, H1);
        uint256 deadline = START_TIME + 1 + REVIEW_PERIOD;
        uint256[3] memory times = [START_TIME + 1, deadline - 1, deadline];
        for (uint256 i = 0; i < times.length; ++i) {
            vm.warp(times[i]);
            vm.expectRevert(
                abi.encodeWithSelector(IDatanetRegistry.DatanetReviewPeriodNotOver.selector, dn, H1, deadline)
            );
            vm.prank(alice);
            registry.withdrawStake(dn, _one(H1));
        }
        vm.warp(deadline + 1);
        vm.prank(alice);
        assertEq(registry.withdrawStake(dn, _one(H1)), STAKE, "withdrawn the second after");
    }

    function test_withdrawStake_RevertWhen_Empty() public {
        vm.expectRevert(_badBatch(0, 0));
        vm.prank(alice);
        registry.withdrawStake(dn, new bytes32[](0));
    }

    function test_withdrawStake_RevertWhen_DatanetUnknown() public {
        vm.expectRevert(_unknownDatanet(2));
        vm.prank(alice);
        registry.withdrawStake(2, _one(H1));
    }

    function test_withdrawStake_RevertWhen_ContributionUnknown() public {
        vm.expectRevert(_err(IDatanetRegistry.DatanetUnknownContribution.selector, dn, H1));
        vm.prank(alice);
        registry.withdrawStake(dn, _one(H1));
    }

    function test_withdrawStake_RevertWhen_NotContributor() public {
        _commitAndContribute(alice, dn, H1);
        _warpBy(REVIEW_PERIOD + 1);
        address[3] memory callers = [bob, owner, curator];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IDatanetRegistry.DatanetNotContributor.selector, dn, H1, callers[i])
            );
            vm.prank(callers[i]);
            registry.withdrawStake(dn, _one(H1));
        }
    }

    function test_withdrawStake_RevertWhen_Reviewed() public {
        _commitAndContribute(alice, dn, H1);
        _commitAndContribute(alice, dn, H2);
        _accept(dn, H1);
        _reject(dn, H2, IDatanetRegistry.Verdict.Licence);
        _warpBy(REVIEW_PERIOD + 1);
        vm.expectRevert(_notPending(dn, H1, IDatanetRegistry.Status.Accepted));
        vm.prank(alice);
        registry.withdrawStake(dn, _one(H1));
        vm.expectRevert(_notPending(dn, H2, IDatanetRegistry.Status.Rejected));
        vm.prank(alice);
        registry.withdrawStake(dn, _one(H2));
    }

    function test_withdrawStake_RevertWhen_WithdrawnTwice() public {
        _commitAndContribute(alice, dn, H1);
        _warpBy(REVIEW_PERIOD + 1);
        vm.prank(alice);
        registry.withdrawStake(dn, _one(H1));
        vm.expectRevert(_notPending(dn, H1, IDatanetRegistry.Status.Withdrawn));
        vm.prank(alice);
        registry.withdrawStake(dn, _one(H1));
    }

    // ================================================================ publishVersion

    function test_publishVersion_StoresAndEmits() public {
        bytes32[] memory hashes = _hashes(1, 3);
        _commitAndContributeBatch(alice, dn, hashes);
        _acceptAll(dn, hashes);
        (, bytes32 root) = _versionTree(dn, hashes);

        vm.expectEmit(address(registry));
        emit IDatanetRegistry.VersionPublished(dn, 1, root, 3, MANIFEST_URI);
        vm.prank(owner);
        uint256 version = registry.publishVersion(dn, root, 3, MANIFEST_URI);

        assertEq(version, 1, "version");
        assertEq(registry.versionCount(dn), 1, "versionCount");
        assertEq(uint256(registry.getDatanet(dn).versionCount), 1, "datanet versionCount");
        IDatanetRegistry.Version memory v = registry.getVersion(dn, 1);
        assertEq(v.root, root, "root");
        assertEq(uint256(v.count), 3, "count");
        assertEq(uint256(v.publishedAt), _now(), "publishedAt");
        assertEq(v.manifestURI, MANIFEST_URI, "manifestURI");
    }

    function test_publishVersion_NumbersConsecutivelyAndKeepsEarlierOnes() public {
        (, uint256 v1) = _publishAccepted(alice, dn, 1, 2);
        IDatanetRegistry.Version memory first = registry.getVersion(dn, 1);
        _warpBy(1 days);
        (, uint256 v2) = _publishAccepted(bob, dn, 2, 2);
        assertEq(v1, 1, "v1");
        assertEq(v2, 2, "v2");
        assertEq(registry.versionCount(dn), 2, "versionCount");
        IDatanetRegistry.Version memory again = registry.getVersion(dn, 1);
        assertEq(again.root, first.root, "v1 root");
        assertEq(uint256(again.publishedAt), uint256(first.publishedAt), "v1 publishedAt");
        assertGt(uint256(registry.getVersion(dn, 2).publishedAt), uint256(first.publishedAt), "v2 later");
    }

    function test_publishVersion_CountUpToAccepted() public {
        bytes32[] memory hashes = _hashes(1, 3);
        _commitAndContributeBatch(alice, dn, hashes);
        _acceptAll(dn, hashes);
        vm.startPrank(owner);
        assertEq(registry.publishVersion(dn, bytes32(uint256(1)), 1, MANIFEST_URI), 1, "count 1");
        assertEq(registry.publishVersion(dn, bytes32(uint256(2)), 3, MANIFEST_URI), 2, "count = accepted");
        vm.stopPrank();
        assertEq(uint256(registry.getVersion(dn, 2).count), 3, "count");
    }

    function test_publishVersion_RevertWhen_CallerIsNotOwner() public {
        _publishAccepted(alice, dn, 1, 1);
        address[3] memory callers = [curator, alice, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_notOwner(dn, callers[i]));
            vm.prank(callers[i]);
            registry.publishVersion(dn, bytes32(uint256(1)), 1, MANIFEST_URI);
        }
        assertEq(registry.versionCount(dn), 1, "versionCount");
    }

    function test_publishVersion_RevertWhen_DatanetUnknown() public {
        vm.expectRevert(_unknownDatanet(4));
        vm.prank(owner);
        registry.publishVersion(4, bytes32(uint256(1)), 1, MANIFEST_URI);
    }

    function test_publishVersion_RevertWhen_RootIsZero() public {
        _publishAccepted(alice, dn, 1, 1);
        vm.expectRevert(IDatanetRegistry.DatanetZeroRoot.selector);
        vm.prank(owner);
        registry.publishVersion(dn, bytes32(0), 1, MANIFEST_URI);
    }

    function test_publishVersion_RevertWhen_CountOutOfRange() public {
        // Nothing accepted yet: no count fits.
        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetVersionCountOutOfRange.selector, uint256(1), uint256(0))
        );
        vm.prank(owner);
        registry.publishVersion(dn, bytes32(uint256(1)), 1, MANIFEST_URI);

        bytes32[] memory hashes = _hashes(1, 2);
        _commitAndContributeBatch(alice, dn, hashes);
        _acceptAll(dn, hashes);
        uint256[3] memory counts = [uint256(0), 3, type(uint256).max];
        for (uint256 i = 0; i < counts.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IDatanetRegistry.DatanetVersionCountOutOfRange.selector, counts[i], uint256(2))
            );
            vm.prank(owner);
            registry.publishVersion(dn, bytes32(uint256(1)), counts[i], MANIFEST_URI);
        }
        assertEq(registry.versionCount(dn), 0, "versionCount");
    }

    function test_publishVersion_RevertWhen_ManifestURIIsEmpty() public {
        _publishAccepted(alice, dn, 1, 1);
        vm.expectRevert(IDatanetRegistry.DatanetEmptyString.selector);
        vm.prank(owner);
        registry.publishVersion(dn, bytes32(uint256(1)), 1, "");
    }

    // ================================================================ views

    function test_getDatanet_RevertWhen_Unknown() public {
        uint256[3] memory ids = [uint256(0), 2, type(uint256).max];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownDatanet(ids[i]));
            registry.getDatanet(ids[i]);
        }
    }

    function test_getDatanets_Pages() public {
        for (uint256 i = 0; i < 4; ++i) _createDatanet(i % 2 == 0 ? alice : bob, uint96(i), MIN_PERIOD);
        assertEq(registry.datanetCount(), 5, "datanetCount");

        IDatanetRegistry.Datanet[] memory first = registry.getDatanets(1, 2);
        assertEq(first.length, 2, "first page");
        _assertDatanet(first[0], 1, owner, STAKE, REVIEW_PERIOD);
        _assertDatanet(first[1], 2, alice, 0, MIN_PERIOD);

        IDatanetRegistry.Datanet[] memory middle = registry.getDatanets(3, 2);
        assertEq(middle.length, 2, "middle page");
        _assertDatanet(middle[0], 3, bob, 1, MIN_PERIOD);
        _assertDatanet(middle[1], 4, alice, 2, MIN_PERIOD);

        IDatanetRegistry.Datanet[] memory last = registry.getDatanets(5, 2);
        assertEq(last.length, 1, "last page");
        _assertDatanet(last[0], 5, bob, 3, MIN_PERIOD);

        assertEq(registry.getDatanets(6, 2).length, 0, "page past the end");
        assertEq(registry.getDatanets(type(uint256).max, 100).length, 0, "page far past the end");
        IDatanetRegistry.Datanet[] memory all = registry.getDatanets(1, 100);
        assertEq(all.length, 5, "max page");
        for (uint256 i = 0; i < all.length; ++i) assertEq(all[i].id, i + 1, "id");
    }

    function test_getDatanets_ShowsCountsAndPendingOwner() public {
        _publishAccepted(alice, dn, 1, 2);
        _commitAndContribute(bob, dn, H1);
        vm.prank(owner);
        registry.transferDatanetOwnership(dn, bob);
        IDatanetRegistry.Datanet memory d = registry.getDatanets(1, 1)[0];
        assertEq(uint256(d.contributionCount), 3, "contributionCount");
        assertEq(uint256(d.acceptedCount), 2, "acceptedCount");
        assertEq(uint256(d.versionCount), 1, "versionCount");
        assertEq(d.pendingOwner, bob, "pendingOwner");
    }

    function test_getDatanets_RevertWhen_PageInvalid() public {
        uint256[2][4] memory pages = [[uint256(0), 1], [uint256(1), 0], [uint256(1), 101], [uint256(0), 0]];
        for (uint256 i = 0; i < pages.length; ++i) {
            vm.expectRevert(_invalidPage(pages[i][0], pages[i][1]));
            registry.getDatanets(pages[i][0], pages[i][1]);
        }
    }

    function test_isCurator_PerDatanet() public view {
        assertTrue(registry.isCurator(dn, curator), "curator");
        assertFalse(registry.isCurator(dn, owner), "owner is not recorded as a curator");
        assertFalse(registry.isCurator(dn, stranger), "stranger");
        assertFalse(registry.isCurator(2, curator), "unknown datanet");
    }

    function test_getContribution_UnknownIsAllZero() public view {
        IDatanetRegistry.Contribution memory c = registry.getContribution(dn, H1);
        assertEq(uint256(c.id), 0, "id");
        assertEq(c.contributor, address(0), "contributor");
        assertEq(uint256(c.submittedAt), 0, "submittedAt");
        assertEq(uint256(c.deadline), 0, "deadline");
        assertEq(uint256(c.status), uint256(IDatanetRegistry.Status.None), "status");
        assertEq(uint256(registry.getContribution(9, H1).status), 0, "unknown datanet");
    }

    function test_versionCount_UnknownDatanetIsZero() public view {
        assertEq(registry.versionCount(0), 0, "datanet 0");
        assertEq(registry.versionCount(2), 0, "datanet 2");
    }

    function test_getVersion_RevertWhen_Unknown() public {
        _publishAccepted(alice, dn, 1, 1);
        uint256[2][3] memory pairs = [[dn, 0], [dn, 2], [uint256(2), 1]];
        for (uint256 i = 0; i < pairs.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IDatanetRegistry.DatanetUnknownVersion.selector, pairs[i][0], pairs[i][1])
            );
            registry.getVersion(pairs[i][0], pairs[i][1]);
        }
    }

    function test_getVersions_Pages() public {
        bytes32[] memory hashes = _hashes(1, 1);
        _commitAndContributeBatch(alice, dn, hashes);
        _acceptAll(dn, hashes);
        vm.startPrank(owner);
        for (uint256 i = 1; i <= 5; ++i) registry.publishVersion(dn, bytes32(i), 1, MANIFEST_URI);
        vm.stopPrank();

        IDatanetRegistry.Version[] memory first = registry.getVersions(dn, 1, 2);
        assertEq(first.length, 2, "first page");
        assertEq(first[0].root, bytes32(uint256(1)), "v1");
        assertEq(first[1].root, bytes32(uint256(2)), "v2");
        assertEq(uint256(first[0].count), 1, "count");
        assertEq(first[0].manifestURI, MANIFEST_URI, "manifestURI");

        IDatanetRegistry.Version[] memory middle = registry.getVersions(dn, 3, 2);
        assertEq(middle.length, 2, "middle page");
        assertEq(middle[0].root, bytes32(uint256(3)), "v3");
        assertEq(middle[1].root, bytes32(uint256(4)), "v4");

        IDatanetRegistry.Version[] memory last = registry.getVersions(dn, 5, 2);
        assertEq(last.length, 1, "last page");
        assertEq(last[0].root, bytes32(uint256(5)), "v5");

        assertEq(registry.getVersions(dn, 6, 1).length, 0, "page past the end");
        assertEq(registry.getVersions(dn, 1, 100).length, 5, "max page");
        // A Datanet with no versions has only pages past the end.
        uint256 other = _createDatanet(bob, 0, MIN_PERIOD);
        assertEq(registry.getVersions(other, 1, 10).length, 0, "no versions");
    }

    function test_getVersions_RevertWhen_PageInvalid() public {
        uint256[2][3] memory pages = [[uint256(0), 1], [uint256(1), 0], [uint256(1), 101]];
        for (uint256 i = 0; i < pages.length; ++i) {
            vm.expectRevert(_invalidPage(pages[i][0], pages[i][1]));
            registry.getVersions(dn, pages[i][0], pages[i][1]);
        }
    }

    function test_getVersions_RevertWhen_DatanetUnknown() public {
        vm.expectRevert(_unknownDatanet(3));
        registry.getVersions(3, 1, 1);
    }

    function test_commitmentOf_MatchesSpec() public view {
        bytes32[] memory hashes = _hashes(1, 3);
        bytes32 salt = bytes32("salt");
        bytes32 c = registry.commitmentOf(alice, dn, hashes, salt);
        assertEq(c, keccak256(abi.encode(alice, dn, keccak256(abi.encodePacked(hashes)), salt)), "commitment");
        // Bound to each input.
        assertNotEq(c, registry.commitmentOf(bob, dn, hashes, salt), "contributor");
        assertNotEq(c, registry.commitmentOf(alice, dn + 1, hashes, salt), "datanet");
        assertNotEq(c, registry.commitmentOf(alice, dn, hashes, bytes32("other")), "salt");
        (hashes[0], hashes[1]) = (hashes[1], hashes[0]);
        assertNotEq(c, registry.commitmentOf(alice, dn, hashes, salt), "order");
    }

    function test_committedAt_ZeroWhenUnknownOrRevealed() public {
        bytes32 commitment = _commit(alice, dn, _one(H1));
        assertEq(registry.committedAt(bytes32(uint256(1))), 0, "unknown");
        assertEq(registry.committedAt(commitment), START_TIME, "committed");
        _warpBy(1);
        _reveal(alice, dn, H1);
        assertEq(registry.committedAt(commitment), 0, "revealed");
    }

    // ================================================================ verifyContribution

    function test_verifyContribution_TrueForEveryIncludedContribution() public {
        (VersionTree memory t, uint256 version) = _publishAccepted(alice, dn, 1, 5);
        for (uint256 i = 0; i < 5; ++i) {
            assertTrue(registry.verifyContribution(dn, version, t.contentHashes[i], _proof(t, i)), "included");
        }
    }

    function test_verifyContribution_FalseForWrongProof() public {
        (VersionTree memory t, uint256 version) = _publishAccepted(alice, dn, 1, 4);
        bytes32 h = t.contentHashes[0];
        assertFalse(registry.verifyContribution(dn, version, h, _proof(t, 1)), "another leaf's proof");
        assertFalse(registry.verifyContribution(dn, version, h, new bytes32[](0)), "empty proof");
        bytes32[] memory tampered = _proof(t, 0);
        tampered[0] ^= bytes32(uint256(1));
        assertFalse(registry.verifyContribution(dn, version, h, tampered), "tampered proof");
        // Accepted and with a valid proof, but of another version's tree.
        (VersionTree memory t2, uint256 version2) = _publishAccepted(bob, dn, 2, 2);
        assertFalse(registry.verifyContribution(dn, version, t2.contentHashes[0], _proof(t2, 0)), "other version");
        assertTrue(registry.verifyContribution(dn, version2, t2.contentHashes[0], _proof(t2, 0)), "its version");
    }

    function test_verifyContribution_FalseUnlessAccepted() public {
        // A dishonest tree that includes a pending, a rejected and a withdrawn contribution: their
        // proofs are valid, but only the accepted one verifies.
        bytes32[] memory hashes = _hashes(1, 4);
        _commitAndContributeBatch(alice, dn, hashes);
        _accept(dn, hashes[0]);
        _reject(dn, hashes[1], IDatanetRegistry.Verdict.Duplicate);
        _warpBy(REVIEW_PERIOD + 1);
        bytes32[] memory toWithdraw = _one(hashes[3]);
        vm.prank(alice);
        registry.withdrawStake(dn, toWithdraw); // hashes[2] stays pending
        (VersionTree memory t, bytes32 root) = _versionTree(dn, hashes);
        vm.prank(owner);
        uint256 version = registry.publishVersion(dn, root, 1, MANIFEST_URI);

        assertTrue(registry.verifyContribution(dn, version, hashes[0], _proof(t, 0)), "accepted");
        assertFalse(registry.verifyContribution(dn, version, hashes[1], _proof(t, 1)), "rejected");
        assertFalse(registry.verifyContribution(dn, version, hashes[2], _proof(t, 2)), "pending");
        assertFalse(registry.verifyContribution(dn, version, hashes[3], _proof(t, 3)), "withdrawn");
        assertFalse(registry.verifyContribution(dn, version, H1, _proof(t, 0)), "unknown content");
    }

    function test_verifyContribution_RevertWhen_VersionUnknown() public {
        (VersionTree memory t, ) = _publishAccepted(alice, dn, 1, 2);
        bytes32[] memory proof = _proof(t, 0);
        uint256[2][3] memory pairs = [[dn, 0], [dn, 2], [uint256(2), 1]];
        for (uint256 i = 0; i < pairs.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IDatanetRegistry.DatanetUnknownVersion.selector, pairs[i][0], pairs[i][1])
            );
            registry.verifyContribution(pairs[i][0], pairs[i][1], t.contentHashes[0], proof);
        }
    }

    // ================================================================ zero stake

    function test_zeroStake_ContributeReviewWithdrawMoveNoTokens() public {
        uint256 free = _createDatanet(owner, 0, MIN_PERIOD);
        // No allowance at all is needed.
        vm.prank(stranger);
        token.approve(address(registry), 0);
        bytes32[] memory hashes = _hashes(1, 3);
        uint256 strangerBefore = token.balanceOf(stranger);

        vm.recordLogs();
        _commitAndContributeBatch(stranger, free, hashes);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.ContributionAccepted(free, 1, curator, hashes[0], stranger, 0);
        _accept(free, hashes[0]);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.ContributionRejected(
            free,
            2,
            curator,
            hashes[1],
            stranger,
            IDatanetRegistry.Verdict.OffTopic,
            0
        );
        _reject(free, hashes[1], IDatanetRegistry.Verdict.OffTopic);
        _warpBy(MIN_PERIOD + 1);
        vm.expectEmit(address(registry));
        emit IDatanetRegistry.StakeWithdrawn(free, 3, stranger, hashes[2], 0);
        vm.prank(stranger);
        assertEq(registry.withdrawStake(free, _one(hashes[2])), 0, "withdrawn amount");

        (address[] memory from, , ) = _transfers(vm.getRecordedLogs());
        assertEq(from.length, 0, "token transfers");
        assertEq(token.balanceOf(stranger), strangerBefore, "stranger");
        assertEq(token.balanceOf(address(registry)), 0, "registry");
        assertEq(token.balanceOf(treasury), 0, "treasury");
        (uint256 contributions, uint256 accepted) = _counts(free);
        assertEq(contributions, 3, "contributionCount");
        assertEq(accepted, 1, "acceptedCount");
    }
}
