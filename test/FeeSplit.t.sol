// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {FeeSplit} from "../contracts/libraries/FeeSplit.sol";
import {Test} from "./utils/Test.sol";

contract FeeSplitTest is Test {
    function test_split_RoundsBuilderAndTreasuryDownAndGivesDustToThePool() public pure {
        // 7 wei at 33.33% / 33.33%: builder 2, treasury 2 (both 2.3331 rounded down), pool 3.
        (uint256 builder, uint256 treasury, uint256 attribution) = FeeSplit.split(7, 3_333, 3_333);
        assertEq(builder, 2, "builder");
        assertEq(treasury, 2, "treasury");
        assertEq(attribution, 3, "attribution");
    }

    function test_split_WholePaymentToOneParty() public pure {
        (uint256 builder, uint256 treasury, uint256 attribution) = FeeSplit.split(1e18, 10_000, 0);
        assertEq(builder, 1e18, "all to builder");
        assertEq(treasury + attribution, 0, "nothing else");
        (builder, treasury, attribution) = FeeSplit.split(1e18, 0, 0);
        assertEq(attribution, 1e18, "all to the pool");
    }

    function test_split_MaxAmountDoesNotOverflow() public pure {
        (uint256 builder, uint256 treasury, uint256 attribution) = FeeSplit.split(type(uint256).max, 7_000, 1_000);
        assertEq(builder, Math.mulDiv(type(uint256).max, 7_000, 10_000), "builder");
        assertEq(treasury, Math.mulDiv(type(uint256).max, 1_000, 10_000), "treasury");
        assertEq(builder + treasury + attribution, type(uint256).max, "sum");
    }

    function testFuzz_split_PartsSumToPaymentAndMatchExactShares(
        uint256 amount,
        uint256 builderBps,
        uint256 treasuryBps
    ) public pure {
        builderBps = bound(builderBps, 0, 10_000);
        treasuryBps = bound(treasuryBps, 0, 10_000 - builderBps);
        (uint256 builder, uint256 treasury, uint256 attribution) = FeeSplit.split(amount, builderBps, treasuryBps);
        assertEq(builder, Math.mulDiv(amount, builderBps, 10_000), "builder = floor(amount * bps / 10,000)");
        assertEq(treasury, Math.mulDiv(amount, treasuryBps, 10_000), "treasury = floor(amount * bps / 10,000)");
        assertEq(attribution, amount - builder - treasury, "pool takes the rest");
        // The pool never gets less than its exact share, and at most 2 wei of rounding more.
        uint256 poolBps = 10_000 - builderBps - treasuryBps;
        uint256 exactPool = Math.mulDiv(amount, poolBps, 10_000);
        assertGe(attribution, exactPool, "pool below its share");
        assertLe(attribution - exactPool, 2, "pool dust above 2 wei");
    }
}
