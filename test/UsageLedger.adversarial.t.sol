// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

import {AttributionDistributor} from "../contracts/AttributionDistributor.sol";
import {UsageLedger} from "../contracts/UsageLedger.sol";
import {IModelRegistry} from "../contracts/interfaces/IModelRegistry.sol";
import {IUsageLedger} from "../contracts/interfaces/IUsageLedger.sol";
import {UsageFixture} from "./utils/UsageFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Calls `target` with `data` when a HookToken transfer triggers it, and records the outcome
/// instead of reverting, so a test can observe it. Also serves as a contract payer or builder.
contract Reenterer {
    address public target;
    bytes public data;
    uint256 public reentries;
    bool public succeeded;
    bytes public returnData;
    bytes public revertData;

    function set(address target_, bytes calldata data_) external {
        (target, data) = (target_, data_);
    }

    function hook() external {
        ++reentries;
        (bool ok, bytes memory ret) = target.call(data);
        if (ok) (succeeded, returnData) = (true, ret);
        else revertData = ret;
    }
}

/// @notice Test-only ERC-20 with a transfer hook (as ERC-777 or ERC-1363-style tokens have): once
/// armed, the next transfer from `from` to `to` calls `reenterer.hook()`, before or after the
/// balances move. The repository's ReentrantToken re-enters `claim` on transfers out of the
/// distributor, which the ledger never makes; this one hooks the ledger's own transfers.
contract HookToken is ERC20 {
    address public hookFrom;
    address public hookTo;
    Reenterer public reenterer;
    bool public armed;
    bool public beforeTransfer;

    constructor() ERC20("Hook", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address from, address to, Reenterer reenterer_, bool beforeTransfer_) external {
        (hookFrom, hookTo, reenterer, beforeTransfer, armed) = (from, to, reenterer_, beforeTransfer_, true);
    }

    function _update(address from, address to, uint256 value) internal override {
        bool fire = armed && from == hookFrom && to == hookTo;
        if (fire) armed = false; // once
        if (fire && beforeTransfer) reenterer.hook();
        super._update(from, to, value);
        if (fire && !beforeTransfer) reenterer.hook();
    }
}

/// @notice Payments to adapters that cannot be paid, payers who cannot pay, builders and governance
/// acting against payers and earners, and re-entrant tokens.
contract UsageLedgerAdversarialTest is UsageFixture {
    uint256 internal constant CALLS = 100;
    uint256 internal constant AMOUNT = 1 ether; // 100 calls at 0.01 OPEN
    uint256 internal constant BUILDER_PART = 0.7 ether;
    uint256 internal constant TREASURY_PART = 0.1 ether;
    uint256 internal constant POOL_PART = 0.2 ether;

    /// Everything a payment moves, to show a failed one moved nothing.
    struct Snapshot {
        uint256 payerBalance;
        uint256 ledgerBalance;
        uint256 distributorBalance;
        uint256 totalFunded;
        uint256 builderEarnings;
        uint256 treasuryEarnings;
        uint256 paymentCount;
    }

    function _snapshot(address payer) internal view returns (Snapshot memory) {
        return
            Snapshot({
                payerBalance: token.balanceOf(payer),
                ledgerBalance: token.balanceOf(address(ledger)),
                distributorBalance: token.balanceOf(address(distributor)),
                totalFunded: distributor.totalFunded(),
                builderEarnings: ledger.earnings(builder),
                treasuryEarnings: ledger.earnings(treasury),
                paymentCount: ledger.paymentCount()
            });
    }

    function _assertUnchanged(Snapshot memory before, address payer) internal view {
        Snapshot memory afterwards = _snapshot(payer);
        assertEq(afterwards.payerBalance, before.payerBalance, "payer balance");
        assertEq(afterwards.ledgerBalance, before.ledgerBalance, "ledger balance");
        assertEq(afterwards.distributorBalance, before.distributorBalance, "distributor balance");
        assertEq(afterwards.totalFunded, before.totalFunded, "totalFunded");
        assertEq(afterwards.builderEarnings, before.builderEarnings, "builder earnings");
        assertEq(afterwards.treasuryEarnings, before.treasuryEarnings, "treasury earnings");
        assertEq(afterwards.paymentCount, before.paymentCount, "paymentCount");
    }

    function _wrongStatus(uint256 adapter, IModelRegistry.AdapterStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IModelRegistry.ModelWrongAdapterStatus.selector, adapter, status);
    }

    function _nothingToWithdraw(address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IUsageLedger.UsageNothingToWithdraw.selector, account);
    }

    // ================================================================ adapters that cannot be paid

    function test_pay_RevertWhen_AdapterDeactivatedEvenWithGenerousMax() public {
        _pay(alice, adapterId, CALLS); // it served before
        _deactivate(adapterId);
        Snapshot memory before = _snapshot(alice);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        vm.prank(alice);
        ledger.pay(adapterId, CALLS, type(uint256).max);
        _assertUnchanged(before, alice);
    }

    function test_pay_RevertWhen_AdapterUnverifiedAtZeroMax() public {
        // Status is checked before the price: an unverified adapter has no price to compare.
        (, uint256 published) = _newPublishedAdapter(builder2);
        vm.expectRevert(_wrongStatus(published, IModelRegistry.AdapterStatus.Published));
        vm.prank(alice);
        ledger.pay(published, CALLS, 0);
    }

    function test_pay_RevertWhen_AdapterVerifiedButInactive() public {
        (, uint256 verified) = _newVerifiedAdapter(builder2);
        vm.expectRevert(_wrongStatus(verified, IModelRegistry.AdapterStatus.Verified));
        vm.prank(alice);
        ledger.pay(verified, CALLS, type(uint256).max);
    }

    function test_pay_RevertWhen_AdapterUnknown() public {
        uint256[3] memory unknown = [uint256(0), models.adapterCount() + 1, type(uint256).max];
        Snapshot memory before = _snapshot(alice);
        for (uint256 i = 0; i < unknown.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelUnknownAdapter.selector, unknown[i]));
            vm.prank(alice);
            ledger.pay(unknown[i], CALLS, type(uint256).max);
        }
        _assertUnchanged(before, alice);
    }

    function test_pay_RevertWhen_MaxPriceZero() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageLedger.UsagePriceAboveMax.selector, adapterId, PRICE, 0));
        vm.prank(alice);
        ledger.pay(adapterId, CALLS, 0);
    }

    function test_pay_AdapterOnRetiredBaseModelStillServes() public {
        // Retiring a base model stops new models on it; adapters already built keep serving.
        vm.prank(registrar);
        models.retireBaseModel(baseModelId);
        _pay(alice, adapterId, CALLS);
        assertEq(ledger.earnings(builder), BUILDER_PART, "builder earnings");
    }

    // ================================================================ payers who cannot pay

    function test_pay_RevertWhen_PayerHasNoAllowance() public {
        require(token.transfer(stranger, AMOUNT), "transfer");
        Snapshot memory before = _snapshot(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(ledger), 0, AMOUNT)
        );
        vm.prank(stranger);
        ledger.pay(adapterId, CALLS, PRICE);
        _assertUnchanged(before, stranger);
    }

    function test_pay_RevertWhen_AllowanceOneWeiShort() public {
        require(token.transfer(stranger, AMOUNT), "transfer");
        _approveLedger(stranger, AMOUNT - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(ledger),
                AMOUNT - 1,
                AMOUNT
            )
        );
        vm.prank(stranger);
        ledger.pay(adapterId, CALLS, PRICE);
    }

    function test_pay_RevertWhen_PayerBalanceOneWeiShort() public {
        require(token.transfer(stranger, AMOUNT - 1), "transfer");
        _approveLedger(stranger, type(uint256).max);
        Snapshot memory before = _snapshot(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, stranger, AMOUNT - 1, AMOUNT)
        );
        vm.prank(stranger);
        ledger.pay(adapterId, CALLS, PRICE);
        _assertUnchanged(before, stranger);
    }

    function test_pay_RevertWhen_CallerTriesToSpendAnotherPayersAllowance() public {
        // alice approved the ledger; the ledger only ever pulls from the caller.
        uint256 aliceBefore = token.balanceOf(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(ledger), 0, AMOUNT)
        );
        vm.prank(stranger);
        ledger.pay(adapterId, CALLS, PRICE);
        assertEq(token.balanceOf(alice), aliceBefore, "alice charged");
    }

    function test_payWithPermit_RevertWhen_RelayedBySomeoneElse() public {
        // permitPayer's signature is for owner = permitPayer; relayed by a stranger, the ledger
        // asks for a permit with owner = stranger, which the signature does not match.
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signLedgerPermit(AMOUNT, deadline);
        require(token.transfer(stranger, AMOUNT), "transfer");
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(ledger), 0, AMOUNT)
        );
        vm.prank(stranger);
        ledger.payWithPermit(adapterId, CALLS, PRICE, AMOUNT, deadline, v, r, s);
        assertEq(token.nonces(permitPayer), 0, "permitPayer's nonce");
        assertEq(token.balanceOf(permitPayer), PAYER_FUNDS, "permitPayer charged");
    }

    // ================================================================ the builder between quote and pay

    function test_pay_RevertWhen_BuilderRaisesPriceBetweenQuoteAndPay() public {
        (uint256 quoted, , , , ) = ledger.quote(adapterId, CALLS);
        // The builder sees the payment in the mempool and raises the price ten-fold first.
        _setPrice(adapterId, uint128(10 * quoted));
        Snapshot memory before = _snapshot(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageLedger.UsagePriceAboveMax.selector, adapterId, 10 * quoted, quoted)
        );
        vm.prank(alice);
        ledger.pay(adapterId, CALLS, quoted);
        _assertUnchanged(before, alice);
    }

    function test_pay_RevertWhen_BuilderDeactivatesBetweenQuoteAndPay() public {
        (uint256 quoted, , , , ) = ledger.quote(adapterId, CALLS);
        _deactivate(adapterId);
        Snapshot memory before = _snapshot(alice);
        vm.expectRevert(_wrongStatus(adapterId, IModelRegistry.AdapterStatus.Verified));
        vm.prank(alice);
        ledger.pay(adapterId, CALLS, quoted);
        _assertUnchanged(before, alice);
    }

    function test_pay_BuilderLowersPriceBetweenQuoteAndPayChargesLowerPrice() public {
        (uint256 quoted, uint256 quotedAmount, , , ) = ledger.quote(adapterId, CALLS);
        _setPrice(adapterId, uint128(quoted / 2));
        uint256 before = token.balanceOf(alice);
        vm.prank(alice);
        ledger.pay(adapterId, CALLS, quoted);
        assertEq(before - token.balanceOf(alice), quotedAmount / 2, "charged the lower price");
    }

    function test_pay_BuilderPayingOwnAdapterStillFundsThePool() public {
        // A wash payment: the builder gets its share back, but the pool and treasury are paid.
        require(token.transfer(builder, AMOUNT), "transfer");
        _approveLedger(builder, AMOUNT);
        _pay(builder, adapterId, CALLS);
        assertEq(token.balanceOf(builder), 0, "builder paid");
        assertEq(ledger.earnings(builder), BUILDER_PART, "builder share");
        assertEq(distributor.totalFunded(), POOL_PART, "pool funded");
        assertEq(ledger.earnings(treasury), TREASURY_PART, "treasury share");
    }

    // ================================================================ governance against earners

    function test_setTreasury_CannotMoveAccruedEarnings() public {
        _pay(alice, adapterId, CALLS);
        // Governance points the treasury at itself and tries to take what was accrued.
        vm.prank(admin);
        ledger.setTreasury(admin);
        vm.expectRevert(_nothingToWithdraw(admin));
        vm.prank(admin);
        ledger.withdrawEarnings(admin);

        assertEq(ledger.earnings(treasury), TREASURY_PART, "old treasury keeps its earnings");
        assertEq(ledger.earnings(builder), BUILDER_PART, "builder keeps its earnings");
        vm.prank(treasury);
        ledger.withdrawEarnings(treasury);
        vm.prank(builder);
        ledger.withdrawEarnings(builder);
        assertEq(token.balanceOf(treasury), TREASURY_PART, "old treasury paid");
        assertEq(token.balanceOf(builder), BUILDER_PART, "builder paid");
        assertEq(token.balanceOf(admin), 0, "governance took nothing");
        assertEq(token.balanceOf(address(ledger)), 0, "ledger emptied by the earners");
    }

    function test_setFeeSplit_CannotChangeAccruedEarnings() public {
        _pay(alice, adapterId, CALLS);
        _setFeeSplit(0, 2_000);
        assertEq(ledger.earnings(builder), BUILDER_PART, "builder keeps its earnings");
        assertEq(ledger.earnings(treasury), TREASURY_PART, "treasury not raised retroactively");
        assertEq(distributor.totalFunded(), POOL_PART, "pool unchanged");
    }

    function test_setTreasury_ToABuilderAccruesBothSharesToOneAccount() public {
        vm.prank(admin);
        ledger.setTreasury(builder);
        _pay(alice, adapterId, CALLS);
        assertEq(ledger.earnings(builder), BUILDER_PART + TREASURY_PART, "both shares");
        assertEq(token.balanceOf(address(ledger)), BUILDER_PART + TREASURY_PART, "ledger balance");
        vm.prank(builder);
        assertEq(ledger.withdrawEarnings(builder), BUILDER_PART + TREASURY_PART, "withdrawn together");
    }

    // ================================================================ withdrawals

    function test_withdrawEarnings_RevertWhen_WithdrawnTwice() public {
        _pay(alice, adapterId, CALLS);
        vm.prank(builder);
        ledger.withdrawEarnings(builder);
        vm.expectRevert(_nothingToWithdraw(builder));
        vm.prank(builder);
        ledger.withdrawEarnings(stranger);
        assertEq(token.balanceOf(builder), BUILDER_PART, "paid once");
        assertEq(token.balanceOf(stranger), 0, "second recipient got nothing");
        assertEq(token.balanceOf(address(ledger)), TREASURY_PART, "ledger keeps the treasury's");
    }

    function test_withdrawEarnings_RevertWhen_CallerIsNotTheEarner() public {
        _pay(alice, adapterId, CALLS);
        address[3] memory callers = [stranger, alice, admin];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(_nothingToWithdraw(callers[i]));
            vm.prank(callers[i]);
            ledger.withdrawEarnings(callers[i]);
        }
        assertEq(ledger.earnings(builder), BUILDER_PART, "builder earnings intact");
    }
}

/// @notice A ledger and a distributor on a token with transfer hooks, to show that re-entering the
/// ledger from any of its transfers pays nothing twice and keeps the accounting exact.
contract UsageLedgerReentrancyTest is UsageFixture {
    uint256 internal constant CALLS = 100;
    uint256 internal constant AMOUNT = 1 ether;
    uint256 internal constant BUILDER_PART = 0.7 ether;
    uint256 internal constant TREASURY_PART = 0.1 ether;
    uint256 internal constant POOL_PART = 0.2 ether;

    HookToken internal hookToken;
    AttributionDistributor internal hookDistributor;
    UsageLedger internal hookLedger;
    Reenterer internal attacker;

    function setUp() public override {
        super.setUp();
        hookToken = new HookToken();
        hookDistributor = new AttributionDistributor(hookToken, admin, CHALLENGE_PERIOD);
        // The same model registry: the ledger only reads serving terms from it.
        hookLedger = new UsageLedger(hookToken, models, hookDistributor, treasury, BUILDER_BPS, TREASURY_BPS, admin);
        attacker = new Reenterer();
        vm.label(address(attacker), "attacker");
        hookToken.mint(address(attacker), 100 * AMOUNT);
        hookToken.mint(alice, 100 * AMOUNT);
        vm.prank(address(attacker));
        hookToken.approve(address(hookLedger), type(uint256).max);
        vm.prank(alice);
        hookToken.approve(address(hookLedger), type(uint256).max);
    }

    function _assertBooksBalance(address[] memory earners) internal view {
        uint256 sum;
        for (uint256 i = 0; i < earners.length; ++i) sum += hookLedger.earnings(earners[i]);
        assertEq(hookToken.balanceOf(address(hookLedger)), sum, "ledger balance == sum of earnings");
        assertEq(hookToken.balanceOf(address(hookDistributor)), hookDistributor.totalFunded(), "distributor");
    }

    function _testWithdrawReentered(bool beforeTransfer) internal {
        // The attacker builds a model and earns on it.
        (, uint256 adapter) = _newActiveAdapter(address(attacker), PRICE);
        vm.prank(alice);
        hookLedger.pay(adapter, CALLS, PRICE);
        assertEq(hookLedger.earnings(address(attacker)), BUILDER_PART, "attacker earned");

        attacker.set(address(hookLedger), abi.encodeCall(IUsageLedger.withdrawEarnings, (address(attacker))));
        hookToken.arm(address(hookLedger), address(attacker), attacker, beforeTransfer);
        vm.prank(address(attacker));
        uint256 paid = hookLedger.withdrawEarnings(address(attacker));

        assertEq(paid, BUILDER_PART, "outer withdrawal");
        assertEq(attacker.reentries(), 1, "reentries");
        assertFalse(attacker.succeeded(), "inner withdrawal succeeded");
        assertEq(
            attacker.revertData(),
            abi.encodeWithSelector(IUsageLedger.UsageNothingToWithdraw.selector, address(attacker)),
            "inner revert"
        );
        assertEq(hookToken.balanceOf(address(attacker)), 100 * AMOUNT + BUILDER_PART, "paid once");
        assertEq(hookToken.balanceOf(address(hookLedger)), TREASURY_PART, "treasury's share stays");
    }

    function test_withdrawEarnings_ReentryBeforeTransferPaysOnce() public {
        // Earnings are cleared before the transfer: the hook finds nothing left.
        _testWithdrawReentered(true);
    }

    function test_withdrawEarnings_ReentryAfterTransferPaysOnce() public {
        _testWithdrawReentered(false);
    }

    function _testPayReenteredDuringPull(bool beforeTransfer) internal {
        attacker.set(address(hookLedger), abi.encodeCall(IUsageLedger.pay, (adapterId, CALLS, PRICE)));
        hookToken.arm(address(attacker), address(hookLedger), attacker, beforeTransfer);
        vm.prank(address(attacker));
        uint256 outerId = hookLedger.pay(adapterId, CALLS, PRICE);

        // The inner call is a second, complete payment by the same payer; nothing is lost or
        // counted twice. The outer payment took id 1 before pulling, so the inner one is 2.
        assertEq(attacker.reentries(), 1, "reentries");
        assertTrue(attacker.succeeded(), "inner payment");
        assertEq(outerId, 1, "outer id");
        assertEq(abi.decode(attacker.returnData(), (uint256)), 2, "inner id");
        assertEq(hookLedger.paymentCount(), 2, "paymentCount");
        assertEq(hookToken.balanceOf(address(attacker)), 100 * AMOUNT - 2 * AMOUNT, "paid twice, for two payments");
        assertEq(hookLedger.earnings(builder), 2 * BUILDER_PART, "builder");
        assertEq(hookLedger.earnings(treasury), 2 * TREASURY_PART, "treasury");
        assertEq(hookDistributor.totalFunded(), 2 * POOL_PART, "pool");
        address[] memory earners = new address[](2);
        (earners[0], earners[1]) = (builder, treasury);
        _assertBooksBalance(earners);
    }

    function test_pay_ReentryBeforePullIsASecondCompletePayment() public {
        _testPayReenteredDuringPull(true);
    }

    function test_pay_ReentryAfterPullIsASecondCompletePayment() public {
        _testPayReenteredDuringPull(false);
    }

    function test_pay_ReentryDuringFundReverts() public {
        // The hook fires when the distributor pulls the pool's share; the inner payment reaches
        // the distributor's `fund` again, which is non-reentrant, and reverts as a whole.
        attacker.set(address(hookLedger), abi.encodeCall(IUsageLedger.pay, (adapterId, CALLS, PRICE)));
        hookToken.arm(address(hookLedger), address(hookDistributor), attacker, true);
        vm.prank(address(attacker));
        hookLedger.pay(adapterId, CALLS, PRICE);

        assertEq(attacker.reentries(), 1, "reentries");
        assertFalse(attacker.succeeded(), "inner payment succeeded");
        assertEq(
            attacker.revertData(),
            abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector),
            "inner revert"
        );
        assertEq(hookLedger.paymentCount(), 1, "one payment");
        assertEq(hookToken.balanceOf(address(attacker)), 99 * AMOUNT, "paid once");
        assertEq(hookDistributor.totalFunded(), POOL_PART, "pool");
        address[] memory earners = new address[](2);
        (earners[0], earners[1]) = (builder, treasury);
        _assertBooksBalance(earners);
    }
}
