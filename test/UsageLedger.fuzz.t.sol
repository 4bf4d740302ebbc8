// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {UsageLedger} from "../contracts/UsageLedger.sol";
import {IUsageLedger} from "../contracts/interfaces/IUsageLedger.sol";
import {UsageFixture} from "./utils/UsageFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Properties of the split over random payments, prices and splits within the bounds, and of
/// the bounds themselves.
contract UsageLedgerFuzzTest is UsageFixture {
    /// Payments stay within a payer's funds: 10^5 calls at up to 10^20 wei is 10^25 = PAYER_FUNDS.
    uint256 internal constant MAX_CALLS = 1e5;
    uint256 internal constant MAX_PRICE = 1e20;

    /// A split within the bounds: builder ≤ 8,000, treasury ≤ 2,000, together ≤ 9,000.
    function _boundSplit(uint256 builderBps, uint256 treasuryBps) internal pure returns (uint16, uint16) {
        builderBps = bound(builderBps, 0, 8_000);
        treasuryBps = bound(treasuryBps, 0, Math.min(2_000, 9_000 - builderBps));
        return (uint16(builderBps), uint16(treasuryBps));
    }

    function _outOfBounds(uint256 builderBps, uint256 treasuryBps) internal pure returns (bool) {
        return builderBps > 8_000 || treasuryBps > 2_000 || builderBps + treasuryBps > 9_000;
    }

    // ================================================================ pay

    function testFuzz_pay_PartsSumToAmountAndRoundAsSpecified(
        uint256 calls,
        uint256 price,
        uint256 builderBps,
        uint256 treasuryBps,
        bool bobPays
    ) public {
        calls = bound(calls, 1, MAX_CALLS);
        price = bound(price, 1, MAX_PRICE);
        (uint16 b, uint16 t) = _boundSplit(builderBps, treasuryBps);
        _setFeeSplit(b, t);
        _setPrice(adapterId, uint128(price));
        address payer = bobPays ? bob : alice;

        uint256 amount = calls * price;
        uint256 builderPart = Math.mulDiv(amount, b, 10_000);
        uint256 treasuryPart = Math.mulDiv(amount, t, 10_000);
        uint256 poolPart = amount - builderPart - treasuryPart;
        (uint256 qPrice, uint256 qAmount, uint256 qBuilder, uint256 qTreasury, uint256 qPool) = ledger.quote(
            adapterId,
            calls
        );
        uint256 payerBefore = token.balanceOf(payer);

        vm.expectEmit(address(ledger));
        emit IUsageLedger.Paid(
            1,
            modelId,
            adapterId,
            payer,
            builder,
            calls,
            price,
            amount,
            builderPart,
            treasuryPart,
            poolPart
        );
        vm.prank(payer);
        ledger.pay(adapterId, calls, price);

        // What moved.
        uint256 pool = distributor.totalFunded();
        assertEq(payerBefore - token.balanceOf(payer), amount, "payer paid calls * price");
        assertEq(ledger.earnings(builder), builderPart, "builder = floor(amount * bps / 10,000)");
        assertEq(ledger.earnings(treasury), treasuryPart, "treasury = floor(amount * bps / 10,000)");
        assertEq(ledger.earnings(builder) + ledger.earnings(treasury) + pool, amount, "parts sum to the payment");
        assertEq(token.balanceOf(address(distributor)), pool, "distributor received the pool part");
        assertEq(token.balanceOf(address(ledger)), builderPart + treasuryPart, "ledger balance == earnings");
        // The pool never gets less than its exact share, and always something.
        assertGe(pool, Math.mulDiv(amount, 10_000 - b - t, 10_000), "pool below its share");
        assertGe(pool, 1, "pool got nothing");
        // The quote said the same.
        assertEq(qPrice, price, "quoted price");
        assertEq(qAmount, amount, "quoted amount");
        assertEq(qBuilder, builderPart, "quoted builder");
        assertEq(qTreasury, treasuryPart, "quoted treasury");
        assertEq(qPool, pool, "quoted pool");
    }

    function testFuzz_pay_SmallPaymentsGiveDustToThePool(
        uint256 calls,
        uint256 price,
        uint256 builderBps,
        uint256 treasuryBps
    ) public {
        // Amounts below 10,000 wei, where every part but the pool's rounds.
        calls = bound(calls, 1, 99);
        price = bound(price, 1, 101);
        (uint16 b, uint16 t) = _boundSplit(builderBps, treasuryBps);
        _setFeeSplit(b, t);
        _setPrice(adapterId, uint128(price));
        _pay(alice, adapterId, calls);

        uint256 amount = calls * price;
        uint256 pool = distributor.totalFunded();
        assertEq(ledger.earnings(builder), (amount * b) / 10_000, "builder rounds down");
        assertEq(ledger.earnings(treasury), (amount * t) / 10_000, "treasury rounds down");
        assertEq(ledger.earnings(builder) + ledger.earnings(treasury) + pool, amount, "sum");
        // pool * 10,000 ≥ amount * poolBps: at least its exact (unrounded) share.
        assertGe(pool * 10_000, amount * (10_000 - b - t), "pool below its exact share");
        assertLe(pool * 10_000, amount * (10_000 - b - t) + 2 * 9_999, "pool above its share + 2 roundings");
        assertGe(pool, 1, "pool got nothing");
    }

    function testFuzz_pay_RevertWhen_PriceAboveMax(uint256 price, uint256 maxPrice) public {
        price = bound(price, 1, MAX_PRICE);
        maxPrice = bound(maxPrice, 0, 2 * price); // both outcomes about equally often
        _setPrice(adapterId, uint128(price));
        if (price > maxPrice) {
            vm.expectRevert(
                abi.encodeWithSelector(IUsageLedger.UsagePriceAboveMax.selector, adapterId, price, maxPrice)
            );
            vm.prank(alice);
            ledger.pay(adapterId, 1, maxPrice);
            assertEq(ledger.paymentCount(), 0, "no payment");
        } else {
            vm.prank(alice);
            ledger.pay(adapterId, 1, maxPrice);
            assertEq(PAYER_FUNDS - token.balanceOf(alice), price, "charged the price, not the max");
        }
    }

    function testFuzz_pay_RevertWhen_TooManyCalls(uint256 calls) public {
        calls = bound(calls, uint256(type(uint128).max) + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageTooManyCalls.selector, calls));
        vm.prank(alice);
        ledger.pay(adapterId, calls, type(uint256).max);
    }

    function testFuzz_pay_IdsAreSequentialAndEarningsAccumulate(uint256 seed, uint256 count) public {
        count = bound(count, 1, 8);
        uint256 builderSum;
        uint256 treasurySum;
        uint256 poolSum;
        for (uint256 i = 1; i <= count; ++i) {
            uint256 calls = 1 + (uint256(keccak256(abi.encode(seed, i))) % 1_000);
            (, , uint256 b, uint256 t, uint256 a) = ledger.quote(adapterId, calls);
            assertEq(_pay(i % 2 == 0 ? alice : bob, adapterId, calls), i, "paymentId");
            (builderSum, treasurySum, poolSum) = (builderSum + b, treasurySum + t, poolSum + a);
        }
        assertEq(ledger.paymentCount(), count, "paymentCount");
        assertEq(ledger.earnings(builder), builderSum, "builder");
        assertEq(ledger.earnings(treasury), treasurySum, "treasury");
        assertEq(distributor.totalFunded(), poolSum, "pool");
        assertEq(token.balanceOf(address(ledger)), builderSum + treasurySum, "ledger balance");
        assertEq(
            2 * PAYER_FUNDS - token.balanceOf(alice) - token.balanceOf(bob),
            builderSum + treasurySum + poolSum,
            "paid"
        );
    }

    // ================================================================ quote

    function testFuzz_quote_NeverOverflowsAndSplitsExactly(
        uint256 calls,
        uint256 price,
        uint256 builderBps,
        uint256 treasuryBps
    ) public {
        calls = bound(calls, 0, type(uint128).max);
        price = bound(price, 1, type(uint128).max);
        (uint16 b, uint16 t) = _boundSplit(builderBps, treasuryBps);
        _setFeeSplit(b, t);
        _setPrice(adapterId, uint128(price));
        (uint256 qPrice, uint256 amount, uint256 qBuilder, uint256 qTreasury, uint256 qPool) = ledger.quote(
            adapterId,
            calls
        );
        assertEq(qPrice, price, "price");
        assertEq(amount, calls * price, "amount");
        assertEq(qBuilder, Math.mulDiv(amount, b, 10_000), "builder");
        assertEq(qTreasury, Math.mulDiv(amount, t, 10_000), "treasury");
        assertEq(qBuilder + qTreasury + qPool, amount, "sum");
        assertGe(qPool, Math.mulDiv(amount, 10_000 - b - t, 10_000), "pool below its share");
    }

    // ================================================================ bounds

    /// @param wide false: values near the bounds, where both outcomes are common; true: any uint16.
    function testFuzz_setFeeSplit_RevertsExactlyWhenOutOfBounds(uint16 b, uint16 t, bool wide) public {
        if (!wide) {
            b = uint16(bound(b, 0, 8_100));
            t = uint16(bound(t, 0, 2_100));
        }
        if (_outOfBounds(b, t)) {
            vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageFeeSplitOutOfBounds.selector, b, t));
            vm.prank(admin);
            ledger.setFeeSplit(b, t);
            (uint16 kept, , ) = ledger.feeSplit();
            assertEq(uint256(kept), BUILDER_BPS, "split unchanged");
        } else {
            vm.expectEmit(address(ledger));
            emit IUsageLedger.FeeSplitSet(b, t, 10_000 - b - t);
            vm.prank(admin);
            ledger.setFeeSplit(b, t);
            (uint16 nb, uint16 nt, uint16 na) = ledger.feeSplit();
            assertEq(uint256(nb), b, "builderBps");
            assertEq(uint256(nt), t, "treasuryBps");
            assertEq(uint256(na), 10_000 - uint256(b) - t, "attributionBps");
            assertGe(na, 1_000, "pool below its minimum");
        }
    }

    function testFuzz_constructor_RevertsExactlyWhenOutOfBounds(uint16 b, uint16 t) public {
        b = uint16(bound(b, 0, 8_100));
        t = uint16(bound(t, 0, 2_100));
        if (_outOfBounds(b, t)) {
            vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsageFeeSplitOutOfBounds.selector, b, t));
            new UsageLedger(token, models, distributor, treasury, b, t, admin);
        } else {
            UsageLedger l = new UsageLedger(token, models, distributor, treasury, b, t, admin);
            (uint16 nb, uint16 nt, ) = l.feeSplit();
            assertEq(uint256(nb) * 10_000 + nt, uint256(b) * 10_000 + t, "split");
        }
    }

    // ================================================================ withdrawals

    function testFuzz_withdrawEarnings_PaysExactlyWhatAccrued(uint256 calls, address to) public {
        vm.assume(to != address(0) && to != address(ledger) && to != address(distributor));
        vm.assume(to != alice && to != bob && to != permitPayer && to != address(this));
        calls = bound(calls, 1, MAX_CALLS);
        _pay(alice, adapterId, calls);
        uint256 accrued = ledger.earnings(builder);
        uint256 toBefore = token.balanceOf(to);
        vm.prank(builder);
        assertEq(ledger.withdrawEarnings(to), accrued, "returned");
        assertEq(token.balanceOf(to) - toBefore, accrued, "received");
        assertEq(ledger.earnings(builder), 0, "cleared");
        assertEq(token.balanceOf(address(ledger)), ledger.earnings(treasury), "ledger keeps the treasury's");
    }
}
