// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {DatanetRegistry} from "../contracts/DatanetRegistry.sol";
import {IDatanetRegistry} from "../contracts/interfaces/IDatanetRegistry.sol";
import {Pagination} from "../contracts/libraries/Pagination.sol";
import {DatanetFixture} from "./utils/DatanetFixture.sol";
import {ReentrantStakeToken} from "./utils/ReentrantStakeToken.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Duplicates, front-running of commits and reveals, reviews and withdrawals by the wrong
/// account or at the wrong time, unknown ids, bad batches and pages, and a re-entrant token.
contract DatanetRegistryAdversarialTest is DatanetFixture {
    bytes32 internal immutable H1 = _hash("contribution 1");
    bytes32 internal immutable H2 = _hash("contribution 2");

    function _duplicate(uint256 datanetId, bytes32 contentHash, uint256 id) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IDatanetRegistry.DatanetDuplicateContent.selector, datanetId, contentHash, id);
    }

    function _notCommitted(bytes32 commitment) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IDatanetRegistry.DatanetNotCommitted.selector, commitment);
    }

    function _notCurator(uint256 datanetId, address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IDatanetRegistry.DatanetNotCurator.selector, datanetId, account);
    }

    /// `who` commits `hashes` and, one second later, tries to reveal them; expects `revertData`.
    function _commitThenRevealReverts(
        address who,
        uint256 datanetId,
        bytes32[] memory hashes,
        bytes memory revertData
    ) internal {
        _commit(who, datanetId, hashes);
        _warpBy(1);
        bytes32 salt = _salt(who, hashes);
        string[] memory uris = _uris(hashes.length);
        vm.expectRevert(revertData);
        vm.prank(who);
        registry.contributeBatch(datanetId, hashes, uris, salt);
    }

    // ================================================================ duplicate content

    function test_contribute_RevertWhen_SameContributorResubmits() public {
        _commitAndContribute(alice, dn, H1);
        _commitThenRevealReverts(alice, dn, _one(H1), _duplicate(dn, H1, 1));
    }

    function test_contribute_RevertWhen_OtherContributorSubmitsSameContent() public {
        _commitAndContribute(alice, dn, H1);
        _commitThenRevealReverts(bob, dn, _one(H1), _duplicate(dn, H1, 1));
        assertEq(registry.getContribution(dn, H1).contributor, alice, "contributor");
    }

    function test_contributeBatch_RevertWhen_DuplicateWithinBatch() public {
        _commitAndContribute(bob, dn, H2); // the batch would start at id 2
        bytes32[] memory hashes = new bytes32[](3);
        (hashes[0], hashes[1], hashes[2]) = (H1, _hash("other"), H1);
        _commitThenRevealReverts(alice, dn, hashes, _duplicate(dn, H1, 2));
        // All or nothing: the first copy was not kept.
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.None), "status");
        assertEq(uint256(registry.getDatanet(dn).contributionCount), 1, "contributionCount");
    }

    function test_contribute_RevertWhen_ContentWasRejectedWithdrawnOrAccepted() public {
        bytes32[] memory hashes = _hashes(1, 3);
        _commitAndContributeBatch(alice, dn, hashes);
        _reject(dn, hashes[0], IDatanetRegistry.Verdict.LowQuality);
        _accept(dn, hashes[1]);
        _warpBy(REVIEW_PERIOD + 1);
        bytes32[] memory toWithdraw = _one(hashes[2]);
        vm.prank(alice);
        registry.withdrawStake(dn, toWithdraw);

        // A rejected or withdrawn contribution stays refused for good, by anyone: resubmitting it
        // cannot reset its record or its stake.
        address[2] memory who = [alice, bob];
        for (uint256 i = 0; i < 3; ++i) {
            for (uint256 w = 0; w < who.length; ++w) {
                _commitThenRevealReverts(who[w], dn, _one(hashes[i]), _duplicate(dn, hashes[i], 1 + i));
            }
        }
        assertEq(uint256(_status(dn, hashes[0])), uint256(IDatanetRegistry.Status.Rejected), "rejected");
        assertEq(uint256(_status(dn, hashes[1])), uint256(IDatanetRegistry.Status.Accepted), "accepted");
        assertEq(uint256(_status(dn, hashes[2])), uint256(IDatanetRegistry.Status.Withdrawn), "withdrawn");
    }

    // ================================================================ front-running

    function test_contribute_RevertWhen_RevealCopiedByAnother() public {
        _commit(alice, dn, _one(H1));
        _warpBy(1);
        bytes32 salt = _salt(alice, _one(H1));
        // mallory sends alice's reveal calldata from her own account: the commitment it names is
        // mallory's, which nobody committed.
        vm.expectRevert(_notCommitted(_commitment(mallory, dn, _one(H1), salt)));
        vm.prank(mallory);
        registry.contribute(dn, H1, URI, salt);

        assertEq(_reveal(alice, dn, H1), 1, "alice's reveal");
        assertEq(registry.getContribution(dn, H1).contributor, alice, "contributor");
    }

    function test_contributeBatchWithPermit_RevertWhen_CopiedByAnother() public {
        bytes32[] memory hashes = _hashes(1, 2);
        _commit(alice, dn, hashes);
        _warpBy(1);
        bytes32 salt = _salt(alice, hashes);
        uint256 deadline = _now() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, 2 * STAKE, 0, deadline);
        string[] memory uris = _uris(2);

        vm.expectRevert(_notCommitted(_commitment(mallory, dn, hashes, salt)));
        vm.prank(mallory);
        registry.contributeBatchWithPermit(dn, hashes, uris, salt, 2 * STAKE, deadline, v, r, s);
        // The whole copy reverted, alice's permit with it.
        assertEq(token.nonces(alice), 0, "alice's nonce");

        vm.prank(alice);
        registry.contributeBatchWithPermit(dn, hashes, uris, salt, 2 * STAKE, deadline, v, r, s);
        assertEq(registry.getContribution(dn, hashes[1]).contributor, alice, "contributor");
        assertEq(token.nonces(alice), 1, "alice's nonce after her call");
    }

    function test_commit_CopiedCommitChangesNothing() public {
        bytes32[] memory hashes = _one(H1);
        bytes32 commitment = _commitment(alice, dn, hashes, _salt(alice, hashes));
        // mallory copies alice's commit transaction and gets it mined first.
        vm.prank(mallory);
        registry.commit(commitment);
        _warpBy(5);
        vm.prank(alice);
        registry.commit(commitment);
        assertEq(registry.committedAt(commitment), START_TIME, "committedAt keeps the first time");
        _warpBy(1);

        // The commitment names alice: mallory cannot use it, alice can.
        bytes32 salt = _salt(alice, hashes);
        vm.expectRevert(_notCommitted(_commitment(mallory, dn, hashes, salt)));
        vm.prank(mallory);
        registry.contribute(dn, H1, URI, salt);
        uint256 aliceBefore = token.balanceOf(alice);
        assertEq(_reveal(alice, dn, H1), 1, "contributionId");
        assertEq(registry.getContribution(dn, H1).contributor, alice, "credited to alice");
        assertEq(token.balanceOf(alice), aliceBefore - STAKE, "alice staked");
    }

    function test_contribute_RevertWhen_CommittedOnSeeingTheReveal() public {
        _commit(alice, dn, _one(H1));
        _warpBy(1);
        uint256 t = _now();
        // alice's reveal is in the mempool; mallory reads H1 from it, commits her own commitment
        // and reveals, all in the same second.
        bytes32 malloryCommitment = _commit(mallory, dn, _one(H1));
        bytes32 mallorySalt = _salt(mallory, _one(H1));
        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetCommitmentTooRecent.selector, malloryCommitment, t)
        );
        vm.prank(mallory);
        registry.contribute(dn, H1, URI, mallorySalt);

        // alice's reveal is mined in that second; from the next one, mallory's copy is a duplicate.
        assertEq(_reveal(alice, dn, H1), 1, "alice's reveal");
        _warpBy(1);
        vm.expectRevert(_duplicate(dn, H1, 1));
        vm.prank(mallory);
        registry.contribute(dn, H1, URI, mallorySalt);
    }

    function test_contribute_RevertWhen_RevealReplayed() public {
        bytes32 commitment = _commit(alice, dn, _one(H1));
        _warpBy(1);
        _reveal(alice, dn, H1);
        bytes32 salt = _salt(alice, _one(H1));
        vm.expectRevert(_notCommitted(commitment));
        vm.prank(alice);
        registry.contribute(dn, H1, URI, salt);

        // Committing it again brings the commitment back, but the content is in the Datanet.
        vm.prank(mallory);
        registry.commit(commitment);
        _warpBy(1);
        vm.expectRevert(_duplicate(dn, H1, 1));
        vm.prank(alice);
        registry.contribute(dn, H1, URI, salt);
    }

    function test_contributeBatch_RevertWhen_BatchRevealReplayed() public {
        bytes32[] memory hashes = _hashes(1, 2);
        bytes32 commitment = _commit(alice, dn, hashes);
        _warpBy(1);
        _revealBatch(alice, dn, hashes);
        bytes32 salt = _salt(alice, hashes);
        string[] memory uris = _uris(2);
        vm.expectRevert(_notCommitted(commitment));
        vm.prank(alice);
        registry.contributeBatch(dn, hashes, uris, salt);
    }

    function test_contribute_RevertWhen_CommitmentForAnotherDatanet() public {
        uint256 other = _createDatanet(bob, STAKE, REVIEW_PERIOD);
        _commit(alice, dn, _one(H1));
        _warpBy(1);
        bytes32 salt = _salt(alice, _one(H1));
        vm.expectRevert(_notCommitted(_commitment(alice, other, _one(H1), salt)));
        vm.prank(alice);
        registry.contribute(other, H1, URI, salt);
        // Still good where it was meant.
        assertEq(_reveal(alice, dn, H1), 1, "reveal in its datanet");
    }

    // ================================================================ reviews by the wrong account

    function test_review_RevertWhen_NotCuratorOfThisDatanet() public {
        _commitAndContribute(alice, dn, H1);
        // bob owns another Datanet and appoints stranger there; `curator` is curator of both.
        uint256 other = _createDatanet(bob, STAKE, REVIEW_PERIOD);
        vm.prank(bob);
        registry.setCurator(other, stranger, true);
        uint8[] memory verdicts = _verdicts(1, 0);
        address[3] memory callers = [bob, stranger, mallory];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_notCurator(dn, callers[i]));
            vm.prank(callers[i]);
            registry.review(dn, _one(H1), verdicts);
        }
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.Pending), "status");
    }

    function test_review_RevertWhen_CuratorRemovedMidway() public {
        bytes32[] memory hashes = _hashes(1, 2);
        _commitAndContributeBatch(alice, dn, hashes);
        _accept(dn, hashes[0]);
        vm.prank(owner);
        registry.setCurator(dn, curator, false);
        uint8[] memory verdicts = _verdicts(1, 0);
        vm.expectRevert(_notCurator(dn, curator));
        vm.prank(curator);
        registry.review(dn, _one(hashes[1]), verdicts);
        // The owner still can.
        _review(owner, dn, _one(hashes[1]), verdicts);
        assertEq(registry.getDatanet(dn).acceptedCount, 2, "acceptedCount");
    }

    function test_review_RevertWhen_ReviewedTwice() public {
        _commitAndContribute(alice, dn, H1);
        // In one batch: the second verdict finds it accepted already; nothing applies.
        bytes32[] memory twice = new bytes32[](2);
        (twice[0], twice[1]) = (H1, H1);
        uint8[] memory verdicts = new uint8[](2);
        (verdicts[0], verdicts[1]) = (0, 1);
        vm.expectRevert(_notPending(dn, H1, IDatanetRegistry.Status.Accepted));
        vm.prank(curator);
        registry.review(dn, twice, verdicts);
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.Pending), "status");

        // In two calls, by two reviewers: the second cannot flip the first's verdict.
        _reject(dn, H1, IDatanetRegistry.Verdict.Licence);
        uint8[] memory accept = _verdicts(1, 0);
        vm.expectRevert(_notPending(dn, H1, IDatanetRegistry.Status.Rejected));
        vm.prank(owner);
        registry.review(dn, _one(H1), accept);
        assertEq(token.balanceOf(treasury), STAKE, "treasury");
    }

    function test_review_RevertWhen_OneOfBatchPastDeadline() public {
        _commitAndContribute(alice, dn, H1);
        uint256 firstDeadline = _now() + REVIEW_PERIOD;
        _warpBy(1 days);
        _commitAndContribute(bob, dn, H2);
        vm.warp(firstDeadline + 1); // H1 is over, H2 still open
        bytes32[] memory hashes = new bytes32[](2);
        (hashes[0], hashes[1]) = (H2, H1);
        uint8[] memory verdicts = _verdicts(2, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetReviewPeriodOver.selector, dn, H1, firstDeadline)
        );
        vm.prank(curator);
        registry.review(dn, hashes, verdicts);
        assertEq(uint256(_status(dn, H2)), uint256(IDatanetRegistry.Status.Pending), "H2 applied");
        _accept(dn, H2);
        assertEq(uint256(_status(dn, H2)), uint256(IDatanetRegistry.Status.Accepted), "H2 alone");
    }

    function test_review_RevertWhen_VerdictInvalidInsideBatch() public {
        bytes32[] memory hashes = _hashes(1, 3);
        _commitAndContributeBatch(alice, dn, hashes);
        uint8[2] memory codes = [6, 255];
        for (uint256 c = 0; c < codes.length; ++c) {
            uint8[] memory verdicts = new uint8[](3);
            (verdicts[0], verdicts[1], verdicts[2]) = (0, codes[c], 1);
            vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetInvalidVerdict.selector, codes[c]));
            vm.prank(curator);
            registry.review(dn, hashes, verdicts);
        }
        assertEq(uint256(_status(dn, hashes[0])), uint256(IDatanetRegistry.Status.Pending), "status");
        assertEq(token.balanceOf(address(registry)), 3 * STAKE, "registry");
    }

    function test_review_RevertWhen_VerdictHasDirtyHighBits() public {
        _commitAndContribute(alice, dn, H1);
        // A verdict word of 0x100 is 0 in its low byte: the ABI decoder refuses it rather than
        // accepting it as Accept.
        bytes memory data = abi.encodeWithSelector(
            IDatanetRegistry.review.selector,
            dn,
            _one(H1),
            _one(bytes32(uint256(0x100)))
        );
        vm.prank(curator);
        (bool ok, bytes memory ret) = address(registry).call(data);
        assertFalse(ok, "dirty verdict accepted");
        assertEq(ret.length, 0, "revert data");
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.Pending), "status");
    }

    function test_acceptDatanetOwnership_CuratorsSurviveHandover() public {
        // Curators are the Datanet's, not the owner's: a former owner that appointed itself keeps
        // reviewing after the handover until the new owner removes it.
        _commitAndContribute(alice, dn, H1);
        _commitAndContribute(alice, dn, H2);
        vm.startPrank(owner);
        registry.setCurator(dn, owner, true);
        registry.transferDatanetOwnership(dn, bob);
        vm.stopPrank();
        vm.prank(bob);
        registry.acceptDatanetOwnership(dn);

        _review(owner, dn, _one(H1), _verdicts(1, 0));
        assertEq(uint256(_status(dn, H1)), uint256(IDatanetRegistry.Status.Accepted), "former owner reviewed");
        vm.prank(bob);
        registry.setCurator(dn, owner, false);
        uint8[] memory verdicts = _verdicts(1, 0);
        vm.expectRevert(_notCurator(dn, owner));
        vm.prank(owner);
        registry.review(dn, _one(H2), verdicts);
    }

    // ================================================================ withdrawals by the wrong account

    function test_withdrawStake_RevertWhen_SomeoneElses() public {
        _commitAndContribute(alice, dn, H1);
        _commitAndContribute(mallory, dn, H2);
        _warpBy(REVIEW_PERIOD + 1);
        // mallory slips alice's contribution into a batch of her own: nothing is paid.
        bytes32[] memory hashes = new bytes32[](2);
        (hashes[0], hashes[1]) = (H2, H1);
        uint256 malloryBefore = token.balanceOf(mallory);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetNotContributor.selector, dn, H1, mallory));
        vm.prank(mallory);
        registry.withdrawStake(dn, hashes);
        assertEq(token.balanceOf(mallory), malloryBefore, "mallory");
        assertEq(uint256(_status(dn, H2)), uint256(IDatanetRegistry.Status.Pending), "H2 applied");
        vm.prank(alice);
        assertEq(registry.withdrawStake(dn, _one(H1)), STAKE, "alice withdraws her own");
    }

    function test_withdrawStake_RevertWhen_TwiceInOneBatch() public {
        _commitAndContribute(alice, dn, H1);
        _warpBy(REVIEW_PERIOD + 1);
        bytes32[] memory twice = new bytes32[](2);
        (twice[0], twice[1]) = (H1, H1);
        vm.expectRevert(_notPending(dn, H1, IDatanetRegistry.Status.Withdrawn));
        vm.prank(alice);
        registry.withdrawStake(dn, twice);
        assertEq(token.balanceOf(address(registry)), STAKE, "registry");
    }

    function test_withdrawStake_RevertWhen_BeforeDeadlineEvenByOwner() public {
        _commitAndContribute(alice, dn, H1);
        uint256 deadline = _now() + REVIEW_PERIOD;
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetReviewPeriodNotOver.selector, dn, H1, deadline));
        vm.prank(alice);
        registry.withdrawStake(dn, _one(H1));
        // The owner cannot take a contributor's stake either.
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetNotContributor.selector, dn, H1, owner));
        vm.prank(owner);
        registry.withdrawStake(dn, _one(H1));
    }

    function test_withdrawStake_RevertWhen_AcceptedOrRejectedAfterDeadline() public {
        bytes32[] memory hashes = _hashes(1, 2);
        _commitAndContributeBatch(alice, dn, hashes);
        _accept(dn, hashes[0]);
        _reject(dn, hashes[1], IDatanetRegistry.Verdict.Other);
        _warpBy(REVIEW_PERIOD + 1);
        vm.expectRevert(_notPending(dn, hashes[0], IDatanetRegistry.Status.Accepted));
        vm.prank(alice);
        registry.withdrawStake(dn, hashes);
        vm.expectRevert(_notPending(dn, hashes[1], IDatanetRegistry.Status.Rejected));
        vm.prank(alice);
        registry.withdrawStake(dn, _one(hashes[1]));
    }

    // ================================================================ unknown ids

    function test_everyFunction_RevertWhen_DatanetUnknown() public {
        uint256[3] memory ids = [uint256(0), 2, type(uint256).max];
        IDatanetRegistry.Datanet memory d = registry.getDatanet(dn); // a real one to copy from
        assertEq(d.id, dn, "known");
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 id = ids[i];
            bytes memory unknown = _unknownDatanet(id);
            bytes32[] memory hashes = _one(H1);
            bytes32 salt = _salt(alice, hashes);
            // A commitment for the unknown id, so that the reveals fail on the id alone.
            vm.prank(alice);
            registry.commit(_commitment(alice, id, hashes, salt));
            _warpBy(1);

            vm.startPrank(owner);
            vm.expectRevert(unknown);
            registry.setCurator(id, bob, true);
            vm.expectRevert(unknown);
            registry.setTreasury(id, bob);
            vm.expectRevert(unknown);
            registry.setMetadataURI(id, "x");
            vm.expectRevert(unknown);
            registry.transferDatanetOwnership(id, bob);
            vm.expectRevert(unknown);
            registry.acceptDatanetOwnership(id);
            vm.expectRevert(unknown);
            registry.review(id, hashes, _verdicts(1, 0));
            vm.expectRevert(unknown);
            registry.publishVersion(id, bytes32(uint256(1)), 1, MANIFEST_URI);
            vm.stopPrank();

            vm.startPrank(alice);
            vm.expectRevert(unknown);
            registry.contribute(id, H1, URI, salt);
            vm.expectRevert(unknown);
            registry.contributeBatch(id, hashes, _uris(1), salt);
            vm.expectRevert(unknown);
            registry.contributeBatchWithPermit(id, hashes, _uris(1), salt, 0, 0, 0, 0, 0);
            vm.expectRevert(unknown);
            registry.withdrawStake(id, hashes);
            vm.stopPrank();

            vm.expectRevert(unknown);
            registry.getDatanet(id);
            vm.expectRevert(unknown);
            registry.getVersions(id, 1, 1);
            bytes memory noVersion = abi.encodeWithSelector(IDatanetRegistry.DatanetUnknownVersion.selector, id, 1);
            vm.expectRevert(noVersion);
            registry.getVersion(id, 1);
            vm.expectRevert(noVersion);
            registry.verifyContribution(id, 1, H1, new bytes32[](0));
            assertEq(registry.versionCount(id), 0, "versionCount");
            assertFalse(registry.isCurator(id, curator), "isCurator");
            assertEq(uint256(registry.getContribution(id, H1).status), 0, "getContribution");
        }
        assertEq(registry.datanetCount(), 1, "datanetCount");
    }

    function test_verifyContribution_FalseForContributionOfAnotherDatanet() public {
        (VersionTree memory t, uint256 version) = _publishAccepted(alice, dn, 1, 2);
        // The same content accepted in another Datanet: its leaf there binds that Datanet's id.
        uint256 other = _createDatanet(owner, STAKE, REVIEW_PERIOD);
        _commitAndContribute(alice, other, t.contentHashes[0]);
        _accept(other, t.contentHashes[0]);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetUnknownVersion.selector, other, version));
        registry.verifyContribution(other, version, t.contentHashes[0], _proof(t, 0));
        bytes32[] memory leaves = new bytes32[](1);
        leaves[0] = t.leaves[0]; // dn's leaf published as other's version: id 1 in both, datanet differs
        vm.prank(owner);
        registry.publishVersion(other, leaves[0], 1, MANIFEST_URI);
        assertFalse(registry.verifyContribution(other, 1, t.contentHashes[0], new bytes32[](0)), "foreign leaf");
        assertTrue(registry.verifyContribution(dn, version, t.contentHashes[0], _proof(t, 0)), "home leaf");
    }

    // ================================================================ bad batches and pages

    function test_batches_RevertWhen_EmptyOrMismatched() public {
        bytes memory empty = abi.encodeWithSelector(IDatanetRegistry.DatanetBadBatch.selector, 0, 0);
        bytes32[] memory none = new bytes32[](0);
        bytes32[] memory two = _hashes(1, 2);
        vm.startPrank(owner);
        vm.expectRevert(empty);
        registry.contributeBatch(dn, none, new string[](0), bytes32(0));
        vm.expectRevert(empty);
        registry.contributeBatchWithPermit(dn, none, new string[](0), bytes32(0), 0, 0, 0, 0, 0);
        vm.expectRevert(empty);
        registry.review(dn, none, new uint8[](0));
        vm.expectRevert(empty);
        registry.withdrawStake(dn, none);

        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetBadBatch.selector, 2, 3));
        registry.contributeBatch(dn, two, _uris(3), bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetBadBatch.selector, 2, 1));
        registry.contributeBatchWithPermit(dn, two, _uris(1), bytes32(0), 0, 0, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetBadBatch.selector, 2, 1));
        registry.review(dn, two, new uint8[](1));
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetBadBatch.selector, 0, 2));
        registry.review(dn, none, new uint8[](2));
        vm.stopPrank();
    }

    function test_pages_RevertWhen_Extreme() public {
        uint256 max = type(uint256).max;
        uint256[2][4] memory pages = [[max, max], [uint256(1), max], [uint256(0), max], [max, uint256(101)]];
        for (uint256 i = 0; i < pages.length; ++i) {
            bytes memory invalid = abi.encodeWithSelector(
                Pagination.PaginationInvalidPage.selector,
                pages[i][0],
                pages[i][1],
                100
            );
            vm.expectRevert(invalid);
            registry.getDatanets(pages[i][0], pages[i][1]);
            vm.expectRevert(invalid);
            registry.getVersions(dn, pages[i][0], pages[i][1]);
        }
        // A valid page that would run past uint256: empty, not an overflow.
        assertEq(registry.getDatanets(max, 100).length, 0, "datanets");
        assertEq(registry.getVersions(dn, max, 100).length, 0, "versions");
    }

    // ================================================================ re-entrancy

    ReentrantStakeToken internal rtoken;
    DatanetRegistry internal rregistry;
    uint256 internal rdn;

    /// A registry on the re-entrant token, Datanet 1 with `curator` as curator, `alice` funded.
    function _reentrantSetUp() internal {
        rtoken = new ReentrantStakeToken();
        rregistry = new DatanetRegistry(IERC20(address(rtoken)));
        IDatanetRegistry.DatanetParams memory params = _params(STAKE, REVIEW_PERIOD);
        vm.prank(owner);
        rdn = rregistry.createDatanet(params);
        rtoken.mint(alice, 100 * uint256(STAKE));
        vm.prank(alice);
        rtoken.approve(address(rregistry), type(uint256).max);
        rtoken.mint(address(rtoken), 100 * uint256(STAKE));
        _tokenActs(address(rtoken), abi.encodeCall(IERC20.approve, (address(rregistry), type(uint256).max)));
    }

    function _tokenActs(address target, bytes memory data) internal returns (bytes memory) {
        return rtoken.act(target, data);
    }

    /// The token commits and reveals `hashes` as a contributor (after one second).
    function _tokenContributes(bytes32[] memory hashes) internal {
        address who = address(rtoken);
        bytes32 salt = _salt(who, hashes);
        _tokenActs(address(rregistry), abi.encodeCall(IDatanetRegistry.commit, (_commitment(who, rdn, hashes, salt))));
        _warpBy(1);
        _tokenActs(
            address(rregistry),
            abi.encodeCall(IDatanetRegistry.contributeBatch, (rdn, hashes, _uris(hashes.length), salt))
        );
    }

    function _aliceContributes(bytes32[] memory hashes) internal {
        bytes32 salt = _salt(alice, hashes);
        vm.prank(alice);
        rregistry.commit(_commitment(alice, rdn, hashes, salt));
        _warpBy(1);
        string[] memory uris = _uris(hashes.length);
        vm.prank(alice);
        rregistry.contributeBatch(rdn, hashes, uris, salt);
    }

    function test_review_ReentryOnSameContributionFails() public {
        _reentrantSetUp();
        vm.prank(owner);
        rregistry.setCurator(rdn, address(rtoken), true);
        _aliceContributes(_one(H1));
        bytes memory again = abi.encodeCall(IDatanetRegistry.review, (rdn, _one(H1), _verdicts(1, 1)));
        rtoken.arm(address(rregistry), again);

        // The refund to alice re-enters review of the same contribution, this time rejecting it.
        _tokenActs(address(rregistry), abi.encodeCall(IDatanetRegistry.review, (rdn, _one(H1), _verdicts(1, 0))));

        assertEq(rtoken.reentries(), 1, "reentries");
        assertFalse(rtoken.reentrySucceeded(), "re-entered review succeeded");
        assertEq(rtoken.reentryReturnData(), _notPending(rdn, H1, IDatanetRegistry.Status.Accepted), "revert");
        assertEq(uint256(rregistry.getContribution(rdn, H1).status), 2, "accepted");
        assertEq(rtoken.balanceOf(alice), 100 * uint256(STAKE), "alice refunded once");
        assertEq(rtoken.balanceOf(treasury), 0, "treasury");
        assertEq(rtoken.balanceOf(address(rregistry)), 0, "registry");
    }

    function test_review_ReentryOnOtherContributionKeepsCounts() public {
        _reentrantSetUp();
        vm.prank(owner);
        rregistry.setCurator(rdn, address(rtoken), true);
        bytes32[] memory hashes = _hashes(1, 3);
        _aliceContributes(hashes);
        // The refund of the first review re-enters review and accepts another contribution: the
        // outer call must not overwrite the accepted count the inner one raised.
        rtoken.arm(
            address(rregistry),
            abi.encodeCall(IDatanetRegistry.review, (rdn, _one(hashes[1]), _verdicts(1, 0)))
        );
        bytes32[] memory outer = new bytes32[](2);
        (outer[0], outer[1]) = (hashes[0], hashes[2]);
        uint8[] memory verdicts = new uint8[](2);
        (verdicts[0], verdicts[1]) = (0, 4);
        _tokenActs(address(rregistry), abi.encodeCall(IDatanetRegistry.review, (rdn, outer, verdicts)));

        assertTrue(rtoken.reentrySucceeded(), "re-entered review failed");
        IDatanetRegistry.Datanet memory d = rregistry.getDatanet(rdn);
        assertEq(uint256(d.acceptedCount), 2, "acceptedCount");
        assertEq(uint256(d.contributionCount), 3, "contributionCount");
        assertEq(rtoken.balanceOf(alice), 99 * uint256(STAKE), "alice: two refunds");
        assertEq(rtoken.balanceOf(treasury), STAKE, "treasury: one slash");
        assertEq(rtoken.balanceOf(address(rregistry)), 0, "registry");
    }

    function test_withdrawStake_ReentryPaysOnce() public {
        _reentrantSetUp();
        bytes32[] memory hashes = _one(H1);
        _tokenContributes(hashes);
        _warpBy(REVIEW_PERIOD + 1);
        uint256 before = rtoken.balanceOf(address(rtoken));
        bytes memory withdraw = abi.encodeCall(IDatanetRegistry.withdrawStake, (rdn, hashes));
        rtoken.arm(address(rregistry), withdraw);
        _tokenActs(address(rregistry), withdraw);

        assertEq(rtoken.reentries(), 1, "reentries");
        assertFalse(rtoken.reentrySucceeded(), "re-entered withdrawal succeeded");
        assertEq(rtoken.reentryReturnData(), _notPending(rdn, H1, IDatanetRegistry.Status.Withdrawn), "revert");
        assertEq(rtoken.balanceOf(address(rtoken)), before + STAKE, "paid once");
        assertEq(rtoken.balanceOf(address(rregistry)), 0, "registry");
    }

    function test_contribute_ReentryDuringStakePullNumbersDensely() public {
        _reentrantSetUp();
        address who = address(rtoken);
        bytes32[] memory first = _one(H1);
        bytes32[] memory second = _one(H2);
        _tokenActs(
            address(rregistry),
            abi.encodeCall(IDatanetRegistry.commit, (_commitment(who, rdn, first, _salt(who, first))))
        );
        _tokenActs(
            address(rregistry),
            abi.encodeCall(IDatanetRegistry.commit, (_commitment(who, rdn, second, _salt(who, second))))
        );
        _warpBy(1);
        // Pulling the first stake re-enters with the second reveal.
        rtoken.arm(address(rregistry), abi.encodeCall(IDatanetRegistry.contribute, (rdn, H2, URI, _salt(who, second))));
        bytes memory ret = _tokenActs(
            address(rregistry),
            abi.encodeCall(IDatanetRegistry.contribute, (rdn, H1, URI, _salt(who, first)))
        );

        assertTrue(rtoken.reentrySucceeded(), "re-entered contribute failed");
        assertEq(abi.decode(ret, (uint256)), 1, "outer id");
        assertEq(abi.decode(rtoken.reentryReturnData(), (uint256)), 2, "inner id");
        assertEq(uint256(rregistry.getContribution(rdn, H1).id), 1, "H1 id");
        assertEq(uint256(rregistry.getContribution(rdn, H2).id), 2, "H2 id");
        assertEq(uint256(rregistry.getDatanet(rdn).contributionCount), 2, "contributionCount");
        assertEq(rtoken.balanceOf(address(rregistry)), 2 * uint256(STAKE), "registry holds both stakes");
    }
}
