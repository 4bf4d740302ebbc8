// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UsageHandler} from "./handlers/UsageHandler.sol";
import {InvariantTest} from "./utils/InvariantTest.sol";
import {UsageFixture} from "./utils/UsageFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice The invariants of {IUsageLedger}, over random sequences of valid payments, price
/// changes, deactivations, splits, treasury changes and withdrawals.
/// @dev The runner needs the handler's artifact, which Hardhat only writes for root files: to run
/// this file alone, name the handler too:
/// `npx hardhat test solidity test/UsageLedger.invariant.t.sol test/handlers/UsageHandler.sol`.
contract UsageLedgerInvariantTest is UsageFixture, InvariantTest {
    UsageHandler internal handler;

    function setUp() public override {
        super.setUp();
        // Four adapters of two builders, at different prices; the fixture's is the first.
        uint256[] memory adapters = new uint256[](4);
        adapters[0] = adapterId;
        (, adapters[1]) = _newActiveAdapter(builder, 3 * PRICE);
        (, adapters[2]) = _newActiveAdapter(builder2, 7);
        (, adapters[3]) = _newActiveAdapter(builder2, 1e18);

        address[] memory payers = new address[](2);
        (payers[0], payers[1]) = (alice, bob);
        address[] memory treasuries = new address[](3);
        (treasuries[0], treasuries[1], treasuries[2]) = (treasury, _actor("treasury2"), _actor("treasury3"));
        address[] memory builders = new address[](2);
        (builders[0], builders[1]) = (builder, builder2);
        address[] memory recipients = new address[](3);
        (recipients[0], recipients[1], recipients[2]) = (builder, _actor("cold wallet"), stranger);

        handler = new UsageHandler(
            UsageHandler.Setup({
                token: token,
                distributor: distributor,
                models: models,
                ledger: ledger,
                admin: admin,
                payers: payers,
                permitPayer: permitPayer,
                permitKey: PERMIT_KEY,
                adapters: adapters,
                treasuries: treasuries,
                builders: builders,
                recipients: recipients
            })
        );

        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = UsageHandler.pay.selector;
        selectors[1] = UsageHandler.payWithPermit.selector;
        selectors[2] = UsageHandler.setPrice.selector;
        selectors[3] = UsageHandler.deactivate.selector;
        selectors[4] = UsageHandler.reactivate.selector;
        selectors[5] = UsageHandler.setFeeSplit.selector;
        selectors[6] = UsageHandler.setTreasury.selector;
        selectors[7] = UsageHandler.withdrawEarnings.selector;
        selectors[8] = UsageHandler.pay.selector; // payments twice as often as anything else
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// Σ payments == Σ (builder + treasury + attribution parts), and each payment matched its quote.
    function invariant_paymentsEqualTheirParts() public view {
        assertEq(
            handler.ghostPaid(),
            handler.ghostBuilderParts() + handler.ghostTreasuryParts() + handler.ghostAttributionParts(),
            "payments != builder + treasury + attribution parts"
        );
        assertEq(handler.splitMismatches(), 0, "a payment's parts did not sum to it");
        assertEq(handler.quoteMismatches(), 0, "a payment differed from its quote");
        // What payers paid is what left their balances (nobody else moves their OPEN).
        address[] memory payers = handler.payers();
        uint256 spent;
        for (uint256 i = 0; i < payers.length; ++i) spent += PAYER_FUNDS - token.balanceOf(payers[i]);
        assertEq(spent, handler.ghostPaid(), "payers' balances");
    }

    /// The ledger's OPEN balance == Σ unwithdrawn earnings.
    function invariant_ledgerBalanceEqualsUnwithdrawnEarnings() public view {
        address[] memory earners = handler.earners();
        uint256 sum;
        for (uint256 i = 0; i < earners.length; ++i) sum += ledger.earnings(earners[i]);
        assertEq(token.balanceOf(address(ledger)), sum, "ledger balance != sum of earnings");
        assertEq(
            sum,
            handler.ghostBuilderParts() + handler.ghostTreasuryParts() - handler.ghostWithdrawn(),
            "earnings != accrued - withdrawn"
        );
        assertEq(handler.withdrawalMismatches(), 0, "a withdrawal paid other than the earnings");
    }

    /// The distributor's totalFunded == Σ attribution parts (only the ledger funds it here).
    function invariant_distributorFundedByAttributionParts() public view {
        assertEq(distributor.totalFunded(), handler.ghostAttributionParts(), "totalFunded");
        assertEq(token.balanceOf(address(distributor)), handler.ghostAttributionParts(), "distributor balance");
    }

    /// paymentCount == number of payments, and the ids were 1..n without gaps.
    function invariant_paymentIdsWithoutGaps() public view {
        assertEq(ledger.paymentCount(), handler.ghostPayments(), "paymentCount");
        assertEq(handler.idGaps(), 0, "a payment id skipped or repeated");
    }

    function invariant_splitWithinBounds() public view {
        (uint16 b, uint16 t, uint16 a) = ledger.feeSplit();
        assertLe(b, 8_000, "builderBps");
        assertLe(t, 2_000, "treasuryBps");
        assertGe(a, 1_000, "attributionBps");
        assertEq(uint256(b) + t + a, 10_000, "bps sum");
    }

    /// After each run: every earner withdraws and the ledger is left with nothing.
    function afterInvariant() public {
        handler.settle();
    }

    /// The guards are not vacuous: a scripted sequence makes every action reach its transition.
    function test_handler_EveryActionReachesItsTransition() public {
        handler.pay(0, 0, 10, 0);
        handler.payWithPermit(1, 20);
        handler.setPrice(2, 1234);
        handler.deactivate(0);
        handler.pay(1, 0, 5, 1); // adapter 0 inactive: pays the next active one
        handler.reactivate(0, 99);
        handler.setFeeSplit(8_000, 2_000);
        handler.setTreasury(1);
        handler.pay(0, 3, type(uint256).max, type(uint256).max);
        handler.withdrawEarnings(0, 1);
        handler.withdrawEarnings(2, 0); // the first treasury, which earned before the change

        bytes4[8] memory actions = [
            UsageHandler.pay.selector,
            UsageHandler.payWithPermit.selector,
            UsageHandler.setPrice.selector,
            UsageHandler.deactivate.selector,
            UsageHandler.reactivate.selector,
            UsageHandler.setFeeSplit.selector,
            UsageHandler.setTreasury.selector,
            UsageHandler.withdrawEarnings.selector
        ];
        for (uint256 i = 0; i < actions.length; ++i) {
            assertGt(handler.transitions(actions[i]), 0, "an action never made its transition");
        }
        assertEq(handler.ghostPayments(), 4, "payments");
        assertEq(handler.transitions(UsageHandler.withdrawEarnings.selector), 2, "withdrawals");
        assertGt(handler.ghostWithdrawn(), 0, "withdrawn");

        invariant_paymentsEqualTheirParts();
        invariant_ledgerBalanceEqualsUnwithdrawnEarnings();
        invariant_distributorFundedByAttributionParts();
        invariant_paymentIdsWithoutGaps();
        invariant_splitWithinBounds();
        handler.settle();
        assertEq(token.balanceOf(address(ledger)), 0, "settled");
    }
}
