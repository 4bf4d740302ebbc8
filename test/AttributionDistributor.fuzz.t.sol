// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

import {AttributionDistributor} from "../contracts/AttributionDistributor.sol";
import {IAttributionDistributor} from "../contracts/interfaces/IAttributionDistributor.sol";
import {RewardLeaf} from "../contracts/libraries/RewardLeaf.sol";
import {DistributorFixture} from "./utils/DistributorFixture.sol";
import {MerkleBuilder} from "./utils/MerkleBuilder.sol";
import {ProofHarness} from "./utils/ProofHarness.sol";
import {vm} from "./utils/Vm.sol";

contract AttributionDistributorFuzzTest is DistributorFixture {
    uint256 internal constant MAX_LEAVES = 64;
    /// Per-leaf amounts stay below 2^100, so 64 leaves over two epochs stay far below 2^128.
    uint256 internal constant MAX_AMOUNT = 2 ** 100;

    ProofHarness internal harness;

    function setUp() public override {
        super.setUp();
        harness = new ProofHarness();
    }

    /// `size` distinct accounts with amounts in [0, MAX_AMOUNT), all derived from `seed`.
    function _randomTree(uint256 seed, uint256 size) internal view returns (Tree memory) {
        address[] memory accounts = new address[](size);
        uint256[] memory amounts = new uint256[](size);
        for (uint256 i = 0; i < size; ++i) {
            accounts[i] = address(uint160(uint256(keccak256(abi.encode(seed, "account", i)))));
            amounts[i] = uint256(keccak256(abi.encode(seed, "amount", i))) % MAX_AMOUNT;
        }
        return _tree(accounts, amounts);
    }

    /// The same accounts, each amount grown by a random increment (possibly zero).
    function _grown(Tree memory t, uint256 seed) internal view returns (Tree memory) {
        uint256[] memory amounts = new uint256[](t.amounts.length);
        for (uint256 i = 0; i < amounts.length; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "increment", i)));
            amounts[i] = t.amounts[i] + (r % 4 == 0 ? 0 : r % MAX_AMOUNT);
        }
        return _tree(t.accounts, amounts);
    }

    /// Claims leaf `i` and checks it pays exactly `amount - claimed` to the account, or reverts
    /// with DistributorNothingToClaim when that is zero.
    function _claimAndCheck(Tree memory t, uint256 i) internal {
        address account = t.accounts[i];
        uint256 already = distributor.claimed(account);
        uint256 balance = token.balanceOf(account);
        bytes32[] memory proof = _proof(t, i);
        if (t.amounts[i] <= already) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAttributionDistributor.DistributorNothingToClaim.selector,
                    account,
                    t.amounts[i],
                    already
                )
            );
            distributor.claim(account, t.amounts[i], proof);
            return;
        }
        uint256 paid = distributor.claim(account, t.amounts[i], proof);
        assertEq(paid, t.amounts[i] - already, "paid");
        assertEq(token.balanceOf(account) - balance, paid, "received");
        assertEq(distributor.claimed(account), t.amounts[i], "claimed");
    }

    // ================================================================ claims

    function testFuzz_claim_PaysCumulativeMinusClaimed(
        uint256 seed,
        uint256 size,
        uint256 first,
        uint256 second,
        bool claimInFirstEpoch
    ) public {
        size = bound(size, 2, MAX_LEAVES);
        Tree memory t1 = _randomTree(seed, size);
        _publish(t1);
        first = bound(first, 0, size - 1);
        if (claimInFirstEpoch) _claimAndCheck(t1, first);

        Tree memory t2 = _grown(t1, seed);
        _publish(t2);
        second = bound(second, 0, size - 1);
        _claimAndCheck(t2, second);
        _claimAndCheck(t2, first); // same account again, or another one
        // Whatever was claimed, nothing was paid beyond the accepted tree.
        assertEq(
            token.balanceOf(address(distributor)),
            distributor.totalFunded() -
                distributor.claimed(t1.accounts[first]) -
                (second == first ? 0 : distributor.claimed(t1.accounts[second])),
            "distributor balance"
        );
    }

    function testFuzz_claimMany_PaysEveryLeafExactlyOnce(uint256 seed, uint256 size) public {
        size = bound(size, 2, MAX_LEAVES);
        Tree memory t1 = _randomTree(seed, size);
        _publish(t1);
        // Claim every other leaf of the first tree alone, then everything of the second in a batch.
        for (uint256 i = 0; i < size; i += 2) {
            if (t1.amounts[i] != 0) distributor.claim(t1.accounts[i], t1.amounts[i], _proof(t1, i));
        }
        Tree memory t2 = _grown(t1, seed);
        _publish(t2);
        IAttributionDistributor.Claim[] memory claims = new IAttributionDistributor.Claim[](size);
        uint256 expected;
        for (uint256 i = 0; i < size; ++i) {
            claims[i] = IAttributionDistributor.Claim(t2.accounts[i], t2.amounts[i], _proof(t2, i));
            expected += t2.amounts[i] - distributor.claimed(t2.accounts[i]);
        }
        if (expected == 0) {
            vm.expectRevert(abi.encodeWithSelector(IAttributionDistributor.DistributorBatchPaidNothing.selector, size));
            distributor.claimMany(claims);
            return;
        }
        assertEq(distributor.claimMany(claims), expected, "batch paid");
        for (uint256 i = 0; i < size; ++i) {
            assertEq(token.balanceOf(t2.accounts[i]), t2.amounts[i], "account received its cumulative amount");
        }
        assertEq(token.balanceOf(address(distributor)), distributor.totalFunded() - t2.total, "distributor balance");
    }

    // ================================================================ proofs

    function testFuzz_verify_MatchesOpenZeppelin(
        bytes32[] calldata proof,
        bytes32 leaf,
        bytes32 randomRoot,
        bool realRoot
    ) public view {
        bytes32 root_ = realRoot ? MerkleProof.processProofCalldata(proof, leaf) : randomRoot;
        bool ours = harness.verify(proof, root_, leaf);
        assertEq(ours, harness.verifyOpenZeppelin(proof, root_, leaf), "ProofVerifier != MerkleProof");
        if (realRoot) assertTrue(ours, "proof of its own root");
    }

    function testFuzz_verify_MatchesOpenZeppelinOnBuiltTrees(
        uint256 seed,
        uint256 size,
        uint256 index,
        bytes32 wrongLeaf
    ) public view {
        size = bound(size, 1, MAX_LEAVES);
        index = bound(index, 0, size - 1);
        bytes32[] memory leaves = new bytes32[](size);
        for (uint256 i = 0; i < size; ++i) {
            leaves[i] = keccak256(abi.encode(seed, i));
        }
        bytes32[][] memory levels = MerkleBuilder.build(leaves);
        bytes32 root_ = MerkleBuilder.root(levels);
        bytes32[] memory proof = MerkleBuilder.proof(levels, index);
        assertTrue(harness.verify(proof, root_, leaves[index]), "ProofVerifier rejects a built proof");
        assertTrue(harness.verifyOpenZeppelin(proof, root_, leaves[index]), "MerkleProof rejects a built proof");
        vm.assume(wrongLeaf != leaves[index]);
        assertFalse(harness.verify(proof, root_, wrongLeaf), "ProofVerifier accepts a wrong leaf");
        assertFalse(harness.verifyOpenZeppelin(proof, root_, wrongLeaf), "MerkleProof accepts a wrong leaf");
    }

    function testFuzz_claim_MutatedProofNeverVerifies(
        uint256 seed,
        uint256 size,
        uint256 index,
        uint256 element,
        uint8 bit
    ) public {
        size = bound(size, 2, MAX_LEAVES);
        index = bound(index, 0, size - 1);
        Tree memory t = _randomTree(seed, size);
        bytes32[] memory proof = _proof(t, index);
        element = bound(element, 0, proof.length - 1); // every leaf of 2+ leaves has a sibling somewhere
        proof[element] ^= bytes32(uint256(1) << bit);

        assertFalse(harness.verify(proof, _root(t), t.levels[0][index]), "mutated proof verifies");
        _publish(t);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttributionDistributor.DistributorInvalidProof.selector,
                t.accounts[index],
                t.amounts[index]
            )
        );
        distributor.claim(t.accounts[index], t.amounts[index], proof);
    }

    // ================================================================ leaves

    function testFuzz_hash_MatchesSolidityExpression(
        uint256 chainId,
        address distributor_,
        address account,
        uint256 amount,
        uint96 dirtDistributor,
        uint96 dirtAccount
    ) public pure {
        bytes32 expected = keccak256(bytes.concat(keccak256(abi.encode(chainId, distributor_, account, amount))));
        // The same addresses with garbage in their upper 96 bits, as assembly callers may pass them.
        address dirtyDistributor;
        address dirtyAccount;
        uint256 rawDistributor;
        assembly {
            dirtyDistributor := or(distributor_, shl(160, dirtDistributor))
            dirtyAccount := or(account, shl(160, dirtAccount))
            rawDistributor := dirtyDistributor
        }
        assertEq(rawDistributor >> 160, uint256(dirtDistributor), "dirty bits were cleaned before the call");
        assertEq(RewardLeaf.hash(chainId, dirtyDistributor, dirtyAccount, amount), expected, "dirty addresses");
        assertEq(RewardLeaf.hash(chainId, distributor_, account, amount), expected, "clean addresses");
    }

    function testFuzz_leaf_MatchesRewardLeaf(address account, uint256 amount) public view {
        assertEq(
            distributor.leaf(account, amount),
            keccak256(bytes.concat(keccak256(abi.encode(block.chainid, address(distributor), account, amount)))),
            "leaf"
        );
    }

    // ================================================================ parameters and windows

    function testFuzz_setChallengePeriod_Bounds(uint48 period) public {
        if (period < 1 hours || period > 30 days) {
            vm.expectRevert(_outOfRange(period));
            vm.prank(admin);
            distributor.setChallengePeriod(period);
            assertEq(uint256(distributor.challengePeriod()), CHALLENGE_PERIOD, "unchanged");
            return;
        }
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.ChallengePeriodSet(period);
        vm.prank(admin);
        distributor.setChallengePeriod(period);
        assertEq(uint256(distributor.challengePeriod()), period, "challengePeriod");

        _fund(1);
        _propose(keccak256("root"), 1);
        assertEq(uint256(distributor.pendingRoot().validAt), START_TIME + period, "validAt");
    }

    function testFuzz_constructor_ChallengePeriodBounds(uint48 period) public {
        bool inRange = period >= 1 hours && period <= 30 days;
        if (!inRange) vm.expectRevert(_outOfRange(period));
        AttributionDistributor d = new AttributionDistributor(token, admin, period);
        if (inRange) assertEq(uint256(d.challengePeriod()), period, "challengePeriod");
    }

    /// Dispute succeeds exactly before validAt; accept exactly from validAt.
    function testFuzz_dispute_WindowBoundary(uint48 period, uint256 elapsed) public {
        period = uint48(bound(period, 1 hours, 30 days));
        elapsed = bound(elapsed, 0, 2 * uint256(period));
        vm.prank(admin);
        distributor.setChallengePeriod(period);
        _setBond(BOND);
        _fund(1);
        _propose(keccak256("root"), 1);
        uint48 validAt = uint48(START_TIME + period);

        vm.warp(START_TIME + elapsed);
        if (elapsed < period) {
            vm.expectRevert(
                abi.encodeWithSelector(IAttributionDistributor.DistributorChallengeWindowOpen.selector, validAt)
            );
            distributor.acceptRoot();
            _dispute(disputer, "in time");
            (address who, ) = distributor.currentDispute();
            assertEq(who, disputer, "disputer");
        } else {
            token.mint(disputer, BOND);
            _approve(disputer, BOND);
            vm.expectRevert(
                abi.encodeWithSelector(IAttributionDistributor.DistributorChallengeWindowClosed.selector, validAt)
            );
            vm.prank(disputer);
            distributor.dispute("late");
            distributor.acceptRoot();
            assertEq(uint256(distributor.epoch()), 1, "epoch");
        }
    }

    function testFuzz_fund_OverflowsExactlyAboveUint128(uint256 a, uint256 b) public {
        a = bound(a, 1, type(uint128).max);
        b = bound(b, 1, type(uint256).max - a); // the token's supply must not overflow
        _fund(a);
        token.mint(funder, b);
        _approve(funder, b);
        if (a + b > type(uint128).max) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAttributionDistributor.DistributorAmountOverflow.selector,
                    a + b,
                    uint256(type(uint128).max)
                )
            );
        }
        vm.prank(funder);
        distributor.fund(b);
        assertEq(distributor.totalFunded(), a + b > type(uint128).max ? a : a + b, "totalFunded");
    }

    /// A proposal is accepted iff accepted total ≤ proposed total ≤ funded.
    function testFuzz_proposeRoot_TotalBetweenAcceptedAndFunded(
        uint256 funded,
        uint256 accepted,
        uint256 proposed
    ) public {
        funded = bound(funded, 1, type(uint128).max);
        accepted = bound(accepted, 0, funded);
        proposed = bound(proposed, 0, type(uint256).max);
        _fund(funded);
        _propose(keccak256("first"), accepted);
        _accept();

        bytes memory expectedRevert;
        if (proposed < accepted) {
            expectedRevert = abi.encodeWithSelector(
                IAttributionDistributor.DistributorTotalDecreased.selector,
                proposed,
                accepted
            );
        } else if (proposed > funded) {
            expectedRevert = abi.encodeWithSelector(
                IAttributionDistributor.DistributorInsolvent.selector,
                proposed,
                funded
            );
        }
        if (expectedRevert.length != 0) vm.expectRevert(expectedRevert);
        vm.prank(oracle);
        distributor.proposeRoot(2, keccak256("second"), proposed, TREE_HASH, TREE_URI);
        if (expectedRevert.length == 0) {
            assertEq(distributor.pendingRoot().totalCumulative, proposed, "pending total");
        }
    }
}
