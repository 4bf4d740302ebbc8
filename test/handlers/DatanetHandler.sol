// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {DatanetRegistry} from "../../contracts/DatanetRegistry.sol";
import {OpenToken} from "../../contracts/OpenToken.sol";
import {IDatanetRegistry} from "../../contracts/interfaces/IDatanetRegistry.sol";
import {ContributionLeaf} from "../../contracts/libraries/ContributionLeaf.sol";
import {MerkleBuilder} from "../utils/MerkleBuilder.sol";
import {Test} from "../utils/Test.sol";
import {Vm, vm} from "../utils/Vm.sol";

/// @notice Drives one registry on OPEN through valid calls only (the invariant profile fails on any
/// revert): every action checks its preconditions against a model of the registry and returns
/// early when no valid call exists. The model (every Datanet and every contribution with its
/// status) and the ghost totals are what the invariants compare the registry against.
contract DatanetHandler is Test {
    uint256 public constant CONTRIBUTORS = 4;
    uint256 public constant MAX_DATANETS = 4;
    /// Keeps the invariants' loops over every contribution cheap.
    uint256 public constant MAX_CONTRIBUTIONS = 120;
    uint256 public constant MAX_BATCH = 8;
    uint256 public constant FUNDS = 1_000_000e18;
    uint256 public constant MAX_STAKE = 100e18;
    string internal constant URI = "ipfs://contribution";

    OpenToken public immutable token;
    DatanetRegistry public immutable registry;

    address[CONTRIBUTORS] internal _contributors;
    address[2] internal _owners = [address(0x0A1), address(0x0A2)];
    address[2] internal _curators = [address(0xC1), address(0xC2)];
    address[2] internal _treasuries = [address(0x7E1), address(0x7E2)];

    // ---------------------------------------------------------------- model

    struct Net {
        address owner;
        address treasury;
        uint96 stake;
        uint32 reviewPeriod;
        uint256 accepted;
        uint256 versions;
    }

    struct Item {
        bytes32 contentHash;
        address contributor;
        uint256 submittedAt;
        IDatanetRegistry.Status status;
    }

    Net[] internal _nets; // Datanet id - 1
    mapping(uint256 datanetId => Item[]) internal _items; // contribution id - 1

    // ---------------------------------------------------------------- ghosts

    uint256 public currentTime;
    uint256 public contributionTotal;
    uint256 public ghostPendingStakes;
    mapping(address account => uint256) public ghostStaked; // stakes of the account still pending
    mapping(address account => uint256) public ghostSlashedFrom;
    mapping(address treasury => uint256) public ghostSlashedTo;
    /// Times the registry's status of a contribution differed from the model after an action, or the
    /// model was asked to move a contribution that was not pending.
    uint256 public transitionViolations;
    /// Published versions whose included contributions did not verify.
    uint256 public verifyFailures;
    /// Contributed events the registry emitted, per Datanet, each numbered one more than the last.
    mapping(uint256 datanetId => uint256) public contributedEvents;
    /// A Contributed event out of sequence (not numbered contributedEvents + 1).
    uint256 public eventIdViolations;
    uint256 internal _nonce;
    /// How often each action got past its guards and made its call.
    mapping(bytes4 action => uint256) public transitions;

    constructor() {
        currentTime = vm.getBlockTimestamp();
        token = new OpenToken(address(this));
        registry = new DatanetRegistry(IERC20(address(token)));
        for (uint256 i = 0; i < CONTRIBUTORS; ++i) {
            address account = address(uint160(0xC0000 + i));
            _contributors[i] = account;
            require(token.transfer(account, FUNDS), "handler: transfer");
            vm.prank(account);
            token.approve(address(registry), type(uint256).max);
        }
        // One Datanet from the start, so every other action has something to act on.
        createDatanet(0, 10e18, 1 days, 0);
    }

    modifier step() {
        vm.warp(currentTime);
        _;
    }

    // ================================================================ views for the invariants

    function contributor(uint256 i) external view returns (address) {
        return _contributors[i];
    }

    function treasury(uint256 i) external view returns (address) {
        return _treasuries[i];
    }

    function datanetCount() external view returns (uint256) {
        return _nets.length;
    }

    function net(uint256 datanetId) external view returns (Net memory) {
        return _nets[datanetId - 1];
    }

    function itemCount(uint256 datanetId) external view returns (uint256) {
        return _items[datanetId].length;
    }

    function item(uint256 datanetId, uint256 contributionId) external view returns (Item memory) {
        return _items[datanetId][contributionId - 1];
    }

    // ================================================================ actions

    function createDatanet(uint256 ownerSeed, uint256 stake, uint256 reviewPeriod, uint256 treasurySeed) public step {
        if (_nets.length >= MAX_DATANETS) return;
        address owner = _owners[ownerSeed % 2];
        address treasury_ = _treasuries[treasurySeed % 2];
        // Review periods of 1 hour to 3 days, so that warps of up to 2 days expire some.
        IDatanetRegistry.DatanetParams memory params = IDatanetRegistry.DatanetParams({
            metadataURI: "ipfs://datanet",
            license: "CC-BY-4.0",
            stake: uint96(bound(stake, 0, MAX_STAKE)),
            reviewPeriod: uint32(bound(reviewPeriod, 1 hours, 3 days)),
            treasury: treasury_
        });
        vm.prank(owner);
        uint256 id = registry.createDatanet(params);
        _nets.push(Net(owner, treasury_, params.stake, params.reviewPeriod, 0, 0));
        if (id != _nets.length) transitionViolations++; // ids 1, 2, …
        transitions[this.createDatanet.selector]++;
    }

    /// One contribution: commit, one second later reveal.
    function contribute(uint256 actorSeed, uint256 datanetSeed) public step {
        if (contributionTotal >= MAX_CONTRIBUTIONS) return;
        uint256 id = _datanet(datanetSeed);
        address who = _contributors[actorSeed % CONTRIBUTORS];
        bytes32[] memory hashes = _freshHashes(1);
        bytes32 salt = bytes32(_nonce);
        _commitAndWait(who, id, hashes, salt);
        vm.recordLogs();
        vm.prank(who);
        uint256 contributionId = registry.contribute(id, hashes[0], URI, salt);
        if (contributionId != _items[id].length + 1) transitionViolations++;
        _countContributed(id, contributionId);
        _record(id, who, hashes);
        transitions[this.contribute.selector]++;
    }

    function contributeBatch(uint256 actorSeed, uint256 datanetSeed, uint256 size) public step {
        size = bound(size, 1, MAX_BATCH);
        if (contributionTotal + size > MAX_CONTRIBUTIONS) return;
        uint256 id = _datanet(datanetSeed);
        address who = _contributors[actorSeed % CONTRIBUTORS];
        bytes32[] memory hashes = _freshHashes(size);
        bytes32 salt = bytes32(_nonce);
        _commitAndWait(who, id, hashes, salt);
        string[] memory uris = new string[](size);
        for (uint256 i = 0; i < size; ++i) uris[i] = URI;
        vm.recordLogs();
        vm.prank(who);
        uint256 firstId = registry.contributeBatch(id, hashes, uris, salt);
        if (firstId != _items[id].length + 1) transitionViolations++;
        _countContributed(id, firstId);
        _record(id, who, hashes);
        transitions[this.contributeBatch.selector]++;
    }

    /// Reviews up to `count` pending contributions still within their review period, from a random
    /// start, each with a random verdict code (0..5), by a curator (or the owner when that curator is removed).
    function review(uint256 datanetSeed, uint256 start, uint256 count, uint256 verdictSeed, uint256 who) public step {
        uint256 id = _datanet(datanetSeed);
        Net storage n = _nets[id - 1];
        Item[] storage items = _items[id];
        count = bound(count, 1, MAX_BATCH);
        bytes32[] memory hashes = new bytes32[](count);
        uint8[] memory verdicts = new uint8[](count);
        uint256[] memory picked = new uint256[](count);
        uint256 found;
        start = items.length == 0 ? 0 : start % items.length;
        for (uint256 k = 0; k < items.length && found < count; ++k) {
            uint256 i = (start + k) % items.length;
            Item storage it = items[i];
            if (it.status != IDatanetRegistry.Status.Pending || currentTime > it.submittedAt + n.reviewPeriod) continue;
            picked[found] = i;
            hashes[found] = it.contentHash;
            // Half accepted, half rejected with one of the five reasons.
            uint256 r = uint256(keccak256(abi.encode(verdictSeed, k)));
            verdicts[found++] = r % 2 == 0 ? 0 : uint8(1 + ((r >> 1) % 5));
        }
        if (found == 0) return;
        assembly ("memory-safe") {
            mstore(hashes, found)
            mstore(verdicts, found)
        }
        address curator = _curators[who % 2];
        address reviewer = registry.isCurator(id, curator) ? curator : n.owner;
        vm.prank(reviewer);
        registry.review(id, hashes, verdicts);

        for (uint256 j = 0; j < found; ++j) {
            Item storage it = items[picked[j]];
            bool accepted = verdicts[j] == 0;
            _move(id, it, accepted ? IDatanetRegistry.Status.Accepted : IDatanetRegistry.Status.Rejected);
            if (accepted) {
                n.accepted++;
            } else {
                ghostSlashedFrom[it.contributor] += n.stake;
                ghostSlashedTo[n.treasury] += n.stake;
            }
        }
        transitions[this.review.selector]++;
    }

    function warp(uint256 seconds_) public step {
        currentTime += bound(seconds_, 0, 2 days);
        vm.warp(currentTime);
        transitions[this.warp.selector]++;
    }

    /// A contributor withdraws up to MAX_BATCH of their pending contributions past the deadline.
    function withdrawExpired(uint256 actorSeed, uint256 datanetSeed) public step {
        uint256 id = _datanet(datanetSeed);
        address who = _contributors[actorSeed % CONTRIBUTORS];
        Item[] storage items = _items[id];
        uint32 period = _nets[id - 1].reviewPeriod;
        bytes32[] memory hashes = new bytes32[](MAX_BATCH);
        uint256[] memory picked = new uint256[](MAX_BATCH);
        uint256 found;
        for (uint256 i = 0; i < items.length && found < MAX_BATCH; ++i) {
            Item storage it = items[i];
            if (it.contributor != who || it.status != IDatanetRegistry.Status.Pending) continue;
            if (currentTime <= it.submittedAt + period) continue;
            picked[found] = i;
            hashes[found++] = it.contentHash;
        }
        if (found == 0) return;
        assembly ("memory-safe") {
            mstore(hashes, found)
        }
        vm.prank(who);
        uint256 amount = registry.withdrawStake(id, hashes);
        if (amount != found * _nets[id - 1].stake) transitionViolations++;
        for (uint256 j = 0; j < found; ++j) _move(id, items[picked[j]], IDatanetRegistry.Status.Withdrawn);
        transitions[this.withdrawExpired.selector]++;
    }

    /// The owner publishes a version of the first `count` accepted contributions (a real tree),
    /// then every included contribution must verify.
    function publishVersion(uint256 datanetSeed, uint256 count) public step {
        uint256 id = _datanet(datanetSeed);
        Net storage n = _nets[id - 1];
        if (n.accepted == 0) return;
        count = bound(count, 1, n.accepted);
        Item[] storage items = _items[id];
        bytes32[] memory leaves = new bytes32[](count);
        bytes32[] memory included = new bytes32[](count);
        uint256 found;
        for (uint256 i = 0; i < items.length && found < count; ++i) {
            if (items[i].status != IDatanetRegistry.Status.Accepted) continue;
            included[found] = items[i].contentHash;
            leaves[found++] = ContributionLeaf.hash(id, i + 1, items[i].contributor, items[i].contentHash);
        }
        bytes32[][] memory levels = MerkleBuilder.build(leaves);
        vm.prank(n.owner);
        uint256 version = registry.publishVersion(id, MerkleBuilder.root(levels), count, "ipfs://manifest");
        if (version != ++n.versions) transitionViolations++;
        for (uint256 i = 0; i < count; ++i) {
            if (!registry.verifyContribution(id, version, included[i], MerkleBuilder.proof(levels, i))) {
                verifyFailures++;
            }
        }
        transitions[this.publishVersion.selector]++;
    }

    function setCurator(uint256 datanetSeed, uint256 who, bool allowed) public step {
        uint256 id = _datanet(datanetSeed);
        vm.prank(_nets[id - 1].owner);
        registry.setCurator(id, _curators[who % 2], allowed);
        transitions[this.setCurator.selector]++;
    }

    // ================================================================ internals

    function _datanet(uint256 seed) internal view returns (uint256) {
        return (seed % _nets.length) + 1;
    }

    /// Content hashes never used before in any Datanet of this run.
    function _freshHashes(uint256 n) internal returns (bytes32[] memory hashes) {
        hashes = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) hashes[i] = keccak256(abi.encode("handler content", ++_nonce));
    }

    function _commitAndWait(address who, uint256 id, bytes32[] memory hashes, bytes32 salt) internal {
        vm.prank(who);
        registry.commit(keccak256(abi.encode(who, id, keccak256(abi.encodePacked(hashes)), salt)));
        currentTime += 1;
        vm.warp(currentTime);
    }

    /// Counts the Contributed events of the call just made, checking they number on from `firstId`.
    function _countContributed(uint256 id, uint256 firstId) internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(registry) || logs[i].topics[0] != IDatanetRegistry.Contributed.selector) {
                continue;
            }
            if (uint256(logs[i].topics[1]) != id) continue;
            uint256 number = uint256(logs[i].topics[2]);
            if (number != ++contributedEvents[id] || number < firstId) eventIdViolations++;
        }
    }

    function _record(uint256 id, address who, bytes32[] memory hashes) internal {
        uint96 stake = _nets[id - 1].stake;
        for (uint256 i = 0; i < hashes.length; ++i) {
            _items[id].push(Item(hashes[i], who, currentTime, IDatanetRegistry.Status.Pending));
        }
        contributionTotal += hashes.length;
        ghostPendingStakes += stake * hashes.length;
        ghostStaked[who] += stake * hashes.length;
    }

    /// Moves a contribution of the model out of Pending, and checks the registry moved it too.
    function _move(uint256 id, Item storage it, IDatanetRegistry.Status to) internal {
        if (it.status != IDatanetRegistry.Status.Pending) transitionViolations++;
        it.status = to;
        uint96 stake = _nets[id - 1].stake;
        ghostPendingStakes -= stake;
        ghostStaked[it.contributor] -= stake;
        if (registry.getContribution(id, it.contentHash).status != to) transitionViolations++;
    }
}
