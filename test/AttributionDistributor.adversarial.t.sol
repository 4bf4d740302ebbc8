// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {AttributionDistributor} from "../contracts/AttributionDistributor.sol";
import {IAttributionDistributor} from "../contracts/interfaces/IAttributionDistributor.sol";
import {FeeOnTransferToken} from "../contracts/mocks/FeeOnTransferToken.sol";
import {MockERC20} from "../contracts/mocks/MockERC20.sol";
import {NoReturnToken} from "../contracts/mocks/NoReturnToken.sol";
import {ReentrantToken} from "../contracts/mocks/ReentrantToken.sol";
import {DistributorFixture} from "./utils/DistributorFixture.sol";
import {MerkleBuilder} from "./utils/MerkleBuilder.sol";
import {ProofHarness} from "./utils/ProofHarness.sol";
import {vm, Vm} from "./utils/Vm.sol";

function invalidProof(address account, uint256 amount) pure returns (bytes memory) {
    return abi.encodeWithSelector(IAttributionDistributor.DistributorInvalidProof.selector, account, amount);
}

/// @notice Forged proofs and trees, and races between the oracle, the guardian, disputers and the admin.
contract AttributionDistributorAdversarialTest is DistributorFixture {
    uint256 internal constant FUNDED = 1_000e18;
    ProofHarness internal harness;

    function setUp() public override {
        super.setUp();
        harness = new ProofHarness();
        _fund(FUNDED);
        _setBond(BOND);
    }

    function _four() internal view returns (Tree memory) {
        address[] memory accounts = new address[](4);
        (accounts[0], accounts[1], accounts[2], accounts[3]) = (alice, bob, carol, stranger);
        uint256[] memory amounts = new uint256[](4);
        (amounts[0], amounts[1], amounts[2], amounts[3]) = (100e18, 250e18, 50e18, 75e18);
        return _tree(accounts, amounts);
    }

    // ================================================================ trees bound elsewhere

    function test_claim_RevertWhen_TreeBuiltForAnotherDeployment() public {
        AttributionDistributor other = _deploy(address(token));
        Tree memory foreign = _treeFor(address(other), _four().accounts, _four().amounts);
        bytes32[] memory proof = _proof(foreign, 0);
        // The proof is good for the other deployment's leaf...
        assertTrue(harness.verify(proof, _root(foreign), other.leaf(alice, 100e18)), "valid on the other deployment");

        // ...but the same root accepted here proves nothing for this deployment's leaves.
        _propose(foreign);
        _accept();
        vm.expectRevert(invalidProof(alice, 100e18));
        distributor.claim(alice, 100e18, proof);
    }

    function test_claim_RevertWhen_TreeBuiltForAnotherChain() public {
        // Literal chain ids: via-IR may re-read `block.chainid` where a local copy of it is used,
        // which after `vm.chainId` would be the new value.
        uint256 home = 1;
        uint256 elsewhere = 10;
        vm.chainId(home);
        bytes32 homeLeaf = distributor.leaf(alice, 100e18);
        // Leaves as this very distributor hashes them on the other chain.
        vm.chainId(elsewhere);
        bytes32[] memory leaves = new bytes32[](2);
        leaves[0] = distributor.leaf(alice, 100e18);
        leaves[1] = distributor.leaf(bob, 250e18);
        vm.chainId(home);
        assertNotEq(leaves[0], homeLeaf, "leaf ignores the chain id");

        bytes32[][] memory levels = MerkleBuilder.build(leaves);
        _propose(MerkleBuilder.root(levels), 350e18);
        _accept();
        bytes32[] memory proof = MerkleBuilder.proof(levels, 0);
        vm.expectRevert(invalidProof(alice, 100e18));
        distributor.claim(alice, 100e18, proof);

        // Control: the chain id is the only thing that is wrong.
        vm.chainId(elsewhere);
        assertEq(distributor.claim(alice, 100e18, proof), 100e18, "claim on the tree's chain");
    }

    // ================================================================ forged proofs

    function test_claim_RevertWhen_InnerNodeUsedAsLeaf() public {
        Tree memory t = _four();
        _publish(t);
        bytes32 l0 = t.levels[0][0];
        bytes32 l1 = t.levels[0][1];
        bytes32 inner = t.levels[1][0]; // hashPair(l0, l1)
        bytes32[] memory upper = new bytes32[](1);
        upper[0] = t.levels[1][1];

        // The proof that starts one level higher is valid for the inner node as a raw leaf, and a
        // naive 64-byte leaf `keccak256(abi.encode(a, b))` with (a, b) = the sorted children
        // would equal it: the classic second-preimage attack.
        assertTrue(harness.verify(upper, _root(t), inner), "inner node verifies one level up");
        (bytes32 lo, bytes32 hi) = l0 < l1 ? (l0, l1) : (l1, l0);
        assertEq(keccak256(abi.encode(lo, hi)), inner, "64-byte preimage of the inner node");

        // Our leaves hash 128 bytes, twice: no (account, amount) reaches the inner node.
        address account = address(uint160(uint256(lo)));
        assertNotEq(distributor.leaf(account, uint256(hi)), inner, "leaf equals inner node");
        vm.expectRevert(invalidProof(account, uint256(hi)));
        distributor.claim(account, uint256(hi), upper);

        vm.expectRevert(invalidProof(alice, uint256(inner)));
        distributor.claim(alice, uint256(inner), upper);

        // A real leaf with a proof that skips its first level fails too.
        vm.expectRevert(invalidProof(alice, 100e18));
        distributor.claim(alice, 100e18, upper);
    }

    function test_claim_RevertWhen_EmptyProofOnMultiLeafTree() public {
        Tree memory t = _four();
        _publish(t);
        for (uint256 i = 0; i < t.accounts.length; ++i) {
            vm.expectRevert(invalidProof(t.accounts[i], t.amounts[i]));
            distributor.claim(t.accounts[i], t.amounts[i], new bytes32[](0));
        }
    }

    function test_claim_RevertWhen_ProofHasExtraElement() public {
        // Three leaves: alice's proof has 2 elements, carol's (carried up) has 1; extended, they
        // take the verifier's odd- and even-length paths.
        Tree memory t = _abc(100e18, 250e18, 50e18);
        _publish(t);
        uint256[2] memory indexes = [uint256(0), 2];
        bytes32[3] memory extras = [bytes32(0), _root(t), t.levels[0][1]];
        for (uint256 i = 0; i < indexes.length; ++i) {
            uint256 k = indexes[i];
            bytes32[] memory valid = _proof(t, k);
            for (uint256 e = 0; e < extras.length; ++e) {
                bytes32[] memory longer = new bytes32[](valid.length + 1);
                for (uint256 j = 0; j < valid.length; ++j) longer[j] = valid[j];
                longer[valid.length] = extras[e];
                vm.expectRevert(invalidProof(t.accounts[k], t.amounts[k]));
                distributor.claim(t.accounts[k], t.amounts[k], longer);
            }
            // Control: the unextended proof pays.
            assertEq(distributor.claim(t.accounts[k], t.amounts[k], valid), t.amounts[k], "paid");
        }
    }

    function test_claim_RevertWhen_ProofElementsSwapped() public {
        Tree memory t = _four();
        _publish(t);
        bytes32[] memory proof = _proof(t, 0);
        (proof[0], proof[1]) = (proof[1], proof[0]);
        vm.expectRevert(invalidProof(alice, 100e18));
        distributor.claim(alice, 100e18, proof);
    }

    function test_claim_ForSomeoneElseCannotRedirect() public {
        Tree memory t = _four();
        _publish(t);
        // The caller chooses nothing but the account whose leaf it proves: tokens go to that account.
        vm.prank(stranger);
        distributor.claim(alice, 100e18, _proof(t, 0));
        assertEq(token.balanceOf(alice), 100e18, "alice");
        assertEq(token.balanceOf(stranger), 0, "caller");
        // The caller's own leaf is untouched.
        assertEq(distributor.claimed(stranger), 0, "caller claimed");
        vm.prank(alice);
        assertEq(distributor.claim(stranger, 75e18, _proof(t, 3)), 75e18, "stranger's own leaf");
        assertEq(token.balanceOf(stranger), 75e18, "stranger");
        assertEq(token.balanceOf(alice), 100e18, "alice after claiming for stranger");
    }

    // ================================================================ races

    function test_vetoRoot_AfterDisputeReturnsBondThenResolveReverts() public {
        bytes32 root_ = _root(_four());
        _propose(_four());
        _dispute(disputer, "wrong");
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.RootVetoed(1, root_, guardian);
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.DisputeResolved(1, root_, disputer, true, BOND);
        vm.prank(guardian);
        distributor.vetoRoot();
        assertEq(token.balanceOf(disputer), BOND, "bond returned");

        // The admin's resolution comes too late, either way.
        vm.expectRevert(IAttributionDistributor.DistributorNotDisputed.selector);
        vm.prank(admin);
        distributor.resolveDispute(false);
        assertEq(distributor.totalFunded(), FUNDED, "bond taken into the pool after a veto");
    }

    function test_dispute_RevertWhen_AfterVeto() public {
        _propose(_four());
        vm.prank(guardian);
        distributor.vetoRoot();
        token.mint(disputer, BOND);
        _approve(disputer, BOND);
        vm.expectRevert(IAttributionDistributor.DistributorNoPendingRoot.selector);
        vm.prank(disputer);
        distributor.dispute("too late");
        assertEq(token.balanceOf(disputer), BOND, "bond pulled");
    }

    function test_resolveDispute_RevertWhen_AfterVetoWithoutDispute() public {
        _propose(_four());
        vm.prank(guardian);
        distributor.vetoRoot();
        vm.expectRevert(IAttributionDistributor.DistributorNotDisputed.selector);
        vm.prank(admin);
        distributor.resolveDispute(true);
    }

    function test_resolveDispute_RevertWhen_ResolvedTwice() public {
        _propose(_four());
        _dispute(disputer, "wrong");
        vm.prank(admin);
        distributor.resolveDispute(false);
        vm.expectRevert(IAttributionDistributor.DistributorNotDisputed.selector);
        vm.prank(admin);
        distributor.resolveDispute(true);
        assertEq(token.balanceOf(disputer), 0, "bond paid back after rejection");
    }

    function test_vetoRoot_AfterRejectedDisputeKeepsBondInPool() public {
        _propose(_four());
        _dispute(disputer, "wrong");
        vm.prank(admin);
        distributor.resolveDispute(false);
        vm.recordLogs();
        vm.prank(guardian);
        distributor.vetoRoot();
        // Only RootVetoed: no dispute is open, so no bond moves.
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1, "log count");
        assertEq(logs[0].topics[0], IAttributionDistributor.RootVetoed.selector, "event");
        assertEq(token.balanceOf(disputer), 0, "bond returned");
        assertEq(distributor.totalFunded(), FUNDED + BOND, "totalFunded");
    }

    function test_acceptRoot_RevertWhen_DisputedEvenAfterWindow() public {
        _propose(_four());
        _dispute(disputer, "wrong");
        _warpToValidAt();
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorRootDisputed.selector, uint64(1), disputer)
        );
        distributor.acceptRoot();
    }

    function test_dispute_RevertWhen_ExactlyAtValidAt() public {
        _propose(_four());
        uint48 validAt = distributor.pendingRoot().validAt;
        token.mint(disputer, BOND);
        _approve(disputer, BOND);
        vm.warp(validAt);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorChallengeWindowClosed.selector, validAt)
        );
        vm.prank(disputer);
        distributor.dispute("at validAt");
    }

    function test_acceptRoot_ExactlyAtValidAt() public {
        _propose(_four());
        uint48 validAt = distributor.pendingRoot().validAt;
        vm.warp(validAt);
        distributor.acceptRoot();
        assertEq(distributor.root(), _root(_four()), "root");
    }

    function test_dispute_LastSecondBlocksAcceptAtValidAt() public {
        _propose(_four());
        uint48 validAt = distributor.pendingRoot().validAt;
        vm.warp(validAt - 1);
        _dispute(disputer, "last second");
        vm.warp(validAt);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorRootDisputed.selector, uint64(1), disputer)
        );
        distributor.acceptRoot();
    }

    function test_vetoRoot_RevertWhen_AfterAccept() public {
        _publish(_four());
        vm.expectRevert(IAttributionDistributor.DistributorNoPendingRoot.selector);
        vm.prank(guardian);
        distributor.vetoRoot();
        assertEq(distributor.root(), _root(_four()), "accepted root");
    }

    function test_vetoRoot_WhilePausedDoesNotUnpause() public {
        _publish(_four());
        vm.prank(guardian);
        distributor.pause();
        _propose(_abc(200e18, 250e18, 50e18));
        vm.prank(guardian);
        distributor.vetoRoot();
        assertTrue(distributor.paused(), "paused");
        assertEq(distributor.root(), _root(_four()), "accepted root");
    }
}

/// @notice A token that calls back into `claim` while the distributor pays.
contract AttributionDistributorReentrancyTest is DistributorFixture {
    ReentrantToken internal reentrant;

    function _newToken() internal override returns (MockERC20) {
        reentrant = new ReentrantToken();
        return MockERC20(address(reentrant)); // same mint/balanceOf/approve ABI
    }

    function setUp() public override {
        super.setUp();
        _publish(_abc(100e18, 250e18, 50e18));
    }

    function _assertReentryFailedWith(bytes memory expected) internal view {
        assertEq(reentrant.reentries(), 1, "reentries");
        assertFalse(reentrant.reentrySucceeded(), "inner claim succeeded");
        assertEq(reentrant.reentryPaid(), 0, "inner claim paid");
        assertEq(reentrant.reentryRevertData(), expected, "inner revert");
    }

    function _nothingToClaim(address account, uint256 amount) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(IAttributionDistributor.DistributorNothingToClaim.selector, account, amount, amount);
    }

    function _testSameClaimReentered(bool beforeTransfer) internal {
        Tree memory t = _abc(100e18, 250e18, 50e18);
        reentrant.arm(distributor, alice, 100e18, _proof(t, 0), beforeTransfer);
        assertEq(_claim(t, 0), 100e18, "outer paid");
        _assertReentryFailedWith(_nothingToClaim(alice, 100e18));
        assertEq(token.balanceOf(alice), 100e18, "alice paid once");
        assertEq(distributor.claimed(alice), 100e18, "claimed");
        assertEq(token.balanceOf(address(distributor)), 300e18, "distributor balance");
    }

    function test_claim_ReentryAfterTransferPaysOnce() public {
        _testSameClaimReentered(false);
    }

    function test_claim_ReentryBeforeTransferPaysOnce() public {
        // The hook runs before the balances move: the claim already recorded the payment.
        _testSameClaimReentered(true);
    }

    function test_claimMany_ReentryPaysOnce() public {
        Tree memory t = _abc(100e18, 250e18, 50e18);
        reentrant.arm(distributor, bob, 250e18, _proof(t, 1), false);
        IAttributionDistributor.Claim[] memory claims = new IAttributionDistributor.Claim[](2);
        claims[0] = IAttributionDistributor.Claim(bob, 250e18, _proof(t, 1));
        claims[1] = IAttributionDistributor.Claim(carol, 50e18, _proof(t, 2));
        assertEq(distributor.claimMany(claims), 300e18, "outer paid");
        _assertReentryFailedWith(_nothingToClaim(bob, 250e18));
        assertEq(token.balanceOf(bob), 250e18, "bob paid once");
        assertEq(token.balanceOf(carol), 50e18, "carol");
    }

    function test_claim_ReentryInLaterEpochPaysOnlyDifferenceOnce() public {
        Tree memory t = _abc(100e18, 250e18, 50e18);
        _claim(t, 0);
        Tree memory t2 = _abc(160e18, 250e18, 50e18);
        _publish(t2);
        reentrant.arm(distributor, alice, 160e18, _proof(t2, 0), true);
        assertEq(_claim(t2, 0), 60e18, "outer paid");
        _assertReentryFailedWith(_nothingToClaim(alice, 160e18));
        assertEq(token.balanceOf(alice), 160e18, "alice");
    }

    function test_claim_ReentryForAnotherAccountPaysItsOwnDue() public {
        // `claim` has no lock: a nested claim for another leaf is just another valid claim.
        Tree memory t = _abc(100e18, 250e18, 50e18);
        reentrant.arm(distributor, bob, 250e18, _proof(t, 1), true);
        _claim(t, 0);
        assertTrue(reentrant.reentrySucceeded(), "inner claim");
        assertEq(reentrant.reentryPaid(), 250e18, "inner paid");
        assertEq(token.balanceOf(alice), 100e18, "alice");
        assertEq(token.balanceOf(bob), 250e18, "bob");
        assertEq(token.balanceOf(address(distributor)), 50e18, "distributor balance");
    }
}

/// @notice A token that burns 1% of every transfer: only what arrives is credited.
contract AttributionDistributorFeeOnTransferTest is DistributorFixture {
    FeeOnTransferToken internal feeToken;

    function _newToken() internal override returns (MockERC20) {
        feeToken = new FeeOnTransferToken();
        return MockERC20(address(feeToken)); // same mint/balanceOf/approve ABI
    }

    function setUp() public override {
        super.setUp();
        _setBond(BOND);
    }

    function test_fund_CreditsWhatArrived() public {
        token.mint(funder, 1_000e18);
        _approve(funder, 1_000e18);
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.Funded(funder, 990e18, 990e18);
        vm.prank(funder);
        distributor.fund(1_000e18);
        assertEq(distributor.totalFunded(), 990e18, "totalFunded");
        assertEq(token.balanceOf(address(distributor)), 990e18, "balance");

        // What was sent but never arrived does not back a proposal.
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionDistributor.DistributorInsolvent.selector, 1_000e18, 990e18)
        );
        vm.prank(oracle);
        distributor.proposeRoot(1, keccak256("root"), 1_000e18, TREE_HASH, TREE_URI);
    }

    function test_fund_RevertWhen_NothingArrives() public {
        feeToken.setFeeBps(10_000);
        token.mint(funder, 1e18);
        _approve(funder, 1e18);
        vm.expectRevert(IAttributionDistributor.DistributorZeroAmount.selector);
        vm.prank(funder);
        distributor.fund(1e18);
    }

    function test_dispute_CreditsWhatArrived() public {
        _fund(1_000e18);
        Tree memory t = _abc(100e18, 250e18, 50e18);
        _propose(t);
        token.mint(disputer, BOND);
        _approve(disputer, BOND);
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.RootDisputed(1, _root(t), disputer, 99e18, "fee");
        vm.prank(disputer);
        distributor.dispute("fee");
        (, uint256 bond) = distributor.currentDispute();
        assertEq(bond, 99e18, "bond");

        // Upheld: the bond that arrived goes back (and the token takes its fee again).
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.DisputeResolved(1, _root(t), disputer, true, 99e18);
        vm.prank(admin);
        distributor.resolveDispute(true);
        assertEq(token.balanceOf(disputer), 99e18 - 0.99e18, "disputer");
        assertEq(token.balanceOf(address(distributor)), distributor.totalFunded(), "balance == funded");
    }

    function test_resolveDispute_RejectedFundsWhatArrived() public {
        _fund(1_000e18);
        _propose(_abc(100e18, 250e18, 50e18));
        _dispute(disputer, "fee");
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.Funded(disputer, 99e18, 990e18 + 99e18);
        vm.prank(admin);
        distributor.resolveDispute(false);
        assertEq(distributor.totalFunded(), 1_089e18, "totalFunded");
        assertEq(token.balanceOf(address(distributor)), 1_089e18, "balance == funded");
    }

    function test_claim_DistributorAccountsForWhatItSent() public {
        Tree memory t = _abc(100e18, 250e18, 50e18);
        _fund(1_000e18);
        _propose(t);
        _accept();
        assertEq(_claim(t, 1), 250e18, "paid");
        assertEq(distributor.claimed(bob), 250e18, "claimed");
        assertEq(token.balanceOf(bob), 247.5e18, "bob (after the token's fee)");
        assertEq(token.balanceOf(address(distributor)), 990e18 - 250e18, "balance");
    }
}

/// @notice A USDT-shaped token whose `transfer` and `transferFrom` return nothing.
contract AttributionDistributorNoReturnTokenTest is DistributorFixture {
    function _newToken() internal override returns (MockERC20) {
        return MockERC20(address(new NoReturnToken())); // same mint/balanceOf ABI
    }

    function setUp() public override {
        super.setUp();
        _setBond(BOND);
    }

    function test_token_ReturnsNoData() public {
        // The control that makes the tests below meaningful: a plain IERC20 call reverts.
        token.mint(address(this), 1);
        (bool ok, bytes memory returned) = address(token).call(abi.encodeCall(IERC20.transfer, (alice, 1)));
        assertTrue(ok, "transfer");
        assertEq(returned.length, 0, "return data length");
        vm.expectRevert();
        this.transferThroughIERC20(alice, 0);
    }

    /// A caller that decodes the `bool` IERC20 promises, as `token.transfer(...)` without SafeERC20 does.
    function transferThroughIERC20(address to, uint256 amount) external returns (bool) {
        return IERC20(address(token)).transfer(to, amount);
    }

    function test_claim_WorksThroughSafeERC20() public {
        Tree memory t = _abc(100e18, 250e18, 50e18);
        _publish(t);
        assertEq(distributor.totalFunded(), 400e18, "funded");
        assertEq(_claim(t, 0), 100e18, "paid");
        assertEq(token.balanceOf(alice), 100e18, "alice");

        IAttributionDistributor.Claim[] memory claims = new IAttributionDistributor.Claim[](2);
        claims[0] = IAttributionDistributor.Claim(bob, 250e18, _proof(t, 1));
        claims[1] = IAttributionDistributor.Claim(carol, 50e18, _proof(t, 2));
        assertEq(distributor.claimMany(claims), 300e18, "batch paid");
        assertEq(token.balanceOf(address(distributor)), 0, "distributor balance");
    }

    function test_dispute_BondPulledAndReturned() public {
        Tree memory t = _abc(100e18, 250e18, 50e18);
        _fund(400e18);
        _propose(t);
        _dispute(disputer, "usdt");
        assertEq(token.balanceOf(address(distributor)), 400e18 + BOND, "bond pulled");
        vm.prank(guardian);
        distributor.vetoRoot();
        assertEq(token.balanceOf(disputer), BOND, "bond returned");
    }

    function test_fund_RevertWhen_TransferFromFails() public {
        token.mint(funder, 1e18); // no allowance
        vm.expectRevert("NoReturnToken: allowance");
        vm.prank(funder);
        distributor.fund(1e18);
    }
}
