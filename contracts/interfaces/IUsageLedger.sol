// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IAttributionDistributor} from "./IAttributionDistributor.sol";
import {IModelRegistry} from "./IModelRegistry.sol";

/// @title IUsageLedger
/// @notice Payments for inference. A user pays OPEN for N calls to an active adapter at its price
/// (never above the user's `maxPricePerCall`); the payment is split in basis points between the
/// model's builder, the protocol treasury and the attribution pool. The attribution share is sent
/// to the AttributionDistributor (`fund`) in the same transaction, so contributors' rewards are
/// funded by real usage; the builder's and the treasury's shares accrue here and are withdrawn by
/// their owners (a recipient that cannot receive never blocks a payment).
///
/// Rounding (FeeSplit): the builder's and the treasury's shares round down; the attribution pool
/// takes the rest, so the three parts sum exactly to the payment and dust goes to contributors.
///
/// Roles (admin through `AccessControlDefaultAdminRules`: two-step, delayed transfer):
/// - `DEFAULT_ADMIN_ROLE` (governance): sets the split within its bounds and the treasury.
///   Cannot move payments already made or earnings already accrued.
///
/// Bounds: builder ≤ 80%, treasury ≤ 20%, attribution pool ≥ 10% (`MAX_BUILDER_BPS`,
/// `MAX_TREASURY_BPS`, `MIN_ATTRIBUTION_BPS`): contributors always get a real share.
///
/// The token must be a plain ERC-20 such as OPEN: a fee-on-transfer token would leave the ledger
/// short of the earnings it owes.
///
/// Invariants (tested in `test/UsageLedger.invariant.t.sol`): builder + treasury + attribution
/// parts = the payment, for every payment; the ledger's OPEN balance equals unwithdrawn earnings;
/// payment ids are 1, 2, … without gaps.
interface IUsageLedger {
    // ---------------------------------------------------------------- errors

    /// @notice An address is zero, not a contract where one is required, or the ledger itself
    /// (as a treasury or a withdrawal recipient: the tokens would be stuck).
    error UsageBadAddress(address account);
    /// @notice The distributor pays out another token than the ledger charges.
    error UsageTokenMismatch(address token, address distributorToken);
    /// @notice The split is outside its bounds (see the contract notice).
    error UsageFeeSplitOutOfBounds(uint256 builderBps, uint256 treasuryBps);
    /// @notice Paying for zero calls.
    error UsageZeroCalls();
    /// @notice `calls` above 2^128 - 1.
    error UsageTooManyCalls(uint256 calls);
    /// @notice The adapter's price rose above what the payer accepts.
    error UsagePriceAboveMax(uint256 adapterId, uint256 pricePerCall, uint256 maxPricePerCall);
    /// @notice `account` has no earnings to withdraw.
    error UsageNothingToWithdraw(address account);

    // ---------------------------------------------------------------- events

    /// @notice One payment, with everything the oracle needs for its epoch. `builderAmount +
    /// treasuryAmount + attributionAmount == amount == calls * pricePerCall`.
    event Paid(
        uint256 indexed paymentId,
        uint256 indexed modelId,
        uint256 indexed adapterId,
        address payer,
        address builder,
        uint256 calls,
        uint256 pricePerCall,
        uint256 amount,
        uint256 builderAmount,
        uint256 treasuryAmount,
        uint256 attributionAmount
    );
    event FeeSplitSet(uint16 builderBps, uint16 treasuryBps, uint16 attributionBps);
    event TreasurySet(address indexed treasury);
    event EarningsWithdrawn(address indexed account, address indexed to, uint256 amount);

    // ---------------------------------------------------------------- payments

    /// @notice Pays for `calls` calls to an active adapter at its current price, at most
    /// `maxPricePerCall` each; pulls `calls * price` OPEN from the caller (approve this ledger).
    function pay(uint256 adapterId, uint256 calls, uint256 maxPricePerCall) external returns (uint256 paymentId);

    /// @notice `pay` after an ERC-2612 permit for this ledger. A permit that fails (already used,
    /// e.g. front-run) is ignored: the payment then uses the existing allowance.
    function payWithPermit(
        uint256 adapterId,
        uint256 calls,
        uint256 maxPricePerCall,
        uint256 permitValue,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 paymentId);

    /// @notice Sends all of the caller's accrued earnings (as a builder or the treasury) to `to`.
    function withdrawEarnings(address to) external returns (uint256 amount);

    // ---------------------------------------------------------------- governance

    /// @notice Only `DEFAULT_ADMIN_ROLE`. Applies to later payments; the pool gets the rest.
    function setFeeSplit(uint16 builderBps, uint16 treasuryBps) external;

    /// @notice Only `DEFAULT_ADMIN_ROLE`. Later treasury shares accrue to `treasury`; what the old
    /// treasury accrued stays withdrawable by it.
    function setTreasury(address treasury) external;

    // ---------------------------------------------------------------- views

    function MAX_BUILDER_BPS() external view returns (uint16);
    function MAX_TREASURY_BPS() external view returns (uint16);
    function MIN_ATTRIBUTION_BPS() external view returns (uint16);
    function token() external view returns (IERC20);
    function models() external view returns (IModelRegistry);
    function distributor() external view returns (IAttributionDistributor);
    function treasury() external view returns (address);
    /// @notice The current split in basis points; `attributionBps = 10,000 - builderBps - treasuryBps`.
    function feeSplit() external view returns (uint16 builderBps, uint16 treasuryBps, uint16 attributionBps);
    function paymentCount() external view returns (uint256);
    /// @notice Accrued and not yet withdrawn.
    function earnings(address account) external view returns (uint256);
    /// @notice What `calls` calls to an active adapter cost now, and how the payment would split.
    function quote(
        uint256 adapterId,
        uint256 calls
    )
        external
        view
        returns (
            uint256 pricePerCall,
            uint256 amount,
            uint256 builderAmount,
            uint256 treasuryAmount,
            uint256 attributionAmount
        );
}
