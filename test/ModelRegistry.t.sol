// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IAccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";

import {ModelRegistry} from "../contracts/ModelRegistry.sol";
import {IDatanetRegistry} from "../contracts/interfaces/IDatanetRegistry.sol";
import {IModelRegistry} from "../contracts/interfaces/IModelRegistry.sol";
import {Pagination} from "../contracts/libraries/Pagination.sol";
import {MockERC1271Trainer} from "./utils/MockERC1271Trainer.sol";
import {ModelFixture} from "./utils/ModelFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Unit tests: every external function, every revert path with its arguments, every event.
contract ModelRegistryTest is ModelFixture {
    bytes32 internal constant WEIGHTS = keccak256("llama weights");

    /// Base model 1, live.
    uint256 internal baseId;

    function setUp() public override {
        super.setUp();
        baseId = _addBaseModel(WEIGHTS);
    }

    function _invalidPage(uint256 from, uint256 limit) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(Pagination.PaginationInvalidPage.selector, from, limit, 100);
    }

    function _countOutOfRange(uint256 count) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelSourceCountOutOfRange.selector, count, 32);
    }

    /// Sources TEXT v1..v`count` (TEXT needs `count` versions for them to exist).
    function _textSources(uint256 count) internal pure returns (IModelRegistry.DatanetVersion[] memory s) {
        s = new IModelRegistry.DatanetVersion[](count);
        for (uint256 i = 0; i < count; ++i) {
            s[i] = _src(TEXT, uint32(i + 1));
        }
    }

    function _threeSources(
        IModelRegistry.DatanetVersion memory a,
        IModelRegistry.DatanetVersion memory b,
        IModelRegistry.DatanetVersion memory c
    ) internal pure returns (IModelRegistry.DatanetVersion[] memory s) {
        s = new IModelRegistry.DatanetVersion[](3);
        (s[0], s[1], s[2]) = (a, b, c);
    }

    function _expectCreateModelRevert(IModelRegistry.DatanetVersion[] memory sources, bytes memory error) internal {
        vm.expectRevert(error);
        vm.prank(builder);
        registry.createModel(baseId, sources, METADATA_URI);
    }

    // ================================================================ constructor

    function test_constructor_SetsInitialState() public {
        ModelRegistry r = new ModelRegistry(datanets, admin);
        assertEq(address(r.datanets()), address(datanets), "datanets");
        assertEq(r.defaultAdmin(), admin, "defaultAdmin");
        assertTrue(r.hasRole(r.DEFAULT_ADMIN_ROLE(), admin), "admin role");
        assertEq(uint256(r.defaultAdminDelay()), 2 days, "admin transfer delay");
        assertFalse(r.hasRole(REGISTRAR_ROLE, admin), "admin is a registrar");
        assertFalse(r.hasRole(TRAINER_ROLE, admin), "admin is a trainer");
        assertEq(r.baseModelCount(), 0, "baseModelCount");
        assertEq(r.modelCount(), 0, "modelCount");
        assertEq(r.adapterCount(), 0, "adapterCount");
    }

    function test_constructor_RevertWhen_DatanetRegistryHasNoCode() public {
        address[2] memory noCode = [address(0), stranger];
        for (uint256 i = 0; i < noCode.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelDatanetRegistryHasNoCode.selector, noCode[i]));
            new ModelRegistry(IDatanetRegistry(noCode[i]), admin);
        }
    }

    function test_constructor_RevertWhen_AdminIsZero() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector,
                address(0)
            )
        );
        new ModelRegistry(datanets, address(0));
    }

    // ================================================================ roles

    function test_REGISTRAR_ROLE_IsKeccakOfName() public view {
        assertEq(registry.REGISTRAR_ROLE(), keccak256("REGISTRAR_ROLE"), "REGISTRAR_ROLE");
        assertTrue(registry.hasRole(REGISTRAR_ROLE, registrar), "registrar has REGISTRAR_ROLE");
    }

    function test_TRAINER_ROLE_IsKeccakOfName() public view {
        assertEq(registry.TRAINER_ROLE(), keccak256("TRAINER_ROLE"), "TRAINER_ROLE");
        assertTrue(registry.hasRole(TRAINER_ROLE, trainer), "trainer has TRAINER_ROLE");
    }

    function test_MAX_SOURCES_Is32() public view {
        assertEq(registry.MAX_SOURCES(), 32, "MAX_SOURCES");
    }

    function test_grantRole_AdminGrantsRegistrarAndTrainer() public {
        vm.expectEmit(address(registry));
        emit IAccessControl.RoleGranted(REGISTRAR_ROLE, stranger, admin);
        vm.prank(admin);
        registry.grantRole(REGISTRAR_ROLE, stranger);
        vm.expectEmit(address(registry));
        emit IAccessControl.RoleGranted(TRAINER_ROLE, stranger, admin);
        vm.prank(admin);
        registry.grantRole(TRAINER_ROLE, stranger);

        // The roles work for the new holder.
        vm.prank(stranger);
        assertEq(registry.addBaseModel("Qwen", keccak256("qwen"), LICENSE_URI), 2, "base model id");
        (, uint256 adapterId) = _publishedAdapter(builder);
        vm.prank(stranger);
        registry.attest(adapterId, 1, REPORT_HASH);
        assertEq(registry.getAdapter(adapterId).verifiedBy, stranger, "verifiedBy");
    }

    function test_grantRole_RevertWhen_CallerIsNotAdmin() public {
        address[4] memory callers = [registrar, trainer, builder, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], bytes32(0)));
            vm.prank(callers[i]);
            registry.grantRole(TRAINER_ROLE, callers[i]);
            vm.expectRevert(_unauthorized(callers[i], bytes32(0)));
            vm.prank(callers[i]);
            registry.grantRole(REGISTRAR_ROLE, callers[i]);
        }
    }

    function test_grantRole_RevertWhen_GrantingDefaultAdmin() public {
        // The admin moves only through the two-step, delayed transfer.
        bytes32 adminRole = registry.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector);
        vm.prank(admin);
        registry.grantRole(adminRole, stranger);
    }

    function test_revokeRole_AdminRevokesTrainer() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        vm.expectEmit(address(registry));
        emit IAccessControl.RoleRevoked(TRAINER_ROLE, trainer, admin);
        vm.prank(admin);
        registry.revokeRole(TRAINER_ROLE, trainer);
        assertFalse(registry.hasRole(TRAINER_ROLE, trainer), "trainer kept the role");

        vm.expectRevert(_unauthorized(trainer, TRAINER_ROLE));
        vm.prank(trainer);
        registry.attest(adapterId, SCORE, REPORT_HASH);
    }

    function test_addBaseModel_RevertWhen_CallerIsNotRegistrar() public {
        address[4] memory callers = [admin, trainer, builder, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], REGISTRAR_ROLE));
            vm.prank(callers[i]);
            registry.addBaseModel(BASE_NAME, keccak256("new weights"), LICENSE_URI);
        }
    }

    function test_retireBaseModel_RevertWhen_CallerIsNotRegistrar() public {
        address[4] memory callers = [admin, trainer, builder, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], REGISTRAR_ROLE));
            vm.prank(callers[i]);
            registry.retireBaseModel(baseId);
        }
        assertFalse(registry.getBaseModel(baseId).retired, "retired");
    }

    function test_attest_RevertWhen_CallerIsNotTrainer() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        address[4] memory callers = [admin, registrar, builder, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], TRAINER_ROLE));
            vm.prank(callers[i]);
            registry.attest(adapterId, SCORE, REPORT_HASH);
        }
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Published), "status");
    }

    // ================================================================ addBaseModel

    function test_addBaseModel_StoresAndEmits() public {
        bytes32 weights = keccak256("mistral weights");
        vm.expectEmit(address(registry));
        emit IModelRegistry.BaseModelAdded(2, weights, "Mistral-7B", "https://mistral.ai/licence");
        vm.prank(registrar);
        uint256 id = registry.addBaseModel("Mistral-7B", weights, "https://mistral.ai/licence");

        assertEq(id, 2, "id");
        assertEq(registry.baseModelCount(), 2, "baseModelCount");
        IModelRegistry.BaseModel memory b = registry.getBaseModel(id);
        assertEq(b.weightsHash, weights, "weightsHash");
        assertFalse(b.retired, "retired");
        assertEq(b.name, "Mistral-7B", "name");
        assertEq(b.licenseURI, "https://mistral.ai/licence", "licenseURI");
    }

    function test_addBaseModel_IdsStartAtOneAndIncrement() public {
        ModelRegistry r = _deployRegistry();
        for (uint256 i = 1; i <= 3; ++i) {
            vm.prank(registrar);
            assertEq(r.addBaseModel(BASE_NAME, keccak256(abi.encode(i)), LICENSE_URI), i, "id");
            assertEq(r.baseModelCount(), i, "baseModelCount");
        }
    }

    function test_addBaseModel_RevertWhen_ZeroWeightsHash() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelZeroHash.selector));
        vm.prank(registrar);
        registry.addBaseModel(BASE_NAME, bytes32(0), LICENSE_URI);
    }

    function test_addBaseModel_RevertWhen_EmptyName() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelEmptyString.selector));
        vm.prank(registrar);
        registry.addBaseModel("", keccak256("new weights"), LICENSE_URI);
    }

    function test_addBaseModel_RevertWhen_EmptyLicenseURI() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelEmptyString.selector));
        vm.prank(registrar);
        registry.addBaseModel(BASE_NAME, keccak256("new weights"), "");
    }

    function test_addBaseModel_RevertWhen_DuplicateWeights() public {
        bytes memory duplicate = abi.encodeWithSelector(
            IModelRegistry.ModelDuplicateBaseModel.selector,
            WEIGHTS,
            baseId
        );
        vm.expectRevert(duplicate);
        vm.prank(registrar);
        registry.addBaseModel("another name", WEIGHTS, "https://other.licence");

        // Retiring a base model does not free its weights.
        vm.prank(registrar);
        registry.retireBaseModel(baseId);
        vm.expectRevert(duplicate);
        vm.prank(registrar);
        registry.addBaseModel(BASE_NAME, WEIGHTS, LICENSE_URI);
        assertEq(registry.baseModelCount(), 1, "baseModelCount");
    }

    // ================================================================ retireBaseModel

    function test_retireBaseModel_RetiresAndEmits() public {
        vm.expectEmit(address(registry));
        emit IModelRegistry.BaseModelRetired(baseId);
        vm.prank(registrar);
        registry.retireBaseModel(baseId);

        IModelRegistry.BaseModel memory b = registry.getBaseModel(baseId);
        assertTrue(b.retired, "retired");
        assertEq(b.weightsHash, WEIGHTS, "weightsHash");
        assertEq(b.name, BASE_NAME, "name");
        assertEq(b.licenseURI, LICENSE_URI, "licenseURI");
        assertEq(registry.baseModelCount(), 1, "baseModelCount");
    }

    function test_retireBaseModel_RevertWhen_AlreadyRetired() public {
        vm.prank(registrar);
        registry.retireBaseModel(baseId);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelBaseModelRetired.selector, baseId));
        vm.prank(registrar);
        registry.retireBaseModel(baseId);
    }

    function test_retireBaseModel_RevertWhen_UnknownBaseModel() public {
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownBaseModel(ids[i]));
            vm.prank(registrar);
            registry.retireBaseModel(ids[i]);
        }
    }

    function test_retireBaseModel_ExistingModelsAndAdaptersKeepServing() public {
        uint256 modelId = _createModel(builder, baseId);
        uint256 first = _publishAdapter(builder, modelId);
        _attest(first);
        _activate(builder, first, PRICE);

        vm.prank(registrar);
        registry.retireBaseModel(baseId);

        // No new model on the retired base...
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelBaseModelRetired.selector, baseId));
        vm.prank(otherBuilder);
        registry.createModel(baseId, _sources(), METADATA_URI);

        // ...but the existing adapter keeps serving, and its model gets new adapter versions.
        (uint256 servedModel, address servedBuilder, uint256 price) = registry.servingTerms(first);
        assertEq(servedModel, modelId, "modelId");
        assertEq(servedBuilder, builder, "builder");
        assertEq(price, PRICE, "price");
        uint256 second = _publishAdapter(builder, modelId);
        _attest(second);
        _activate(builder, second, 2 * PRICE);
        (, , price) = registry.servingTerms(second);
        assertEq(price, 2 * PRICE, "price of the new version");
        assertEq(registry.getAdapter(second).version, 2, "version");
        assertEq(registry.getModel(modelId).baseModelId, baseId, "baseModelId");
    }

    // ================================================================ createModel

    function test_createModel_StoresAndEmits() public {
        IModelRegistry.DatanetVersion[] memory sources = _sources();
        vm.expectEmit(address(registry));
        emit IModelRegistry.ModelCreated(1, builder, baseId, sources, METADATA_URI);
        vm.prank(builder);
        uint256 id = registry.createModel(baseId, sources, METADATA_URI);

        assertEq(id, 1, "id");
        assertEq(registry.modelCount(), 1, "modelCount");
        IModelRegistry.Model memory m = registry.getModel(id);
        assertEq(m.builder, builder, "builder");
        assertEq(uint256(m.baseModelId), baseId, "baseModelId");
        assertEq(uint256(m.adapterCount), 0, "adapterCount");
        assertEq(m.metadataURI, METADATA_URI, "metadataURI");
        assertEq(m.sources.length, 2, "sources");
        assertEq(uint256(m.sources[0].datanetId), TEXT, "source 0 datanet");
        assertEq(uint256(m.sources[0].version), 2, "source 0 version");
        assertEq(uint256(m.sources[1].datanetId), CODE, "source 1 datanet");
        assertEq(uint256(m.sources[1].version), 1, "source 1 version");
    }

    function test_createModel_AnyoneBuildsAndIdsIncrement() public {
        address[3] memory builders = [builder, otherBuilder, stranger];
        for (uint256 i = 0; i < builders.length; ++i) {
            assertEq(_createModel(builders[i], baseId), i + 1, "id");
            assertEq(registry.getModel(i + 1).builder, builders[i], "builder is the caller");
        }
        assertEq(registry.modelCount(), 3, "modelCount");
    }

    function test_createModel_AcceptsOneSource() public {
        uint256 id = _createModel(builder, baseId, _oneSource(CODE, 1));
        IModelRegistry.Model memory m = registry.getModel(id);
        assertEq(m.sources.length, 1, "sources");
        assertEq(uint256(m.sources[0].datanetId), CODE, "datanet");
        assertEq(uint256(m.sources[0].version), 1, "version");
    }

    function test_createModel_AcceptsMaxSources() public {
        _publishVersions(TEXT, 30); // TEXT: versions 1..32
        uint256 id = _createModel(builder, baseId, _textSources(32));
        IModelRegistry.Model memory m = registry.getModel(id);
        assertEq(m.sources.length, 32, "sources");
        assertEq(uint256(m.sources[31].version), 32, "last version");
    }

    function test_createModel_RevertWhen_NoSources() public {
        _expectCreateModelRevert(new IModelRegistry.DatanetVersion[](0), _countOutOfRange(0));
    }

    function test_createModel_RevertWhen_TooManySources() public {
        _publishVersions(TEXT, 31); // every source exists: the count alone is wrong
        _expectCreateModelRevert(_textSources(33), _countOutOfRange(33));
    }

    function test_createModel_RevertWhen_SourcesUnsorted() public {
        // By Datanet...
        _expectCreateModelRevert(_twoSources(_src(CODE, 1), _src(TEXT, 2)), _notSorted(1));
        // ...by version within a Datanet...
        _expectCreateModelRevert(_twoSources(_src(TEXT, 2), _src(TEXT, 1)), _notSorted(1));
        // ...and the first index out of order is reported.
        _expectCreateModelRevert(_threeSources(_src(TEXT, 1), _src(CODE, 1), _src(TEXT, 2)), _notSorted(2));
    }

    function test_createModel_RevertWhen_SourceRepeated() public {
        _expectCreateModelRevert(_twoSources(_src(TEXT, 1), _src(TEXT, 1)), _notSorted(1));
        _expectCreateModelRevert(_threeSources(_src(TEXT, 1), _src(TEXT, 2), _src(TEXT, 2)), _notSorted(2));
    }

    function test_createModel_RevertWhen_VersionZero() public {
        _expectCreateModelRevert(_oneSource(TEXT, 0), _unknownVersion(TEXT, 0));
        _expectCreateModelRevert(_twoSources(_src(TEXT, 1), _src(CODE, 0)), _unknownVersion(CODE, 0));
    }

    function test_createModel_RevertWhen_FirstSourceIsDatanetZeroVersionZero() public {
        // The all-zero source is sorted (it is first): it is reported as what it is, unknown.
        _expectCreateModelRevert(_oneSource(0, 0), _unknownVersion(0, 0));
    }

    function test_createModel_RevertWhen_VersionNotPublished() public {
        _expectCreateModelRevert(_oneSource(TEXT, 3), _unknownVersion(TEXT, 3));
        _expectCreateModelRevert(_twoSources(_src(TEXT, 2), _src(CODE, 2)), _unknownVersion(CODE, 2));
        // DRAFT has accepted data but no version yet.
        _expectCreateModelRevert(_oneSource(DRAFT, 1), _unknownVersion(DRAFT, 1));
    }

    function test_createModel_RevertWhen_UnknownDatanet() public {
        _expectCreateModelRevert(_oneSource(NO_DATANET, 1), _unknownVersion(NO_DATANET, 1));
        _expectCreateModelRevert(_oneSource(0, 1), _unknownVersion(0, 1));
        _expectCreateModelRevert(
            _twoSources(_src(TEXT, 1), _src(type(uint64).max, 1)),
            _unknownVersion(type(uint64).max, 1)
        );
    }

    function test_createModel_AcceptsVersionOncePublished() public {
        _expectCreateModelRevert(_oneSource(DRAFT, 1), _unknownVersion(DRAFT, 1));
        _publishVersions(DRAFT, 1);
        uint256 id = _createModel(builder, baseId, _oneSource(DRAFT, 1));
        assertEq(uint256(registry.getModel(id).sources[0].datanetId), DRAFT, "datanet");
    }

    function test_createModel_RevertWhen_UnknownBaseModel() public {
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownBaseModel(ids[i]));
            vm.prank(builder);
            registry.createModel(ids[i], _sources(), METADATA_URI);
        }
    }

    function test_createModel_RevertWhen_BaseModelRetired() public {
        vm.prank(registrar);
        registry.retireBaseModel(baseId);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelBaseModelRetired.selector, baseId));
        vm.prank(builder);
        registry.createModel(baseId, _sources(), METADATA_URI);
        assertEq(registry.modelCount(), 0, "modelCount");
    }

    function test_createModel_RevertWhen_EmptyMetadataURI() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelEmptyString.selector));
        vm.prank(builder);
        registry.createModel(baseId, _sources(), "");
    }

    // ================================================================ publishAdapter

    function test_publishAdapter_StoresAndEmits() public {
        uint256 modelId = _createModel(builder, baseId);
        IModelRegistry.AdapterParams memory p = _params();
        vm.expectEmit(address(registry));
        emit IModelRegistry.AdapterPublished(1, modelId, 1, p.adapterHash, p.configHash, p.manifestHash, p.uri);
        vm.prank(builder);
        uint256 id = registry.publishAdapter(modelId, p);

        assertEq(id, 1, "id");
        assertEq(registry.adapterCount(), 1, "adapterCount");
        assertEq(uint256(registry.getModel(modelId).adapterCount), 1, "model adapterCount");
        IModelRegistry.Adapter memory a = registry.getAdapter(id);
        assertEq(uint256(a.modelId), modelId, "modelId");
        assertEq(uint256(a.version), 1, "version");
        assertEq(uint256(a.status), uint256(IModelRegistry.AdapterStatus.Published), "status");
        assertEq(uint256(a.pricePerCall), 0, "pricePerCall");
        assertEq(uint256(a.score), 0, "score");
        assertEq(a.verifiedBy, address(0), "verifiedBy");
        assertEq(a.adapterHash, p.adapterHash, "adapterHash");
        assertEq(a.configHash, p.configHash, "configHash");
        assertEq(a.manifestHash, p.manifestHash, "manifestHash");
        assertEq(a.reportHash, bytes32(0), "reportHash");
        assertEq(a.uri, ADAPTER_URI, "uri");
        uint256[] memory ids = registry.getModelAdapters(modelId, 1, 10);
        assertEq(ids.length, 1, "model adapters");
        assertEq(ids[0], id, "model adapter");
    }

    function test_publishAdapter_NumbersVersionsPerModel() public {
        uint256 a = _createModel(builder, baseId);
        uint256 b = _createModel(otherBuilder, baseId);
        // Adapter ids are global; versions count per model.
        uint256[5] memory models = [a, b, a, a, b];
        uint256[5] memory versions = [uint256(1), 1, 2, 3, 2];
        for (uint256 i = 0; i < models.length; ++i) {
            address who = models[i] == a ? builder : otherBuilder;
            uint256 id = _publishAdapter(who, models[i]);
            assertEq(id, i + 1, "adapter id");
            assertEq(uint256(registry.getAdapter(id).version), versions[i], "version");
            assertEq(uint256(registry.getAdapter(id).modelId), models[i], "modelId");
        }
        assertEq(registry.adapterCount(), 5, "adapterCount");
        assertEq(uint256(registry.getModel(a).adapterCount), 3, "adapters of a");
        assertEq(uint256(registry.getModel(b).adapterCount), 2, "adapters of b");
        uint256[] memory ofA = registry.getModelAdapters(a, 1, 100);
        uint256[] memory ofB = registry.getModelAdapters(b, 1, 100);
        assertEq(ofA.length, 3, "adapters of a");
        (uint256 a1, uint256 a2, uint256 a3) = (ofA[0], ofA[1], ofA[2]);
        assertTrue(a1 == 1 && a2 == 3 && a3 == 4, "adapters of a are not 1, 3, 4");
        assertEq(ofB.length, 2, "adapters of b");
        assertTrue(ofB[0] == 2 && ofB[1] == 5, "adapters of b are not 2, 5");
    }

    function test_publishAdapter_RevertWhen_CallerIsNotBuilder() public {
        uint256 modelId = _createModel(builder, baseId);
        IModelRegistry.AdapterParams memory p = _params();
        address[5] memory callers = [otherBuilder, stranger, admin, registrar, trainer];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_notBuilder(modelId, callers[i]));
            vm.prank(callers[i]);
            registry.publishAdapter(modelId, p);
        }
        assertEq(registry.adapterCount(), 0, "adapterCount");
    }

    function test_publishAdapter_RevertWhen_UnknownModel() public {
        _createModel(builder, baseId);
        IModelRegistry.AdapterParams memory p = _params();
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownModel(ids[i]));
            vm.prank(builder);
            registry.publishAdapter(ids[i], p);
        }
    }

    function test_publishAdapter_RevertWhen_ZeroHash() public {
        uint256 modelId = _createModel(builder, baseId);
        bytes memory zeroHash = abi.encodeWithSelector(IModelRegistry.ModelZeroHash.selector);
        for (uint256 i = 0; i < 3; ++i) {
            IModelRegistry.AdapterParams memory p = _params();
            if (i == 0) p.adapterHash = 0;
            if (i == 1) p.configHash = 0;
            if (i == 2) p.manifestHash = 0;
            vm.expectRevert(zeroHash);
            vm.prank(builder);
            registry.publishAdapter(modelId, p);
        }
    }

    function test_publishAdapter_RevertWhen_EmptyURI() public {
        uint256 modelId = _createModel(builder, baseId);
        IModelRegistry.AdapterParams memory p = _params();
        p.uri = "";
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelEmptyString.selector));
        vm.prank(builder);
        registry.publishAdapter(modelId, p);
    }

    function test_publishAdapter_RevertWhen_DuplicateAdapterHash() public {
        uint256 mine = _createModel(builder, baseId);
        uint256 theirs = _createModel(otherBuilder, baseId);
        IModelRegistry.AdapterParams memory p = _params();
        uint256 first = _publishAdapter(builder, mine, p);
        _attest(first);

        // The same weights again, with another config and manifest: in the same model or another.
        IModelRegistry.AdapterParams memory again = _params();
        again.adapterHash = p.adapterHash;
        bytes memory duplicate = abi.encodeWithSelector(
            IModelRegistry.ModelDuplicateAdapter.selector,
            p.adapterHash,
            first
        );
        vm.expectRevert(duplicate);
        vm.prank(builder);
        registry.publishAdapter(mine, again);
        vm.expectRevert(duplicate);
        vm.prank(otherBuilder);
        registry.publishAdapter(theirs, again);
        assertEq(registry.adapterCount(), 1, "adapterCount");
    }

    function test_publishAdapter_AllowsSameConfigAndManifest() public {
        uint256 modelId = _createModel(builder, baseId);
        IModelRegistry.AdapterParams memory p = _params();
        _publishAdapter(builder, modelId, p);
        // Only the weights identify an adapter: retraining with the same recipe is a new version.
        p.adapterHash = keccak256("retrained weights");
        uint256 second = _publishAdapter(builder, modelId, p);
        assertEq(uint256(registry.getAdapter(second).version), 2, "version");
        assertEq(registry.getAdapter(second).configHash, registry.getAdapter(1).configHash, "configHash");
    }

    // ================================================================ attest

    function test_attest_VerifiesAndEmits() public {
        (uint256 modelId, uint256 adapterId) = _publishedAdapter(builder);
        IModelRegistry.Adapter memory before = registry.getAdapter(adapterId);
        vm.expectEmit(address(registry));
        emit IModelRegistry.AdapterVerified(adapterId, trainer, SCORE, REPORT_HASH);
        vm.prank(trainer);
        registry.attest(adapterId, SCORE, REPORT_HASH);

        IModelRegistry.Adapter memory a = registry.getAdapter(adapterId);
        assertEq(uint256(a.status), uint256(IModelRegistry.AdapterStatus.Verified), "status");
        assertEq(uint256(a.score), SCORE, "score");
        assertEq(a.verifiedBy, trainer, "verifiedBy");
        assertEq(a.reportHash, REPORT_HASH, "reportHash");
        // A trainer cannot price or change the adapter.
        assertEq(uint256(a.pricePerCall), 0, "pricePerCall");
        assertEq(uint256(a.modelId), modelId, "modelId");
        assertEq(a.adapterHash, before.adapterHash, "adapterHash");
        assertEq(a.configHash, before.configHash, "configHash");
        assertEq(a.manifestHash, before.manifestHash, "manifestHash");
        assertEq(a.uri, before.uri, "uri");
    }

    function test_attest_RevertWhen_UnknownAdapter() public {
        _publishedAdapter(builder);
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownAdapter(ids[i]));
            vm.prank(trainer);
            registry.attest(ids[i], SCORE, REPORT_HASH);
        }
    }

    function test_attest_RevertWhen_AlreadyVerified() public {
        (, uint256 adapterId) = _verifiedAdapter(builder);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        vm.prank(trainer);
        registry.attest(adapterId, SCORE + 1, keccak256("second opinion"));

        _activate(builder, adapterId, PRICE);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Active));
        vm.prank(trainer);
        registry.attest(adapterId, SCORE + 1, keccak256("second opinion"));
        assertEq(uint256(registry.getAdapter(adapterId).score), SCORE, "score changed");
    }

    function test_attest_RevertWhen_ZeroReportHash() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelZeroHash.selector));
        vm.prank(trainer);
        registry.attest(adapterId, SCORE, bytes32(0));
    }

    // ================================================================ attestWithSignature

    function test_attestWithSignature_VerifiesWithEOASignatureAndEmits() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes memory signature = _sign(TRAINER_KEY, att);
        assertEq(signature.length, 65, "signature length");

        vm.expectEmit(address(registry));
        emit IModelRegistry.AdapterVerified(adapterId, trainer, SCORE, REPORT_HASH);
        vm.prank(stranger); // anyone relays
        registry.attestWithSignature(att, trainer, signature);

        IModelRegistry.Adapter memory a = registry.getAdapter(adapterId);
        assertEq(uint256(a.status), uint256(IModelRegistry.AdapterStatus.Verified), "status");
        assertEq(a.verifiedBy, trainer, "verifiedBy is the signer, not the relayer");
        assertEq(uint256(a.score), SCORE, "score");
        assertEq(a.reportHash, REPORT_HASH, "reportHash");
    }

    function test_attestWithSignature_VerifiesWithERC1271Trainer() public {
        MockERC1271Trainer wallet = new MockERC1271Trainer();
        vm.prank(admin);
        registry.grantRole(TRAINER_ROLE, address(wallet));
        (, uint256 adapterId) = _publishedAdapter(builder);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        wallet.approve(registry.attestationDigest(att));

        vm.expectEmit(address(registry));
        emit IModelRegistry.AdapterVerified(adapterId, address(wallet), SCORE, REPORT_HASH);
        vm.prank(stranger);
        registry.attestWithSignature(att, address(wallet), "multisig approval");
        assertEq(registry.getAdapter(adapterId).verifiedBy, address(wallet), "verifiedBy");
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Verified), "status");
    }

    function test_attestWithSignature_RevertWhen_ERC1271TrainerDidNotApprove() public {
        MockERC1271Trainer wallet = new MockERC1271Trainer();
        vm.prank(admin);
        registry.grantRole(TRAINER_ROLE, address(wallet));
        (, uint256 adapterId) = _publishedAdapter(builder);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        wallet.approve(registry.attestationDigest(att));
        att.score = SCORE + 1; // not what the wallet approved

        vm.expectRevert(_invalidSignature(address(wallet)));
        registry.attestWithSignature(att, address(wallet), "");
    }

    function test_attestWithSignature_AcceptsAtDeadline() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        att.deadline = NOW; // the last second it is accepted
        bytes memory signature = _sign(TRAINER_KEY, att);
        registry.attestWithSignature(att, trainer, signature);
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Verified), "status");
    }

    function test_attestWithSignature_RevertWhen_Expired() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        att.deadline = NOW;
        bytes memory signature = _sign(TRAINER_KEY, att);
        vm.warp(NOW + 1);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelAttestationExpired.selector, NOW));
        registry.attestWithSignature(att, trainer, signature);
    }

    function test_attestWithSignature_RevertWhen_SignerIsNotTrainer() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        address signer = vm.addr(STRANGER_KEY);
        bytes memory signature = _sign(STRANGER_KEY, att);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelNotTrainer.selector, signer));
        registry.attestWithSignature(att, signer, signature);
    }

    function test_attestWithSignature_RevertWhen_SignedByAnotherKey() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes memory signature = _sign(STRANGER_KEY, att);
        vm.expectRevert(_invalidSignature(trainer));
        registry.attestWithSignature(att, trainer, signature);
    }

    function test_attestWithSignature_RevertWhen_SignedFieldTampered() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        IModelRegistry.Attestation memory signed = _attestation(adapterId);
        bytes memory signature = _sign(TRAINER_KEY, signed);
        for (uint256 i = 0; i < 3; ++i) {
            IModelRegistry.Attestation memory att = _attestation(adapterId);
            if (i == 0) att.score = SCORE + 1;
            if (i == 1) att.reportHash = keccak256("a better report");
            if (i == 2) att.deadline = signed.deadline + 1;
            vm.expectRevert(_invalidSignature(trainer));
            registry.attestWithSignature(att, trainer, signature);
        }
        // Control: the untampered attestation goes through.
        registry.attestWithSignature(signed, trainer, signature);
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Verified), "status");
    }

    function test_attestWithSignature_RevertWhen_AdapterHashMismatch() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes32 actual = att.adapterHash;
        att.adapterHash = keccak256("weights the trainer evaluated");
        bytes memory signature = _sign(TRAINER_KEY, att);
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelRegistry.ModelAttestationHashMismatch.selector,
                adapterId,
                actual,
                att.adapterHash
            )
        );
        registry.attestWithSignature(att, trainer, signature);
    }

    function test_attestWithSignature_RevertWhen_AlreadyVerified() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        registry.attestWithSignature(att, trainer, _sign(TRAINER_KEY, att));

        // A second, different verdict on the same adapter.
        att.score = SCORE - 1;
        bytes memory signature = _sign(TRAINER_KEY, att);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        registry.attestWithSignature(att, trainer, signature);
        assertEq(uint256(registry.getAdapter(adapterId).score), SCORE, "score");
    }

    function test_attestWithSignature_RevertWhen_UnknownAdapter() public {
        IModelRegistry.Attestation memory att = IModelRegistry.Attestation({
            adapterId: 1,
            adapterHash: keccak256("weights"),
            score: SCORE,
            reportHash: REPORT_HASH,
            deadline: NOW
        });
        bytes memory signature = _sign(TRAINER_KEY, att);
        vm.expectRevert(_unknownAdapter(1));
        registry.attestWithSignature(att, trainer, signature);
    }

    function test_attestWithSignature_RevertWhen_ZeroReportHash() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        att.reportHash = 0;
        bytes memory signature = _sign(TRAINER_KEY, att);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelZeroHash.selector));
        registry.attestWithSignature(att, trainer, signature);
    }

    // ================================================================ activateAdapter

    function test_activateAdapter_ActivatesAndEmits() public {
        (uint256 modelId, uint256 adapterId) = _verifiedAdapter(builder);
        vm.expectEmit(address(registry));
        emit IModelRegistry.AdapterActivated(adapterId, modelId, PRICE);
        vm.prank(builder);
        registry.activateAdapter(adapterId, PRICE);

        IModelRegistry.Adapter memory a = registry.getAdapter(adapterId);
        assertEq(uint256(a.status), uint256(IModelRegistry.AdapterStatus.Active), "status");
        assertEq(uint256(a.pricePerCall), PRICE, "pricePerCall");
        assertEq(a.verifiedBy, trainer, "verifiedBy");
        assertEq(uint256(a.score), SCORE, "score");
    }

    function test_activateAdapter_ChangesPriceWhileActive() public {
        (uint256 modelId, uint256 adapterId) = _activeAdapter(builder);
        vm.expectEmit(address(registry));
        emit IModelRegistry.AdapterActivated(adapterId, modelId, 3 * PRICE);
        vm.prank(builder);
        registry.activateAdapter(adapterId, 3 * PRICE);
        assertEq(uint256(registry.getAdapter(adapterId).pricePerCall), 3 * PRICE, "pricePerCall");
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Active), "status");
    }

    function test_activateAdapter_ReactivatesAfterDeactivation() public {
        (uint256 modelId, uint256 adapterId) = _activeAdapter(builder);
        vm.prank(builder);
        registry.deactivateAdapter(adapterId);
        vm.expectEmit(address(registry));
        emit IModelRegistry.AdapterActivated(adapterId, modelId, PRICE / 2);
        _activate(builder, adapterId, PRICE / 2);
        (, , uint256 price) = registry.servingTerms(adapterId);
        assertEq(price, PRICE / 2, "price");
    }

    function test_activateAdapter_AcceptsMaxPrice() public {
        (, uint256 adapterId) = _verifiedAdapter(builder);
        _activate(builder, adapterId, type(uint128).max);
        (, , uint256 price) = registry.servingTerms(adapterId);
        assertEq(price, type(uint128).max, "price");
    }

    function test_activateAdapter_RevertWhen_CallerIsNotBuilder() public {
        (uint256 modelId, uint256 adapterId) = _verifiedAdapter(builder);
        address[5] memory callers = [otherBuilder, stranger, admin, registrar, trainer];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_notBuilder(modelId, callers[i]));
            vm.prank(callers[i]);
            registry.activateAdapter(adapterId, PRICE);
        }
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Verified), "status");
    }

    function test_activateAdapter_RevertWhen_Unverified() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Published));
        vm.prank(builder);
        registry.activateAdapter(adapterId, PRICE);
    }

    function test_activateAdapter_RevertWhen_ZeroPrice() public {
        (, uint256 adapterId) = _verifiedAdapter(builder);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelZeroPrice.selector));
        vm.prank(builder);
        registry.activateAdapter(adapterId, 0);

        // Nor can an active adapter be made free.
        _activate(builder, adapterId, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelZeroPrice.selector));
        vm.prank(builder);
        registry.activateAdapter(adapterId, 0);
        assertEq(uint256(registry.getAdapter(adapterId).pricePerCall), PRICE, "pricePerCall");
    }

    function test_activateAdapter_RevertWhen_UnknownAdapter() public {
        _verifiedAdapter(builder);
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownAdapter(ids[i]));
            vm.prank(builder);
            registry.activateAdapter(ids[i], PRICE);
        }
    }

    // ================================================================ deactivateAdapter

    function test_deactivateAdapter_DeactivatesAndEmits() public {
        (uint256 modelId, uint256 adapterId) = _activeAdapter(builder);
        vm.expectEmit(address(registry));
        emit IModelRegistry.AdapterDeactivated(adapterId, modelId);
        vm.prank(builder);
        registry.deactivateAdapter(adapterId);

        // It stays verified.
        IModelRegistry.Adapter memory a = registry.getAdapter(adapterId);
        assertEq(uint256(a.status), uint256(IModelRegistry.AdapterStatus.Verified), "status");
        assertEq(a.verifiedBy, trainer, "verifiedBy");
        assertEq(a.reportHash, REPORT_HASH, "reportHash");
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        registry.servingTerms(adapterId);
    }

    function test_deactivateAdapter_RevertWhen_NotActive() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Published));
        vm.prank(builder);
        registry.deactivateAdapter(adapterId);

        _attest(adapterId);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        vm.prank(builder);
        registry.deactivateAdapter(adapterId);

        // Twice.
        _activate(builder, adapterId, PRICE);
        vm.prank(builder);
        registry.deactivateAdapter(adapterId);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        vm.prank(builder);
        registry.deactivateAdapter(adapterId);
    }

    function test_deactivateAdapter_RevertWhen_CallerIsNotBuilder() public {
        (uint256 modelId, uint256 adapterId) = _activeAdapter(builder);
        address[5] memory callers = [otherBuilder, stranger, admin, registrar, trainer];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_notBuilder(modelId, callers[i]));
            vm.prank(callers[i]);
            registry.deactivateAdapter(adapterId);
        }
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Active), "status");
    }

    function test_deactivateAdapter_RevertWhen_UnknownAdapter() public {
        _activeAdapter(builder);
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownAdapter(ids[i]));
            vm.prank(builder);
            registry.deactivateAdapter(ids[i]);
        }
    }

    // ================================================================ servingTerms

    function test_servingTerms_ReturnsModelBuilderAndPrice() public {
        (uint256 modelId, uint256 adapterId) = _activeAdapter(otherBuilder);
        vm.prank(stranger);
        (uint256 servedModel, address servedBuilder, uint256 price) = registry.servingTerms(adapterId);
        assertEq(servedModel, modelId, "modelId");
        assertEq(servedBuilder, otherBuilder, "builder");
        assertEq(price, PRICE, "price");
    }

    function test_servingTerms_FollowsPriceChange() public {
        (, uint256 adapterId) = _activeAdapter(builder);
        _activate(builder, adapterId, PRICE + 1);
        (, , uint256 price) = registry.servingTerms(adapterId);
        assertEq(price, PRICE + 1, "price");
    }

    function test_servingTerms_RevertWhen_UnknownAdapter() public {
        _activeAdapter(builder);
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownAdapter(ids[i]));
            registry.servingTerms(ids[i]);
        }
    }

    function test_servingTerms_RevertWhen_Published() public {
        (, uint256 adapterId) = _publishedAdapter(builder);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Published));
        registry.servingTerms(adapterId);
    }

    function test_servingTerms_RevertWhen_Verified() public {
        (, uint256 adapterId) = _verifiedAdapter(builder);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        registry.servingTerms(adapterId);
    }

    function test_servingTerms_RevertWhen_Deactivated() public {
        (, uint256 adapterId) = _activeAdapter(builder);
        vm.prank(builder);
        registry.deactivateAdapter(adapterId);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        registry.servingTerms(adapterId);
    }

    // ================================================================ single-item views

    function test_getBaseModel_RevertWhen_UnknownBaseModel() public {
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownBaseModel(ids[i]));
            registry.getBaseModel(ids[i]);
        }
    }

    function test_getModel_RevertWhen_UnknownModel() public {
        _createModel(builder, baseId);
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownModel(ids[i]));
            registry.getModel(ids[i]);
        }
    }

    function test_getAdapter_RevertWhen_UnknownAdapter() public {
        _publishedAdapter(builder);
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownAdapter(ids[i]));
            registry.getAdapter(ids[i]);
        }
    }

    // ================================================================ paginated views

    function test_getBaseModels_ReturnsPages() public {
        for (uint256 i = 2; i <= 5; ++i) {
            _addBaseModel(bytes32(i)); // weights hash = id, to identify them below
        }
        vm.prank(registrar);
        registry.retireBaseModel(3);

        IModelRegistry.BaseModel[] memory page = registry.getBaseModels(1, 2); // first
        assertEq(page.length, 2, "first page");
        assertEq(page[0].weightsHash, WEIGHTS, "first page [0]");
        assertEq(page[1].weightsHash, bytes32(uint256(2)), "first page [1]");
        assertEq(page[1].name, BASE_NAME, "name");
        assertEq(page[1].licenseURI, LICENSE_URI, "licenseURI");

        page = registry.getBaseModels(3, 2); // middle
        assertEq(page.length, 2, "middle page");
        assertEq(page[0].weightsHash, bytes32(uint256(3)), "middle page [0]");
        assertTrue(page[0].retired, "retired in the page");
        assertEq(page[1].weightsHash, bytes32(uint256(4)), "middle page [1]");
        assertFalse(page[1].retired, "live in the page");

        page = registry.getBaseModels(5, 2); // last, partial
        assertEq(page.length, 1, "last page");
        assertEq(page[0].weightsHash, bytes32(uint256(5)), "last page [0]");

        assertEq(registry.getBaseModels(1, 100).length, 5, "everything");
        assertEq(registry.getBaseModels(6, 1).length, 0, "past the end");
        assertEq(registry.getBaseModels(type(uint256).max, 100).length, 0, "far past the end");
    }

    function test_getBaseModels_RevertWhen_InvalidPage() public {
        uint256[2][3] memory pages = [[uint256(0), 1], [uint256(1), 0], [uint256(1), 101]];
        for (uint256 i = 0; i < pages.length; ++i) {
            vm.expectRevert(_invalidPage(pages[i][0], pages[i][1]));
            registry.getBaseModels(pages[i][0], pages[i][1]);
        }
    }

    function test_getModels_ReturnsPages() public {
        address[5] memory builders = [builder, otherBuilder, stranger, otherBuilder, builder];
        for (uint256 i = 0; i < builders.length; ++i) {
            _createModel(builders[i], baseId, _oneSource(i % 2 == 0 ? TEXT : CODE, 1));
        }

        IModelRegistry.Model[] memory page = registry.getModels(1, 2); // first
        assertEq(page.length, 2, "first page");
        assertEq(page[0].builder, builder, "first page [0]");
        assertEq(page[1].builder, otherBuilder, "first page [1]");
        assertEq(uint256(page[1].sources[0].datanetId), CODE, "sources in the page");
        assertEq(page[1].metadataURI, METADATA_URI, "metadataURI");
        assertEq(uint256(page[1].baseModelId), baseId, "baseModelId");

        page = registry.getModels(2, 3); // middle
        assertEq(page.length, 3, "middle page");
        assertEq(page[1].builder, stranger, "middle page [1]");

        page = registry.getModels(4, 3); // last, partial
        assertEq(page.length, 2, "last page");
        assertEq(page[0].builder, otherBuilder, "last page [0]");
        assertEq(page[1].builder, builder, "last page [1]");
        assertEq(uint256(page[1].sources[0].datanetId), TEXT, "last page sources");

        assertEq(registry.getModels(1, 100).length, 5, "everything");
        assertEq(registry.getModels(6, 1).length, 0, "past the end");
    }

    function test_getModels_EmptyWithoutModels() public view {
        assertEq(registry.getModels(1, 100).length, 0, "models");
    }

    function test_getModels_RevertWhen_InvalidPage() public {
        _createModel(builder, baseId);
        uint256[2][3] memory pages = [[uint256(0), 1], [uint256(1), 0], [uint256(1), 101]];
        for (uint256 i = 0; i < pages.length; ++i) {
            vm.expectRevert(_invalidPage(pages[i][0], pages[i][1]));
            registry.getModels(pages[i][0], pages[i][1]);
        }
    }

    function test_getModelAdapters_ReturnsPages() public {
        uint256 mine = _createModel(builder, baseId);
        uint256 theirs = _createModel(otherBuilder, baseId);
        // mine: versions 1..5 are adapters 1, 3, 5, 7, 9; theirs: 2, 4, 6, 8.
        for (uint256 i = 0; i < 9; ++i) {
            if (i % 2 == 0) _publishAdapter(builder, mine);
            else _publishAdapter(otherBuilder, theirs);
        }

        uint256[] memory page = registry.getModelAdapters(mine, 1, 2); // first
        assertEq(page.length, 2, "first page");
        assertEq(page[0], 1, "first page [0]");
        assertEq(page[1], 3, "first page [1]");

        page = registry.getModelAdapters(mine, 2, 3); // middle
        assertEq(page.length, 3, "middle page");
        assertEq(page[0], 3, "middle page [0]");
        assertEq(page[2], 7, "middle page [2]");

        page = registry.getModelAdapters(mine, 4, 10); // last, partial
        assertEq(page.length, 2, "last page");
        assertEq(page[0], 7, "last page [0]");
        assertEq(page[1], 9, "last page [1]");

        page = registry.getModelAdapters(theirs, 1, 100);
        assertEq(page.length, 4, "theirs");
        assertEq(page[3], 8, "theirs [3]");

        assertEq(registry.getModelAdapters(mine, 6, 1).length, 0, "past the end");
    }

    function test_getModelAdapters_EmptyForModelWithoutAdapters() public {
        uint256 modelId = _createModel(builder, baseId);
        assertEq(registry.getModelAdapters(modelId, 1, 100).length, 0, "adapters");
    }

    function test_getModelAdapters_RevertWhen_InvalidPage() public {
        uint256 modelId = _createModel(builder, baseId);
        _publishAdapter(builder, modelId);
        uint256[2][3] memory pages = [[uint256(0), 1], [uint256(1), 0], [uint256(1), 101]];
        for (uint256 i = 0; i < pages.length; ++i) {
            vm.expectRevert(_invalidPage(pages[i][0], pages[i][1]));
            registry.getModelAdapters(modelId, pages[i][0], pages[i][1]);
        }
    }

    function test_getModelAdapters_RevertWhen_UnknownModel() public {
        _createModel(builder, baseId);
        uint256[2] memory ids = [uint256(0), 2];
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownModel(ids[i]));
            registry.getModelAdapters(ids[i], 1, 1);
        }
    }

    // ================================================================ attestationDigest

    function test_attestationDigest_MatchesIndependentEIP712() public view {
        IModelRegistry.Attestation memory att = IModelRegistry.Attestation({
            adapterId: 7,
            adapterHash: keccak256("weights"),
            score: 91_234,
            reportHash: keccak256("report"),
            deadline: NOW + 1 days
        });
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("OpenAttribution ModelRegistry"),
                keccak256("1"),
                block.chainid,
                address(registry)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Attestation(uint256 adapterId,bytes32 adapterHash,uint32 score,bytes32 reportHash,uint256 deadline)"
                ),
                att.adapterId,
                att.adapterHash,
                att.score,
                att.reportHash,
                att.deadline
            )
        );
        bytes32 expected = keccak256(abi.encodePacked(hex"1901", domainSeparator, structHash));
        assertEq(registry.attestationDigest(att), expected, "digest");
    }

    function test_attestationDigest_BindsEveryField() public view {
        IModelRegistry.Attestation memory att = IModelRegistry.Attestation({
            adapterId: 1,
            adapterHash: keccak256("weights"),
            score: SCORE,
            reportHash: REPORT_HASH,
            deadline: NOW
        });
        bytes32 digest = registry.attestationDigest(att);
        for (uint256 i = 0; i < 5; ++i) {
            IModelRegistry.Attestation memory changed = IModelRegistry.Attestation({
                adapterId: i == 0 ? 2 : att.adapterId,
                adapterHash: i == 1 ? keccak256("other weights") : att.adapterHash,
                score: i == 2 ? SCORE + 1 : att.score,
                reportHash: i == 3 ? keccak256("other report") : att.reportHash,
                deadline: i == 4 ? NOW + 1 : att.deadline
            });
            assertNotEq(registry.attestationDigest(changed), digest, "a field is not signed");
        }
    }

    function test_eip712Domain_NamesThisRegistry() public view {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = registry.eip712Domain();
        assertEq(uint256(uint8(fields)), 0x0f, "fields: name, version, chainId, verifyingContract");
        assertEq(name, "OpenAttribution ModelRegistry", "name");
        assertEq(version, "1", "version");
        assertEq(chainId, block.chainid, "chainId");
        assertEq(verifyingContract, address(registry), "verifyingContract");
        assertEq(salt, bytes32(0), "salt");
        assertEq(extensions.length, 0, "extensions");
    }
}
