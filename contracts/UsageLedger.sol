// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IAttributionDistributor} from "./interfaces/IAttributionDistributor.sol";
import {IModelRegistry} from "./interfaces/IModelRegistry.sol";
import {IUsageLedger} from "./interfaces/IUsageLedger.sol";
import {FeeSplit} from "./libraries/FeeSplit.sol";

/// @title UsageLedger
/// @notice Charges inference calls and splits each payment between builder, treasury and the
/// attribution pool. See {IUsageLedger}.
contract UsageLedger is IUsageLedger, AccessControlDefaultAdminRules {
    using SafeERC20 for IERC20;

    /// @inheritdoc IUsageLedger
    uint16 public constant MAX_BUILDER_BPS = 8_000;
    /// @inheritdoc IUsageLedger
    uint16 public constant MAX_TREASURY_BPS = 2_000;
    /// @inheritdoc IUsageLedger
    uint16 public constant MIN_ATTRIBUTION_BPS = 1_000;
    /// @dev Delay of a default-admin transfer (AccessControlDefaultAdminRules).
    uint48 private constant _ADMIN_TRANSFER_DELAY = 2 days;

    /// @dev What `pay` reads and writes besides earnings, in one slot: 16 + 16 + 160 + 64 = 256 bits.
    /// `paymentCount` < 2^64 payments is unreachable.
    struct Config {
        uint16 builderBps;
        uint16 treasuryBps;
        address treasury;
        uint64 paymentCount;
    }

    IERC20 private immutable _TOKEN;
    IModelRegistry private immutable _MODELS;
    IAttributionDistributor private immutable _DISTRIBUTOR;

    Config private _config;
    mapping(address account => uint256 amount) private _earnings;

    constructor(
        IERC20 token_,
        IModelRegistry models_,
        IAttributionDistributor distributor_,
        address treasury_,
        uint16 builderBps,
        uint16 treasuryBps,
        address admin
    ) AccessControlDefaultAdminRules(_ADMIN_TRANSFER_DELAY, admin) {
        if (address(token_).code.length == 0) revert UsageBadAddress(address(token_));
        if (address(models_).code.length == 0) revert UsageBadAddress(address(models_));
        if (address(distributor_).code.length == 0) revert UsageBadAddress(address(distributor_));
        if (treasury_ == address(0)) revert UsageBadAddress(treasury_);
        address distributorToken = address(distributor_.token());
        if (distributorToken != address(token_)) revert UsageTokenMismatch(address(token_), distributorToken);
        _TOKEN = token_;
        _MODELS = models_;
        _DISTRIBUTOR = distributor_;
        _config.treasury = treasury_;
        _setFeeSplit(builderBps, treasuryBps);
        emit TreasurySet(treasury_);
        // The distributor pulls the attribution share in `fund`; OPEN does not spend an infinite allowance.
        token_.forceApprove(address(distributor_), type(uint256).max);
    }

    // ---------------------------------------------------------------- payments

    /// @inheritdoc IUsageLedger
    function pay(uint256 adapterId, uint256 calls, uint256 maxPricePerCall) public returns (uint256 paymentId) {
        if (calls == 0) revert UsageZeroCalls();
        if (calls > type(uint128).max) revert UsageTooManyCalls(calls);
        (uint256 modelId, address builder, uint256 pricePerCall) = _MODELS.servingTerms(adapterId);
        if (pricePerCall > maxPricePerCall) revert UsagePriceAboveMax(adapterId, pricePerCall, maxPricePerCall);

        Config memory config = _config;
        // calls < 2^128 and pricePerCall < 2^128 (a uint128 in the registry): no overflow.
        uint256 amount = calls * pricePerCall;
        (uint256 builderAmount, uint256 treasuryAmount, uint256 attributionAmount) = FeeSplit.split(
            amount,
            config.builderBps,
            config.treasuryBps
        );
        paymentId = uint256(config.paymentCount) + 1;
        _config.paymentCount = uint64(paymentId);
        if (builderAmount != 0) _earnings[builder] += builderAmount;
        if (treasuryAmount != 0) _earnings[config.treasury] += treasuryAmount;

        _TOKEN.safeTransferFrom(msg.sender, address(this), amount);
        // attributionAmount ≥ amount - floor(amount * 9,000 / 10,000) ≥ 1: `fund` never sees zero.
        _DISTRIBUTOR.fund(attributionAmount);
        emit Paid(
            paymentId,
            modelId,
            adapterId,
            msg.sender,
            builder,
            calls,
            pricePerCall,
            amount,
            builderAmount,
            treasuryAmount,
            attributionAmount
        );
    }

    /// @inheritdoc IUsageLedger
    function payWithPermit(
        uint256 adapterId,
        uint256 calls,
        uint256 maxPricePerCall,
        uint256 permitValue,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 paymentId) {
        // A failed permit is ignored on purpose: anyone can submit a permit seen in the mempool
        // first, and the allowance it set is then used below (OpenZeppelin's IERC20Permit advice).
        try
            IERC20Permit(address(_TOKEN)).permit(msg.sender, address(this), permitValue, permitDeadline, v, r, s)
        {} catch {} // solhint-disable-line no-empty-blocks
        return pay(adapterId, calls, maxPricePerCall);
    }

    /// @inheritdoc IUsageLedger
    function withdrawEarnings(address to) external returns (uint256 amount) {
        // Tokens sent to the ledger itself would be stuck, outside every account's earnings.
        if (to == address(0) || to == address(this)) revert UsageBadAddress(to);
        amount = _earnings[msg.sender];
        if (amount == 0) revert UsageNothingToWithdraw(msg.sender);
        delete _earnings[msg.sender];
        _TOKEN.safeTransfer(to, amount);
        emit EarningsWithdrawn(msg.sender, to, amount);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IUsageLedger
    function setFeeSplit(uint16 builderBps, uint16 treasuryBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFeeSplit(builderBps, treasuryBps);
    }

    /// @inheritdoc IUsageLedger
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasury_ == address(0) || treasury_ == address(this)) revert UsageBadAddress(treasury_);
        _config.treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IUsageLedger
    function token() external view returns (IERC20) {
        return _TOKEN;
    }

    /// @inheritdoc IUsageLedger
    function models() external view returns (IModelRegistry) {
        return _MODELS;
    }

    /// @inheritdoc IUsageLedger
    function distributor() external view returns (IAttributionDistributor) {
        return _DISTRIBUTOR;
    }

    /// @inheritdoc IUsageLedger
    function treasury() external view returns (address) {
        return _config.treasury;
    }

    /// @inheritdoc IUsageLedger
    function feeSplit() public view returns (uint16 builderBps, uint16 treasuryBps, uint16 attributionBps) {
        Config memory config = _config;
        // The bounds keep builderBps + treasuryBps ≤ 9,000.
        return (
            config.builderBps,
            config.treasuryBps,
            uint16(FeeSplit.TOTAL_BPS) - config.builderBps - config.treasuryBps
        );
    }

    /// @inheritdoc IUsageLedger
    function paymentCount() external view returns (uint256) {
        return _config.paymentCount;
    }

    /// @inheritdoc IUsageLedger
    function earnings(address account) external view returns (uint256) {
        return _earnings[account];
    }

    /// @inheritdoc IUsageLedger
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
        )
    {
        if (calls > type(uint128).max) revert UsageTooManyCalls(calls);
        (, , pricePerCall) = _MODELS.servingTerms(adapterId);
        amount = calls * pricePerCall; // both < 2^128
        Config memory config = _config;
        (builderAmount, treasuryAmount, attributionAmount) = FeeSplit.split(
            amount,
            config.builderBps,
            config.treasuryBps
        );
    }

    // ---------------------------------------------------------------- internals

    function _setFeeSplit(uint16 builderBps, uint16 treasuryBps) private {
        if (
            builderBps > MAX_BUILDER_BPS ||
            treasuryBps > MAX_TREASURY_BPS ||
            uint256(builderBps) + treasuryBps > FeeSplit.TOTAL_BPS - MIN_ATTRIBUTION_BPS
        ) revert UsageFeeSplitOutOfBounds(builderBps, treasuryBps);
        _config.builderBps = builderBps;
        _config.treasuryBps = treasuryBps;
        emit FeeSplitSet(builderBps, treasuryBps, uint16(FeeSplit.TOTAL_BPS) - builderBps - treasuryBps);
    }
}
