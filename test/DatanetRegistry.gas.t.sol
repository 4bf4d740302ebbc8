// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDatanetRegistry} from "../contracts/interfaces/IDatanetRegistry.sol";
import {DatanetFixture} from "./utils/DatanetFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice What the registry's gas snapshots share: a realistic content URI and the whole-transaction
/// bound of a contribution.
abstract contract DatanetGasBase is DatanetFixture {
    string internal constant GROUP = "DatanetRegistry";
    /// A CIDv1 of the length IPFS produces, so events cost what they will.
    string internal constant CID = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    /// Targets: execution gas of one `contribute`, and the whole transaction.
    uint256 internal constant CONTRIBUTE_EXECUTION_TARGET = 70_000;
    uint256 internal constant CONTRIBUTE_TX_TARGET = 95_000;

    bytes32 internal single = _hash("single contribution");

    /// alice commits `single` in `datanetId`; one second passes.
    function _prepareSingle(uint256 datanetId) internal {
        _commit(alice, datanetId, _one(single));
        _warpBy(1);
    }

    /// alice reveals `single` in `datanetId`; snapshots the call as `name` and checks the targets:
    /// the execution gas, and 21,000 + calldata (EIP-2028 and the EIP-7623 floor, whichever is
    /// more) + execution for the whole transaction. The commitment's deletion refunds 4,800 more
    /// in a real transaction, not counted here.
    function _contributeAndSnapshot(uint256 datanetId, string memory name) internal returns (uint256 gas) {
        bytes32 salt = _salt(alice, _one(single));
        vm.prank(alice);
        registry.contribute(datanetId, single, CID, salt);
        gas = vm.snapshotGasLastCall(GROUP, name);

        bytes memory data = abi.encodeCall(IDatanetRegistry.contribute, (datanetId, single, CID, salt));
        uint256 tokens;
        for (uint256 i = 0; i < data.length; ++i) tokens += data[i] == 0 ? 1 : 4;
        uint256 standard = 21_000 + 4 * tokens + gas;
        uint256 floor = 21_000 + 10 * tokens;
        uint256 txGas = standard > floor ? standard : floor;
        vm.snapshotValue(GROUP, string.concat(name, ".txUpperBound"), txGas);
        assertLe(gas, CONTRIBUTE_EXECUTION_TARGET, "contribute execution gas above target");
        assertLe(txGas, CONTRIBUTE_TX_TARGET, "contribute transaction gas above target");
        assertEq(uint256(registry.getContribution(datanetId, single).status), 1, "contributed");
    }
}

/// @notice Gas snapshots of the registry's hot paths, committed in `snapshots/` and checked in CI
/// (`npm run snapshot:check`). Execution gas of the call alone. State is prepared in setUp, a call
/// of its own, so storage is cold in each test as in a real transaction; nothing the measured call
/// touches is read before it.
contract DatanetRegistryGasTest is DatanetGasBase {
    uint256 internal constant BATCH = 100;
    uint256 internal constant REVIEWERS_CONTRIBUTORS = 10;

    bytes32[] internal _batch;
    uint256 internal _reviewDatanet;
    bytes32[] internal _toReview;
    uint8[] internal _verdictsToGive;
    uint256 internal _versionDatanet;
    bytes32 internal _versionRoot;

    function setUp() public override {
        super.setUp();
        // dn: one earlier contribution (bob's), so the registry already holds a stake.
        _commitAndContribute(bob, dn, _hash("earlier"));

        // A Datanet with 100 pending contributions, 10 from each of 10 contributors, and a
        // treasury that already received a slash.
        _reviewDatanet = _createDatanet(owner, STAKE, REVIEW_PERIOD);
        bytes32 before = _hash("rejected before");
        _commitAndContribute(bob, _reviewDatanet, before);
        _reject(_reviewDatanet, before, IDatanetRegistry.Verdict.Other);
        for (uint256 c = 0; c < REVIEWERS_CONTRIBUTORS; ++c) {
            address contributor = _actor(string(abi.encodePacked("contributor ", bytes1(uint8(48 + c)))));
            _fundAndApprove(contributor, FUNDS);
            bytes32[] memory hashes = _hashes(100 + c, 10);
            _commitAndContributeBatch(contributor, _reviewDatanet, hashes);
            for (uint256 i = 0; i < 10; ++i) {
                _toReview.push(hashes[i]);
                // One rejection per contributor, in the middle of their run: 90 accepted, 10 rejected.
                _verdictsToGive.push(i == 5 ? uint8(IDatanetRegistry.Verdict.LowQuality) : 0);
            }
        }

        // A Datanet with 3 accepted contributions, ready for its first version.
        _versionDatanet = _createDatanet(owner, STAKE, REVIEW_PERIOD);
        bytes32[] memory accepted = _hashes(200, 3);
        _commitAndContributeBatch(alice, _versionDatanet, accepted);
        _acceptAll(_versionDatanet, accepted);
        (, _versionRoot) = _versionTree(_versionDatanet, accepted);

        // alice's commitments, one second old when the tests reveal them.
        _batch = _hashes(300, BATCH);
        _commit(alice, dn, _batch);
        _prepareSingle(dn);
    }

    function test_contribute_GasSnapshotSingle() external {
        _contributeAndSnapshot(dn, "contribute.single");
    }

    function test_contributeBatch_GasSnapshot100() external {
        bytes32[] memory hashes = _batch;
        string[] memory uris = new string[](BATCH);
        for (uint256 i = 0; i < BATCH; ++i) uris[i] = CID;
        bytes32 salt = _salt(alice, hashes);
        vm.prank(alice);
        registry.contributeBatch(dn, hashes, uris, salt);
        uint256 gas = vm.snapshotGasLastCall(GROUP, "contribute.batch100");
        vm.snapshotValue(GROUP, "contribute.batch100.perItem", gas / BATCH);
        assertEq(uint256(registry.getDatanet(dn).contributionCount), 1 + BATCH, "contributionCount");
        // Held before: bob's earlier stake and the review Datanet's 100 pending ones.
        assertEq(token.balanceOf(address(registry)), (1 + 100 + BATCH) * STAKE, "stakes pulled");
    }

    function test_review_GasSnapshot100() external {
        bytes32[] memory hashes = _toReview;
        uint8[] memory verdicts = _verdictsToGive;
        vm.prank(curator);
        registry.review(_reviewDatanet, hashes, verdicts);
        vm.snapshotGasLastCall(GROUP, "review.batch100");
        assertEq(uint256(registry.getDatanet(_reviewDatanet).acceptedCount), 90, "acceptedCount");
        assertEq(token.balanceOf(treasury), 11 * STAKE, "treasury");
    }

    function test_commit_GasSnapshot() external {
        bytes32 commitment = _commitment(bob, dn, _one(_hash("new")), bytes32("salt"));
        vm.prank(bob);
        registry.commit(commitment);
        vm.snapshotGasLastCall(GROUP, "commit");
        assertGt(registry.committedAt(commitment), 0, "committed");
    }

    function test_publishVersion_GasSnapshot() external {
        bytes32 root = _versionRoot;
        vm.prank(owner);
        registry.publishVersion(_versionDatanet, root, 3, CID);
        vm.snapshotGasLastCall(GROUP, "publishVersion");
        assertEq(registry.versionCount(_versionDatanet), 1, "versionCount");
    }
}

/// @notice `contribute` into a Datanet of 10,000 contributions costs what it costs into one of 1:
/// nothing it does depends on the number of contributions. A contract of its own, so the other
/// snapshots do not pay this setUp.
contract DatanetRegistryGas10kTest is DatanetGasBase {
    uint256 internal constant EARLIER = 10_000;
    uint256 internal constant CHUNK = 500;

    function setUp() public override {
        super.setUp();
        // bob's 10,000 contributions to dn, in batches committed together and revealed a second later.
        bytes32[][] memory chunks = new bytes32[][](EARLIER / CHUNK);
        for (uint256 i = 0; i < chunks.length; ++i) {
            chunks[i] = _hashes(1_000 + i, CHUNK);
            _commit(bob, dn, chunks[i]);
        }
        _warpBy(1);
        for (uint256 i = 0; i < chunks.length; ++i) _revealBatch(bob, dn, chunks[i]);
        _prepareSingle(dn);
    }

    function test_contribute_GasSnapshotAfter10k() external {
        _contributeAndSnapshot(dn, "contribute.after10k");
        assertEq(uint256(registry.getContribution(dn, single).id), EARLIER + 1, "contribution id");
    }
}
