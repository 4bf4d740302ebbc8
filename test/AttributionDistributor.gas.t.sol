// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAttributionDistributor} from "../contracts/interfaces/IAttributionDistributor.sol";
import {DistributorFixture} from "./utils/DistributorFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Gas snapshots of the distributor's hot paths, committed in `snapshots/` and checked in
/// CI (`npm run snapshot:check`). These are execution gas of the call alone; the whole-transaction
/// figures that compare with public distributors come from `npm run bench:gas`.
/// State is prepared in setUp, a call of its own, so storage is cold in each test as in a real
/// transaction.
contract AttributionDistributorGasTest is DistributorFixture {
    uint256 private constant LEAVES = 1_000; // 10-node proofs for the deepest leaves, like the peers'
    string private constant GROUP = "AttributionDistributor";

    Tree private epoch1;
    Tree private epoch2;

    function setUp() public override {
        super.setUp();
        epoch1 = _bigTree(1);
        epoch2 = _bigTree(2);
        _publish(epoch1);
        _fund(epoch2.total - epoch1.total);
        // Account 1 claims in epoch 1, so test_claim_GasSnapshotRepeat measures its second claim.
        _claim(epoch1, 1);
    }

    function test_claim_GasSnapshotFirst() external {
        bytes32[] memory proof = _proof(epoch1, 0);
        assertEq(proof.length, 10, "proof depth");
        address account = epoch1.accounts[0];
        vm.prank(account);
        distributor.claim(account, epoch1.amounts[0], proof);
        vm.snapshotGasLastCall(GROUP, "claim.first.1k");
    }

    function test_claim_GasSnapshotRepeat() external {
        _propose(epoch2);
        _accept();
        address account = epoch2.accounts[1];
        bytes32[] memory proof = _proof(epoch2, 1);
        assertEq(proof.length, 10, "proof depth");
        vm.prank(account);
        uint256 paid = distributor.claim(account, epoch2.amounts[1], proof);
        vm.snapshotGasLastCall(GROUP, "claim.repeat.1k");
        assertEq(paid, epoch2.amounts[1] - epoch1.amounts[1], "repeat pays the difference");
    }

    function test_claimMany_GasSnapshotTen() external {
        IAttributionDistributor.Claim[] memory claims = new IAttributionDistributor.Claim[](10);
        for (uint256 i = 0; i < 10; ++i) {
            uint256 leaf = 10 + i; // none claimed yet
            claims[i] = IAttributionDistributor.Claim(
                epoch1.accounts[leaf],
                epoch1.amounts[leaf],
                _proof(epoch1, leaf)
            );
        }
        distributor.claimMany(claims);
        vm.snapshotGasLastCall(GROUP, "claimMany.10");
    }

    function test_proposeRoot_GasSnapshot() external {
        bytes32 root = _root(epoch2);
        vm.prank(oracle);
        distributor.proposeRoot(2, root, epoch2.total, TREE_HASH, TREE_URI);
        vm.snapshotGasLastCall(GROUP, "proposeRoot");
    }

    function test_acceptRoot_GasSnapshot() external {
        _propose(epoch2);
        _warpToValidAt();
        distributor.acceptRoot();
        vm.snapshotGasLastCall(GROUP, "acceptRoot");
        assertEq(distributor.epoch(), 2, "epoch");
    }

    function test_fund_GasSnapshot() external {
        token.mint(funder, 1e18);
        _approve(funder, 1e18);
        vm.prank(funder);
        distributor.fund(1e18);
        vm.snapshotGasLastCall(GROUP, "fund");
    }

    /// LEAVES accounts; `round` raises every cumulative amount, as a later epoch does.
    function _bigTree(uint256 round) private view returns (Tree memory) {
        address[] memory accounts = new address[](LEAVES);
        uint256[] memory amounts = new uint256[](LEAVES);
        for (uint256 i = 0; i < LEAVES; ++i) {
            accounts[i] = address(uint160(uint256(keccak256(abi.encode("gas account", i)))));
            amounts[i] = round * 1e18 + i;
        }
        return _tree(accounts, amounts);
    }
}
