// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelRegistry} from "../contracts/interfaces/IModelRegistry.sol";
import {Pagination} from "../contracts/libraries/Pagination.sol";
import {ModelFixture} from "./utils/ModelFixture.sol";
import {vm} from "./utils/Vm.sol";

contract ModelRegistryFuzzTest is ModelFixture {
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    /// Versions in setUp: TEXT 1..20 and CODE 1..12, the 32 sources of the largest model.
    uint32 internal constant TEXT_VERSIONS = 20;
    uint32 internal constant CODE_VERSIONS = 12;
    /// Random sources are drawn from Datanets 0..NO_DATANET and versions 0..MAX_VERSION.
    uint32 internal constant MAX_VERSION = 21;

    uint256 internal baseId;
    uint256 internal modelId;
    uint256 internal adapterId;

    function setUp() public override {
        super.setUp();
        _publishVersions(TEXT, TEXT_VERSIONS - 2);
        _publishVersions(CODE, CODE_VERSIONS - 1);
        baseId = _addBaseModel();
        modelId = _createModel(builder, baseId);
        adapterId = _publishAdapter(builder, modelId);
    }

    function _rand(uint256 seed, uint256 i) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, i)));
    }

    // ================================================================ createModel sources

    /// The i-th of the 32 published versions, in (datanetId, version) order.
    function _existing(uint256 i) internal pure returns (IModelRegistry.DatanetVersion memory) {
        return i < TEXT_VERSIONS ? _src(TEXT, uint32(i + 1)) : _src(CODE, uint32(i - TEXT_VERSIONS + 1));
    }

    /// `length` sources made by one of four recipes: sorted published versions; the same with one
    /// defect (two swapped, one repeated, or one replaced at random); random small pairs; random
    /// full-width pairs.
    function _randomSources(
        uint256 seed,
        uint256 length,
        uint256 recipe
    ) internal pure returns (IModelRegistry.DatanetVersion[] memory s) {
        s = new IModelRegistry.DatanetVersion[](length);
        if (recipe < 2) {
            // A sorted choice of `length` of the 32 published versions (all of them, then versions
            // of the never created Datanet, when more are asked for).
            uint256 needed = length;
            uint256 n;
            for (uint256 j = 0; j < 32 && needed != 0; ++j) {
                if (_rand(seed, j) % (32 - j) < needed) {
                    s[n++] = _existing(j);
                    --needed;
                }
            }
            for (uint32 v = 1; n < length; ++v) s[n++] = _src(NO_DATANET, v);
            if (recipe == 1 && length != 0) {
                uint256 i = _rand(seed, 100) % length;
                uint256 defect = _rand(seed, 101) % 3;
                if (defect == 0 && i + 1 < length) (s[i], s[i + 1]) = (s[i + 1], s[i]);
                else if (defect == 1 && i + 1 < length) s[i + 1] = s[i];
                else s[i] = _src(uint64(_rand(seed, 102) % 5), uint32(_rand(seed, 103) % (MAX_VERSION + 1)));
            }
        } else {
            for (uint256 i = 0; i < length; ++i) {
                uint256 r = _rand(seed, 200 + i);
                s[i] =
                    recipe == 2
                        ? _src(uint64(r % 5), uint32((r >> 8) % (MAX_VERSION + 1)))
                        : _src(uint64(r), uint32(r >> 64));
            }
        }
    }

    function _before(
        IModelRegistry.DatanetVersion memory a,
        IModelRegistry.DatanetVersion memory b
    ) internal pure returns (bool) {
        return a.datanetId < b.datanetId || (a.datanetId == b.datanetId && a.version < b.version);
    }

    /// What createModel must do with `s`, from the interface's words: the revert, or empty if the
    /// sources are 1..32 published versions, sorted, without repeats.
    function _expectedRevert(IModelRegistry.DatanetVersion[] memory s) internal view returns (bytes memory) {
        if (s.length == 0 || s.length > 32) {
            return abi.encodeWithSelector(IModelRegistry.ModelSourceCountOutOfRange.selector, s.length, 32);
        }
        for (uint256 i = 0; i < s.length; ++i) {
            if (i != 0 && !_before(s[i - 1], s[i])) return _notSorted(i);
            if (s[i].version == 0 || s[i].version > datanets.versionCount(s[i].datanetId)) {
                return _unknownVersion(s[i].datanetId, s[i].version);
            }
        }
        return "";
    }

    function testFuzz_createModel_AcceptsIffSortedUniquePublished(uint256 seed, uint256 length, uint8 recipe) public {
        length = bound(length, 0, 34);
        IModelRegistry.DatanetVersion[] memory sources = _randomSources(seed, length, recipe % 4);
        bytes memory expected = _expectedRevert(sources);
        uint256 count = registry.modelCount();

        if (expected.length != 0) {
            vm.expectRevert(expected);
            vm.prank(otherBuilder);
            registry.createModel(baseId, sources, METADATA_URI);
            assertEq(registry.modelCount(), count, "modelCount");
            return;
        }
        vm.prank(otherBuilder);
        uint256 id = registry.createModel(baseId, sources, METADATA_URI);
        assertEq(id, count + 1, "id");
        IModelRegistry.DatanetVersion[] memory stored = registry.getModel(id).sources;
        assertEq(stored.length, length, "sources");
        for (uint256 i = 0; i < length; ++i) {
            assertEq(uint256(stored[i].datanetId), sources[i].datanetId, "datanetId");
            assertEq(uint256(stored[i].version), sources[i].version, "version");
        }
    }

    /// Sorted lists of published versions of every length 1..32 are accepted (recipe 0 above is
    /// the only source of valid lists, so this pins that it produces them).
    function testFuzz_createModel_AcceptsSortedPublished(uint256 seed, uint256 length) public {
        length = bound(length, 1, 32);
        IModelRegistry.DatanetVersion[] memory sources = _randomSources(seed, length, 0);
        uint256 id = _createModel(otherBuilder, baseId, sources);
        assertEq(registry.getModel(id).sources.length, length, "sources");
    }

    // ================================================================ attestWithSignature

    /// A signature by a random key verifies the adapter iff its address holds TRAINER_ROLE, and
    /// never in another trainer's name.
    function testFuzz_attestWithSignature_AcceptsIffKeyHoldsTrainerRole(uint256 key, bool grant) public {
        key = bound(key, 1, SECP256K1_N - 1);
        address signer = vm.addr(key);
        if (grant) {
            vm.prank(admin);
            registry.grantRole(TRAINER_ROLE, signer);
        }
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        bytes memory signature = _sign(key, att);

        if (signer != trainer) {
            vm.expectRevert(_invalidSignature(trainer));
            registry.attestWithSignature(att, trainer, signature);
        }
        if (!grant && signer != trainer) {
            vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelNotTrainer.selector, signer));
            registry.attestWithSignature(att, signer, signature);
            assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Published), "status");
            return;
        }
        vm.prank(stranger);
        registry.attestWithSignature(att, signer, signature);
        assertEq(registry.getAdapter(adapterId).verifiedBy, signer, "verifiedBy");
        assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Verified), "status");
    }

    /// Any change to a signed score, report hash or deadline (later) invalidates the signature.
    function testFuzz_attestWithSignature_RejectsTamperedFields(
        uint32 score,
        bytes32 reportHash,
        uint256 ttl,
        uint256 field,
        uint256 delta
    ) public {
        vm.assume(reportHash != 0);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        (att.score, att.reportHash) = (score, reportHash);
        att.deadline = NOW + bound(ttl, 0, 365 days);
        bytes memory signature = _sign(TRAINER_KEY, att);

        IModelRegistry.Attestation memory tampered = _attestation(adapterId);
        (tampered.score, tampered.reportHash, tampered.deadline) = (score, reportHash, att.deadline);
        field %= 3;
        if (field == 0) tampered.score = score ^ uint32(bound(delta, 1, type(uint32).max));
        if (field == 1) tampered.reportHash = reportHash ^ bytes32(bound(delta, 1, type(uint256).max));
        if (field == 2) tampered.deadline = att.deadline + bound(delta, 1, 365 days);
        vm.expectRevert(_invalidSignature(trainer));
        registry.attestWithSignature(tampered, trainer, signature);

        registry.attestWithSignature(att, trainer, signature);
        IModelRegistry.Adapter memory a = registry.getAdapter(adapterId);
        assertEq(uint256(a.score), score, "score");
        assertEq(a.reportHash, reportHash, "reportHash");
    }

    /// Accepted up to and including the deadline, refused after it.
    function testFuzz_attestWithSignature_DeadlineInclusive(uint256 deadline, uint256 at) public {
        deadline = bound(deadline, NOW, NOW + 3650 days);
        at = bound(at, NOW, NOW + 3650 days);
        IModelRegistry.Attestation memory att = _attestation(adapterId);
        att.deadline = deadline;
        bytes memory signature = _sign(TRAINER_KEY, att);
        vm.warp(at);
        if (at > deadline) {
            vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelAttestationExpired.selector, deadline));
            registry.attestWithSignature(att, trainer, signature);
            assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Published), "status");
        } else {
            registry.attestWithSignature(att, trainer, signature);
            assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Verified), "status");
        }
    }

    /// attestationDigest is the EIP-712 digest of the typed data, on any chain.
    function testFuzz_attestationDigest_MatchesIndependentEIP712(
        IModelRegistry.Attestation memory att,
        uint64 chainId
    ) public {
        vm.assume(chainId != 0);
        vm.chainId(chainId);
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("OpenAttribution ModelRegistry"),
                keccak256("1"),
                uint256(chainId),
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

    // ================================================================ prices

    function testFuzz_activateAdapter_AnyPositivePrice(uint128 price, uint128 newPrice) public {
        _attest(adapterId);
        if (price == 0) {
            vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelZeroPrice.selector));
            _activate(builder, adapterId, price);
            assertEq(_status(adapterId), uint256(IModelRegistry.AdapterStatus.Verified), "status");
            return;
        }
        _activate(builder, adapterId, price);
        (uint256 servedModel, address servedBuilder, uint256 served) = registry.servingTerms(adapterId);
        assertEq(served, price, "price");
        assertEq(servedModel, modelId, "modelId");
        assertEq(servedBuilder, builder, "builder");

        // A price change while active: any positive price, never zero.
        if (newPrice == 0) {
            vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelZeroPrice.selector));
            _activate(builder, adapterId, newPrice);
        } else {
            vm.expectEmit(address(registry));
            emit IModelRegistry.AdapterActivated(adapterId, modelId, newPrice);
            _activate(builder, adapterId, newPrice);
        }
        (, , served) = registry.servingTerms(adapterId);
        assertEq(served, newPrice == 0 ? price : newPrice, "price after change");
    }

    // ================================================================ ids

    /// Random interleavings of every creating action: each id is the previous count + 1, every id
    /// up to the count resolves, the next one does not, and each model's versions are 1..n.
    function testFuzz_ids_DenseAndNeverReused(uint256 seed, uint256 steps) public {
        steps = bound(steps, 1, 16);
        address[3] memory builders = [builder, otherBuilder, stranger];
        for (uint256 i = 0; i < steps; ++i) {
            uint256 r = _rand(seed, i);
            uint256 action = r % 4;
            if (action == 0) {
                uint256 expectedId = registry.baseModelCount() + 1;
                assertEq(_addBaseModel(), expectedId, "base model id");
            } else if (action == 1) {
                uint256 base = ((r >> 8) % registry.baseModelCount()) + 1;
                if (registry.getBaseModel(base).retired) continue;
                uint256 expectedId = registry.modelCount() + 1;
                assertEq(_createModel(builders[(r >> 16) % 3], base), expectedId, "model id");
            } else if (action == 2) {
                uint256 model = ((r >> 8) % registry.modelCount()) + 1;
                uint256 expectedId = registry.adapterCount() + 1;
                uint256 expectedVersion = registry.getModel(model).adapterCount + 1;
                uint256 id = _publishAdapter(registry.getModel(model).builder, model);
                assertEq(id, expectedId, "adapter id");
                assertEq(uint256(registry.getAdapter(id).version), expectedVersion, "version");
            } else {
                uint256 base = ((r >> 8) % registry.baseModelCount()) + 1;
                if (registry.getBaseModel(base).retired) continue;
                vm.prank(registrar);
                registry.retireBaseModel(base);
            }
        }

        _assertDense();
    }

    function _assertDense() internal {
        uint256 bases = registry.baseModelCount();
        uint256 models = registry.modelCount();
        uint256 adapters = registry.adapterCount();
        assertEq(registry.getBaseModels(1, 100).length, bases, "base models listed");
        vm.expectRevert(_unknownBaseModel(bases + 1));
        registry.getBaseModel(bases + 1);

        uint256 versions;
        for (uint256 m = 1; m <= models; ++m) {
            uint256[] memory ids = registry.getModelAdapters(m, 1, 100);
            assertEq(ids.length, registry.getModel(m).adapterCount, "adapters of a model");
            for (uint256 v = 0; v < ids.length; ++v) {
                IModelRegistry.Adapter memory a = registry.getAdapter(ids[v]);
                assertEq(uint256(a.modelId), m, "adapter's model");
                assertEq(uint256(a.version), v + 1, "adapter's version");
            }
            versions += ids.length;
        }
        assertEq(versions, adapters, "every adapter is a version of one model");
        vm.expectRevert(_unknownModel(models + 1));
        registry.getModel(models + 1);
        vm.expectRevert(_unknownAdapter(adapters + 1));
        registry.getAdapter(adapters + 1);
    }

    // ================================================================ pagination

    function testFuzz_getBaseModels_Pagination(uint256 count, uint256 from, uint256 limit) public {
        count = bound(count, 0, 12);
        from = bound(from, 0, 15);
        limit = bound(limit, 0, 102);
        for (uint256 i = 2; i <= count; ++i) _addBaseModel(bytes32(i)); // base 1 is from setUp
        uint256 total = count == 0 ? 1 : count;

        if (from == 0 || limit == 0 || limit > 100) {
            vm.expectRevert(abi.encodeWithSelector(Pagination.PaginationInvalidPage.selector, from, limit, 100));
            registry.getBaseModels(from, limit);
            return;
        }
        IModelRegistry.BaseModel[] memory page = registry.getBaseModels(from, limit);
        uint256 expected = from > total ? 0 : (total - from + 1 < limit ? total - from + 1 : limit);
        assertEq(page.length, expected, "page length");
        for (uint256 i = 0; i < page.length; ++i) {
            assertEq(page[i].weightsHash, registry.getBaseModel(from + i).weightsHash, "page item");
        }
    }
}
