// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDatanetRegistry} from "../contracts/interfaces/IDatanetRegistry.sol";
import {Pagination} from "../contracts/libraries/Pagination.sol";
import {DatanetFixture} from "./utils/DatanetFixture.sol";
import {vm} from "./utils/Vm.sol";

contract DatanetRegistryFuzzTest is DatanetFixture {
    uint256 internal constant MAX_BATCH = 32;
    /// MAX_BATCH stakes stay within an actor's FUNDS.
    uint256 internal constant MAX_STAKE = 10_000e18;

    // ================================================================ parameters

    function testFuzz_createDatanet_ReviewPeriodWithinBounds(uint32 period, uint96 stake, bool inRange) public {
        // Half the runs in range (a random uint32 almost never is), half below or above it.
        if (inRange) period = uint32(bound(period, MIN_PERIOD, MAX_PERIOD));
        else if (period % 2 == 0) period = uint32(bound(period, 0, MIN_PERIOD - 1));
        else period = uint32(bound(period, uint256(MAX_PERIOD) + 1, type(uint32).max));
        IDatanetRegistry.DatanetParams memory params = _params(stake, period);
        if (!inRange) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IDatanetRegistry.DatanetReviewPeriodOutOfRange.selector,
                    period,
                    MIN_PERIOD,
                    MAX_PERIOD
                )
            );
            vm.prank(alice);
            registry.createDatanet(params);
            assertEq(registry.datanetCount(), 1, "datanetCount");
            return;
        }
        vm.prank(alice);
        uint256 id = registry.createDatanet(params);
        IDatanetRegistry.Datanet memory d = registry.getDatanet(id);
        assertEq(uint256(d.reviewPeriod), period, "reviewPeriod");
        assertEq(uint256(d.stake), stake, "stake");
        assertEq(d.owner, alice, "owner");
    }

    function testFuzz_createDatanet_PeriodAroundBounds(uint32 offset, bool above) public {
        // Concentrates runs next to the bounds, where an off-by-one would show.
        offset = uint32(bound(offset, 0, 3));
        uint32 period = above ? MAX_PERIOD - 1 + offset : MIN_PERIOD + 1 - offset;
        bool valid = period >= MIN_PERIOD && period <= MAX_PERIOD;
        IDatanetRegistry.DatanetParams memory params = _params(STAKE, period);
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IDatanetRegistry.DatanetReviewPeriodOutOfRange.selector,
                    period,
                    MIN_PERIOD,
                    MAX_PERIOD
                )
            );
        }
        registry.createDatanet(params);
        assertEq(registry.datanetCount(), valid ? 2 : 1, "datanetCount");
    }

    // ================================================================ stakes

    /// Random batches of two contributors with random verdicts on a random subset: the registry
    /// keeps exactly the pending stakes, the treasury gets exactly the rejected ones, everyone
    /// else gets their stake back, and ids are 1..n in order.
    function testFuzz_review_ConservesStakes(uint256 seed, uint256 sizeA, uint256 sizeB, uint96 stake) public {
        stake = uint96(bound(stake, 0, MAX_STAKE));
        sizeA = bound(sizeA, 1, MAX_BATCH);
        sizeB = bound(sizeB, 1, MAX_BATCH);
        uint256 id = _createDatanet(owner, stake, REVIEW_PERIOD);
        bytes32[] memory a = _hashes(uint256(keccak256(abi.encode(seed, "a"))), sizeA);
        bytes32[] memory b = _hashes(uint256(keccak256(abi.encode(seed, "b"))), sizeB);
        uint256 supply = token.balanceOf(alice) + token.balanceOf(bob);
        assertEq(_commitAndContributeBatch(alice, id, a), 1, "alice's firstId");
        assertEq(_commitAndContributeBatch(bob, id, b), sizeA + 1, "bob's firstId");
        assertEq(token.balanceOf(address(registry)), (sizeA + sizeB) * stake, "registry after contributing");

        // Every contribution: reviewed or not (1 in 4 left pending), and a random verdict code.
        uint256 n = sizeA + sizeB;
        bytes32[] memory reviewed = new bytes32[](n);
        uint8[] memory verdicts = new uint8[](n);
        uint256 count;
        uint256[2] memory pending; // alice's, bob's
        uint256[2] memory rejected;
        uint256 accepted;
        for (uint256 i = 0; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "verdict", i)));
            uint256 who = i < sizeA ? 0 : 1;
            bytes32 h = who == 0 ? a[i] : b[i - sizeA];
            assertEq(uint256(registry.getContribution(id, h).id), i + 1, "id");
            if (r % 4 == 0) {
                pending[who]++;
                continue;
            }
            reviewed[count] = h;
            verdicts[count++] = uint8((r >> 8) % 6);
            if ((r >> 8) % 6 == 0) accepted++;
            else rejected[who]++;
        }
        assembly ("memory-safe") {
            mstore(reviewed, count)
            mstore(verdicts, count)
        }
        if (count != 0) _review(curator, id, reviewed, verdicts);

        uint256 stakes = uint256(stake);
        assertEq(token.balanceOf(address(registry)), (pending[0] + pending[1]) * stakes, "registry == pending stakes");
        assertEq(token.balanceOf(treasury), (rejected[0] + rejected[1]) * stakes, "treasury == rejected stakes");
        assertEq(token.balanceOf(alice), FUNDS - (pending[0] + rejected[0]) * stakes, "alice");
        assertEq(token.balanceOf(bob), FUNDS - (pending[1] + rejected[1]) * stakes, "bob");
        assertEq(
            token.balanceOf(alice) +
                token.balanceOf(bob) +
                token.balanceOf(address(registry)) +
                token.balanceOf(treasury),
            supply,
            "tokens conserved"
        );
        IDatanetRegistry.Datanet memory d = registry.getDatanet(id);
        assertEq(uint256(d.contributionCount), n, "contributionCount");
        assertEq(uint256(d.acceptedCount), accepted, "acceptedCount");
    }

    function testFuzz_review_RevertWhen_VerdictInvalid(uint8 verdict) public {
        verdict = uint8(bound(verdict, 6, type(uint8).max));
        _commitAndContribute(alice, dn, _hash("x"));
        uint8[] memory verdicts = _verdicts(1, verdict);
        bytes32[] memory hashes = _one(_hash("x"));
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetInvalidVerdict.selector, uint256(verdict)));
        vm.prank(curator);
        registry.review(dn, hashes, verdicts);
    }

    /// Contributions of random batch sizes from random contributors are numbered 1..n in order.
    function testFuzz_contribute_IdsDense(uint256 seed, uint256 rounds) public {
        rounds = bound(rounds, 1, 12);
        address[3] memory who = [alice, bob, mallory];
        uint256 next = 1;
        for (uint256 round = 0; round < rounds; ++round) {
            uint256 r = uint256(keccak256(abi.encode(seed, round)));
            address contributor = who[r % 3];
            uint256 size = (r >> 8) % 6; // 0: a single `contribute`
            if (size == 0) {
                bytes32 h = keccak256(abi.encode(seed, round, "single"));
                assertEq(_commitAndContribute(contributor, dn, h), next, "single id");
                assertEq(uint256(registry.getContribution(dn, h).id), next++, "stored id");
            } else {
                bytes32[] memory hashes = _hashes(uint256(keccak256(abi.encode(seed, round, "batch"))), size);
                assertEq(_commitAndContributeBatch(contributor, dn, hashes), next, "firstId");
                for (uint256 i = 0; i < size; ++i) {
                    IDatanetRegistry.Contribution memory c = registry.getContribution(dn, hashes[i]);
                    assertEq(uint256(c.id), next++, "batch id");
                    assertEq(c.contributor, contributor, "contributor");
                }
            }
        }
        assertEq(uint256(registry.getDatanet(dn).contributionCount), next - 1, "contributionCount");
        assertEq(token.balanceOf(address(registry)), (next - 1) * STAKE, "registry");
    }

    // ================================================================ deadlines

    /// At any time after the contribution, exactly one of review and withdrawal is possible:
    /// review until the deadline (inclusive), withdrawal strictly after.
    function testFuzz_reviewAndWithdraw_DeadlineBoundary(uint32 period, uint256 elapsed, bool reject) public {
        period = uint32(bound(period, MIN_PERIOD, MAX_PERIOD));
        // Half the runs within two seconds of the deadline.
        elapsed = elapsed % 2 == 0 ? bound(elapsed, 0, 2 * uint256(period)) : period - 2 + bound(elapsed, 0, 4);
        uint256 id = _createDatanet(owner, STAKE, period);
        bytes32 h = _hash("content");
        _commitAndContribute(alice, id, h);
        uint256 deadline = _now() + period;
        assertEq(uint256(registry.getContribution(id, h).deadline), deadline, "deadline");
        vm.warp(_now() + elapsed);
        bytes32[] memory hashes = _one(h);
        uint8[] memory verdicts = _verdicts(1, reject ? 3 : 0);
        uint256 aliceBefore = token.balanceOf(alice);

        if (elapsed <= period) {
            vm.expectRevert(
                abi.encodeWithSelector(IDatanetRegistry.DatanetReviewPeriodNotOver.selector, id, h, deadline)
            );
            vm.prank(alice);
            registry.withdrawStake(id, hashes);
            _review(curator, id, hashes, verdicts);
            assertEq(token.balanceOf(alice), aliceBefore + (reject ? 0 : STAKE), "alice after review");
            assertEq(token.balanceOf(treasury), reject ? STAKE : 0, "treasury");
        } else {
            vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetReviewPeriodOver.selector, id, h, deadline));
            vm.prank(curator);
            registry.review(id, hashes, verdicts);
            vm.prank(alice);
            assertEq(registry.withdrawStake(id, hashes), STAKE, "withdrawn");
            assertEq(token.balanceOf(alice), aliceBefore + STAKE, "alice after withdrawal");
        }
        assertEq(token.balanceOf(address(registry)), 0, "registry");
    }

    // ================================================================ versions

    /// Random version counts against a random accepted total: only 1..acceptedCount publishes, and
    /// versions are numbered 1..published.
    function testFuzz_publishVersion_CountWithinAccepted(uint256 acceptedN, uint256 seed) public {
        acceptedN = bound(acceptedN, 0, 16);
        bytes32[] memory hashes = _hashes(seed, 16);
        _commitAndContributeBatch(alice, dn, hashes);
        if (acceptedN != 0) {
            bytes32[] memory toAccept = new bytes32[](acceptedN);
            for (uint256 i = 0; i < acceptedN; ++i) toAccept[i] = hashes[i];
            _acceptAll(dn, toAccept);
        }
        uint256 published;
        for (uint256 i = 0; i < 6; ++i) {
            uint256 count = uint256(keccak256(abi.encode(seed, "count", i))) % 20; // 0..19
            bytes32 root = keccak256(abi.encode(seed, "root", i));
            if (count == 0 || count > acceptedN) {
                vm.expectRevert(
                    abi.encodeWithSelector(IDatanetRegistry.DatanetVersionCountOutOfRange.selector, count, acceptedN)
                );
                vm.prank(owner);
                registry.publishVersion(dn, root, count, MANIFEST_URI);
                continue;
            }
            vm.prank(owner);
            assertEq(registry.publishVersion(dn, root, count, MANIFEST_URI), ++published, "version");
            IDatanetRegistry.Version memory v = registry.getVersion(dn, published);
            assertEq(v.root, root, "root");
            assertEq(uint256(v.count), count, "count");
        }
        assertEq(registry.versionCount(dn), published, "versionCount");
        assertEq(registry.getVersions(dn, 1, 100).length, published, "versions listed");
    }

    /// Every contribution of a random-size version verifies with its proof, none with another's.
    function testFuzz_verifyContribution_RandomTree(uint256 seed, uint256 n, uint256 index, uint256 other) public {
        n = bound(n, 1, MAX_BATCH);
        index = bound(index, 0, n - 1);
        other = bound(other, 0, n - 1);
        (VersionTree memory t, uint256 version) = _publishAccepted(alice, dn, seed, n);
        assertTrue(registry.verifyContribution(dn, version, t.contentHashes[index], _proof(t, index)), "own proof");
        if (other != index) {
            // Leaves differ (their ids do): another leaf's path leads elsewhere.
            bool valid = registry.verifyContribution(dn, version, t.contentHashes[index], _proof(t, other));
            assertFalse(valid, "another leaf's proof");
        }
        assertFalse(
            registry.verifyContribution(dn, version, keccak256(abi.encode(seed, "absent")), _proof(t, index)),
            "content not in the datanet"
        );
    }

    // ================================================================ commitments and pages

    function testFuzz_commitmentOf_RevealsWithAnySalt(bytes32 salt, bytes32 contentHash) public {
        vm.assume(contentHash != bytes32(0));
        bytes32 commitment = registry.commitmentOf(alice, dn, _one(contentHash), salt);
        assertEq(commitment, _commitment(alice, dn, _one(contentHash), salt), "commitmentOf");
        vm.prank(alice);
        registry.commit(commitment);
        _warpBy(1);
        vm.prank(alice);
        assertEq(registry.contribute(dn, contentHash, URI, salt), 1, "contributionId");
        assertEq(registry.committedAt(commitment), 0, "consumed");
    }

    function testFuzz_getDatanets_PageSize(uint256 created, uint256 from, uint256 limit) public {
        created = bound(created, 0, 12);
        for (uint256 i = 0; i < created; ++i) _createDatanet(bob, 0, MIN_PERIOD);
        uint256 count = created + 1;
        from = bound(from, 0, count + 3);
        limit = bound(limit, 0, 102);
        if (from == 0 || limit == 0 || limit > 100) {
            vm.expectRevert(abi.encodeWithSelector(Pagination.PaginationInvalidPage.selector, from, limit, 100));
            registry.getDatanets(from, limit);
            return;
        }
        IDatanetRegistry.Datanet[] memory page = registry.getDatanets(from, limit);
        uint256 expected = from > count ? 0 : (count - from + 1 < limit ? count - from + 1 : limit);
        assertEq(page.length, expected, "page length");
        for (uint256 i = 0; i < page.length; ++i) assertEq(page[i].id, from + i, "id");
    }
}
