// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {AttributionDistributor} from "../contracts/AttributionDistributor.sol";
import {UsageLedger} from "../contracts/UsageLedger.sol";
import {IAttributionDistributor} from "../contracts/interfaces/IAttributionDistributor.sol";
import {IModelRegistry} from "../contracts/interfaces/IModelRegistry.sol";
import {IUsageLedger} from "../contracts/interfaces/IUsageLedger.sol";
import {MockERC20} from "../contracts/mocks/MockERC20.sol";
import {UsageFixture} from "./utils/UsageFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Unit tests: every external function, every revert with its arguments, every event, and
/// where each wei of a payment goes.
contract UsageLedgerTest is UsageFixture {
    uint256 internal constant CALLS = 100;
    uint256 internal constant AMOUNT = 1 ether; // 100 calls at 0.01 OPEN
    uint256 internal constant BUILDER_PART = 0.7 ether; // 70%
    uint256 internal constant TREASURY_PART = 0.1 ether; // 10%
    uint256 internal constant POOL_PART = 0.2 ether; // 20%

    // ================================================================ helpers

    function _outOfBounds(uint256 builderBps, uint256 treasuryBps) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IUsageLedger.UsageFeeSplitOutOfBounds.selector, builderBps, treasuryBps);
    }

    function _badAddress(address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IUsageLedger.UsageBadAddress.selector, account);
    }

    function _wrongStatus(uint256 adapter, IModelRegistry.AdapterStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelWrongAdapterStatus.selector, adapter, status);
    }

    function _deployLedger(uint16 builderBps, uint16 treasuryBps) internal returns (UsageLedger) {
        return new UsageLedger(token, models, distributor, treasury, builderBps, treasuryBps, admin);
    }

    function _assertSplit(uint16 builderBps, uint16 treasuryBps, uint16 attributionBps) internal view {
        (uint16 b, uint16 t, uint16 a) = ledger.feeSplit();
        assertEq(uint256(b), builderBps, "builderBps");
        assertEq(uint256(t), treasuryBps, "treasuryBps");
        assertEq(uint256(a), attributionBps, "attributionBps");
    }

    /// An adapter of `builder2` at `price`, paid once by alice for `calls` calls; checks the parts.
    function _payAndCheckParts(
        uint128 price,
        uint256 calls,
        uint256 builderPart,
        uint256 treasuryPart,
        uint256 poolPart
    ) internal {
        (uint256 model, uint256 adapter) = _newActiveAdapter(builder2, price);
        uint256 funded = distributor.totalFunded();
        uint256 treasuryBefore = ledger.earnings(treasury);
        vm.expectEmit(address(ledger));
        emit IUsageLedger.Paid(
            ledger.paymentCount() + 1,
            model,
            adapter,
            alice,
            builder2,
            calls,
            price,
            builderPart + treasuryPart + poolPart,
            builderPart,
            treasuryPart,
            poolPart
        );
        vm.prank(alice);
        ledger.pay(adapter, calls, price);
        assertEq(ledger.earnings(builder2), builderPart, "builder part");
        assertEq(ledger.earnings(treasury) - treasuryBefore, treasuryPart, "treasury part");
        assertEq(distributor.totalFunded() - funded, poolPart, "pool part");
    }

    // ================================================================ constructor

    function test_constructor_SetsInitialState() public view {
        assertEq(address(ledger.token()), address(token), "token");
        assertEq(address(ledger.models()), address(models), "models");
        assertEq(address(ledger.distributor()), address(distributor), "distributor");
        assertEq(ledger.treasury(), treasury, "treasury");
        _assertSplit(BUILDER_BPS, TREASURY_BPS, ATTRIBUTION_BPS);
        assertEq(ledger.paymentCount(), 0, "paymentCount");
        assertEq(ledger.defaultAdmin(), admin, "defaultAdmin");
        assertTrue(ledger.hasRole(ledger.DEFAULT_ADMIN_ROLE(), admin), "admin role");
        assertEq(uint256(ledger.defaultAdminDelay()), 2 days, "admin transfer delay");
        // The distributor pulls the pool's share in `fund`.
        assertEq(token.allowance(address(ledger), address(distributor)), type(uint256).max, "allowance");
    }

    function test_constructor_EmitsFeeSplitSetThenTreasurySet() public {
        vm.expectEmit();
        emit IUsageLedger.FeeSplitSet(6_000, 500, 3_500);
        vm.expectEmit();
        emit IUsageLedger.TreasurySet(stranger);
        new UsageLedger(token, models, distributor, stranger, 6_000, 500, admin);
    }

    function test_constructor_AcceptsBoundarySplit() public {
        UsageLedger l = _deployLedger(8_000, 1_000);
        (uint16 b, uint16 t, uint16 a) = l.feeSplit();
        assertEq(uint256(b), 8_000, "builderBps");
        assertEq(uint256(t), 1_000, "treasuryBps");
        assertEq(uint256(a), 1_000, "attributionBps");
    }

    function test_constructor_RevertWhen_TokenHasNoCode() public {
        address noCode = address(0xBEEF);
        vm.expectRevert(_badAddress(noCode));
        new UsageLedger(IERC20(noCode), models, distributor, treasury, BUILDER_BPS, TREASURY_BPS, admin);
    }

    function test_constructor_RevertWhen_ModelsHasNoCode() public {
        address noCode = address(0xBEEF);
        vm.expectRevert(_badAddress(noCode));
        new UsageLedger(token, IModelRegistry(noCode), distributor, treasury, BUILDER_BPS, TREASURY_BPS, admin);
    }

    function test_constructor_RevertWhen_DistributorHasNoCode() public {
        address noCode = address(0xBEEF);
        vm.expectRevert(_badAddress(noCode));
        new UsageLedger(token, models, IAttributionDistributor(noCode), treasury, BUILDER_BPS, TREASURY_BPS, admin);
    }

    function test_constructor_RevertWhen_TreasuryIsZero() public {
        vm.expectRevert(_badAddress(address(0)));
        new UsageLedger(token, models, distributor, address(0), BUILDER_BPS, TREASURY_BPS, admin);
    }

    function test_constructor_RevertWhen_DistributorPaysAnotherToken() public {
        MockERC20 other = new MockERC20();
        AttributionDistributor foreign = new AttributionDistributor(other, admin, CHALLENGE_PERIOD);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsageTokenMismatch.selector, address(token), address(other))
        );
        new UsageLedger(token, models, foreign, treasury, BUILDER_BPS, TREASURY_BPS, admin);
    }

    function test_constructor_RevertWhen_FeeSplitOutOfBounds() public {
        uint16[2][3] memory splits = [[uint16(8_001), 0], [uint16(0), 2_001], [uint16(8_000), 1_001]];
        for (uint256 i = 0; i < splits.length; ++i) {
            vm.expectRevert(_outOfBounds(splits[i][0], splits[i][1]));
            new UsageLedger(token, models, distributor, treasury, splits[i][0], splits[i][1], admin);
        }
    }

    function test_constructor_RevertWhen_AdminIsZero() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector,
                address(0)
            )
        );
        new UsageLedger(token, models, distributor, treasury, BUILDER_BPS, TREASURY_BPS, address(0));
    }

    // ================================================================ constants and roles

    function test_MAX_BUILDER_BPS_IsEightyPercent() public view {
        assertEq(uint256(ledger.MAX_BUILDER_BPS()), 8_000, "MAX_BUILDER_BPS");
    }

    function test_MAX_TREASURY_BPS_IsTwentyPercent() public view {
        assertEq(uint256(ledger.MAX_TREASURY_BPS()), 2_000, "MAX_TREASURY_BPS");
    }

    function test_MIN_ATTRIBUTION_BPS_IsTenPercent() public view {
        assertEq(uint256(ledger.MIN_ATTRIBUTION_BPS()), 1_000, "MIN_ATTRIBUTION_BPS");
    }

    function test_grantRole_RevertWhen_GrantingDefaultAdmin() public {
        // Governance moves only through the two-step, delayed transfer.
        bytes32 adminRole = ledger.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector);
        vm.prank(admin);
        ledger.grantRole(adminRole, stranger);
    }

    function test_beginDefaultAdminTransfer_TakesEffectAfterDelay() public {
        vm.prank(admin);
        ledger.beginDefaultAdminTransfer(stranger);
        uint48 schedule = uint48(vm.getBlockTimestamp() + 2 days);
        vm.warp(schedule - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminDelay.selector,
                schedule
            )
        );
        vm.prank(stranger);
        ledger.acceptDefaultAdminTransfer();
        vm.warp(schedule + 1);
        vm.prank(stranger);
        ledger.acceptDefaultAdminTransfer();
        assertEq(ledger.defaultAdmin(), stranger, "new admin");
        vm.prank(stranger);
        ledger.setFeeSplit(6_000, 1_000);
        _assertSplit(6_000, 1_000, 3_000);
    }

    // ================================================================ pay

    function test_pay_EmitsTransfersFundedAndPaid() public {
        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, address(ledger), AMOUNT);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(ledger), address(distributor), POOL_PART);
        vm.expectEmit(address(distributor));
        emit IAttributionDistributor.Funded(address(ledger), POOL_PART, POOL_PART);
        vm.expectEmit(address(ledger));
        emit IUsageLedger.Paid(
            1,
            modelId,
            adapterId,
            alice,
            builder,
            CALLS,
            PRICE,
            AMOUNT,
            BUILDER_PART,
            TREASURY_PART,
            POOL_PART
        );
        vm.prank(alice);
        uint256 paymentId = ledger.pay(adapterId, CALLS, PRICE);
        assertEq(paymentId, 1, "paymentId");
    }

    function test_pay_MovesExactlyCallsTimesPriceAndSplitsIt() public {
        uint256 aliceBefore = token.balanceOf(alice);
        _pay(alice, adapterId, CALLS);

        assertEq(aliceBefore - token.balanceOf(alice), CALLS * PRICE, "payer paid calls * price");
        assertEq(token.balanceOf(address(distributor)), POOL_PART, "distributor balance");
        assertEq(distributor.totalFunded(), POOL_PART, "totalFunded");
        assertEq(ledger.earnings(builder), BUILDER_PART, "builder earnings");
        assertEq(ledger.earnings(treasury), TREASURY_PART, "treasury earnings");
        assertEq(
            token.balanceOf(address(ledger)),
            ledger.earnings(builder) + ledger.earnings(treasury),
            "ledger balance == sum of earnings"
        );
        // Nothing is paid out until withdrawn.
        assertEq(token.balanceOf(builder), 0, "builder balance");
        assertEq(token.balanceOf(treasury), 0, "treasury balance");
        // The infinite allowance the distributor pulls on is not spent down.
        assertEq(token.allowance(address(ledger), address(distributor)), type(uint256).max, "allowance");
    }

    function test_pay_AccumulatesAcrossPaymentsAndPayers() public {
        _pay(alice, adapterId, CALLS);
        _pay(bob, adapterId, 3 * CALLS);
        assertEq(ledger.earnings(builder), 4 * BUILDER_PART, "builder earnings");
        assertEq(ledger.earnings(treasury), 4 * TREASURY_PART, "treasury earnings");
        assertEq(distributor.totalFunded(), 4 * POOL_PART, "totalFunded");
        assertEq(token.balanceOf(address(ledger)), 4 * (BUILDER_PART + TREASURY_PART), "ledger balance");
        assertEq(PAYER_FUNDS - token.balanceOf(bob), 3 * AMOUNT, "bob paid");
    }

    function test_pay_EachBuilderEarnsFromItsOwnAdapter() public {
        (, uint256 other) = _newActiveAdapter(builder2, 2 * PRICE);
        _pay(alice, adapterId, CALLS);
        _pay(alice, other, CALLS);
        assertEq(ledger.earnings(builder), BUILDER_PART, "builder");
        assertEq(ledger.earnings(builder2), 2 * BUILDER_PART, "builder2 at twice the price");
        assertEq(ledger.earnings(treasury), 3 * TREASURY_PART, "treasury from both");
        assertEq(distributor.totalFunded(), 3 * POOL_PART, "pool from both");
    }

    function test_pay_ReturnsSequentialPaymentIds() public {
        for (uint256 i = 1; i <= 3; ++i) {
            assertEq(_pay(i % 2 == 0 ? bob : alice, adapterId, i), i, "paymentId");
            assertEq(ledger.paymentCount(), i, "paymentCount");
        }
    }

    function test_pay_AcceptsMaxPriceEqualToPrice() public {
        vm.prank(alice);
        ledger.pay(adapterId, CALLS, PRICE);
        assertEq(ledger.paymentCount(), 1, "paid");
    }

    function test_pay_ChargesCurrentPriceBelowMax() public {
        // The payer accepts up to 3x; the adapter costs 1x: the payer pays 1x.
        uint256 before = token.balanceOf(alice);
        vm.prank(alice);
        ledger.pay(adapterId, CALLS, 3 * PRICE);
        assertEq(before - token.balanceOf(alice), AMOUNT, "charged at the current price");
    }

    function test_pay_RevertWhen_PriceAboveMax() public {
        // The builder raises the price by one wei before the payment lands.
        _setPrice(adapterId, PRICE + 1);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsagePriceAboveMax.selector, adapterId, PRICE + 1, PRICE));
        vm.prank(alice);
        ledger.pay(adapterId, CALLS, PRICE);
    }

    function test_pay_RevertWhen_ZeroCalls() public {
        vm.expectRevert(IUsageLedger.UsageZeroCalls.selector);
        vm.prank(alice);
        ledger.pay(adapterId, 0, PRICE);
    }

    function test_pay_RevertWhen_TooManyCalls() public {
        uint256 calls = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageTooManyCalls.selector, calls));
        vm.prank(alice);
        ledger.pay(adapterId, calls, PRICE);
    }

    function test_pay_MaxCallsPassesTheCallsBound() public {
        // 2^128 - 1 calls at 1 wei is within the bound; it then fails only on the payer's balance.
        (, uint256 cheap) = _newActiveAdapter(builder2, 1);
        uint256 calls = type(uint128).max;
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, PAYER_FUNDS, calls)
        );
        vm.prank(alice);
        ledger.pay(cheap, calls, 1);
    }

    function test_pay_RevertWhen_AdapterDeactivated() public {
        _deactivate(adapterId);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        vm.prank(alice);
        ledger.pay(adapterId, CALLS, PRICE);
    }

    function test_pay_RevertWhen_AdapterVerifiedButNeverActivated() public {
        (, uint256 verified) = _newVerifiedAdapter(builder2);
        vm.expectRevert(_wrongStatus(verified, IModelRegistry.AdapterStatus.Verified));
        vm.prank(alice);
        ledger.pay(verified, CALLS, PRICE);
    }

    function test_pay_RevertWhen_AdapterUnverified() public {
        (, uint256 published) = _newPublishedAdapter(builder2);
        vm.expectRevert(_wrongStatus(published, IModelRegistry.AdapterStatus.Published));
        vm.prank(alice);
        ledger.pay(published, CALLS, PRICE);
    }

    function test_pay_RevertWhen_AdapterUnknown() public {
        uint256[2] memory unknown = [uint256(0), models.adapterCount() + 1];
        for (uint256 i = 0; i < unknown.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelUnknownAdapter.selector, unknown[i]));
            vm.prank(alice);
            ledger.pay(unknown[i], CALLS, PRICE);
        }
    }

    function test_pay_ReactivatedAdapterIsPayableAgain() public {
        _deactivate(adapterId);
        _setPrice(adapterId, PRICE);
        _pay(alice, adapterId, CALLS);
        assertEq(ledger.earnings(builder), BUILDER_PART, "builder earnings");
    }

    // ---------------------------------------------------------------- rounding, written out

    function test_pay_OneWeiPaymentGoesToThePool() public {
        // 1 wei at 70% / 10%: builder floor(0.7) = 0, treasury floor(0.1) = 0, pool 1.
        _payAndCheckParts(1, 1, 0, 0, 1);
        assertEq(ledger.earnings(treasury), 0, "treasury earned nothing");
    }

    function test_pay_RoundsSevenWeiAtDefaultSplit() public {
        // 7 wei at 70% / 10% / 20%: builder floor(4.9) = 4, treasury floor(0.7) = 0, pool 3 (exact 1.4).
        _payAndCheckParts(7, 1, 4, 0, 3);
    }

    function test_pay_RoundsSevenWeiAtThirdsStyleSplit() public {
        // 7 wei at 33.33% / 20% / 46.67%: builder floor(2.3331) = 2, treasury floor(1.4) = 1,
        // pool 4 (exact 3.2669).
        _setFeeSplit(3_333, 2_000);
        _payAndCheckParts(1, 7, 2, 1, 4);
    }

    function test_pay_RoundingDustIsAtMostTwoWei() public {
        // 9,999 wei at 70% / 10%: builder floor(6,999.3) = 6,999, treasury floor(999.9) = 999,
        // pool 2,001 (exact 1,999.8): both fractions land in the pool.
        _payAndCheckParts(9_999, 1, 6_999, 999, 2_001);
    }

    function test_pay_SplitsMultiplesOfTenThousandExactly() public {
        // 30,000 wei at 70% / 10% / 20%: no rounding.
        _payAndCheckParts(10_000, 3, 21_000, 3_000, 6_000);
    }

    function test_pay_ZeroBuilderAndTreasurySendsAllToThePool() public {
        _setFeeSplit(0, 0);
        _payAndCheckParts(PRICE, CALLS, 0, 0, AMOUNT);
        assertEq(token.balanceOf(address(ledger)), 0, "ledger keeps nothing");
    }

    function test_pay_MaxBuilderAndTreasury() public {
        // 8,000 + 1,000: the pool's minimum 10%.
        _setFeeSplit(8_000, 1_000);
        _payAndCheckParts(PRICE, CALLS, 0.8 ether, 0.1 ether, 0.1 ether);
    }

    function test_pay_SplitChangeAppliesToLaterPaymentsOnly() public {
        _pay(alice, adapterId, CALLS);
        _setFeeSplit(5_000, 2_000);
        assertEq(ledger.earnings(builder), BUILDER_PART, "earlier earnings unchanged");
        _pay(alice, adapterId, CALLS);
        assertEq(ledger.earnings(builder), BUILDER_PART + 0.5 ether, "builder");
        assertEq(ledger.earnings(treasury), TREASURY_PART + 0.2 ether, "treasury");
        assertEq(distributor.totalFunded(), POOL_PART + 0.3 ether, "pool");
    }

    // ================================================================ payWithPermit

    function test_payWithPermit_PaysWithFreshPermit() public {
        assertEq(_domainSeparator(), token.DOMAIN_SEPARATOR(), "domain separator");
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signLedgerPermit(5 ether, deadline);
        assertEq(token.allowance(permitPayer, address(ledger)), 0, "no allowance before");

        vm.expectEmit(address(token));
        emit IERC20.Approval(permitPayer, address(ledger), 5 ether);
        vm.expectEmit(address(ledger));
        emit IUsageLedger.Paid(
            1,
            modelId,
            adapterId,
            permitPayer,
            builder,
            CALLS,
            PRICE,
            AMOUNT,
            BUILDER_PART,
            TREASURY_PART,
            POOL_PART
        );
        vm.prank(permitPayer);
        uint256 paymentId = ledger.payWithPermit(adapterId, CALLS, PRICE, 5 ether, deadline, v, r, s);

        assertEq(paymentId, 1, "paymentId");
        assertEq(token.nonces(permitPayer), 1, "nonce used");
        assertEq(token.allowance(permitPayer, address(ledger)), 4 ether, "allowance left");
        assertEq(PAYER_FUNDS - token.balanceOf(permitPayer), AMOUNT, "paid");
        assertEq(ledger.earnings(builder), BUILDER_PART, "builder earnings");
        assertEq(distributor.totalFunded(), POOL_PART, "totalFunded");
    }

    function test_payWithPermit_FrontRunPermitStillPays() public {
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signLedgerPermit(AMOUNT, deadline);
        // Someone copies the permit from the mempool and submits it first.
        vm.prank(stranger);
        token.permit(permitPayer, address(ledger), AMOUNT, deadline, v, r, s);
        assertEq(token.nonces(permitPayer), 1, "nonce used by the front-runner");

        // The ledger's permit now fails (used nonce); the payment goes through on the allowance.
        vm.prank(permitPayer);
        uint256 paymentId = ledger.payWithPermit(adapterId, CALLS, PRICE, AMOUNT, deadline, v, r, s);
        assertEq(paymentId, 1, "paymentId");
        assertEq(token.allowance(permitPayer, address(ledger)), 0, "allowance spent");
        assertEq(PAYER_FUNDS - token.balanceOf(permitPayer), AMOUNT, "paid once");
    }

    function test_payWithPermit_ExpiredPermitUsesExistingAllowance() public {
        uint256 deadline = vm.getBlockTimestamp() - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signLedgerPermit(AMOUNT, deadline);
        _approveLedger(permitPayer, AMOUNT);
        vm.prank(permitPayer);
        ledger.payWithPermit(adapterId, CALLS, PRICE, AMOUNT, deadline, v, r, s);
        assertEq(token.nonces(permitPayer), 0, "expired permit not used");
        assertEq(token.allowance(permitPayer, address(ledger)), 0, "allowance spent");
    }

    function test_payWithPermit_RevertWhen_PermitFailsAndNoAllowance() public {
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signLedgerPermit(AMOUNT, deadline);
        // Signed for AMOUNT, submitted for more: the signature does not match, nothing is approved.
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(ledger), 0, AMOUNT)
        );
        vm.prank(permitPayer);
        ledger.payWithPermit(adapterId, CALLS, PRICE, AMOUNT + 1, deadline, v, r, s);
    }

    function test_payWithPermit_RevertWhen_PermitBelowAmount() public {
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signLedgerPermit(AMOUNT - 1, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(ledger),
                AMOUNT - 1,
                AMOUNT
            )
        );
        vm.prank(permitPayer);
        ledger.payWithPermit(adapterId, CALLS, PRICE, AMOUNT - 1, deadline, v, r, s);
    }

    function test_payWithPermit_RevertWhen_PriceAboveMaxKeepsPermitUnused() public {
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signLedgerPermit(AMOUNT, deadline);
        _setPrice(adapterId, 2 * PRICE);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsagePriceAboveMax.selector, adapterId, 2 * PRICE, PRICE));
        vm.prank(permitPayer);
        ledger.payWithPermit(adapterId, CALLS, PRICE, AMOUNT, deadline, v, r, s);
        // The whole transaction reverted: the signature is still good.
        assertEq(token.nonces(permitPayer), 0, "nonce");
        assertEq(token.allowance(permitPayer, address(ledger)), 0, "allowance");
    }

    function test_payWithPermit_RevertWhen_ZeroCalls() public {
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signLedgerPermit(AMOUNT, deadline);
        vm.expectRevert(IUsageLedger.UsageZeroCalls.selector);
        vm.prank(permitPayer);
        ledger.payWithPermit(adapterId, 0, PRICE, AMOUNT, deadline, v, r, s);
    }

    // ================================================================ withdrawEarnings

    function test_withdrawEarnings_SendsEverythingToAnotherAddress() public {
        _pay(alice, adapterId, CALLS);
        _pay(bob, adapterId, CALLS);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(ledger), stranger, 2 * BUILDER_PART);
        vm.expectEmit(address(ledger));
        emit IUsageLedger.EarningsWithdrawn(builder, stranger, 2 * BUILDER_PART);
        vm.prank(builder);
        uint256 amount = ledger.withdrawEarnings(stranger);

        assertEq(amount, 2 * BUILDER_PART, "returned amount");
        assertEq(token.balanceOf(stranger), 2 * BUILDER_PART, "recipient received");
        assertEq(token.balanceOf(builder), 0, "builder itself received nothing");
        assertEq(ledger.earnings(builder), 0, "earnings cleared");
        assertEq(ledger.earnings(treasury), 2 * TREASURY_PART, "treasury untouched");
        assertEq(token.balanceOf(address(ledger)), 2 * TREASURY_PART, "ledger keeps the treasury's");
    }

    function test_withdrawEarnings_TreasuryWithdrawsToItself() public {
        _pay(alice, adapterId, CALLS);
        vm.expectEmit(address(ledger));
        emit IUsageLedger.EarningsWithdrawn(treasury, treasury, TREASURY_PART);
        vm.prank(treasury);
        assertEq(ledger.withdrawEarnings(treasury), TREASURY_PART, "returned amount");
        assertEq(token.balanceOf(treasury), TREASURY_PART, "treasury received");
        assertEq(token.balanceOf(address(ledger)), BUILDER_PART, "ledger keeps the builder's");
    }

    function test_withdrawEarnings_EarningsResumeAfterWithdrawal() public {
        _pay(alice, adapterId, CALLS);
        vm.prank(builder);
        ledger.withdrawEarnings(builder);
        _pay(alice, adapterId, CALLS);
        assertEq(ledger.earnings(builder), BUILDER_PART, "new earnings");
        vm.prank(builder);
        ledger.withdrawEarnings(builder);
        assertEq(token.balanceOf(builder), 2 * BUILDER_PART, "both withdrawn");
    }

    function test_withdrawEarnings_RevertWhen_NothingToWithdraw() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageNothingToWithdraw.selector, builder));
        vm.prank(builder);
        ledger.withdrawEarnings(builder);
    }

    function test_withdrawEarnings_RevertWhen_RecipientIsZero() public {
        _pay(alice, adapterId, CALLS);
        vm.expectRevert(_badAddress(address(0)));
        vm.prank(builder);
        ledger.withdrawEarnings(address(0));
    }

    function test_withdrawEarnings_RevertWhen_RecipientIsTheLedger() public {
        _pay(alice, adapterId, CALLS);
        vm.expectRevert(_badAddress(address(ledger)));
        vm.prank(builder);
        ledger.withdrawEarnings(address(ledger));
    }

    // ================================================================ setFeeSplit

    function test_setFeeSplit_UpdatesSplitAndEmitsAttributionBps() public {
        vm.expectEmit(address(ledger));
        emit IUsageLedger.FeeSplitSet(6_500, 1_500, 2_000);
        vm.prank(admin);
        ledger.setFeeSplit(6_500, 1_500);
        _assertSplit(6_500, 1_500, 2_000);
    }

    function test_setFeeSplit_AcceptsMaxBuilder() public {
        vm.expectEmit(address(ledger));
        emit IUsageLedger.FeeSplitSet(8_000, 0, 2_000);
        _setFeeSplit(8_000, 0);
        _assertSplit(8_000, 0, 2_000);
    }

    function test_setFeeSplit_RevertWhen_BuilderAboveMax() public {
        vm.expectRevert(_outOfBounds(8_001, 0));
        vm.prank(admin);
        ledger.setFeeSplit(8_001, 0);
    }

    function test_setFeeSplit_AcceptsMaxTreasury() public {
        vm.expectEmit(address(ledger));
        emit IUsageLedger.FeeSplitSet(0, 2_000, 8_000);
        _setFeeSplit(0, 2_000);
        _assertSplit(0, 2_000, 8_000);
    }

    function test_setFeeSplit_RevertWhen_TreasuryAboveMax() public {
        vm.expectRevert(_outOfBounds(0, 2_001));
        vm.prank(admin);
        ledger.setFeeSplit(0, 2_001);
    }

    function test_setFeeSplit_AcceptsMinAttribution() public {
        vm.expectEmit(address(ledger));
        emit IUsageLedger.FeeSplitSet(8_000, 1_000, 1_000);
        _setFeeSplit(8_000, 1_000);
        _assertSplit(8_000, 1_000, 1_000);
        vm.expectEmit(address(ledger));
        emit IUsageLedger.FeeSplitSet(7_000, 2_000, 1_000);
        _setFeeSplit(7_000, 2_000);
        _assertSplit(7_000, 2_000, 1_000);
    }

    function test_setFeeSplit_RevertWhen_AttributionBelowMin() public {
        // Each part within its own bound, but together 9,001: the pool would get 9.99%.
        uint16[2][2] memory splits = [[uint16(8_000), 1_001], [uint16(7_001), 2_000]];
        for (uint256 i = 0; i < splits.length; ++i) {
            vm.expectRevert(_outOfBounds(splits[i][0], splits[i][1]));
            vm.prank(admin);
            ledger.setFeeSplit(splits[i][0], splits[i][1]);
        }
        _assertSplit(BUILDER_BPS, TREASURY_BPS, ATTRIBUTION_BPS);
    }

    function test_setFeeSplit_RevertWhen_MaxUint16() public {
        // The sum is taken in 256 bits: 65,535 + 65,535 does not wrap into bounds.
        vm.expectRevert(_outOfBounds(type(uint16).max, type(uint16).max));
        vm.prank(admin);
        ledger.setFeeSplit(type(uint16).max, type(uint16).max);
    }

    function test_setFeeSplit_AcceptsAllToThePool() public {
        vm.expectEmit(address(ledger));
        emit IUsageLedger.FeeSplitSet(0, 0, 10_000);
        _setFeeSplit(0, 0);
        _assertSplit(0, 0, 10_000);
    }

    function test_setFeeSplit_RevertWhen_CallerIsNotAdmin() public {
        address[4] memory callers = [treasury, builder, alice, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], bytes32(0)));
            vm.prank(callers[i]);
            ledger.setFeeSplit(8_000, 1_000);
        }
        _assertSplit(BUILDER_BPS, TREASURY_BPS, ATTRIBUTION_BPS);
    }

    // ================================================================ setTreasury

    function test_setTreasury_UpdatesAndEmits() public {
        vm.expectEmit(address(ledger));
        emit IUsageLedger.TreasurySet(stranger);
        vm.prank(admin);
        ledger.setTreasury(stranger);
        assertEq(ledger.treasury(), stranger, "treasury");
    }

    function test_setTreasury_LaterSharesAccrueToNewTreasuryOldKeepsItsEarnings() public {
        _pay(alice, adapterId, CALLS);
        vm.prank(admin);
        ledger.setTreasury(stranger);
        _pay(alice, adapterId, 2 * CALLS);

        assertEq(ledger.earnings(treasury), TREASURY_PART, "old treasury keeps its earnings");
        assertEq(ledger.earnings(stranger), 2 * TREASURY_PART, "new treasury earns later shares");
        vm.prank(treasury);
        assertEq(ledger.withdrawEarnings(treasury), TREASURY_PART, "old treasury withdraws");
        vm.prank(stranger);
        assertEq(ledger.withdrawEarnings(stranger), 2 * TREASURY_PART, "new treasury withdraws");
        assertEq(token.balanceOf(address(ledger)), ledger.earnings(builder), "ledger keeps the builder's");
    }

    function test_setTreasury_RevertWhen_Zero() public {
        vm.expectRevert(_badAddress(address(0)));
        vm.prank(admin);
        ledger.setTreasury(address(0));
    }

    function test_setTreasury_RevertWhen_TheLedger() public {
        vm.expectRevert(_badAddress(address(ledger)));
        vm.prank(admin);
        ledger.setTreasury(address(ledger));
    }

    function test_setTreasury_RevertWhen_CallerIsNotAdmin() public {
        address[3] memory callers = [treasury, builder, stranger];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_unauthorized(callers[i], bytes32(0)));
            vm.prank(callers[i]);
            ledger.setTreasury(callers[i]);
        }
        assertEq(ledger.treasury(), treasury, "treasury");
    }

    // ================================================================ views

    function test_quote_MatchesWhatPayDoes() public {
        (, uint256 odd) = _newActiveAdapter(builder2, 333);
        _setFeeSplit(6_667, 1_111);
        (uint256 price, uint256 amount, uint256 b, uint256 t, uint256 a) = ledger.quote(odd, 37);
        // 37 * 333 = 12,321 wei: builder floor(8,214.4007) = 8,214, treasury floor(1,368.8631) = 1,368.
        assertEq(price, 333, "price");
        assertEq(amount, 12_321, "amount");
        assertEq(b, 8_214, "builder");
        assertEq(t, 1_368, "treasury");
        assertEq(a, 12_321 - 8_214 - 1_368, "pool");

        uint256 before = token.balanceOf(alice);
        vm.prank(alice);
        ledger.pay(odd, 37, price);
        assertEq(before - token.balanceOf(alice), amount, "amount");
        assertEq(ledger.earnings(builder2), b, "builder");
        assertEq(ledger.earnings(treasury), t, "treasury");
        assertEq(distributor.totalFunded(), a, "pool");
    }

    function test_quote_FollowsPriceAndSplit() public {
        _setPrice(adapterId, 3 * PRICE);
        _setFeeSplit(5_000, 2_000);
        (uint256 price, uint256 amount, uint256 b, uint256 t, uint256 a) = ledger.quote(adapterId, CALLS);
        assertEq(price, 3 * PRICE, "price");
        assertEq(amount, 3 ether, "amount");
        assertEq(b, 1.5 ether, "builder");
        assertEq(t, 0.6 ether, "treasury");
        assertEq(a, 0.9 ether, "pool");
    }

    function test_quote_MaxCallsAtMaxPriceDoesNotOverflow() public {
        (, uint256 dear) = _newActiveAdapter(builder2, type(uint128).max);
        uint256 calls = type(uint128).max;
        (uint256 price, uint256 amount, uint256 b, uint256 t, uint256 a) = ledger.quote(dear, calls);
        assertEq(price, type(uint128).max, "price");
        assertEq(amount, uint256(type(uint128).max) * type(uint128).max, "amount");
        assertEq(b + t + a, amount, "parts sum to the amount");
    }

    function test_quote_ZeroCallsCostsNothing() public view {
        // `pay` refuses zero calls; a quote for them is simply free.
        (uint256 price, uint256 amount, uint256 b, uint256 t, uint256 a) = ledger.quote(adapterId, 0);
        assertEq(price, PRICE, "price");
        assertEq(amount + b + t + a, 0, "nothing");
    }

    function test_quote_RevertWhen_TooManyCalls() public {
        uint256 calls = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageTooManyCalls.selector, calls));
        ledger.quote(adapterId, calls);
    }

    function test_quote_RevertWhen_AdapterNotActive() public {
        _deactivate(adapterId);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        ledger.quote(adapterId, CALLS);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelUnknownAdapter.selector, 42));
        ledger.quote(42, CALLS);
    }

    function test_feeSplit_ReturnsCurrentSplit() public {
        _assertSplit(7_000, 1_000, 2_000);
        _setFeeSplit(1_234, 567);
        _assertSplit(1_234, 567, 8_199);
    }

    function test_paymentCount_CountsPaymentsNotFailures() public {
        assertEq(ledger.paymentCount(), 0, "initial");
        _pay(alice, adapterId, 1);
        vm.expectRevert(IUsageLedger.UsageZeroCalls.selector);
        vm.prank(alice);
        ledger.pay(adapterId, 0, PRICE);
        _pay(bob, adapterId, 1);
        assertEq(ledger.paymentCount(), 2, "after two payments and a failure");
    }

    function test_earnings_ZeroForAccountsThatEarnedNothing() public {
        _pay(alice, adapterId, CALLS);
        assertEq(ledger.earnings(alice), 0, "payer");
        assertEq(ledger.earnings(stranger), 0, "stranger");
        assertEq(ledger.earnings(address(distributor)), 0, "distributor");
        assertEq(ledger.earnings(builder), BUILDER_PART, "builder");
    }
}
