// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DatanetRegistry} from "../../contracts/DatanetRegistry.sol";
import {ModelRegistry} from "../../contracts/ModelRegistry.sol";
import {IModelRegistry} from "../../contracts/interfaces/IModelRegistry.sol";
import {MockERC1271Trainer} from "../utils/MockERC1271Trainer.sol";
import {Test} from "../utils/Test.sol";
import {vm} from "../utils/Vm.sol";

/// @notice Drives a ModelRegistry (and the Datanet versions it builds on) through valid calls only:
/// the invariant profile fails on any revert, so every action checks its preconditions and returns
/// early when nothing valid is possible. It plays the registrar, the trainers (an EOA attesting
/// directly or by signature, and an ERC-1271 contract), the builders and the Datanet owner, and
/// keeps ghost copies of what the invariants compare the registry against.
contract ModelHandler is Test {
    uint256 public constant BUILDERS = 3;
    /// The Datanets of ModelFixture, each with an accepted contribution to publish versions of.
    uint64[3] internal _datanetIds = [1, 2, 3];

    ModelRegistry public immutable registry;
    DatanetRegistry public immutable datanets;
    MockERC1271Trainer public immutable contractTrainer;
    address internal immutable _registrar;
    address internal immutable _trainer;
    uint256 internal immutable _trainerKey;
    address internal immutable _datanetOwner;
    address[BUILDERS] internal _builders;

    // ---------------------------------------------------------------- ghosts

    uint256 public ghostBaseModels;
    uint256 public ghostModels;
    uint256 public ghostAdapters;
    /// A create call that returned another id than the previous count + 1.
    uint256 public idMismatches;
    mapping(uint256 baseModelId => bool) public ghostRetired;
    mapping(uint256 modelId => address) public ghostBuilder;
    mapping(uint256 adapterId => IModelRegistry.AdapterStatus) public ghostStatus;
    mapping(uint256 adapterId => uint256) public ghostPrice;
    mapping(uint256 adapterId => address) public ghostVerifier;
    /// Calls the interface forbids, tried along the way: how many succeeded, and how many failed
    /// with another error than the one the interface names.
    uint256 public forbiddenAttempts;
    uint256 public forbiddenSuccesses;
    uint256 public forbiddenWrongErrors;
    /// How often each action got past its guards and made its transition.
    mapping(bytes4 action => uint256) public transitions;

    constructor(
        ModelRegistry registry_,
        DatanetRegistry datanets_,
        address registrar,
        address trainer,
        uint256 trainerKey,
        address datanetOwner,
        address[BUILDERS] memory builders
    ) {
        registry = registry_;
        datanets = datanets_;
        contractTrainer = new MockERC1271Trainer();
        _registrar = registrar;
        _trainer = trainer;
        _trainerKey = trainerKey;
        _datanetOwner = datanetOwner;
        _builders = builders;
    }

    // ================================================================ actions

    function addBaseModel(uint256 seed) external {
        bytes32 weightsHash = keccak256(abi.encode("base weights", seed, ghostBaseModels));
        vm.prank(_registrar);
        uint256 id = registry.addBaseModel("base", weightsHash, "ipfs://licence");
        if (id != ++ghostBaseModels) idMismatches++;
        transitions[this.addBaseModel.selector]++;
    }

    function retireBaseModel(uint256 seed) external {
        uint256 id = _liveBaseModel(seed);
        if (id == 0) return;
        vm.prank(_registrar);
        registry.retireBaseModel(id);
        ghostRetired[id] = true;
        transitions[this.retireBaseModel.selector]++;
    }

    /// A builder creates a model on a live base model from a random sorted choice of the published
    /// Datanet versions.
    function createModel(uint256 builderSeed, uint256 baseSeed, uint256 sourceSeed) external {
        uint256 base = _liveBaseModel(baseSeed);
        if (base == 0) return;
        IModelRegistry.DatanetVersion[] memory sources = _randomSources(sourceSeed);
        if (sources.length == 0) return; // unreachable: the fixture publishes versions
        address builder = _builders[builderSeed % BUILDERS];
        vm.prank(builder);
        uint256 id = registry.createModel(base, sources, "ipfs://model");
        if (id != ++ghostModels) idMismatches++;
        ghostBuilder[id] = builder;
        transitions[this.createModel.selector]++;

        // The next, unpublished version of a Datanet is not a source.
        uint64 datanetId = _datanetIds[sourceSeed % _datanetIds.length];
        uint32 unpublished = uint32(datanets.versionCount(datanetId) + 1);
        IModelRegistry.DatanetVersion[] memory bad = new IModelRegistry.DatanetVersion[](1);
        bad[0] = IModelRegistry.DatanetVersion(datanetId, unpublished);
        vm.prank(builder);
        try registry.createModel(base, bad, "ipfs://model") {
            forbiddenSuccesses++;
        } catch (bytes memory reason) {
            _checkReason(
                reason,
                abi.encodeWithSelector(IModelRegistry.ModelUnknownDatanetVersion.selector, datanetId, unpublished)
            );
        }
    }

    function publishAdapter(uint256 modelSeed) external {
        if (ghostModels == 0) return;
        uint256 modelId = (modelSeed % ghostModels) + 1;
        uint256 next = ghostAdapters + 1;
        IModelRegistry.AdapterParams memory params = IModelRegistry.AdapterParams({
            adapterHash: keccak256(abi.encode("adapter weights", next)),
            configHash: keccak256(abi.encode("config", modelSeed)),
            manifestHash: keccak256(abi.encode("manifest", next)),
            uri: "ipfs://adapter"
        });
        vm.prank(ghostBuilder[modelId]);
        uint256 id = registry.publishAdapter(modelId, params);
        if (id != next) idMismatches++;
        ghostAdapters = next;
        ghostStatus[id] = IModelRegistry.AdapterStatus.Published;
        transitions[this.publishAdapter.selector]++;
    }

    /// Verifies a published adapter: the EOA trainer directly (`how` 0) or by a relayed signature
    /// (1), or the contract trainer by ERC-1271 (2).
    function attest(uint256 adapterSeed, uint32 score, uint8 how) external {
        uint256 id = _adapterWith(adapterSeed, IModelRegistry.AdapterStatus.Published, false);
        if (id == 0) return;
        bytes32 reportHash = keccak256(abi.encode("report", id, score));
        address verifier;
        if (how % 3 == 0) {
            vm.prank(_trainer);
            registry.attest(id, score, reportHash);
            verifier = _trainer;
        } else {
            IModelRegistry.Attestation memory att = IModelRegistry.Attestation({
                adapterId: id,
                adapterHash: registry.getAdapter(id).adapterHash,
                score: score,
                reportHash: reportHash,
                deadline: vm.getBlockTimestamp() + 1 hours
            });
            bytes32 digest = registry.attestationDigest(att);
            bytes memory signature;
            if (how % 3 == 1) {
                (uint8 v, bytes32 r, bytes32 s) = vm.sign(_trainerKey, digest);
                signature = abi.encodePacked(r, s, v);
                verifier = _trainer;
            } else {
                contractTrainer.approve(digest);
                verifier = address(contractTrainer);
            }
            registry.attestWithSignature(att, verifier, signature);
        }
        ghostStatus[id] = IModelRegistry.AdapterStatus.Verified;
        ghostVerifier[id] = verifier;
        transitions[this.attest.selector]++;

        // Verification happens once.
        vm.prank(_trainer);
        try registry.attest(id, score, reportHash) {
            forbiddenSuccesses++;
        } catch (bytes memory reason) {
            _checkReason(
                reason,
                abi.encodeWithSelector(
                    IModelRegistry.ModelWrongAdapterStatus.selector,
                    id,
                    IModelRegistry.AdapterStatus.Verified
                )
            );
        }
    }

    /// The builder activates a verified adapter, or changes the price of an active one.
    function activate(uint256 adapterSeed, uint128 price) external {
        uint256 id = _adapterWith(adapterSeed, IModelRegistry.AdapterStatus.Verified, true);
        if (id == 0) return;
        price = uint128(bound(price, 1, type(uint128).max));
        vm.prank(ghostBuilder[registry.getAdapter(id).modelId]);
        registry.activateAdapter(id, price);
        ghostStatus[id] = IModelRegistry.AdapterStatus.Active;
        ghostPrice[id] = price;
        transitions[this.activate.selector]++;

        // Another builder cannot price it...
        uint256 modelId = registry.getAdapter(id).modelId;
        address intruder = _otherBuilder(ghostBuilder[modelId]);
        vm.prank(intruder);
        try registry.activateAdapter(id, price) {
            forbiddenSuccesses++;
        } catch (bytes memory reason) {
            _checkReason(reason, abi.encodeWithSelector(IModelRegistry.ModelNotBuilder.selector, modelId, intruder));
        }
        // ...and an unverified adapter cannot be activated, even by its builder.
        uint256 unverified = _adapterWith(adapterSeed, IModelRegistry.AdapterStatus.Published, false);
        if (unverified == 0) return;
        vm.prank(ghostBuilder[registry.getAdapter(unverified).modelId]);
        try registry.activateAdapter(unverified, price) {
            forbiddenSuccesses++;
        } catch (bytes memory reason) {
            _checkReason(
                reason,
                abi.encodeWithSelector(
                    IModelRegistry.ModelWrongAdapterStatus.selector,
                    unverified,
                    IModelRegistry.AdapterStatus.Published
                )
            );
        }
    }

    function deactivate(uint256 adapterSeed) external {
        uint256 id = _adapterWith(adapterSeed, IModelRegistry.AdapterStatus.Active, false);
        if (id == 0) return;
        vm.prank(ghostBuilder[registry.getAdapter(id).modelId]);
        registry.deactivateAdapter(id);
        ghostStatus[id] = IModelRegistry.AdapterStatus.Verified;
        transitions[this.deactivate.selector]++;

        // Only an active adapter is deactivated.
        vm.prank(ghostBuilder[registry.getAdapter(id).modelId]);
        try registry.deactivateAdapter(id) {
            forbiddenSuccesses++;
        } catch (bytes memory reason) {
            _checkReason(
                reason,
                abi.encodeWithSelector(
                    IModelRegistry.ModelWrongAdapterStatus.selector,
                    id,
                    IModelRegistry.AdapterStatus.Verified
                )
            );
        }
    }

    /// The Datanet owner publishes another version, which new models may then use.
    function publishDatanetVersion(uint256 seed) external {
        uint64 datanetId = _datanetIds[seed % _datanetIds.length];
        vm.prank(_datanetOwner);
        datanets.publishVersion(datanetId, keccak256(abi.encode("root", seed)), 1, "ipfs://manifest");
        transitions[this.publishDatanetVersion.selector]++;
    }

    // ================================================================ internals

    function _checkReason(bytes memory reason, bytes memory expected) internal {
        forbiddenAttempts++;
        if (keccak256(reason) != keccak256(expected)) forbiddenWrongErrors++;
    }

    function _otherBuilder(address builder) internal view returns (address) {
        for (uint256 i = 0; i < BUILDERS; ++i) {
            if (_builders[i] == builder) return _builders[(i + 1) % BUILDERS];
        }
        revert("handler: not a builder");
    }

    /// A live base model, searching from a random one; 0 if all are retired.
    function _liveBaseModel(uint256 seed) internal view returns (uint256) {
        uint256 count = ghostBaseModels;
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = (((seed % count) + i) % count) + 1;
            if (!ghostRetired[id]) return id;
        }
        return 0;
    }

    /// An adapter in `status` (or, with `orActive`, Active), searching from a random one; 0 if none.
    function _adapterWith(
        uint256 seed,
        IModelRegistry.AdapterStatus status,
        bool orActive
    ) internal view returns (uint256) {
        uint256 count = ghostAdapters;
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = (((seed % count) + i) % count) + 1;
            IModelRegistry.AdapterStatus s = ghostStatus[id];
            if (s == status || (orActive && s == IModelRegistry.AdapterStatus.Active)) return id;
        }
        return 0;
    }

    /// Each published version with probability 1/2, in (datanetId, version) order, at most 32;
    /// the first published version if the draw picked none.
    function _randomSources(uint256 seed) internal view returns (IModelRegistry.DatanetVersion[] memory sources) {
        IModelRegistry.DatanetVersion[] memory picked = new IModelRegistry.DatanetVersion[](32);
        IModelRegistry.DatanetVersion memory first;
        uint256 n;
        uint256 bit;
        for (uint256 d = 0; d < _datanetIds.length; ++d) {
            uint64 datanetId = _datanetIds[d];
            uint256 versions = datanets.versionCount(datanetId);
            for (uint256 v = 1; v <= versions && n < 32; ++v) {
                IModelRegistry.DatanetVersion memory source = IModelRegistry.DatanetVersion(datanetId, uint32(v));
                if (first.version == 0) first = source;
                if (uint256(keccak256(abi.encode(seed, bit++))) % 2 == 0) picked[n++] = source;
            }
        }
        if (n == 0 && first.version != 0) picked[n++] = first;
        sources = new IModelRegistry.DatanetVersion[](n);
        for (uint256 i = 0; i < n; ++i) sources[i] = picked[i];
    }
}
