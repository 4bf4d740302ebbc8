// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

import {OpenToken} from "../contracts/OpenToken.sol";
import {Test} from "./utils/Test.sol";
import {Vm, vm} from "./utils/Vm.sol";

contract OpenTokenTest is Test {
    uint256 internal constant SUPPLY = 1_000_000_000e18;

    // EIP-712 type hashes, spelled out so the test does not trust the token's own constants.
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant DELEGATION_TYPEHASH = keccak256(
        "Delegation(address delegatee,uint256 nonce,uint256 expiry)"
    );

    uint256 internal constant ALICE_KEY = 0xA11CE;
    uint256 internal constant BOB_KEY = 0xB0B;

    address internal treasury = address(0x7EA5);
    address internal carol = address(0xCA201);
    address internal alice;
    address internal bob;
    OpenToken internal token;

    function setUp() public {
        vm.warp(START_TIME);
        alice = vm.addr(ALICE_KEY);
        bob = vm.addr(BOB_KEY);
        token = new OpenToken(treasury);
    }

    // ---------------------------------------------------------------- deployment and metadata

    function test_constructor_MintsWholeSupplyToRecipientOnly() public {
        vm.recordLogs();
        OpenToken fresh = new OpenToken(treasury);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        uint256 transfers;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].topics[0] != IERC20.Transfer.selector) continue;
            ++transfers;
            assertEq(logs[i].topics[1], bytes32(0), "mint from");
            assertEq(logs[i].topics[2], bytes32(uint256(uint160(treasury))), "mint to");
            assertEq(abi.decode(logs[i].data, (uint256)), SUPPLY, "mint value");
        }
        assertEq(transfers, 1, "Transfer events at deployment");
        assertEq(fresh.totalSupply(), SUPPLY, "totalSupply");
        assertEq(fresh.balanceOf(treasury), SUPPLY, "recipient balance");
        assertEq(fresh.balanceOf(address(this)), 0, "deployer balance");
    }

    function test_constructor_RevertWhen_RecipientIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        new OpenToken(address(0));
    }

    function test_metadata_IsOpenLedger() public view {
        assertEq(token.name(), "OpenLedger", "name");
        assertEq(token.symbol(), "OPEN", "symbol");
        assertEq(token.decimals(), 18, "decimals");
        assertEq(token.TOTAL_SUPPLY(), SUPPLY, "TOTAL_SUPPLY");
        assertEq(token.totalSupply(), SUPPLY, "totalSupply");
    }

    function test_mint_RevertWhen_Called() public {
        // No such function and no fallback: the call reverts with empty data.
        (bool ok, bytes memory ret) = address(token).call(abi.encodeWithSignature("mint(address,uint256)", alice, 1));
        assertTrue(!ok, "mint(address,uint256) succeeded");
        assertEq(ret.length, 0, "mint(address,uint256) revert data");
        (ok, ret) = address(token).call(abi.encodeWithSignature("mint(uint256)", 1));
        assertTrue(!ok, "mint(uint256) succeeded");
        assertEq(token.totalSupply(), SUPPLY, "totalSupply");
    }

    // ---------------------------------------------------------------- transfers

    function test_transfer_MovesBalance() public {
        vm.expectEmit(true, true, false, true, address(token));
        emit IERC20.Transfer(treasury, alice, 100e18);
        vm.prank(treasury);
        assertTrue(token.transfer(alice, 100e18), "transfer returned false");

        assertEq(token.balanceOf(alice), 100e18, "alice");
        assertEq(token.balanceOf(treasury), SUPPLY - 100e18, "treasury");
    }

    function test_transfer_RevertWhen_BalanceTooLow() public {
        _give(alice, 10e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 10e18, 10e18 + 1)
        );
        vm.prank(alice);
        token.transfer(bob, 10e18 + 1);
    }

    function test_transfer_RevertWhen_ReceiverIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(treasury);
        token.transfer(address(0), 1);
    }

    function test_transferFrom_SpendsAllowance() public {
        vm.prank(treasury);
        token.approve(alice, 50e18);

        vm.prank(alice);
        assertTrue(token.transferFrom(treasury, bob, 30e18), "transferFrom returned false");

        assertEq(token.allowance(treasury, alice), 20e18, "allowance left");
        assertEq(token.balanceOf(bob), 30e18, "bob");
        assertEq(token.balanceOf(alice), 0, "spender");
    }

    function test_transferFrom_KeepsInfiniteAllowance() public {
        vm.prank(treasury);
        token.approve(alice, type(uint256).max);
        vm.prank(alice);
        token.transferFrom(treasury, bob, 30e18);
        assertEq(token.allowance(treasury, alice), type(uint256).max, "allowance");
    }

    function test_transferFrom_RevertWhen_AllowanceTooLow() public {
        vm.prank(treasury);
        token.approve(alice, 5e18);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, alice, 5e18, 6e18));
        vm.prank(alice);
        token.transferFrom(treasury, bob, 6e18);
    }

    function test_transferFrom_RevertWhen_BalanceTooLow() public {
        _give(bob, 1e18);
        vm.prank(bob);
        token.approve(alice, 10e18);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, 1e18, 2e18));
        vm.prank(alice);
        token.transferFrom(bob, carol, 2e18);
    }

    function test_transferFrom_RevertWhen_ReceiverIsZero() public {
        vm.prank(treasury);
        token.approve(alice, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(alice);
        token.transferFrom(treasury, address(0), 1e18);
    }

    function testFuzz_transfer_ConservesTotalSupply(address a, address b, uint256 x, uint256 y) public {
        vm.assume(a != address(0) && b != address(0) && a != treasury && b != treasury && a != b);
        x = bound(x, 0, SUPPLY);
        y = bound(y, 0, x);

        vm.prank(treasury);
        token.transfer(a, x);
        vm.prank(a);
        token.transfer(b, y);

        assertEq(token.totalSupply(), SUPPLY, "totalSupply");
        assertEq(token.balanceOf(treasury) + token.balanceOf(a) + token.balanceOf(b), SUPPLY, "sum of balances");
        assertEq(token.balanceOf(b), y, "b");
        assertEq(token.balanceOf(a), x - y, "a");
    }

    // ---------------------------------------------------------------- permit

    function test_DOMAIN_SEPARATOR_FollowsChainId() public {
        bytes32 here = token.DOMAIN_SEPARATOR();
        assertEq(here, _domainSeparator(block.chainid), "domain separator on this chain");

        uint256 other = block.chainid + 1;
        vm.chainId(other);
        assertTrue(token.DOMAIN_SEPARATOR() != here, "domain separator unchanged after chain id change");
        assertEq(token.DOMAIN_SEPARATOR(), _domainSeparator(other), "domain separator on the other chain");

        // A permit signed for the other chain is valid once we are on it.
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, other, alice, bob, 7e18, 0, deadline);
        token.permit(alice, bob, 7e18, deadline, v, r, s);
        assertEq(token.allowance(alice, bob), 7e18, "allowance");
    }

    function test_permit_SetsAllowanceAndBumpsNonce() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, block.chainid, alice, bob, 42e18, 0, deadline);

        vm.expectEmit(true, true, false, true, address(token));
        emit IERC20.Approval(alice, bob, 42e18);
        vm.prank(carol); // anyone may submit the signature
        token.permit(alice, bob, 42e18, deadline, v, r, s);

        assertEq(token.allowance(alice, bob), 42e18, "allowance");
        assertEq(token.nonces(alice), 1, "nonce");
    }

    function test_permit_AcceptsDeadlineEqualToNow() public {
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, block.chainid, alice, bob, 1, 0, block.timestamp);
        token.permit(alice, bob, 1, block.timestamp, v, r, s);
        assertEq(token.allowance(alice, bob), 1, "allowance");
    }

    function test_permit_RevertWhen_Expired() public {
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, block.chainid, alice, bob, 1e18, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(alice, bob, 1e18, deadline, v, r, s);
    }

    function test_permit_RevertWhen_SignerIsNotOwner() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(BOB_KEY, block.chainid, alice, bob, 1e18, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, bob, alice));
        token.permit(alice, bob, 1e18, deadline, v, r, s);
    }

    function test_permit_RevertWhen_NonceReplayed() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, block.chainid, alice, bob, 1e18, 0, deadline);
        token.permit(alice, bob, 1e18, deadline, v, r, s);

        // The token now hashes nonce 1, so the signature recovers to an unrelated address.
        address recovered = ecrecover(_permitDigest(block.chainid, alice, bob, 1e18, 1, deadline), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, alice));
        token.permit(alice, bob, 1e18, deadline, v, r, s);
    }

    function test_permit_RevertWhen_SignedForAnotherChain() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, block.chainid + 1, alice, bob, 1e18, 0, deadline);

        address recovered = ecrecover(_permitDigest(block.chainid, alice, bob, 1e18, 0, deadline), v, r, s);
        assertTrue(recovered != alice, "recovered the owner");
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, alice));
        token.permit(alice, bob, 1e18, deadline, v, r, s);
    }

    // ---------------------------------------------------------------- votes

    function test_clock_IsTimestamp() public {
        assertEq(token.clock(), START_TIME, "clock at start");
        vm.warp(START_TIME + 12345);
        assertEq(token.clock(), START_TIME + 12345, "clock after warp");
        assertEq(token.CLOCK_MODE(), "mode=timestamp", "CLOCK_MODE");
    }

    function test_delegate_ToSelfActivatesVotes() public {
        _give(alice, 100e18);
        assertEq(token.getVotes(alice), 0, "votes before delegating");

        vm.expectEmit(true, true, true, true, address(token));
        emit IVotes.DelegateChanged(alice, address(0), alice);
        vm.expectEmit(true, false, false, true, address(token));
        emit IVotes.DelegateVotesChanged(alice, 0, 100e18);
        vm.prank(alice);
        token.delegate(alice);

        assertEq(token.delegates(alice), alice, "delegates");
        assertEq(token.getVotes(alice), 100e18, "votes");
    }

    function test_delegate_ToOtherMovesVotes() public {
        _give(alice, 100e18);
        vm.prank(alice);
        token.delegate(alice);

        vm.prank(alice);
        token.delegate(bob);

        assertEq(token.delegates(alice), bob, "delegates");
        assertEq(token.getVotes(alice), 0, "alice votes");
        assertEq(token.getVotes(bob), 100e18, "bob votes");
        assertEq(token.balanceOf(bob), 0, "bob balance");
    }

    function test_transfer_MovesVotesBetweenDelegatees() public {
        _give(alice, 100e18);
        _give(bob, 10e18);
        vm.prank(alice);
        token.delegate(carol);
        vm.prank(bob);
        token.delegate(bob);

        vm.prank(alice);
        token.transfer(bob, 40e18);

        assertEq(token.getVotes(carol), 60e18, "carol (alice's delegatee)");
        assertEq(token.getVotes(bob), 50e18, "bob");
        assertEq(token.getVotes(alice), 0, "alice");
    }

    function test_getPastVotes_ReturnsVotesAtEarlierTimestamp() public {
        _give(alice, 100e18);
        uint256 t1 = START_TIME + 1 days;
        vm.warp(t1);
        vm.prank(alice);
        token.delegate(alice);

        uint256 t2 = t1 + 1 days;
        vm.warp(t2);
        vm.prank(alice);
        token.transfer(bob, 30e18);

        vm.warp(t2 + 1 days);
        assertEq(token.getPastVotes(alice, t1 - 1), 0, "before delegating");
        assertEq(token.getPastVotes(alice, t1), 100e18, "at delegation");
        assertEq(token.getPastVotes(alice, t2 - 1), 100e18, "just before transfer");
        assertEq(token.getPastVotes(alice, t2), 70e18, "at transfer");
        assertEq(token.getVotes(alice), 70e18, "now");
    }

    function test_getPastVotes_RevertWhen_TimepointNotInPast() public {
        uint48 now_ = uint48(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, now_, now_));
        token.getPastVotes(alice, block.timestamp);
    }

    function test_getPastTotalSupply_CheckpointedAtDeployment() public {
        vm.warp(START_TIME + 1 hours);
        assertEq(token.getPastTotalSupply(START_TIME - 1), 0, "before deployment");
        assertEq(token.getPastTotalSupply(START_TIME), SUPPLY, "at deployment");
        assertEq(token.getPastTotalSupply(START_TIME + 1 hours - 1), SUPPLY, "later");
    }

    function test_delegateBySig_DelegatesAndBumpsNonce() public {
        _give(alice, 100e18);
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(ALICE_KEY, bob, 0, expiry);

        vm.prank(carol); // anyone may submit the signature
        token.delegateBySig(bob, 0, expiry, v, r, s);

        assertEq(token.delegates(alice), bob, "delegates");
        assertEq(token.getVotes(bob), 100e18, "bob votes");
        assertEq(token.nonces(alice), 1, "nonce");
    }

    function test_delegateBySig_RevertWhen_Expired() public {
        uint256 expiry = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(ALICE_KEY, bob, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        token.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_delegateBySig_RevertWhen_NonceReplayed() public {
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(ALICE_KEY, bob, 0, expiry);
        token.delegateBySig(bob, 0, expiry, v, r, s);

        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, alice, 1));
        token.delegateBySig(bob, 0, expiry, v, r, s);
    }

    // ---------------------------------------------------------------- helpers

    function _give(address to, uint256 amount) private {
        vm.prank(treasury);
        token.transfer(to, amount);
    }

    function _domainSeparator(uint256 chainId) private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("OpenLedger"), keccak256("1"), chainId, address(token)));
    }

    function _permitDigest(
        uint256 chainId,
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) private view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", _domainSeparator(chainId), structHash));
    }

    function _signPermit(
        uint256 key,
        uint256 chainId,
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) private view returns (uint8, bytes32, bytes32) {
        return vm.sign(key, _permitDigest(chainId, owner, spender, value, nonce, deadline));
    }

    function _signDelegation(
        uint256 key,
        address delegatee,
        uint256 nonce,
        uint256 expiry
    ) private view returns (uint8, bytes32, bytes32) {
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry));
        return vm.sign(key, keccak256(abi.encodePacked("\x19\x01", _domainSeparator(block.chainid), structHash)));
    }
}
