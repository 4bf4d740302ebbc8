// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {AttributionDistributor} from "../../contracts/AttributionDistributor.sol";
import {DatanetRegistry} from "../../contracts/DatanetRegistry.sol";
import {ModelRegistry} from "../../contracts/ModelRegistry.sol";
import {OpenToken} from "../../contracts/OpenToken.sol";
import {UsageLedger} from "../../contracts/UsageLedger.sol";
import {IDatanetRegistry} from "../../contracts/interfaces/IDatanetRegistry.sol";
import {IModelRegistry} from "../../contracts/interfaces/IModelRegistry.sol";
import {Test} from "./Test.sol";
import {vm} from "./Vm.sol";

/// @notice The whole usage path on real contracts: OPEN, the distributor, a Datanet with one
/// published version, a model built on it and an adapter that was published, verified by a trainer
/// and activated by its builder at `PRICE`, the honest way. Payers hold OPEN and approve the ledger;
/// `permitPayer` (key `PERMIT_KEY`) holds OPEN and approves nothing, for permits.
abstract contract UsageFixture is Test {
    uint16 internal constant BUILDER_BPS = 7_000;
    uint16 internal constant TREASURY_BPS = 1_000;
    uint16 internal constant ATTRIBUTION_BPS = 2_000; // 10,000 - 7,000 - 1,000
    uint48 internal constant CHALLENGE_PERIOD = 1 days;
    uint128 internal constant PRICE = 0.01 ether; // OPEN wei per call
    uint256 internal constant PAYER_FUNDS = 10_000_000 ether;
    uint96 internal constant STAKE = 10 ether;
    uint32 internal constant REVIEW_PERIOD = 1 days;
    uint256 internal constant PERMIT_KEY = 0xA11CE;

    // EIP-712, spelled out so tests do not trust the token's own constants.
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    address internal immutable admin = _actor("admin");
    address internal immutable treasury = _actor("treasury");
    address internal immutable registrar = _actor("registrar");
    address internal immutable trainer = _actor("trainer");
    address internal immutable datanetOwner = _actor("datanetOwner");
    address internal immutable curator = _actor("curator");
    address internal immutable contributor = _actor("contributor");
    address internal immutable builder = _actor("builder");
    address internal immutable builder2 = _actor("builder2");
    address internal immutable alice = _actor("alice");
    address internal immutable bob = _actor("bob");
    address internal immutable stranger = _actor("stranger");
    address internal permitPayer;

    OpenToken internal token;
    AttributionDistributor internal distributor;
    DatanetRegistry internal datanets;
    ModelRegistry internal models;
    UsageLedger internal ledger;

    uint256 internal datanetId;
    uint256 internal baseModelId;
    /// The model of `builder` and its active adapter, at `PRICE`.
    uint256 internal modelId;
    uint256 internal adapterId;

    /// Distinguishes the hashes of each adapter the fixture publishes.
    uint256 private _adapterNonce;

    function setUp() public virtual {
        vm.warp(START_TIME);
        permitPayer = vm.addr(PERMIT_KEY);
        vm.label(permitPayer, "permitPayer");

        token = new OpenToken(address(this));
        distributor = new AttributionDistributor(token, admin, CHALLENGE_PERIOD);
        datanets = new DatanetRegistry(token);
        models = new ModelRegistry(datanets, admin);
        ledger = new UsageLedger(token, models, distributor, treasury, BUILDER_BPS, TREASURY_BPS, admin);

        vm.startPrank(admin);
        models.grantRole(models.REGISTRAR_ROLE(), registrar);
        models.grantRole(models.TRAINER_ROLE(), trainer);
        vm.stopPrank();

        datanetId = _publishDatanetVersion();
        vm.prank(registrar);
        baseModelId = models.addBaseModel("Base 8B", keccak256("base weights"), "https://license.example/base");
        (modelId, adapterId) = _newActiveAdapter(builder, PRICE);

        address[3] memory payers = [alice, bob, permitPayer];
        for (uint256 i = 0; i < payers.length; ++i) {
            require(token.transfer(payers[i], PAYER_FUNDS), "fixture: transfer");
        }
        _approveLedger(alice, type(uint256).max);
        _approveLedger(bob, type(uint256).max);
    }

    function _actor(string memory name) internal returns (address account) {
        account = address(uint160(uint256(keccak256(bytes(name)))));
        vm.label(account, name);
    }

    // ---------------------------------------------------------------- the honest path to an adapter

    /// A Datanet whose curator accepted one staked, committed contribution, and its version 1.
    function _publishDatanetVersion() internal returns (uint256 id) {
        vm.prank(datanetOwner);
        id = datanets.createDatanet(
            IDatanetRegistry.DatanetParams({
                metadataURI: "ipfs://datanet",
                license: "CC-BY-4.0",
                stake: STAKE,
                reviewPeriod: REVIEW_PERIOD,
                treasury: datanetOwner
            })
        );
        vm.prank(datanetOwner);
        datanets.setCurator(id, curator, true);

        bytes32 contentHash = keccak256("the contribution's bytes");
        bytes32 salt = keccak256("salt");
        bytes32[] memory hashes = new bytes32[](1);
        hashes[0] = contentHash;
        require(token.transfer(contributor, STAKE), "fixture: transfer");
        vm.startPrank(contributor);
        datanets.commit(datanets.commitmentOf(contributor, id, hashes, salt));
        token.approve(address(datanets), STAKE);
        vm.stopPrank();
        vm.warp(vm.getBlockTimestamp() + 1); // a reveal waits for the second after its commitment
        vm.prank(contributor);
        datanets.contribute(id, contentHash, "ipfs://contribution", salt);

        uint8[] memory verdicts = new uint8[](1); // Verdict.Accept
        vm.prank(curator);
        datanets.review(id, hashes, verdicts);
        vm.prank(datanetOwner);
        datanets.publishVersion(id, keccak256("version 1 root"), 1, "ipfs://manifest-1");
    }

    /// A new model of `builder_` on version 1 of the Datanet, with one published adapter.
    function _newPublishedAdapter(address builder_) internal returns (uint256 model, uint256 adapter) {
        IModelRegistry.DatanetVersion[] memory sources = new IModelRegistry.DatanetVersion[](1);
        sources[0] = IModelRegistry.DatanetVersion({datanetId: uint64(datanetId), version: 1});
        uint256 nonce = ++_adapterNonce;
        vm.startPrank(builder_);
        model = models.createModel(baseModelId, sources, "ipfs://model");
        adapter = models.publishAdapter(
            model,
            IModelRegistry.AdapterParams({
                adapterHash: keccak256(abi.encode("adapter", nonce)),
                configHash: keccak256(abi.encode("config", nonce)),
                manifestHash: keccak256(abi.encode("manifest", nonce)),
                uri: "ipfs://adapter"
            })
        );
        vm.stopPrank();
    }

    /// Published, then verified by the trainer: ready to activate, not serving.
    function _newVerifiedAdapter(address builder_) internal returns (uint256 model, uint256 adapter) {
        (model, adapter) = _newPublishedAdapter(builder_);
        vm.prank(trainer);
        models.attest(adapter, 87, keccak256(abi.encode("report", adapter)));
    }

    /// Published, verified and activated by `builder_` at `price`.
    function _newActiveAdapter(address builder_, uint128 price) internal returns (uint256 model, uint256 adapter) {
        (model, adapter) = _newVerifiedAdapter(builder_);
        _setPrice(adapter, price);
    }

    /// The adapter's builder (re)activates it at `price`.
    function _setPrice(uint256 adapter, uint128 price) internal {
        address builder_ = models.getModel(models.getAdapter(adapter).modelId).builder;
        vm.prank(builder_);
        models.activateAdapter(adapter, price);
    }

    function _deactivate(uint256 adapter) internal {
        address builder_ = models.getModel(models.getAdapter(adapter).modelId).builder;
        vm.prank(builder_);
        models.deactivateAdapter(adapter);
    }

    // ---------------------------------------------------------------- payments

    function _approveLedger(address owner, uint256 amount) internal {
        vm.prank(owner);
        token.approve(address(ledger), amount);
    }

    /// `payer` pays `calls` calls to `adapter` at its current price.
    function _pay(address payer, uint256 adapter, uint256 calls) internal returns (uint256 paymentId) {
        (, , uint256 price) = models.servingTerms(adapter);
        vm.prank(payer);
        paymentId = ledger.pay(adapter, calls, price);
    }

    function _setFeeSplit(uint16 builderBps, uint16 treasuryBps) internal {
        vm.prank(admin);
        ledger.setFeeSplit(builderBps, treasuryBps);
    }

    // ---------------------------------------------------------------- permits

    function _domainSeparator() internal view returns (bytes32) {
        return
            keccak256(
                abi.encode(DOMAIN_TYPEHASH, keccak256("OpenLedger"), keccak256("1"), block.chainid, address(token))
            );
    }

    function _permitDigest(
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", _domainSeparator(), structHash));
    }

    /// `permitPayer` signs a permit of `value` for the ledger with its current nonce.
    function _signLedgerPermit(uint256 value, uint256 deadline) internal view returns (uint8, bytes32, bytes32) {
        return
            vm.sign(
                PERMIT_KEY,
                _permitDigest(permitPayer, address(ledger), value, token.nonces(permitPayer), deadline)
            );
    }

    // ---------------------------------------------------------------- errors

    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }
}
