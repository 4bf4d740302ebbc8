// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AttributionDistributor} from "../../contracts/AttributionDistributor.sol";
import {ModelRegistry} from "../../contracts/ModelRegistry.sol";
import {OpenToken} from "../../contracts/OpenToken.sol";
import {UsageLedger} from "../../contracts/UsageLedger.sol";
import {IModelRegistry} from "../../contracts/interfaces/IModelRegistry.sol";
import {Test} from "../utils/Test.sol";
import {vm} from "../utils/Vm.sol";

/// @notice Drives one ledger through valid calls only (the invariant profile fails on any revert):
/// every action checks its preconditions and returns early when they do not hold. It plays payers,
/// builders, governance and earners; each payment's parts are measured from the balances and
/// earnings it moved, and ghost sums track what the invariants compare against.
contract UsageHandler is Test {
    uint256 public constant MAX_CALLS = 1_000;
    uint128 public constant MAX_PRICE = 1e18;

    /// What the handler drives, as the invariant test set it up.
    struct Setup {
        OpenToken token;
        AttributionDistributor distributor;
        ModelRegistry models;
        UsageLedger ledger;
        address admin;
        address[] payers; // approved the ledger for everything
        address permitPayer; // approves nothing: pays with permits
        uint256 permitKey;
        uint256[] adapters; // active at the start
        address[] treasuries; // candidates for setTreasury, the first is the current one
        address[] builders; // of the adapters
        address[] recipients; // where earnings are withdrawn to
    }

    OpenToken public immutable token;
    AttributionDistributor public immutable distributor;
    ModelRegistry public immutable models;
    UsageLedger public immutable ledger;
    address public immutable admin;
    address public immutable permitPayer;
    uint256 internal immutable _permitKey;
    address[] internal _payers;
    uint256[] internal _adapters;
    address[] internal _treasuries;
    address[] internal _builders;
    address[] internal _recipients;

    // ---------------------------------------------------------------- ghosts

    uint256 public ghostPayments;
    uint256 public ghostPaid; // what payers' balances went down by
    uint256 public ghostBuilderParts; // what builders' earnings went up by in payments
    uint256 public ghostTreasuryParts; // what treasuries' earnings went up by in payments
    uint256 public ghostAttributionParts; // what the distributor's totalFunded went up by
    uint256 public ghostWithdrawn;
    /// A payment whose parts did not sum to what the payer paid, or differed from `quote`.
    uint256 public splitMismatches;
    uint256 public quoteMismatches;
    /// A payment whose id was not the previous one + 1.
    uint256 public idGaps;
    /// A withdrawal that paid the recipient other than the accrued earnings.
    uint256 public withdrawalMismatches;
    /// How often each action got past its guards and made its transition.
    mapping(bytes4 action => uint256) public transitions;

    constructor(Setup memory s) {
        (token, distributor, models, ledger, admin) = (s.token, s.distributor, s.models, s.ledger, s.admin);
        (permitPayer, _permitKey) = (s.permitPayer, s.permitKey);
        (_payers, _adapters, _treasuries, _builders, _recipients) = (
            s.payers,
            s.adapters,
            s.treasuries,
            s.builders,
            s.recipients
        );
    }

    /// Every account that can hold earnings: builders and treasury candidates.
    function earners() public view returns (address[] memory accounts) {
        accounts = new address[](_builders.length + _treasuries.length);
        for (uint256 i = 0; i < _builders.length; ++i) accounts[i] = _builders[i];
        for (uint256 i = 0; i < _treasuries.length; ++i) accounts[_builders.length + i] = _treasuries[i];
    }

    function payers() public view returns (address[] memory accounts) {
        accounts = new address[](_payers.length + 1);
        for (uint256 i = 0; i < _payers.length; ++i) accounts[i] = _payers[i];
        accounts[_payers.length] = permitPayer;
    }

    // ================================================================ actions

    /// A payer pays an active adapter (the first active one from `adapterSeed` on), with a max
    /// price at or above the current price.
    function pay(uint256 payerSeed, uint256 adapterSeed, uint256 calls, uint256 slack) public {
        (bool found, uint256 adapter) = _activeAdapter(adapterSeed);
        if (!found) return;
        calls = bound(calls, 1, MAX_CALLS);
        address payer = _payers[payerSeed % _payers.length];
        (, , uint256 price) = models.servingTerms(adapter);
        uint256 maxPrice = price + bound(slack, 0, price);
        _payAndMeasure(payer, adapter, calls, maxPrice, false);
        transitions[this.pay.selector]++;
    }

    /// The permit payer signs a permit for exactly the amount and pays in the same call.
    function payWithPermit(uint256 adapterSeed, uint256 calls) public {
        (bool found, uint256 adapter) = _activeAdapter(adapterSeed);
        if (!found) return;
        calls = bound(calls, 1, MAX_CALLS);
        (, , uint256 price) = models.servingTerms(adapter);
        _payAndMeasure(permitPayer, adapter, calls, price, true);
        transitions[this.payWithPermit.selector]++;
    }

    /// The builder changes the price of an active adapter (up or down).
    function setPrice(uint256 adapterSeed, uint256 price) public {
        uint256 adapter = _adapters[adapterSeed % _adapters.length];
        if (_status(adapter) != IModelRegistry.AdapterStatus.Active) return;
        vm.prank(_builderOf(adapter));
        models.activateAdapter(adapter, uint128(bound(price, 1, MAX_PRICE)));
        transitions[this.setPrice.selector]++;
    }

    function deactivate(uint256 adapterSeed) public {
        uint256 adapter = _adapters[adapterSeed % _adapters.length];
        if (_status(adapter) != IModelRegistry.AdapterStatus.Active) return;
        vm.prank(_builderOf(adapter));
        models.deactivateAdapter(adapter);
        transitions[this.deactivate.selector]++;
    }

    function reactivate(uint256 adapterSeed, uint256 price) public {
        uint256 adapter = _adapters[adapterSeed % _adapters.length];
        if (_status(adapter) != IModelRegistry.AdapterStatus.Verified) return;
        vm.prank(_builderOf(adapter));
        models.activateAdapter(adapter, uint128(bound(price, 1, MAX_PRICE)));
        transitions[this.reactivate.selector]++;
    }

    /// Governance sets a split within the bounds.
    function setFeeSplit(uint256 builderBps, uint256 treasuryBps) public {
        builderBps = bound(builderBps, 0, 8_000);
        treasuryBps = bound(treasuryBps, 0, 9_000 - builderBps < 2_000 ? 9_000 - builderBps : 2_000);
        vm.prank(admin);
        ledger.setFeeSplit(uint16(builderBps), uint16(treasuryBps));
        transitions[this.setFeeSplit.selector]++;
    }

    function setTreasury(uint256 seed) public {
        vm.prank(admin);
        ledger.setTreasury(_treasuries[seed % _treasuries.length]);
        transitions[this.setTreasury.selector]++;
    }

    /// An earner (builder or present or past treasury) withdraws everything to some recipient.
    function withdrawEarnings(uint256 earnerSeed, uint256 recipientSeed) public {
        address[] memory accounts = earners();
        address earner = accounts[earnerSeed % accounts.length];
        uint256 accrued = ledger.earnings(earner);
        if (accrued == 0) return;
        address to = _recipients[recipientSeed % _recipients.length];
        uint256 before = token.balanceOf(to);
        vm.prank(earner);
        uint256 amount = ledger.withdrawEarnings(to);
        if (amount != accrued || token.balanceOf(to) - before != accrued || ledger.earnings(earner) != 0) {
            withdrawalMismatches++;
        }
        ghostWithdrawn += amount;
        transitions[this.withdrawEarnings.selector]++;
    }

    // ================================================================ end of a run

    /// Every earner withdraws; the ledger must then hold nothing.
    function settle() external {
        address[] memory accounts = earners();
        for (uint256 i = 0; i < accounts.length; ++i) {
            uint256 accrued = ledger.earnings(accounts[i]);
            if (accrued == 0) continue;
            vm.prank(accounts[i]);
            ghostWithdrawn += ledger.withdrawEarnings(accounts[i]);
        }
        assertEq(token.balanceOf(address(ledger)), 0, "ledger holds something after every earner withdrew");
        assertEq(ghostWithdrawn, ghostBuilderParts + ghostTreasuryParts, "withdrawn != builder + treasury parts");
    }

    // ================================================================ internals

    function _payAndMeasure(address payer, uint256 adapter, uint256 calls, uint256 maxPrice, bool withPermit) internal {
        address builder = _builderOf(adapter);
        address treasury = ledger.treasury();
        (, uint256 qAmount, uint256 qBuilder, uint256 qTreasury, uint256 qPool) = ledger.quote(adapter, calls);
        uint256 payerBefore = token.balanceOf(payer);
        uint256 builderBefore = ledger.earnings(builder);
        uint256 treasuryBefore = ledger.earnings(treasury);
        uint256 fundedBefore = distributor.totalFunded();

        uint256 paymentId;
        if (withPermit) {
            uint256 deadline = vm.getBlockTimestamp();
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(_permitKey, _permitDigest(qAmount, deadline));
            vm.prank(payer);
            paymentId = ledger.payWithPermit(adapter, calls, maxPrice, qAmount, deadline, v, r, s);
        } else {
            vm.prank(payer);
            paymentId = ledger.pay(adapter, calls, maxPrice);
        }

        uint256 paid = payerBefore - token.balanceOf(payer);
        uint256 builderPart = ledger.earnings(builder) - builderBefore;
        uint256 treasuryPart = ledger.earnings(treasury) - treasuryBefore;
        uint256 pool = distributor.totalFunded() - fundedBefore;
        if (builderPart + treasuryPart + pool != paid) splitMismatches++;
        if (paid != qAmount || builderPart != qBuilder || treasuryPart != qTreasury || pool != qPool) {
            quoteMismatches++;
        }
        if (paymentId != ghostPayments + 1) idGaps++;
        ghostPayments++;
        ghostPaid += paid;
        ghostBuilderParts += builderPart;
        ghostTreasuryParts += treasuryPart;
        ghostAttributionParts += pool;
    }

    function _permitDigest(uint256 value, uint256 deadline) internal view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                permitPayer,
                address(ledger),
                value,
                token.nonces(permitPayer),
                deadline
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
    }

    function _activeAdapter(uint256 seed) internal view returns (bool found, uint256 adapter) {
        for (uint256 i = 0; i < _adapters.length; ++i) {
            adapter = _adapters[((seed % _adapters.length) + i) % _adapters.length];
            if (_status(adapter) == IModelRegistry.AdapterStatus.Active) return (true, adapter);
        }
    }

    function _status(uint256 adapter) internal view returns (IModelRegistry.AdapterStatus) {
        return models.getAdapter(adapter).status;
    }

    function _builderOf(uint256 adapter) internal view returns (address) {
        return models.getModel(models.getAdapter(adapter).modelId).builder;
    }
}
