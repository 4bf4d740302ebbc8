// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelRegistry} from "../contracts/interfaces/IModelRegistry.sol";
import {ModelFixture} from "./utils/ModelFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Gas snapshots of the registry's calls, committed in `snapshots/` and checked in CI
/// (`npm run snapshot:check`): execution gas of the call alone. State is prepared in setUp, a call
/// of its own, so storage is cold in each test as in a real transaction.
contract ModelRegistryGasTest is ModelFixture {
    string private constant GROUP = "ModelRegistry";

    uint256 private baseId;
    uint256 private modelId;
    uint256 private published;
    uint256 private verified;
    uint256 private active;

    function setUp() public override {
        super.setUp();
        baseId = _addBaseModel();
        modelId = _createModel(builder, baseId);
        published = _publishAdapter(builder, modelId);
        verified = _publishAdapter(builder, modelId);
        _attest(verified);
        active = _publishAdapter(builder, modelId);
        _attest(active);
        _activate(builder, active, PRICE);
    }

    function test_createModel_GasSnapshot() external {
        IModelRegistry.DatanetVersion[] memory sources = _sources();
        assertEq(sources.length, 2, "sources");
        vm.prank(otherBuilder);
        registry.createModel(baseId, sources, METADATA_URI);
        vm.snapshotGasLastCall(GROUP, "createModel.2sources");
        assertEq(registry.modelCount(), 2, "modelCount");
    }

    function test_publishAdapter_GasSnapshot() external {
        IModelRegistry.AdapterParams memory params = _params();
        vm.prank(builder);
        uint256 id = registry.publishAdapter(modelId, params);
        vm.snapshotGasLastCall(GROUP, "publishAdapter");
        assertEq(uint256(registry.getAdapter(id).version), 4, "version");
    }

    function test_attest_GasSnapshot() external {
        vm.prank(trainer);
        registry.attest(published, SCORE, REPORT_HASH);
        vm.snapshotGasLastCall(GROUP, "attest");
        assertEq(_status(published), uint256(IModelRegistry.AdapterStatus.Verified), "status");
    }

    function test_attestWithSignature_GasSnapshot() external {
        IModelRegistry.Attestation memory att = _attestation(published);
        bytes memory signature = _sign(TRAINER_KEY, att);
        vm.prank(stranger); // a relayer
        registry.attestWithSignature(att, trainer, signature);
        vm.snapshotGasLastCall(GROUP, "attestWithSignature");
        assertEq(_status(published), uint256(IModelRegistry.AdapterStatus.Verified), "status");
    }

    function test_activateAdapter_GasSnapshot() external {
        vm.prank(builder);
        registry.activateAdapter(verified, PRICE);
        vm.snapshotGasLastCall(GROUP, "activateAdapter");
        assertEq(_status(verified), uint256(IModelRegistry.AdapterStatus.Active), "status");
    }

    function test_servingTerms_GasSnapshot() external {
        (uint256 servedModel, , uint256 price) = registry.servingTerms(active);
        vm.snapshotGasLastCall(GROUP, "servingTerms");
        assertEq(servedModel, modelId, "modelId");
        assertEq(price, PRICE, "price");
    }
}
