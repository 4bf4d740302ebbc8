// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IDatanetRegistry} from "./IDatanetRegistry.sol";

/// @title IModelRegistry
/// @notice ModelFactory and OpenLoRA on-chain: base models, models fine-tuned from published Datanet
/// versions, and the LoRA adapter versions builders publish for them. A trainer verifies an adapter
/// (its weights hash, an evaluation score and a report); only a verified adapter can be activated
/// for serving, at a price per call in OPEN that the UsageLedger charges.
///
/// Roles (admin through `AccessControlDefaultAdminRules`: two-step, delayed transfer):
/// - `DEFAULT_ADMIN_ROLE`: grants and revokes the roles below. Nothing else.
/// - `REGISTRAR_ROLE`: adds base models and retires them (no new model on a retired base; models
///   and adapters already built on it keep serving).
/// - `TRAINER_ROLE`: verifies adapters, directly (`attest`) or by signing an EIP-712 `Attestation`
///   anyone may relay (`attestWithSignature`; EOA or ERC-1271 signers). A trainer cannot activate,
///   price or change an adapter.
/// - a model's builder (its creator): publishes its adapters, activates them with a price,
///   deactivates them.
///
/// Lifecycle of an adapter: Published → (attest) Verified → (activate) Active ⇄ (deactivate)
/// Verified. Verification happens once and binds the adapter's weights hash; new weights are a
/// new adapter version. Ids of base models, models and adapters start at 1 and are never reused.
interface IModelRegistry {
    enum AdapterStatus {
        None,
        Published,
        Verified,
        Active
    }

    /// @notice One published Datanet version a model was trained on.
    struct DatanetVersion {
        uint64 datanetId;
        uint32 version;
    }

    struct BaseModel {
        bytes32 weightsHash; // sha256 of the weights file
        bool retired;
        string name;
        string licenseURI;
    }

    struct Model {
        address builder;
        uint64 baseModelId;
        uint32 adapterCount;
        string metadataURI;
        DatanetVersion[] sources; // sorted by (datanetId, version), no repeats
    }

    /// @notice What a builder publishes for an adapter version.
    struct AdapterParams {
        bytes32 adapterHash; // sha256 of the adapter weights file
        bytes32 configHash; // hash of its configuration: rank, alpha, target modules
        bytes32 manifestHash; // hash of the training manifest (datanet versions, data order, seed)
        string uri; // where the weights, config and manifest are
    }

    struct Adapter {
        uint64 modelId;
        uint32 version; // 1, 2, … within the model
        AdapterStatus status;
        uint128 pricePerCall; // OPEN wei; set on activation
        uint32 score; // evaluation score from the verifying trainer (its scale is in the report)
        address verifiedBy;
        bytes32 adapterHash;
        bytes32 configHash;
        bytes32 manifestHash;
        bytes32 reportHash; // hash of the trainer's evaluation report
        string uri;
    }

    /// @notice A trainer's verdict on an adapter, signed as EIP-712 typed data in this registry's
    /// domain (name "OpenAttribution ModelRegistry", version "1", chain id, this contract), so a
    /// signature is worthless on another chain or another deployment.
    struct Attestation {
        uint256 adapterId;
        bytes32 adapterHash; // must equal the adapter's: the signature covers these exact weights
        uint32 score;
        bytes32 reportHash;
        uint256 deadline; // last timestamp the signature is accepted
    }

    // ---------------------------------------------------------------- errors

    /// @notice `datanets` is not a contract.
    error ModelDatanetRegistryHasNoCode(address datanets);
    /// @notice A required hash is zero.
    error ModelZeroHash();
    /// @notice A required string (name, URI) is empty.
    error ModelEmptyString();
    /// @notice A base model with these weights is already registered as `baseModelId`.
    error ModelDuplicateBaseModel(bytes32 weightsHash, uint256 baseModelId);
    error ModelUnknownBaseModel(uint256 baseModelId);
    error ModelBaseModelRetired(uint256 baseModelId);
    /// @notice A model needs 1..`maxSources` Datanet versions.
    error ModelSourceCountOutOfRange(uint256 count, uint256 maxSources);
    /// @notice Sources must be sorted by (datanetId, version), without repeats; `index` is not.
    error ModelSourcesNotSorted(uint256 index);
    /// @notice The Datanet version does not exist (not published yet, or no such Datanet).
    error ModelUnknownDatanetVersion(uint256 datanetId, uint256 version);
    error ModelUnknownModel(uint256 modelId);
    error ModelUnknownAdapter(uint256 adapterId);
    /// @notice `account` is not the builder of the model.
    error ModelNotBuilder(uint256 modelId, address account);
    /// @notice An adapter with these weights is already published as `adapterId`.
    error ModelDuplicateAdapter(bytes32 adapterHash, uint256 adapterId);
    /// @notice The adapter is not in a status that allows this (`status`).
    error ModelWrongAdapterStatus(uint256 adapterId, AdapterStatus status);
    /// @notice The signed attestation is for other weights than the adapter's.
    error ModelAttestationHashMismatch(uint256 adapterId, bytes32 adapterHash, bytes32 attestedHash);
    /// @notice The signed attestation expired at `deadline`.
    error ModelAttestationExpired(uint256 deadline);
    /// @notice The signature is not `trainer`'s over the attestation.
    error ModelInvalidSignature(address trainer);
    /// @notice `account` does not hold `TRAINER_ROLE`.
    error ModelNotTrainer(address account);
    /// @notice A price per call must be positive.
    error ModelZeroPrice();

    // ---------------------------------------------------------------- events

    event BaseModelAdded(uint256 indexed baseModelId, bytes32 indexed weightsHash, string name, string licenseURI);
    event BaseModelRetired(uint256 indexed baseModelId);
    event ModelCreated(
        uint256 indexed modelId,
        address indexed builder,
        uint256 indexed baseModelId,
        DatanetVersion[] sources,
        string metadataURI
    );
    event AdapterPublished(
        uint256 indexed adapterId,
        uint256 indexed modelId,
        uint256 version,
        bytes32 adapterHash,
        bytes32 configHash,
        bytes32 manifestHash,
        string uri
    );
    event AdapterVerified(uint256 indexed adapterId, address indexed trainer, uint32 score, bytes32 reportHash);
    event AdapterActivated(uint256 indexed adapterId, uint256 indexed modelId, uint256 pricePerCall);
    event AdapterDeactivated(uint256 indexed adapterId, uint256 indexed modelId);

    // ---------------------------------------------------------------- base models

    /// @notice Only `REGISTRAR_ROLE`.
    function addBaseModel(
        string calldata name,
        bytes32 weightsHash,
        string calldata licenseURI
    ) external returns (uint256 baseModelId);

    /// @notice Only `REGISTRAR_ROLE`. No new model can use it; existing ones are unaffected.
    function retireBaseModel(uint256 baseModelId) external;

    // ---------------------------------------------------------------- models and adapters

    /// @notice Creates a model built by the caller on a live base model and published Datanet
    /// versions (sorted, no repeats, at most `MAX_SOURCES`).
    function createModel(
        uint256 baseModelId,
        DatanetVersion[] calldata sources,
        string calldata metadataURI
    ) external returns (uint256 modelId);

    /// @notice Only the model's builder. Publishes its next adapter version.
    function publishAdapter(uint256 modelId, AdapterParams calldata params) external returns (uint256 adapterId);

    /// @notice Only `TRAINER_ROLE`. Verifies a published adapter.
    function attest(uint256 adapterId, uint32 score, bytes32 reportHash) external;

    /// @notice Anyone, relaying `trainer`'s EIP-712 signature (65-byte ECDSA or ERC-1271) of
    /// `attestation`. A signature verifies one adapter once; it cannot be replayed on another
    /// chain, registry or adapter.
    function attestWithSignature(Attestation calldata attestation, address trainer, bytes calldata signature) external;

    /// @notice Only the builder. Opens a verified adapter for serving at `pricePerCall`, or
    /// changes the price of an active one (the UsageLedger's max-price guard protects payers).
    function activateAdapter(uint256 adapterId, uint128 pricePerCall) external;

    /// @notice Only the builder. Stops serving an active adapter; it stays verified.
    function deactivateAdapter(uint256 adapterId) external;

    // ---------------------------------------------------------------- views

    function REGISTRAR_ROLE() external view returns (bytes32);
    function TRAINER_ROLE() external view returns (bytes32);
    function MAX_SOURCES() external view returns (uint256);
    function datanets() external view returns (IDatanetRegistry);
    function baseModelCount() external view returns (uint256);
    function modelCount() external view returns (uint256);
    function adapterCount() external view returns (uint256);

    /// @notice Reverts with `ModelUnknownBaseModel` for an unknown id.
    function getBaseModel(uint256 baseModelId) external view returns (BaseModel memory);
    /// @notice Base models `fromId`, `fromId + 1`, … (see Pagination).
    function getBaseModels(uint256 fromId, uint256 limit) external view returns (BaseModel[] memory);
    /// @notice Reverts with `ModelUnknownModel` for an unknown id.
    function getModel(uint256 modelId) external view returns (Model memory);
    /// @notice Models `fromId`, `fromId + 1`, … (see Pagination).
    function getModels(uint256 fromId, uint256 limit) external view returns (Model[] memory);
    /// @notice Reverts with `ModelUnknownAdapter` for an unknown id.
    function getAdapter(uint256 adapterId) external view returns (Adapter memory);
    /// @notice The adapter ids of versions `fromVersion`, `fromVersion + 1`, … of a model (see Pagination).
    function getModelAdapters(
        uint256 modelId,
        uint256 fromVersion,
        uint256 limit
    ) external view returns (uint256[] memory);

    /// @notice What the UsageLedger needs to charge a call: reverts with `ModelWrongAdapterStatus`
    /// unless the adapter is active (`ModelUnknownAdapter` if it does not exist).
    function servingTerms(
        uint256 adapterId
    ) external view returns (uint256 modelId, address builder, uint256 pricePerCall);

    /// @notice The EIP-712 digest a trainer signs for `attestation`.
    function attestationDigest(Attestation calldata attestation) external view returns (bytes32);
}
