// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title FeeSplit
/// @notice Splits a usage payment in basis points between the model's builder, the protocol
/// treasury and the attribution pool (the contributors' rewards).
/// Rounding: the builder's and the treasury's parts round down; the attribution pool takes what is
/// left, so the three parts always sum exactly to the payment and rounding dust goes to
/// contributors. Never overflows, whatever the amount.
library FeeSplit {
    /// @notice 100% in basis points.
    uint256 internal constant TOTAL_BPS = 10_000;

    /// @notice The parts of `amount`; requires `builderBps + treasuryBps ≤ 10,000` (callers bound them).
    function split(
        uint256 amount,
        uint256 builderBps,
        uint256 treasuryBps
    ) internal pure returns (uint256 builder, uint256 treasury, uint256 attribution) {
        builder = share(amount, builderBps);
        treasury = share(amount, treasuryBps);
        // Bound: builder + treasury ≤ amount * (builderBps + treasuryBps) / 10,000 ≤ amount.
        unchecked {
            attribution = amount - builder - treasury;
        }
    }

    /// @notice floor(amount * bps / 10,000) without the overflow of `amount * bps`:
    /// with amount = q * 10,000 + r, it is q * bps + floor(r * bps / 10,000), exactly.
    function share(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return (amount / TOTAL_BPS) * bps + ((amount % TOTAL_BPS) * bps) / TOTAL_BPS;
    }
}
