// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelRegistry} from "../contracts/interfaces/IModelRegistry.sol";
import {ModelHandler} from "./handlers/ModelHandler.sol";
import {InvariantTest} from "./utils/InvariantTest.sol";
import {ModelFixture} from "./utils/ModelFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice The invariants of {IModelRegistry}, over random sequences of valid actions.
/// @dev The runner needs the handler's artifact, which Hardhat only writes for root files: to run
/// this file alone, name the handler too:
/// `npx hardhat test solidity test/ModelRegistry.invariant.t.sol test/handlers/ModelHandler.sol`.
contract ModelRegistryInvariantTest is ModelFixture, InvariantTest {
    ModelHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new ModelHandler(
            registry,
            datanets,
            registrar,
            trainer,
            TRAINER_KEY,
            datanetOwner,
            [builder, otherBuilder, stranger]
        );
        address contractTrainer = address(handler.contractTrainer());
        vm.prank(admin);
        registry.grantRole(TRAINER_ROLE, contractTrainer);

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = ModelHandler.addBaseModel.selector;
        selectors[1] = ModelHandler.retireBaseModel.selector;
        selectors[2] = ModelHandler.createModel.selector;
        selectors[3] = ModelHandler.publishAdapter.selector;
        selectors[4] = ModelHandler.attest.selector;
        selectors[5] = ModelHandler.activate.selector;
        selectors[6] = ModelHandler.deactivate.selector;
        selectors[7] = ModelHandler.publishDatanetVersion.selector;
        // A start with something to act on (a base model, two models, three adapters, one of them
        // active), so short runs reach the later stages of the lifecycle too.
        handler.addBaseModel(0);
        handler.createModel(0, 0, 1);
        handler.createModel(1, 0, 2);
        for (uint256 i = 0; i < 3; ++i) handler.publishAdapter(i);
        handler.attest(0, 1, 0);
        handler.activate(0, 1);

        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// Ids are 1..count, each used once: counts equal the handler's, every create returned the next
    /// id, ids up to the count resolve and the next one does not.
    function invariant_idsDenseAndNeverReused() public view {
        assertEq(handler.idMismatches(), 0, "a create returned another id than count + 1");
        uint256 bases = registry.baseModelCount();
        uint256 models = registry.modelCount();
        uint256 adapters = registry.adapterCount();
        assertEq(bases, handler.ghostBaseModels(), "baseModelCount");
        assertEq(models, handler.ghostModels(), "modelCount");
        assertEq(adapters, handler.ghostAdapters(), "adapterCount");

        for (uint256 id = 1; id <= bases; ++id) {
            IModelRegistry.BaseModel memory b = registry.getBaseModel(id);
            assertTrue(b.weightsHash != 0, "base model without weights");
            assertEq(b.retired, handler.ghostRetired(id), "retired flag");
        }
        try registry.getBaseModel(bases + 1) {
            revert("base model past the count");
        } catch (bytes memory reason) {
            assertEq(reason, _unknownBaseModel(bases + 1), "base model past the count");
        }
        try registry.getModel(models + 1) {
            revert("model past the count");
        } catch (bytes memory reason) {
            assertEq(reason, _unknownModel(models + 1), "model past the count");
        }
        try registry.getAdapter(adapters + 1) {
            revert("adapter past the count");
        } catch (bytes memory reason) {
            assertEq(reason, _unknownAdapter(adapters + 1), "adapter past the count");
        }

        // Each adapter is version v of exactly one model, and each model's versions are 1..n.
        uint256 versions;
        for (uint256 m = 1; m <= models; ++m) {
            IModelRegistry.Model memory model = registry.getModel(m);
            assertEq(model.builder, handler.ghostBuilder(m), "builder");
            uint256[] memory ids = registry.getModelAdapters(m, 1, 100);
            assertEq(ids.length, model.adapterCount, "versions of a model");
            for (uint256 v = 0; v < ids.length; ++v) {
                IModelRegistry.Adapter memory a = registry.getAdapter(ids[v]);
                assertEq(uint256(a.modelId), m, "adapter's model");
                assertEq(uint256(a.version), v + 1, "adapter's version");
            }
            versions += ids.length;
        }
        assertEq(versions, adapters, "adapters that are no model's version");
    }

    /// An adapter is Active only if it was verified (by a trainer, with a report), and its status
    /// and price are what the handler's calls made them.
    function invariant_activeOnlyIfVerified() public view {
        uint256 adapters = registry.adapterCount();
        for (uint256 id = 1; id <= adapters; ++id) {
            IModelRegistry.Adapter memory a = registry.getAdapter(id);
            assertEq(uint256(a.status), uint256(handler.ghostStatus(id)), "status");
            if (a.status == IModelRegistry.AdapterStatus.Published) {
                assertEq(a.verifiedBy, address(0), "published adapter with a verifier");
                assertEq(uint256(a.pricePerCall), 0, "published adapter with a price");
                continue;
            }
            // Verified or Active: verified once, by the trainer the handler used.
            assertEq(a.verifiedBy, handler.ghostVerifier(id), "verifiedBy");
            assertTrue(registry.hasRole(TRAINER_ROLE, a.verifiedBy), "verified by a non-trainer");
            assertTrue(a.reportHash != 0, "verified without a report");
            if (a.status == IModelRegistry.AdapterStatus.Active) {
                assertGt(a.pricePerCall, 0, "active for free");
                assertEq(uint256(a.pricePerCall), handler.ghostPrice(id), "price");
            }
        }
    }

    /// Every model's sources are 1..32 published Datanet versions, sorted, without repeats.
    function invariant_sourcesArePublishedDatanetVersions() public view {
        uint256 models = registry.modelCount();
        for (uint256 m = 1; m <= models; ++m) {
            IModelRegistry.DatanetVersion[] memory s = registry.getModel(m).sources;
            assertTrue(s.length >= 1 && s.length <= 32, "source count");
            for (uint256 i = 0; i < s.length; ++i) {
                if (i != 0) {
                    bool sorted =
                        s[i - 1].datanetId < s[i].datanetId ||
                            (s[i - 1].datanetId == s[i].datanetId && s[i - 1].version < s[i].version);
                    assertTrue(sorted, "sources not sorted");
                }
                assertTrue(s[i].version >= 1, "version 0");
                assertLe(s[i].version, datanets.versionCount(s[i].datanetId), "unpublished version");
                assertTrue(datanets.getVersion(s[i].datanetId, s[i].version).root != 0, "version without root");
            }
        }
    }

    /// servingTerms succeeds exactly for active adapters, with their model, builder and price, and
    /// says why otherwise.
    function invariant_servingTermsExactlyForActive() public view {
        uint256 adapters = registry.adapterCount();
        for (uint256 id = 0; id <= adapters + 1; ++id) {
            IModelRegistry.AdapterStatus status =
                id == 0 || id > adapters ? IModelRegistry.AdapterStatus.None : registry.getAdapter(id).status;
            try registry.servingTerms(id) returns (uint256 modelId, address builder_, uint256 price) {
                assertTrue(status == IModelRegistry.AdapterStatus.Active, "served while not active");
                IModelRegistry.Adapter memory a = registry.getAdapter(id);
                assertEq(modelId, a.modelId, "served model");
                assertEq(builder_, registry.getModel(modelId).builder, "served builder");
                assertEq(price, a.pricePerCall, "served price");
            } catch (bytes memory reason) {
                assertTrue(status != IModelRegistry.AdapterStatus.Active, "active but not served");
                bytes memory expected =
                    status == IModelRegistry.AdapterStatus.None ? _unknownAdapter(id) : _wrongStatus(id, status);
                assertEq(reason, expected, "servingTerms revert");
            }
        }
    }

    /// What the interface forbids never happens, and fails with the error it names: a second
    /// verification, activating an unverified adapter or someone else's, deactivating twice, an
    /// unpublished Datanet version as a source.
    function invariant_forbiddenCallsFail() public view {
        assertEq(handler.forbiddenSuccesses(), 0, "a forbidden call succeeded");
        assertEq(handler.forbiddenWrongErrors(), 0, "a forbidden call failed with another error");
    }

    function _actions() internal pure returns (bytes4[8] memory) {
        return
            [
                ModelHandler.addBaseModel.selector,
                ModelHandler.retireBaseModel.selector,
                ModelHandler.createModel.selector,
                ModelHandler.publishAdapter.selector,
                ModelHandler.attest.selector,
                ModelHandler.activate.selector,
                ModelHandler.deactivate.selector,
                ModelHandler.publishDatanetVersion.selector
            ];
    }

    /// The guards are not vacuous: from setUp's state, a scripted sequence makes every action
    /// reach its transition, with each way of attesting, and the invariants hold after it.
    function test_handler_EveryActionReachesItsTransition() public {
        bytes4[8] memory actions = _actions();
        uint256[8] memory before;
        for (uint256 i = 0; i < actions.length; ++i) before[i] = handler.transitions(actions[i]);
        uint256 attempts = handler.forbiddenAttempts();

        handler.addBaseModel(2); // base model 2
        handler.publishDatanetVersion(2); // DRAFT v1
        handler.createModel(2, 1, 7); // model 3, on base model 2
        handler.publishAdapter(2); // adapter 4, version 1 of model 3
        handler.attest(1, 20, 1); // adapter 2, by an EOA signature
        handler.attest(2, 30, 2); // adapter 3, by ERC-1271
        handler.attest(3, 10, 0); // adapter 4, directly
        handler.publishAdapter(0); // adapter 5, left unverified
        handler.activate(1, 0); // adapter 2, at the lowest price
        handler.deactivate(0); // adapter 1
        handler.retireBaseModel(0);
        handler.retireBaseModel(0);
        uint256 created = handler.transitions(ModelHandler.createModel.selector);
        handler.createModel(0, 0, 9); // every base model retired: returns early

        for (uint256 i = 0; i < actions.length; ++i) {
            assertGt(handler.transitions(actions[i]), before[i], "an action never made its transition");
        }
        assertEq(handler.transitions(ModelHandler.createModel.selector), created, "created on a retired base");
        assertEq(registry.getAdapter(2).verifiedBy, trainer, "EOA signature verifier");
        assertEq(registry.getAdapter(3).verifiedBy, address(handler.contractTrainer()), "ERC-1271 verifier");
        assertEq(registry.getAdapter(4).verifiedBy, trainer, "direct verifier");
        assertEq(_status(1), uint256(IModelRegistry.AdapterStatus.Verified), "adapter 1 deactivated");
        (, , uint256 price) = registry.servingTerms(2);
        assertEq(price, 1, "adapter 2 price");
        assertEq(datanets.versionCount(DRAFT), 1, "DRAFT versions");
        // createModel 1, attest 3, activate 2 (another builder; adapter 5, unverified), deactivate 1.
        assertEq(handler.forbiddenAttempts() - attempts, 7, "forbidden attempts");

        invariant_forbiddenCallsFail();
        invariant_idsDenseAndNeverReused();
        invariant_activeOnlyIfVerified();
        invariant_sourcesArePublishedDatanetVersions();
        invariant_servingTermsExactlyForActive();
    }

    /// With nothing to act on, every action but adding a base model or a Datanet version returns
    /// early instead of reverting (the invariant runs fail on reverts).
    function test_handler_ReturnsEarlyWithNothingToActOn() public {
        ModelHandler empty = new ModelHandler(
            _deployRegistry(),
            datanets,
            registrar,
            trainer,
            TRAINER_KEY,
            datanetOwner,
            [builder, otherBuilder, stranger]
        );
        empty.retireBaseModel(0);
        empty.createModel(0, 0, 0);
        empty.publishAdapter(0);
        empty.attest(0, 1, 0);
        empty.activate(0, 1);
        empty.deactivate(0);
        bytes4[8] memory actions = _actions();
        for (uint256 i = 0; i < actions.length; ++i) {
            assertEq(empty.transitions(actions[i]), 0, "an action made a transition from nothing");
        }
        assertEq(empty.registry().modelCount(), 0, "modelCount");
    }
}
