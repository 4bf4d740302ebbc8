// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {IDatanetRegistry} from "./interfaces/IDatanetRegistry.sol";
import {IModelRegistry} from "./interfaces/IModelRegistry.sol";
import {Pagination} from "./libraries/Pagination.sol";

/// @title ModelRegistry
/// @notice Base models, models built on Datanet versions, and verified LoRA adapters with a price.
/// See {IModelRegistry}.
contract ModelRegistry is IModelRegistry, AccessControlDefaultAdminRules, EIP712 {
    /// @inheritdoc IModelRegistry
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @inheritdoc IModelRegistry
    bytes32 public constant TRAINER_ROLE = keccak256("TRAINER_ROLE");
    /// @inheritdoc IModelRegistry
    /// @dev Bounds the loops of `createModel` and the size of `ModelCreated`.
    uint256 public constant MAX_SOURCES = 32;
    /// @dev keccak256("Attestation(uint256 adapterId,bytes32 adapterHash,uint32 score,bytes32 reportHash,uint256 deadline)")
    bytes32 private constant _ATTESTATION_TYPEHASH = keccak256(
        "Attestation(uint256 adapterId,bytes32 adapterHash,uint32 score,bytes32 reportHash,uint256 deadline)"
    );
    /// @dev Delay of a default-admin transfer (AccessControlDefaultAdminRules).
    uint48 private constant _ADMIN_TRANSFER_DELAY = 2 days;

    IDatanetRegistry private immutable _DATANETS;

    uint256 private _baseModelCount;
    uint256 private _modelCount;
    uint256 private _adapterCount;
    mapping(uint256 baseModelId => BaseModel) private _baseModels;
    mapping(bytes32 weightsHash => uint256 baseModelId) private _baseModelByWeights;
    mapping(uint256 modelId => Model) private _models;
    mapping(uint256 modelId => mapping(uint256 version => uint256 adapterId)) private _modelAdapters;
    /// @dev `modelId`, `version`, `status` and `pricePerCall` share the first slot (64 + 32 + 8 + 128
    /// bits), so `servingTerms` reads one adapter slot and the builder.
    mapping(uint256 adapterId => Adapter) private _adapters;
    mapping(bytes32 adapterHash => uint256 adapterId) private _adapterByHash;

    constructor(
        IDatanetRegistry datanets_,
        address admin
    ) AccessControlDefaultAdminRules(_ADMIN_TRANSFER_DELAY, admin) EIP712("OpenAttribution ModelRegistry", "1") {
        if (address(datanets_).code.length == 0) revert ModelDatanetRegistryHasNoCode(address(datanets_));
        _DATANETS = datanets_;
    }

    // ---------------------------------------------------------------- base models

    /// @inheritdoc IModelRegistry
    function addBaseModel(
        string calldata name,
        bytes32 weightsHash,
        string calldata licenseURI
    ) external onlyRole(REGISTRAR_ROLE) returns (uint256 baseModelId) {
        if (weightsHash == 0) revert ModelZeroHash();
        if (bytes(name).length == 0 || bytes(licenseURI).length == 0) revert ModelEmptyString();
        uint256 existing = _baseModelByWeights[weightsHash];
        if (existing != 0) revert ModelDuplicateBaseModel(weightsHash, existing);

        baseModelId = ++_baseModelCount;
        _baseModelByWeights[weightsHash] = baseModelId;
        _baseModels[baseModelId] = BaseModel({
            weightsHash: weightsHash,
            retired: false,
            name: name,
            licenseURI: licenseURI
        });
        emit BaseModelAdded(baseModelId, weightsHash, name, licenseURI);
    }

    /// @inheritdoc IModelRegistry
    function retireBaseModel(uint256 baseModelId) external onlyRole(REGISTRAR_ROLE) {
        BaseModel storage base = _baseModel(baseModelId);
        if (base.retired) revert ModelBaseModelRetired(baseModelId);
        base.retired = true;
        emit BaseModelRetired(baseModelId);
    }

    // ---------------------------------------------------------------- models and adapters

    /// @inheritdoc IModelRegistry
    function createModel(
        uint256 baseModelId,
        DatanetVersion[] calldata sources,
        string calldata metadataURI
    ) external returns (uint256 modelId) {
        if (_baseModel(baseModelId).retired) revert ModelBaseModelRetired(baseModelId);
        if (bytes(metadataURI).length == 0) revert ModelEmptyString();
        uint256 length = sources.length;
        if (length == 0 || length > MAX_SOURCES) revert ModelSourceCountOutOfRange(length, MAX_SOURCES);

        modelId = ++_modelCount;
        Model storage model = _models[modelId];
        model.builder = msg.sender;
        model.baseModelId = uint64(baseModelId); // baseModelId ≤ _baseModelCount, far below 2^64
        model.metadataURI = metadataURI;
        uint256 previousKey;
        for (uint256 i; i < length; ++i) {
            DatanetVersion calldata source = sources[i];
            // Strictly increasing (datanetId, version) keys: sorted and no repeats in one pass. The
            // first source has nothing to be sorted against (an all-zero one is unknown, below).
            uint256 key = (uint256(source.datanetId) << 32) | source.version;
            if (key <= previousKey && i != 0) revert ModelSourcesNotSorted(i);
            previousKey = key;
            if (source.version == 0 || source.version > _DATANETS.versionCount(source.datanetId)) {
                revert ModelUnknownDatanetVersion(source.datanetId, source.version);
            }
            model.sources.push(source);
        }
        emit ModelCreated(modelId, msg.sender, baseModelId, sources, metadataURI);
    }

    /// @inheritdoc IModelRegistry
    function publishAdapter(uint256 modelId, AdapterParams calldata params) external returns (uint256 adapterId) {
        Model storage model = _builtByCaller(modelId);
        if (params.adapterHash == 0 || params.configHash == 0 || params.manifestHash == 0) revert ModelZeroHash();
        if (bytes(params.uri).length == 0) revert ModelEmptyString();
        uint256 existing = _adapterByHash[params.adapterHash];
        if (existing != 0) revert ModelDuplicateAdapter(params.adapterHash, existing);

        adapterId = ++_adapterCount;
        uint32 version = model.adapterCount + 1; // < 2^32 adapters per model: unreachable
        model.adapterCount = version;
        _modelAdapters[modelId][version] = adapterId;
        _adapterByHash[params.adapterHash] = adapterId;
        Adapter storage adapter = _adapters[adapterId];
        adapter.modelId = uint64(modelId); // modelId ≤ _modelCount, far below 2^64
        adapter.version = version;
        adapter.status = AdapterStatus.Published;
        adapter.adapterHash = params.adapterHash;
        adapter.configHash = params.configHash;
        adapter.manifestHash = params.manifestHash;
        adapter.uri = params.uri;
        emit AdapterPublished(
            adapterId,
            modelId,
            version,
            params.adapterHash,
            params.configHash,
            params.manifestHash,
            params.uri
        );
    }

    /// @inheritdoc IModelRegistry
    function attest(uint256 adapterId, uint32 score, bytes32 reportHash) external onlyRole(TRAINER_ROLE) {
        _verify(adapterId, msg.sender, score, reportHash);
    }

    /// @inheritdoc IModelRegistry
    /// @dev Replay: the EIP-712 domain binds chain and contract; the typed data binds the adapter and
    /// its weights; an adapter is verified once (`ModelWrongAdapterStatus` afterwards).
    function attestWithSignature(Attestation calldata attestation, address trainer, bytes calldata signature) external {
        if (block.timestamp > attestation.deadline) revert ModelAttestationExpired(attestation.deadline);
        if (!hasRole(TRAINER_ROLE, trainer)) revert ModelNotTrainer(trainer);
        Adapter storage adapter = _adapter(attestation.adapterId);
        if (attestation.adapterHash != adapter.adapterHash) {
            revert ModelAttestationHashMismatch(attestation.adapterId, adapter.adapterHash, attestation.adapterHash);
        }
        if (!SignatureChecker.isValidSignatureNow(trainer, _attestationDigest(attestation), signature)) {
            revert ModelInvalidSignature(trainer);
        }
        _verify(attestation.adapterId, trainer, attestation.score, attestation.reportHash);
    }

    /// @inheritdoc IModelRegistry
    function activateAdapter(uint256 adapterId, uint128 pricePerCall) external {
        Adapter storage adapter = _adapter(adapterId);
        uint256 modelId = adapter.modelId;
        _builtByCaller(modelId);
        AdapterStatus status = adapter.status;
        if (status != AdapterStatus.Verified && status != AdapterStatus.Active) {
            revert ModelWrongAdapterStatus(adapterId, status);
        }
        if (pricePerCall == 0) revert ModelZeroPrice();
        adapter.status = AdapterStatus.Active;
        adapter.pricePerCall = pricePerCall;
        emit AdapterActivated(adapterId, modelId, pricePerCall);
    }

    /// @inheritdoc IModelRegistry
    function deactivateAdapter(uint256 adapterId) external {
        Adapter storage adapter = _adapter(adapterId);
        uint256 modelId = adapter.modelId;
        _builtByCaller(modelId);
        if (adapter.status != AdapterStatus.Active) revert ModelWrongAdapterStatus(adapterId, adapter.status);
        adapter.status = AdapterStatus.Verified;
        emit AdapterDeactivated(adapterId, modelId);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IModelRegistry
    function datanets() external view returns (IDatanetRegistry) {
        return _DATANETS;
    }

    /// @inheritdoc IModelRegistry
    function baseModelCount() external view returns (uint256) {
        return _baseModelCount;
    }

    /// @inheritdoc IModelRegistry
    function modelCount() external view returns (uint256) {
        return _modelCount;
    }

    /// @inheritdoc IModelRegistry
    function adapterCount() external view returns (uint256) {
        return _adapterCount;
    }

    /// @inheritdoc IModelRegistry
    function getBaseModel(uint256 baseModelId) external view returns (BaseModel memory) {
        return _baseModel(baseModelId);
    }

    /// @inheritdoc IModelRegistry
    function getBaseModels(uint256 fromId, uint256 limit) external view returns (BaseModel[] memory page) {
        page = new BaseModel[](Pagination.size(fromId, limit, _baseModelCount));
        for (uint256 i; i < page.length; ++i) {
            page[i] = _baseModels[fromId + i];
        }
    }

    /// @inheritdoc IModelRegistry
    function getModel(uint256 modelId) external view returns (Model memory) {
        return _model(modelId);
    }

    /// @inheritdoc IModelRegistry
    function getModels(uint256 fromId, uint256 limit) external view returns (Model[] memory page) {
        page = new Model[](Pagination.size(fromId, limit, _modelCount));
        for (uint256 i; i < page.length; ++i) {
            page[i] = _models[fromId + i];
        }
    }

    /// @inheritdoc IModelRegistry
    function getAdapter(uint256 adapterId) external view returns (Adapter memory) {
        return _adapter(adapterId);
    }

    /// @inheritdoc IModelRegistry
    function getModelAdapters(
        uint256 modelId,
        uint256 fromVersion,
        uint256 limit
    ) external view returns (uint256[] memory page) {
        Model storage model = _model(modelId);
        page = new uint256[](Pagination.size(fromVersion, limit, model.adapterCount));
        for (uint256 i; i < page.length; ++i) {
            page[i] = _modelAdapters[modelId][fromVersion + i];
        }
    }

    /// @inheritdoc IModelRegistry
    function servingTerms(
        uint256 adapterId
    ) external view returns (uint256 modelId, address builder, uint256 pricePerCall) {
        Adapter storage adapter = _adapters[adapterId];
        AdapterStatus status = adapter.status;
        if (status != AdapterStatus.Active) {
            if (status == AdapterStatus.None) revert ModelUnknownAdapter(adapterId);
            revert ModelWrongAdapterStatus(adapterId, status);
        }
        modelId = adapter.modelId;
        return (modelId, _models[modelId].builder, adapter.pricePerCall);
    }

    /// @inheritdoc IModelRegistry
    function attestationDigest(Attestation calldata attestation) external view returns (bytes32) {
        return _attestationDigest(attestation);
    }

    // ---------------------------------------------------------------- internals

    function _verify(uint256 adapterId, address trainer, uint32 score, bytes32 reportHash) private {
        Adapter storage adapter = _adapter(adapterId);
        if (adapter.status != AdapterStatus.Published) revert ModelWrongAdapterStatus(adapterId, adapter.status);
        if (reportHash == 0) revert ModelZeroHash();
        adapter.status = AdapterStatus.Verified;
        adapter.score = score;
        adapter.verifiedBy = trainer;
        adapter.reportHash = reportHash;
        emit AdapterVerified(adapterId, trainer, score, reportHash);
    }

    function _attestationDigest(Attestation calldata attestation) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        _ATTESTATION_TYPEHASH,
                        attestation.adapterId,
                        attestation.adapterHash,
                        attestation.score,
                        attestation.reportHash,
                        attestation.deadline
                    )
                )
            );
    }

    function _baseModel(uint256 baseModelId) private view returns (BaseModel storage base) {
        base = _baseModels[baseModelId];
        if (base.weightsHash == 0) revert ModelUnknownBaseModel(baseModelId);
    }

    function _model(uint256 modelId) private view returns (Model storage model) {
        model = _models[modelId];
        if (model.builder == address(0)) revert ModelUnknownModel(modelId);
    }

    function _builtByCaller(uint256 modelId) private view returns (Model storage model) {
        model = _model(modelId);
        if (model.builder != msg.sender) revert ModelNotBuilder(modelId, msg.sender);
    }

    function _adapter(uint256 adapterId) private view returns (Adapter storage adapter) {
        adapter = _adapters[adapterId];
        if (adapter.status == AdapterStatus.None) revert ModelUnknownAdapter(adapterId);
    }
}
