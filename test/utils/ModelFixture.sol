// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {DatanetRegistry} from "../../contracts/DatanetRegistry.sol";
import {ModelRegistry} from "../../contracts/ModelRegistry.sol";
import {OpenToken} from "../../contracts/OpenToken.sol";
import {IDatanetRegistry} from "../../contracts/interfaces/IDatanetRegistry.sol";
import {IModelRegistry} from "../../contracts/interfaces/IModelRegistry.sol";
import {Test} from "./Test.sol";
import {vm} from "./Vm.sol";

/// @notice OPEN, a DatanetRegistry with real published versions, and a ModelRegistry with one
/// account per role; helpers to add base models, create models, publish, attest (directly or by
/// an EIP-712 signature) and activate adapters.
/// @dev The Datanet versions are made the way a Datanet owner makes them: commit, reveal a second
/// later, accept, publish. Tests then run at `NOW`.
abstract contract ModelFixture is Test {
    /// Tests run one day after START_TIME; the Datanets are built at START_TIME.
    uint256 internal constant NOW = START_TIME + 1 days;

    /// Private keys of the accounts that sign attestations (both below the secp256k1 order).
    uint256 internal constant TRAINER_KEY = uint256(keccak256("trainer key"));
    uint256 internal constant STRANGER_KEY = uint256(keccak256("stranger key"));

    /// Datanets built in setUp: TEXT has versions 1 and 2, CODE has version 1, DRAFT has an
    /// accepted contribution but no version, NO_DATANET was never created.
    uint64 internal constant TEXT = 1;
    uint64 internal constant CODE = 2;
    uint64 internal constant DRAFT = 3;
    uint64 internal constant NO_DATANET = 4;
    uint96 internal constant DATANET_STAKE = 1e18;

    string internal constant BASE_NAME = "Llama-3.1-8B";
    string internal constant LICENSE_URI = "https://www.llama.com/llama3_1/license/";
    string internal constant METADATA_URI = "ipfs://model-metadata";
    string internal constant ADAPTER_URI = "ipfs://adapter";
    uint32 internal constant SCORE = 8_750;
    bytes32 internal constant REPORT_HASH = keccak256("evaluation report");
    uint128 internal constant PRICE = 0.01e18;
    uint256 internal constant ATTESTATION_TTL = 1 hours;

    address internal immutable admin = _actor("admin");
    address internal immutable registrar = _actor("registrar");
    address internal immutable trainer = _signer("trainer", TRAINER_KEY);
    address internal immutable builder = _actor("builder");
    address internal immutable otherBuilder = _actor("other builder");
    address internal immutable stranger = _actor("stranger");
    address internal immutable datanetOwner = _actor("datanet owner");
    address internal immutable contributor = _actor("contributor");

    bytes32 internal REGISTRAR_ROLE;
    bytes32 internal TRAINER_ROLE;

    OpenToken internal token;
    DatanetRegistry internal datanets;
    ModelRegistry internal registry;

    /// Makes every hash the helpers invent distinct.
    uint256 private _nonce;

    function setUp() public virtual {
        vm.warp(START_TIME);
        token = new OpenToken(contributor);
        datanets = new DatanetRegistry(IERC20(address(token)));
        registry = _deployRegistry();
        REGISTRAR_ROLE = registry.REGISTRAR_ROLE();
        TRAINER_ROLE = registry.TRAINER_ROLE();

        require(_newDatanet(2) == TEXT, "fixture: TEXT");
        require(_newDatanet(1) == CODE, "fixture: CODE");
        require(_newDatanet(0) == DRAFT, "fixture: DRAFT");
        vm.warp(NOW);
    }

    /// A ModelRegistry on `datanets` whose admin granted REGISTRAR_ROLE and TRAINER_ROLE.
    function _deployRegistry() internal returns (ModelRegistry r) {
        r = new ModelRegistry(datanets, admin);
        vm.startPrank(admin);
        r.grantRole(r.REGISTRAR_ROLE(), registrar);
        r.grantRole(r.TRAINER_ROLE(), trainer);
        vm.stopPrank();
    }

    function _actor(string memory name) internal returns (address account) {
        account = address(uint160(uint256(keccak256(bytes(name)))));
        vm.label(account, name);
    }

    function _signer(string memory name, uint256 key) internal returns (address account) {
        account = vm.addr(key);
        vm.label(account, name);
    }

    function _nextHash(string memory what) internal returns (bytes32) {
        return keccak256(abi.encode(what, ++_nonce));
    }

    // ---------------------------------------------------------------- datanets

    /// A Datanet owned by `datanetOwner` with one accepted contribution and `versions` versions.
    function _newDatanet(uint256 versions) internal returns (uint64 datanetId) {
        vm.prank(datanetOwner);
        datanetId = uint64(
            datanets.createDatanet(
                IDatanetRegistry.DatanetParams({
                    metadataURI: "ipfs://datanet",
                    license: "CC-BY-4.0",
                    stake: DATANET_STAKE,
                    reviewPeriod: 7 days,
                    treasury: datanetOwner
                })
            )
        );
        _acceptContribution(datanetId);
        _publishVersions(datanetId, versions);
    }

    /// `contributor` commits, reveals a second later, and the owner accepts the contribution.
    function _acceptContribution(uint64 datanetId) internal {
        bytes32[] memory contentHashes = new bytes32[](1);
        contentHashes[0] = _nextHash("content");
        bytes32 salt = _nextHash("salt");
        bytes32 commitment = datanets.commitmentOf(contributor, datanetId, contentHashes, salt);
        vm.startPrank(contributor);
        datanets.commit(commitment);
        vm.warp(vm.getBlockTimestamp() + 1);
        token.approve(address(datanets), DATANET_STAKE);
        datanets.contribute(datanetId, contentHashes[0], "ipfs://content", salt);
        vm.stopPrank();
        uint8[] memory verdicts = new uint8[](1); // Accept
        vm.prank(datanetOwner);
        datanets.review(datanetId, contentHashes, verdicts);
    }

    /// Publishes `count` more versions of an existing Datanet, each of its accepted contribution.
    function _publishVersions(uint64 datanetId, uint256 count) internal {
        for (uint256 i = 0; i < count; ++i) {
            bytes32 root = _nextHash("version root");
            vm.prank(datanetOwner);
            datanets.publishVersion(datanetId, root, 1, "ipfs://manifest");
        }
    }

    // ---------------------------------------------------------------- base models and models

    function _addBaseModel() internal returns (uint256) {
        return _addBaseModel(_nextHash("base weights"));
    }

    function _addBaseModel(bytes32 weightsHash) internal returns (uint256 baseModelId) {
        vm.prank(registrar);
        baseModelId = registry.addBaseModel(BASE_NAME, weightsHash, LICENSE_URI);
    }

    function _src(uint64 datanetId, uint32 version) internal pure returns (IModelRegistry.DatanetVersion memory) {
        return IModelRegistry.DatanetVersion({datanetId: datanetId, version: version});
    }

    function _oneSource(
        uint64 datanetId,
        uint32 version
    ) internal pure returns (IModelRegistry.DatanetVersion[] memory s) {
        s = new IModelRegistry.DatanetVersion[](1);
        s[0] = _src(datanetId, version);
    }

    function _twoSources(
        IModelRegistry.DatanetVersion memory a,
        IModelRegistry.DatanetVersion memory b
    ) internal pure returns (IModelRegistry.DatanetVersion[] memory s) {
        s = new IModelRegistry.DatanetVersion[](2);
        (s[0], s[1]) = (a, b);
    }

    /// The default sources: TEXT v2 and CODE v1.
    function _sources() internal pure returns (IModelRegistry.DatanetVersion[] memory) {
        return _twoSources(_src(TEXT, 2), _src(CODE, 1));
    }

    function _createModel(address who, uint256 baseModelId) internal returns (uint256) {
        return _createModel(who, baseModelId, _sources());
    }

    function _createModel(
        address who,
        uint256 baseModelId,
        IModelRegistry.DatanetVersion[] memory sources
    ) internal returns (uint256 modelId) {
        vm.prank(who);
        modelId = registry.createModel(baseModelId, sources, METADATA_URI);
    }

    // ---------------------------------------------------------------- adapters

    /// Adapter parameters with fresh hashes.
    function _params() internal returns (IModelRegistry.AdapterParams memory) {
        return
            IModelRegistry.AdapterParams({
                adapterHash: _nextHash("adapter weights"),
                configHash: _nextHash("adapter config"),
                manifestHash: _nextHash("training manifest"),
                uri: ADAPTER_URI
            });
    }

    function _publishAdapter(address who, uint256 modelId) internal returns (uint256) {
        return _publishAdapter(who, modelId, _params());
    }

    function _publishAdapter(
        address who,
        uint256 modelId,
        IModelRegistry.AdapterParams memory params
    ) internal returns (uint256 adapterId) {
        vm.prank(who);
        adapterId = registry.publishAdapter(modelId, params);
    }

    /// `trainer` verifies the adapter directly, with SCORE and REPORT_HASH.
    function _attest(uint256 adapterId) internal {
        vm.prank(trainer);
        registry.attest(adapterId, SCORE, REPORT_HASH);
    }

    /// An attestation of the adapter's own weights with SCORE and REPORT_HASH, valid for an hour.
    function _attestation(uint256 adapterId) internal view returns (IModelRegistry.Attestation memory) {
        return _attestationOf(registry, adapterId);
    }

    function _attestationOf(
        ModelRegistry r,
        uint256 adapterId
    ) internal view returns (IModelRegistry.Attestation memory) {
        return
            IModelRegistry.Attestation({
                adapterId: adapterId,
                adapterHash: r.getAdapter(adapterId).adapterHash,
                score: SCORE,
                reportHash: REPORT_HASH,
                deadline: vm.getBlockTimestamp() + ATTESTATION_TTL
            });
    }

    /// `key`'s 65-byte signature (r, s, v) of the attestation in this registry's domain.
    function _sign(uint256 key, IModelRegistry.Attestation memory att) internal view returns (bytes memory) {
        return _signFor(registry, key, att);
    }

    function _signFor(
        ModelRegistry r,
        uint256 key,
        IModelRegistry.Attestation memory att
    ) internal view returns (bytes memory) {
        (uint8 v, bytes32 r_, bytes32 s) = vm.sign(key, r.attestationDigest(att));
        return abi.encodePacked(r_, s, v);
    }

    function _activate(address who, uint256 adapterId, uint128 price) internal {
        vm.prank(who);
        registry.activateAdapter(adapterId, price);
    }

    /// A model of `who` on a fresh base model, with one published adapter.
    function _publishedAdapter(address who) internal returns (uint256 modelId, uint256 adapterId) {
        modelId = _createModel(who, _addBaseModel());
        adapterId = _publishAdapter(who, modelId);
    }

    function _verifiedAdapter(address who) internal returns (uint256 modelId, uint256 adapterId) {
        (modelId, adapterId) = _publishedAdapter(who);
        _attest(adapterId);
    }

    function _activeAdapter(address who) internal returns (uint256 modelId, uint256 adapterId) {
        (modelId, adapterId) = _verifiedAdapter(who);
        _activate(who, adapterId, PRICE);
    }

    function _status(uint256 adapterId) internal view returns (uint256) {
        return uint256(registry.getAdapter(adapterId).status);
    }

    // ---------------------------------------------------------------- expected reverts

    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    function _notBuilder(uint256 modelId, address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelNotBuilder.selector, modelId, account);
    }

    function _wrongStatus(uint256 adapterId, IModelRegistry.AdapterStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelWrongAdapterStatus.selector, adapterId, status);
    }

    function _invalidSignature(address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelInvalidSignature.selector, account);
    }

    function _unknownBaseModel(uint256 baseModelId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelUnknownBaseModel.selector, baseModelId);
    }

    function _unknownModel(uint256 modelId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelUnknownModel.selector, modelId);
    }

    function _unknownAdapter(uint256 adapterId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelUnknownAdapter.selector, adapterId);
    }

    function _unknownVersion(uint256 datanetId, uint256 version) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelUnknownDatanetVersion.selector, datanetId, version);
    }

    function _notSorted(uint256 index) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelSourcesNotSorted.selector, index);
    }
}
