// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {AttributionDistributor} from "../../contracts/AttributionDistributor.sol";
import {IAttributionDistributor} from "../../contracts/interfaces/IAttributionDistributor.sol";
import {RewardLeaf} from "../../contracts/libraries/RewardLeaf.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {MerkleBuilder} from "./MerkleBuilder.sol";
import {Test} from "./Test.sol";
import {vm} from "./Vm.sol";

/// @notice A distributor on a plain ERC-20 with one account per role, and helpers to publish trees.
abstract contract DistributorFixture is Test {
    uint48 internal constant CHALLENGE_PERIOD = 1 days;
    uint256 internal constant BOND = 100e18;
    bytes32 internal constant TREE_HASH = keccak256("tree file");
    string internal constant TREE_URI = "ipfs://tree";

    address internal immutable admin = _actor("admin");
    address internal immutable oracle = _actor("oracle");
    address internal immutable guardian = _actor("guardian");
    address internal immutable funder = _actor("funder");
    address internal immutable disputer = _actor("disputer");
    address internal immutable stranger = _actor("stranger");
    address internal immutable alice = _actor("alice");
    address internal immutable bob = _actor("bob");
    address internal immutable carol = _actor("carol");

    bytes32 internal ORACLE_ROLE;
    bytes32 internal GUARDIAN_ROLE;

    MockERC20 internal token;
    AttributionDistributor internal distributor;

    /// The accounts and cumulative amounts of a tree, with its levels (see MerkleBuilder).
    struct Tree {
        address[] accounts;
        uint256[] amounts;
        uint256 total;
        bytes32[][] levels;
    }

    function setUp() public virtual {
        vm.warp(START_TIME);
        token = _newToken();
        distributor = _deploy(address(token));
        ORACLE_ROLE = distributor.ORACLE_ROLE();
        GUARDIAN_ROLE = distributor.GUARDIAN_ROLE();
    }

    /// @dev The reward token. Other test tokens only need MockERC20's `mint(address,uint256)` and
    /// `balanceOf`: the helpers approve with a low-level call.
    function _newToken() internal virtual returns (MockERC20) {
        return new MockERC20();
    }

    function _deploy(address token_) internal returns (AttributionDistributor d) {
        d = new AttributionDistributor(IERC20(token_), admin, CHALLENGE_PERIOD);
        vm.startPrank(admin);
        d.grantRole(d.ORACLE_ROLE(), oracle);
        d.grantRole(d.GUARDIAN_ROLE(), guardian);
        vm.stopPrank();
    }

    function _actor(string memory name) internal returns (address account) {
        account = address(uint160(uint256(keccak256(bytes(name)))));
        vm.label(account, name);
    }

    // ---------------------------------------------------------------- trees

    /// Leaves are hashed here, not with `distributor.leaf`, so building a tree makes no external
    /// call that a preceding `vm.expectRevert` or `vm.prank` would apply to.
    function _tree(address[] memory accounts, uint256[] memory amounts) internal view returns (Tree memory t) {
        return _treeFor(address(distributor), accounts, amounts);
    }

    function _treeFor(
        address distributor_,
        address[] memory accounts,
        uint256[] memory amounts
    ) internal view returns (Tree memory t) {
        require(accounts.length == amounts.length, "fixture: lengths");
        bytes32[] memory leaves = new bytes32[](accounts.length);
        for (uint256 i = 0; i < accounts.length; ++i) {
            leaves[i] = RewardLeaf.hash(block.chainid, distributor_, accounts[i], amounts[i]);
            t.total += amounts[i];
        }
        t.accounts = accounts;
        t.amounts = amounts;
        t.levels = MerkleBuilder.build(leaves);
    }

    /// alice, bob, carol with the given cumulative amounts.
    function _abc(uint256 a, uint256 b, uint256 c) internal view returns (Tree memory) {
        address[] memory accounts = new address[](3);
        (accounts[0], accounts[1], accounts[2]) = (alice, bob, carol);
        uint256[] memory amounts = new uint256[](3);
        (amounts[0], amounts[1], amounts[2]) = (a, b, c);
        return _tree(accounts, amounts);
    }

    function _root(Tree memory t) internal pure returns (bytes32) {
        return MerkleBuilder.root(t.levels);
    }

    function _proof(Tree memory t, uint256 i) internal pure returns (bytes32[] memory) {
        return MerkleBuilder.proof(t.levels, i);
    }

    // ---------------------------------------------------------------- actions

    /// `owner` approves the distributor for `amount`; a low-level call, so a token whose `approve`
    /// returns nothing works too.
    function _approve(address owner, uint256 amount) internal {
        vm.prank(owner);
        (bool ok, ) = address(token).call(abi.encodeCall(IERC20.approve, (address(distributor), amount)));
        require(ok, "fixture: approve failed");
    }

    function _fund(uint256 amount) internal {
        token.mint(funder, amount);
        _approve(funder, amount);
        vm.prank(funder);
        distributor.fund(amount);
    }

    function _propose(bytes32 root_, uint256 total) internal {
        uint64 next = distributor.epoch() + 1;
        vm.prank(oracle);
        distributor.proposeRoot(next, root_, total, TREE_HASH, TREE_URI);
    }

    function _propose(Tree memory t) internal {
        _propose(_root(t), t.total);
    }

    function _warpToValidAt() internal {
        vm.warp(distributor.pendingRoot().validAt);
    }

    function _accept() internal {
        _warpToValidAt();
        distributor.acceptRoot();
    }

    /// Funds what the tree needs beyond `totalFunded`, proposes it and accepts it.
    function _publish(Tree memory t) internal {
        uint256 funded = distributor.totalFunded();
        if (t.total > funded) _fund(t.total - funded);
        _propose(t);
        _accept();
    }

    function _setBond(uint256 bond) internal {
        vm.prank(admin);
        distributor.setDisputeBond(bond);
    }

    /// `who` disputes the pending root with the current bond.
    function _dispute(address who, string memory reason) internal {
        uint256 bond = distributor.disputeBond();
        token.mint(who, bond);
        _approve(who, bond);
        vm.prank(who);
        distributor.dispute(reason);
    }

    function _claim(Tree memory t, uint256 i) internal returns (uint256) {
        return distributor.claim(t.accounts[i], t.amounts[i], _proof(t, i));
    }

    /// The revert of a challenge period outside [1 hour, 30 days].
    function _outOfRange(uint48 period) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(
                IAttributionDistributor.DistributorChallengePeriodOutOfRange.selector,
                period,
                uint48(1 hours),
                uint48(30 days)
            );
    }
}
