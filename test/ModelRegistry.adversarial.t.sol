// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ModelRegistry} from "../contracts/ModelRegistry.sol";
import {IModelRegistry} from "../contracts/interfaces/IModelRegistry.sol";
import {MockERC1271Trainer} from "./utils/MockERC1271Trainer.sol";
import {ModelFixture} from "./utils/ModelFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Replayed, forged and malformed attestations; callers acting on models that are not
/// theirs; ids that do not exist; calldata with dirty bits.
contract ModelRegistryAdversarialTest is ModelFixture {
    /// secp256k1 group order: `s` and `n - s` both verify with ecrecover (flipping v).
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    uint256 internal modelId;
    uint256 internal adapterId;

    function setUp() public override {
        super.setUp();
        (modelId, adapterId) = _publishedAdapter(builder);
    }

    function _split(bytes memory signature) internal pure returns (bytes32 r, bytes32 s, uint8 v) {
        assembly ("memory-safe") {
            r := mload(add(signature, 0x20))
            s := mload(add(signature, 0x40))
            v := byte(0, mload(add(signature, 0x60)))
        }
    }

    function _expectInvalid(IModelRegistry.Attestation memory att, bytes memory signature) internal {
        vm.expectRevert(_invalidSignature(trainer));
        registry.attestWithSignature(att, trainer, signature);
    }

    function _assertPublished(uint256 id) internal view {
        assertEq(_status(id), uint256(IModelRegistry.AdapterStatus.Published), "adapter was verified");
    }

    // ================================================================ replay

    function test_attestWithSignature_RevertWhen_ReplayedOnAnotherDeployment() public {
        // A second registry where adapter 1 has the very same weights.
        ModelRegistry other = _deployRegistry();
        vm.prank(registrar);
        uint256 otherBase = other.addBaseModel(BASE_NAME, keccak256("other base"), LICENSE_URI);
        vm.startPrank(builder);
        uint256 otherModel = other.createModel(otherBase, _sources(), METADATA_URI);
        IModelRegistry.Adapter memory mine = registry.getAdapter(adapterId);
        uint256 otherAdapter = other.publishAdapter(
            otherModel,
            IModelRegistry.AdapterParams(mine.adapterHash, mine.configHash, mine.manifestHash, mine.uri)
        );
        vm.stopPrank();
        assertEq(otherAdapter, adapterId, "same adapter id");

        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes memory signature = _sign(TRAINER_KEY, att);
        assertNotEq(other.attestationDigest(att), registry.attestationDigest(att), "same digest on both");

        vm.expectRevert(_invalidSignature(trainer));
        other.attestWithSignature(att, trainer, signature);
        assertEq(uint256(other.getAdapter(otherAdapter).status), 1, "verified on the other deployment");

        // Control: it is good where it was signed.
        registry.attestWithSignature(att, trainer, signature);
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Verified), "status");
    }

    function test_attestWithSignature_RevertWhen_ReplayedOnAnotherChain() public {
        // Literal chain ids: via-IR may re-read `block.chainid` where a local copy of it is used.
        vm.chainId(1);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes32 homeDigest = registry.attestationDigest(att);
        bytes memory signature = _sign(TRAINER_KEY, att);

        vm.chainId(10);
        assertNotEq(registry.attestationDigest(att), homeDigest, "digest ignores the chain id");
        _expectInvalid(att, signature);
        _assertPublished(adapterId);

        // Control: the chain id is the only thing that is wrong.
        vm.chainId(1);
        registry.attestWithSignature(att, trainer, signature);
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Verified), "status");
    }

    function test_attestWithSignature_RevertWhen_ReplayedOnAnotherAdapter() public {
        uint256 second = _publishAdapter(builder, modelId);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes memory signature = _sign(TRAINER_KEY, att);

        // Pointed at the other adapter with its weights: not what was signed.
        IModelRegistry.Attestation memory moved = _attestation(second);
        moved.deadline = att.deadline;
        _expectInvalid(moved, signature);
        // Pointed at the other adapter with the signed weights: not that adapter's weights.
        moved.adapterHash = att.adapterHash;
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelRegistry.ModelAttestationHashMismatch.selector,
                second,
                registry.getAdapter(second).adapterHash,
                att.adapterHash
            )
        );
        registry.attestWithSignature(moved, trainer, signature);
        _assertPublished(second);
        _assertPublished(adapterId);
    }

    function test_attestWithSignature_RevertWhen_UsedTwice() public {
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes memory signature = _sign(TRAINER_KEY, att);
        registry.attestWithSignature(att, trainer, signature);

        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        registry.attestWithSignature(att, trainer, signature);

        // Still refused once the adapter is active, and again after it is deactivated.
        _activate(builder, adapterId, PRICE);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Active));
        registry.attestWithSignature(att, trainer, signature);
        vm.prank(builder);
        registry.deactivateAdapter(adapterId);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        registry.attestWithSignature(att, trainer, signature);
    }

    function test_attestWithSignature_FrontRunRelayKeepsTheTrainersVerdict() public {
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes memory signature = _sign(TRAINER_KEY, att);
        // A relayer who copies the signature from the mempool can only submit what was signed...
        IModelRegistry.Attestation memory better = _attestation(adapterId);
        better.score = type(uint32).max;
        vm.expectRevert(_invalidSignature(trainer));
        vm.prank(stranger);
        registry.attestWithSignature(better, trainer, signature);
        vm.prank(stranger);
        registry.attestWithSignature(att, trainer, signature);

        // ...so the verdict and its author are the trainer's, whoever sent it first.
        IModelRegistry.Adapter memory a = registry.getAdapter(adapterId);
        assertEq(a.verifiedBy, trainer, "verifiedBy");
        assertEq(uint256(a.score), SCORE, "score");
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        vm.prank(trainer);
        registry.attestWithSignature(att, trainer, signature);
    }

    // ================================================================ signers

    function test_attestWithSignature_RevertWhen_TrainerRoleRevoked() public {
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes memory signature = _sign(TRAINER_KEY, att);
        vm.prank(admin);
        registry.revokeRole(TRAINER_ROLE, trainer);

        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelNotTrainer.selector, trainer));
        registry.attestWithSignature(att, trainer, signature);
        _assertPublished(adapterId);
    }

    function test_attestWithSignature_RevertWhen_ContractTrainerRoleRevoked() public {
        MockERC1271Trainer wallet = new MockERC1271Trainer();
        vm.prank(admin);
        registry.grantRole(TRAINER_ROLE, address(wallet));
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        wallet.approve(registry.attestationDigest(att));
        vm.prank(admin);
        registry.revokeRole(TRAINER_ROLE, address(wallet));

        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelNotTrainer.selector, address(wallet)));
        registry.attestWithSignature(att, address(wallet), "");
        _assertPublished(adapterId);
    }

    function test_attestWithSignature_RevertWhen_ContractTrainerReverts() public {
        MockERC1271Trainer wallet = new MockERC1271Trainer();
        vm.prank(admin);
        registry.grantRole(TRAINER_ROLE, address(wallet));
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        wallet.approve(registry.attestationDigest(att));
        wallet.setReverts(true);

        vm.expectRevert(_invalidSignature(address(wallet)));
        registry.attestWithSignature(att, address(wallet), "");
        _assertPublished(adapterId);
    }

    function test_attestWithSignature_RevertWhen_KeySignatureClaimedForContractTrainer() public {
        // The trainer's key also signs for nothing when the named trainer is a contract: the
        // contract alone decides (ERC-1271), and it approved nothing.
        MockERC1271Trainer wallet = new MockERC1271Trainer();
        vm.prank(admin);
        registry.grantRole(TRAINER_ROLE, address(wallet));
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes memory signature = _sign(TRAINER_KEY, att);

        vm.expectRevert(_invalidSignature(address(wallet)));
        registry.attestWithSignature(att, address(wallet), signature);
    }

    function test_attestWithSignature_RevertWhen_AttributedToAnotherTrainer() public {
        // Two trainers: a relayer cannot credit one with the other's signature.
        vm.prank(admin);
        registry.grantRole(TRAINER_ROLE, vm.addr(STRANGER_KEY));
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes memory signature = _sign(STRANGER_KEY, att);

        _expectInvalid(att, signature);
        registry.attestWithSignature(att, vm.addr(STRANGER_KEY), signature);
        assertEq(registry.getAdapter(adapterId).verifiedBy, vm.addr(STRANGER_KEY), "verifiedBy");
    }

    // ================================================================ malformed signatures

    function test_attestWithSignature_RevertWhen_MalleableSignature() public {
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes32 digest = registry.attestationDigest(att);
        (bytes32 r, bytes32 s, uint8 v) = _split(_sign(TRAINER_KEY, att));
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        // The twin is a genuine signature for ecrecover...
        assertEq(ecrecover(digest, flippedV, r, highS), trainer, "twin does not recover the trainer");
        // ...that the registry refuses (high s).
        _expectInvalid(att, abi.encodePacked(r, highS, flippedV));
        _assertPublished(adapterId);
    }

    function test_attestWithSignature_RevertWhen_ShortSignature() public {
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        (bytes32 r, bytes32 s, uint8 v) = _split(_sign(TRAINER_KEY, att));
        // 64 bytes: r and s without v, and the ERC-2098 compact form (v folded into s's top bit).
        _expectInvalid(att, abi.encodePacked(r, s));
        _expectInvalid(att, abi.encodePacked(r, bytes32(uint256(s) | (uint256(v - 27) << 255))));
        _expectInvalid(att, abi.encodePacked(r));
        _expectInvalid(att, "");
        _assertPublished(adapterId);
    }

    function test_attestWithSignature_RevertWhen_GarbageSignature() public {
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes memory good = _sign(TRAINER_KEY, att);
        (bytes32 r, bytes32 s, uint8 v) = _split(good);
        _expectInvalid(att, abi.encodePacked(keccak256("r"), keccak256("s"), uint8(27)));
        _expectInvalid(att, abi.encodePacked(good, uint8(0))); // 66 bytes
        _expectInvalid(att, abi.encodePacked(r, s, uint8(0))); // v outside 27, 28
        _expectInvalid(att, abi.encodePacked(r, s, v + 2));
        _expectInvalid(att, abi.encodePacked(bytes32(0), s, v));
        _expectInvalid(att, abi.encodePacked(r, bytes32(0), v));
        _expectInvalid(att, abi.encodePacked(r, s, v == 27 ? uint8(28) : uint8(27))); // another signer
        _assertPublished(adapterId);
        // Control: the untouched signature.
        registry.attestWithSignature(att, trainer, good);
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Verified), "status");
    }

    // ================================================================ someone else's model

    function test_publishAdapter_RevertWhen_BuilderOfAnotherModel() public {
        uint256 theirs = _createModel(otherBuilder, _addBaseModel());
        IModelRegistry.AdapterParams memory p = _params();
        vm.expectRevert(_notBuilder(theirs, builder));
        vm.prank(builder);
        registry.publishAdapter(theirs, p);
        vm.expectRevert(_notBuilder(modelId, otherBuilder));
        vm.prank(otherBuilder);
        registry.publishAdapter(modelId, p);
        vm.expectRevert(_notBuilder(modelId, stranger));
        vm.prank(stranger);
        registry.publishAdapter(modelId, p);
        assertEq(uint256(registry.getModel(modelId).adapterCount), 1, "adapterCount");
    }

    function test_activateAdapter_RevertWhen_BuilderOfAnotherModel() public {
        _attest(adapterId);
        (uint256 theirModel, uint256 theirAdapter) = _verifiedAdapter(otherBuilder);
        vm.expectRevert(_notBuilder(theirModel, builder));
        vm.prank(builder);
        registry.activateAdapter(theirAdapter, PRICE);
        vm.expectRevert(_notBuilder(modelId, otherBuilder));
        vm.prank(otherBuilder);
        registry.activateAdapter(adapterId, PRICE);
        vm.expectRevert(_notBuilder(modelId, stranger));
        vm.prank(stranger);
        registry.activateAdapter(adapterId, PRICE);
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Verified), "status");
        assertEq(_status(theirAdapter), uint256(IModelRegistry.AdapterStatus.Verified), "their status");
    }

    function test_deactivateAdapter_RevertWhen_BuilderOfAnotherModel() public {
        _attest(adapterId);
        _activate(builder, adapterId, PRICE);
        (uint256 theirModel, uint256 theirAdapter) = _activeAdapter(otherBuilder);
        vm.expectRevert(_notBuilder(theirModel, builder));
        vm.prank(builder);
        registry.deactivateAdapter(theirAdapter);
        vm.expectRevert(_notBuilder(modelId, otherBuilder));
        vm.prank(otherBuilder);
        registry.deactivateAdapter(adapterId);
        vm.expectRevert(_notBuilder(modelId, stranger));
        vm.prank(stranger);
        registry.deactivateAdapter(adapterId);
        (, , uint256 price) = registry.servingTerms(adapterId);
        assertEq(price, PRICE, "still serving");
    }

    function test_activateAdapter_RevertWhen_TrainerThatVerifiedIt() public {
        _attest(adapterId);
        vm.expectRevert(_notBuilder(modelId, trainer));
        vm.prank(trainer);
        registry.activateAdapter(adapterId, 1);
    }

    /// Adapter weights are first come, first served: a copy of a builder's pending publication sent
    /// first under the copier's own model takes the weights hash, and the builder's reverts.
    /// Recorded as a known limitation of the interface (no commitment for adapters).
    function test_publishAdapter_CopiedWeightsHashBlocksTheOriginal() public {
        uint256 copierModel = _createModel(stranger, _addBaseModel());
        IModelRegistry.AdapterParams memory p = _params();
        uint256 copied = _publishAdapter(stranger, copierModel, p);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelDuplicateAdapter.selector, p.adapterHash, copied));
        vm.prank(builder);
        registry.publishAdapter(modelId, p);
        assertEq(uint256(registry.getAdapter(copied).modelId), copierModel, "the copy owns the hash");
    }

    // ================================================================ unknown ids

    /// 0, count + 1, an id that truncates to 1 in 64 bits, and the largest id.
    function _unknownIds(uint256 count) internal pure returns (uint256[4] memory) {
        return [0, count + 1, (uint256(1) << 64) + 1, type(uint256).max];
    }

    function test_baseModelViewsAndActions_RevertWhen_UnknownBaseModel() public {
        uint256[4] memory ids = _unknownIds(registry.baseModelCount());
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownBaseModel(ids[i]));
            registry.getBaseModel(ids[i]);
            vm.expectRevert(_unknownBaseModel(ids[i]));
            vm.prank(registrar);
            registry.retireBaseModel(ids[i]);
            vm.expectRevert(_unknownBaseModel(ids[i]));
            vm.prank(builder);
            registry.createModel(ids[i], _sources(), METADATA_URI);
        }
    }

    function test_modelViewsAndActions_RevertWhen_UnknownModel() public {
        uint256[4] memory ids = _unknownIds(registry.modelCount());
        IModelRegistry.AdapterParams memory p = _params();
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.expectRevert(_unknownModel(ids[i]));
            registry.getModel(ids[i]);
            vm.expectRevert(_unknownModel(ids[i]));
            registry.getModelAdapters(ids[i], 1, 1);
            vm.expectRevert(_unknownModel(ids[i]));
            vm.prank(builder);
            registry.publishAdapter(ids[i], p);
        }
    }

    function test_adapterViewsAndActions_RevertWhen_UnknownAdapter() public {
        uint256[4] memory ids = _unknownIds(registry.adapterCount());
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 id = ids[i];
            vm.expectRevert(_unknownAdapter(id));
            registry.getAdapter(id);
            vm.expectRevert(_unknownAdapter(id));
            registry.servingTerms(id);
            vm.expectRevert(_unknownAdapter(id));
            vm.prank(trainer);
            registry.attest(id, SCORE, REPORT_HASH);
            vm.expectRevert(_unknownAdapter(id));
            vm.prank(builder);
            registry.activateAdapter(id, PRICE);
            vm.expectRevert(_unknownAdapter(id));
            vm.prank(builder);
            registry.deactivateAdapter(id);

            IModelRegistry.Attestation memory att = _attestation(adapterId);
            att.adapterId = id;
            bytes memory signature = _sign(TRAINER_KEY, att);
            vm.expectRevert(_unknownAdapter(id));
            registry.attestWithSignature(att, trainer, signature);
        }
        _assertPublished(adapterId);
    }

    // ================================================================ dirty calldata

    function test_createModel_RevertWhen_DatanetIdHasDirtyHighBits() public {
        uint256 baseId = registry.getModel(modelId).baseModelId;
        // (datanetId, version) as two full words: the ABI encoding of a DatanetVersion.
        uint256[2][] memory wide = new uint256[2][](1);
        wide[0] = [(uint256(1) << 64) | TEXT, 1];
        (bool ok, bytes memory returned) = address(registry).call(
            abi.encodeWithSelector(registry.createModel.selector, baseId, wide, METADATA_URI)
        );
        assertFalse(ok, "dirty datanet id accepted");
        assertEq(returned.length, 0, "revert data");
        wide[0] = [uint256(TEXT), (uint256(1) << 32) | 1]; // dirty version
        (ok, returned) = address(registry).call(
            abi.encodeWithSelector(registry.createModel.selector, baseId, wide, METADATA_URI)
        );
        assertFalse(ok, "dirty version accepted");
        assertEq(returned.length, 0, "revert data");
        assertEq(registry.modelCount(), 1, "modelCount");

        // Control: the same encoding with clean words creates the model.
        wide[0] = [uint256(TEXT), 1];
        (ok, ) = address(registry).call(
            abi.encodeWithSelector(registry.createModel.selector, baseId, wide, METADATA_URI)
        );
        assertTrue(ok, "clean encoding refused");
        assertEq(registry.modelCount(), 2, "modelCount");
    }

    function test_attestWithSignature_RevertWhen_ScoreHasDirtyHighBits() public {
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes memory signature = _sign(TRAINER_KEY, att);
        // The Attestation as five full words, score with a bit above its 32.
        bytes memory dirty = abi.encodeWithSelector(
            registry.attestWithSignature.selector,
            [
                att.adapterId,
                uint256(att.adapterHash),
                (uint256(1) << 32) | att.score,
                uint256(att.reportHash),
                att.deadline
            ],
            trainer,
            signature
        );
        (bool ok, bytes memory returned) = address(registry).call(dirty);
        assertFalse(ok, "dirty score accepted");
        assertEq(returned.length, 0, "revert data");
        _assertPublished(adapterId);

        bytes memory clean = abi.encodeWithSelector(
            registry.attestWithSignature.selector,
            [att.adapterId, uint256(att.adapterHash), uint256(att.score), uint256(att.reportHash), att.deadline],
            trainer,
            signature
        );
        (ok, ) = address(registry).call(clean);
        assertTrue(ok, "clean encoding refused");
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Verified), "status");
    }
}
