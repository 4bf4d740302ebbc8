// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {DatanetRegistry} from "../../contracts/DatanetRegistry.sol";
import {OpenToken} from "../../contracts/OpenToken.sol";
import {IDatanetRegistry} from "../../contracts/interfaces/IDatanetRegistry.sol";
import {ContributionLeaf} from "../../contracts/libraries/ContributionLeaf.sol";
import {MerkleBuilder} from "./MerkleBuilder.sol";
import {Test} from "./Test.sol";
import {vm} from "./Vm.sol";

/// @notice A registry on the real OPEN token, one account per role, and helpers to create Datanets,
/// commit and reveal contributions, review them and build version trees.
/// @dev setUp creates Datanet `dn` (1): owned by `owner`, `curator` appointed, stake `STAKE`,
/// review period `REVIEW_PERIOD`, slashed stakes to `treasury`. Every actor holds `FUNDS` OPEN and
/// has approved the registry for all of it (a finite allowance, so `transferFrom` writes it, as for
/// a user who approves what they mean to stake). The fixture contract keeps the rest of the supply.
abstract contract DatanetFixture is Test {
    uint96 internal constant STAKE = 10e18;
    uint32 internal constant REVIEW_PERIOD = 7 days;
    uint32 internal constant MIN_PERIOD = 1 hours;
    uint32 internal constant MAX_PERIOD = 90 days;
    uint256 internal constant FUNDS = 1_000_000e18;
    string internal constant METADATA_URI = "ipfs://bafy-datanet-metadata";
    string internal constant LICENSE = "CC-BY-4.0";
    string internal constant URI = "ipfs://bafy-contribution";
    string internal constant MANIFEST_URI = "ipfs://bafy-version-manifest";

    // EIP-712, spelled out so the permit tests do not trust the token's own constants.
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    uint256 internal constant ALICE_KEY = uint256(keccak256("alice key"));
    uint256 internal constant BOB_KEY = uint256(keccak256("bob key"));

    address internal immutable owner = _actor("owner");
    address internal immutable curator = _actor("curator");
    address internal immutable treasury = _actor("treasury");
    address internal immutable alice = _keyed(ALICE_KEY, "alice");
    address internal immutable bob = _keyed(BOB_KEY, "bob");
    address internal immutable mallory = _actor("mallory");
    address internal immutable stranger = _actor("stranger");

    OpenToken internal token;
    DatanetRegistry internal registry;
    uint256 internal dn;

    /// A version tree over accepted contributions: their content hashes, leaves and levels.
    struct VersionTree {
        bytes32[] contentHashes;
        bytes32[] leaves;
        bytes32[][] levels;
    }

    function setUp() public virtual {
        vm.warp(START_TIME);
        token = new OpenToken(address(this));
        registry = new DatanetRegistry(IERC20(address(token)));
        address[6] memory funded = [owner, curator, alice, bob, mallory, stranger];
        for (uint256 i = 0; i < funded.length; ++i) {
            _fundAndApprove(funded[i], FUNDS);
        }
        dn = _createDatanet(owner, STAKE, REVIEW_PERIOD);
    }

    // ---------------------------------------------------------------- accounts

    function _actor(string memory name) internal returns (address account) {
        account = vm.addr(uint256(keccak256(bytes(string.concat(name, " key")))));
        vm.label(account, name);
    }

    function _keyed(uint256 key, string memory name) internal returns (address account) {
        account = vm.addr(key);
        vm.label(account, name);
    }

    /// Sends `amount` OPEN from the fixture's supply and approves the registry for `amount`.
    function _fundAndApprove(address account, uint256 amount) internal {
        require(token.transfer(account, amount), "fixture: transfer");
        vm.prank(account);
        token.approve(address(registry), amount);
    }

    function _now() internal view returns (uint256) {
        return vm.getBlockTimestamp();
    }

    function _warpBy(uint256 seconds_) internal {
        vm.warp(vm.getBlockTimestamp() + seconds_);
    }

    // ---------------------------------------------------------------- datanets

    function _params(uint96 stake, uint32 reviewPeriod) internal view returns (IDatanetRegistry.DatanetParams memory) {
        return
            IDatanetRegistry.DatanetParams({
                metadataURI: METADATA_URI,
                license: LICENSE,
                stake: stake,
                reviewPeriod: reviewPeriod,
                treasury: treasury
            });
    }

    /// `creator` creates a Datanet and appoints `curator`.
    function _createDatanet(address creator, uint96 stake, uint32 reviewPeriod) internal returns (uint256 id) {
        IDatanetRegistry.DatanetParams memory params = _params(stake, reviewPeriod);
        vm.prank(creator);
        id = registry.createDatanet(params);
        vm.prank(creator);
        registry.setCurator(id, curator, true);
    }

    // ---------------------------------------------------------------- content

    function _hash(string memory label) internal pure returns (bytes32) {
        return keccak256(bytes(label));
    }

    /// `n` distinct content hashes derived from `seed`.
    function _hashes(uint256 seed, uint256 n) internal pure returns (bytes32[] memory hashes) {
        hashes = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            hashes[i] = keccak256(abi.encode("content", seed, i));
        }
    }

    function _one(bytes32 contentHash) internal pure returns (bytes32[] memory hashes) {
        hashes = new bytes32[](1);
        hashes[0] = contentHash;
    }

    function _uris(uint256 n) internal pure returns (string[] memory uris) {
        uris = new string[](n);
        for (uint256 i = 0; i < n; ++i) {
            uris[i] = URI;
        }
    }

    function _verdicts(uint256 n, uint8 verdict) internal pure returns (uint8[] memory verdicts) {
        verdicts = new uint8[](n);
        for (uint256 i = 0; i < n; ++i) {
            verdicts[i] = verdict;
        }
    }

    /// The salt the helpers use: any value works, it only has to stay secret until the reveal.
    function _salt(address who, bytes32[] memory hashes) internal pure returns (bytes32) {
        return keccak256(abi.encode("salt", who, hashes));
    }

    /// The commitment, computed here (not with `registry.commitmentOf`) so that building it makes
    /// no external call that a preceding `vm.prank` or `vm.expectRevert` would apply to.
    function _commitment(
        address who,
        uint256 datanetId,
        bytes32[] memory hashes,
        bytes32 salt
    ) internal pure returns (bytes32) {
        return keccak256(abi.encode(who, datanetId, keccak256(abi.encodePacked(hashes)), salt));
    }

    // ---------------------------------------------------------------- contributions

    /// `who` commits to `hashes` in `datanetId` with the helpers' salt, now.
    function _commit(address who, uint256 datanetId, bytes32[] memory hashes) internal returns (bytes32 commitment) {
        commitment = _commitment(who, datanetId, hashes, _salt(who, hashes));
        vm.prank(who);
        registry.commit(commitment);
    }

    /// Reveals what `_commit` committed (the commitment must be at least one second old).
    function _reveal(address who, uint256 datanetId, bytes32 contentHash) internal returns (uint256 id) {
        bytes32 salt = _salt(who, _one(contentHash));
        vm.prank(who);
        id = registry.contribute(datanetId, contentHash, URI, salt);
    }

    function _revealBatch(address who, uint256 datanetId, bytes32[] memory hashes) internal returns (uint256 firstId) {
        bytes32 salt = _salt(who, hashes);
        string[] memory uris = _uris(hashes.length);
        vm.prank(who);
        firstId = registry.contributeBatch(datanetId, hashes, uris, salt);
    }

    /// Commit, one second later reveal: one contribution of `who`.
    function _commitAndContribute(address who, uint256 datanetId, bytes32 contentHash) internal returns (uint256) {
        _commit(who, datanetId, _one(contentHash));
        _warpBy(1);
        return _reveal(who, datanetId, contentHash);
    }

    /// Commit, one second later reveal: a batch of `who`.
    function _commitAndContributeBatch(
        address who,
        uint256 datanetId,
        bytes32[] memory hashes
    ) internal returns (uint256) {
        _commit(who, datanetId, hashes);
        _warpBy(1);
        return _revealBatch(who, datanetId, hashes);
    }

    // ---------------------------------------------------------------- reviews

    function _review(address who, uint256 datanetId, bytes32[] memory hashes, uint8[] memory verdicts) internal {
        vm.prank(who);
        registry.review(datanetId, hashes, verdicts);
    }

    /// `curator` accepts every one of `hashes`.
    function _acceptAll(uint256 datanetId, bytes32[] memory hashes) internal {
        _review(curator, datanetId, hashes, _verdicts(hashes.length, uint8(IDatanetRegistry.Verdict.Accept)));
    }

    function _accept(uint256 datanetId, bytes32 contentHash) internal {
        _acceptAll(datanetId, _one(contentHash));
    }

    function _reject(uint256 datanetId, bytes32 contentHash, IDatanetRegistry.Verdict reason) internal {
        uint8[] memory verdicts = new uint8[](1);
        verdicts[0] = uint8(reason);
        _review(curator, datanetId, _one(contentHash), verdicts);
    }

    function _status(uint256 datanetId, bytes32 contentHash) internal view returns (IDatanetRegistry.Status) {
        return registry.getContribution(datanetId, contentHash).status;
    }

    // ---------------------------------------------------------------- versions

    /// The version tree of `hashes` (contributions of `datanetId`, in that order), leaves as
    /// ContributionLeaf hashes them, with the ids and contributors the registry recorded.
    function _versionTree(
        uint256 datanetId,
        bytes32[] memory hashes
    ) internal view returns (VersionTree memory t, bytes32 root) {
        t.contentHashes = hashes;
        t.leaves = new bytes32[](hashes.length);
        for (uint256 i = 0; i < hashes.length; ++i) {
            IDatanetRegistry.Contribution memory c = registry.getContribution(datanetId, hashes[i]);
            require(c.status != IDatanetRegistry.Status.None, "fixture: unknown contribution");
            t.leaves[i] = ContributionLeaf.hash(datanetId, c.id, c.contributor, hashes[i]);
        }
        t.levels = MerkleBuilder.build(t.leaves);
        root = MerkleBuilder.root(t.levels);
    }

    function _proof(VersionTree memory t, uint256 i) internal pure returns (bytes32[] memory) {
        return MerkleBuilder.proof(t.levels, i);
    }

    /// Contributes `n` contributions of `who` (one batch), accepts them all, publishes a version of
    /// them as `owner`, and returns its tree.
    function _publishAccepted(
        address who,
        uint256 datanetId,
        uint256 seed,
        uint256 n
    ) internal returns (VersionTree memory t, uint256 version) {
        bytes32[] memory hashes = _hashes(seed, n);
        _commitAndContributeBatch(who, datanetId, hashes);
        _acceptAll(datanetId, hashes);
        bytes32 root;
        (t, root) = _versionTree(datanetId, hashes);
        vm.prank(owner);
        version = registry.publishVersion(datanetId, root, n, MANIFEST_URI);
    }

    // ---------------------------------------------------------------- permits

    function _domainSeparator() internal view returns (bytes32) {
        return
            keccak256(
                abi.encode(DOMAIN_TYPEHASH, keccak256("OpenLedger"), keccak256("1"), block.chainid, address(token))
            );
    }

    /// A permit of `value` OPEN from the key's account to the registry, signed with `key`.
    function _signPermit(
        uint256 key,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, vm.addr(key), address(registry), value, nonce, deadline)
        );
        return vm.sign(key, keccak256(abi.encodePacked("\x19\x01", _domainSeparator(), structHash)));
    }

    // ---------------------------------------------------------------- errors

    function _err(bytes4 selector, uint256 datanetId, bytes32 contentHash) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(selector, datanetId, contentHash);
    }

    function _notPending(
        uint256 datanetId,
        bytes32 contentHash,
        IDatanetRegistry.Status status
    ) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IDatanetRegistry.DatanetNotPending.selector, datanetId, contentHash, status);
    }

    function _unknownDatanet(uint256 datanetId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IDatanetRegistry.DatanetUnknown.selector, datanetId);
    }
}
