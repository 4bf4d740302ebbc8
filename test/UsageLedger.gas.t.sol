// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UsageFixture} from "./utils/UsageFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Gas snapshots of the ledger's hot paths, committed in `snapshots/` and checked in CI
/// (`npm run snapshot:check`): execution gas of the call alone. State is prepared in setUp, a call
/// of its own, so storage is cold in each test as in a real transaction.
contract UsageLedgerGasTest is UsageFixture {
    string private constant GROUP = "UsageLedger";
    uint256 private constant CALLS = 100;

    /// An adapter of `builder2`, who has earned nothing yet.
    uint256 private freshAdapter;

    function setUp() public override {
        super.setUp();
        (, freshAdapter) = _newActiveAdapter(builder2, PRICE);
        require(ledger.earnings(builder2) == 0, "builder2 has earnings");
        require(token.nonces(permitPayer) == 0, "permitPayer used a nonce");
        // The steady state: alice has paid before, the builder and the treasury have earnings, the
        // distributor has been funded and the payment counter is non-zero.
        _pay(alice, adapterId, CALLS);
    }

    /// A repeat payer pays an adapter whose builder and treasury already have earnings.
    function test_pay_GasSnapshot() external {
        vm.prank(alice);
        uint256 paymentId = ledger.pay(adapterId, CALLS, PRICE);
        vm.snapshotGasLastCall(GROUP, "pay");
        assertEq(paymentId, 2, "second payment");
    }

    /// As `pay`, but the builder earns for the first time (its earnings slot goes from zero).
    function test_pay_GasSnapshotFirstEarnings() external {
        vm.prank(alice);
        ledger.pay(freshAdapter, CALLS, PRICE);
        vm.snapshotGasLastCall(GROUP, "pay.firstEarnings");
        assertEq(ledger.earnings(builder2), 0.7 ether, "builder2 earned");
    }

    /// A first-time payer with no allowance, paying with a fresh permit (its nonce goes 0 → 1).
    function test_payWithPermit_GasSnapshot() external {
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        // Nonce 0 (checked in setUp): reading it here would warm the slot the permit writes.
        bytes32 digest = _permitDigest(permitPayer, address(ledger), 1 ether, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(PERMIT_KEY, digest);
        vm.prank(permitPayer);
        ledger.payWithPermit(adapterId, CALLS, PRICE, 1 ether, deadline, v, r, s);
        vm.snapshotGasLastCall(GROUP, "payWithPermit");
        assertEq(token.nonces(permitPayer), 1, "permit used");
    }

    /// The builder withdraws everything to itself.
    function test_withdrawEarnings_GasSnapshot() external {
        vm.prank(builder);
        uint256 amount = ledger.withdrawEarnings(builder);
        vm.snapshotGasLastCall(GROUP, "withdrawEarnings");
        assertEq(amount, 0.7 ether, "withdrawn");
    }
}
