// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AttributionDistributor} from "../contracts/AttributionDistributor.sol";
import {IAttributionDistributor} from "../contracts/interfaces/IAttributionDistributor.sol";
import {MockERC20} from "../contracts/mocks/MockERC20.sol";
import {DistributorHandler} from "./handlers/DistributorHandler.sol";
import {InvariantTest} from "./utils/InvariantTest.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/// @notice The invariants of {IAttributionDistributor}, over random sequences of valid actions.
/// @dev The runner needs the handler's artifact, which Hardhat only writes for root files: to run
/// this file alone, name the handler too:
/// `npx hardhat test solidity test/AttributionDistributor.invariant.t.sol test/handlers/DistributorHandler.sol`.
contract AttributionDistributorInvariantTest is Test, InvariantTest {
    DistributorHandler internal handler;
    AttributionDistributor internal distributor;
    MockERC20 internal token;

    function setUp() public {
        vm.warp(START_TIME);
        handler = new DistributorHandler();
        distributor = handler.distributor();
        token = handler.token();

        bytes4[] memory selectors = new bytes4[](13);
        selectors[0] = DistributorHandler.fund.selector;
        selectors[1] = DistributorHandler.proposeRoot.selector;
        selectors[2] = DistributorHandler.warp.selector;
        selectors[3] = DistributorHandler.acceptRoot.selector;
        selectors[4] = DistributorHandler.vetoRoot.selector;
        selectors[5] = DistributorHandler.dispute.selector;
        selectors[6] = DistributorHandler.resolveDispute.selector;
        selectors[7] = DistributorHandler.pause.selector;
        selectors[8] = DistributorHandler.unpause.selector;
        selectors[9] = DistributorHandler.setChallengePeriod.selector;
        selectors[10] = DistributorHandler.setDisputeBond.selector;
        selectors[11] = DistributorHandler.claim.selector;
        selectors[12] = DistributorHandler.claimMany.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// balance + total claimed == total funded + bonds held (the handler donates nothing).
    function invariant_conservation() public view {
        assertEq(
            token.balanceOf(address(distributor)) + handler.ghostClaimed(),
            handler.ghostFunded() + handler.ghostBondsHeld(),
            "balance + claimed != funded + bonds"
        );
        assertEq(distributor.totalFunded(), handler.ghostFunded(), "totalFunded");
        (, uint256 bond) = distributor.currentDispute();
        assertEq(bond, handler.ghostBondsHeld(), "bond held");
    }

    function invariant_noAccountOverpaid() public view {
        for (uint256 i = 0; i < handler.ACTORS(); ++i) {
            address account = handler.actor(i);
            uint256 claimed = distributor.claimed(account);
            assertLe(claimed, handler.maxAccepted(account), "claimed above every accepted leaf");
            assertEq(token.balanceOf(account), claimed, "received != claimed");
        }
        assertEq(handler.paymentMismatches(), 0, "a claim paid other than cumulative - claimed");
    }

    function invariant_epochAndTotalsMonotonic() public view {
        assertEq(handler.monotonicityViolations(), 0, "epoch or accepted total went backwards or skipped");
        // `acceptedRoots` counts the handler constructor's acceptance of epoch 1 too.
        assertEq(uint256(distributor.epoch()), handler.acceptedRoots(), "epoch != accepted roots");
        assertEq(distributor.totalCumulative(), handler.acceptedTotal(), "accepted total");
        IAttributionDistributor.PendingRoot memory p = distributor.pendingRoot();
        if (p.status != IAttributionDistributor.RootStatus.None) {
            assertEq(uint256(p.epoch), uint256(distributor.epoch()) + 1, "pending epoch");
            assertGe(p.totalCumulative, distributor.totalCumulative(), "pending total below accepted");
        }
    }

    function invariant_totalWithinFunded() public view {
        assertLe(distributor.totalCumulative(), distributor.totalFunded(), "accepted total above funded");
        assertLe(distributor.pendingRoot().totalCumulative, distributor.totalFunded(), "pending total above funded");
    }

    function invariant_forgedClaimsNeverSucceed() public view {
        assertEq(handler.forgedSuccesses(), 0, "a forged claim paid");
        assertEq(handler.forgedWrongErrors(), 0, "a forged claim failed with another error");
    }

    /// After each run: every actor claims in full, and at least one claim succeeded.
    function afterInvariant() public {
        handler.settle();
    }

    /// The guards are not vacuous: a scripted sequence makes every action reach its transition,
    /// claims pay, forged claims are attempted and fail.
    function test_handler_EveryActionReachesItsTransition() public {
        handler.claim(0, 7);
        handler.pause();
        handler.claim(1, 0); // paused: returns early
        handler.unpause();
        handler.fund(5e18);
        handler.proposeRoot(42);
        handler.dispute(0);
        handler.resolveDispute(false);
        handler.dispute(1);
        handler.vetoRoot();
        handler.proposeRoot(43);
        handler.warp(1 days);
        handler.acceptRoot(false);
        handler.claimMany(type(uint256).max);
        handler.proposeRoot(44);
        handler.dispute(0);
        handler.resolveDispute(true);
        handler.setChallengePeriod(2 hours);
        handler.setDisputeBond(1e18);

        bytes4[13] memory actions = [
            DistributorHandler.fund.selector,
            DistributorHandler.proposeRoot.selector,
            DistributorHandler.warp.selector,
            DistributorHandler.acceptRoot.selector,
            DistributorHandler.vetoRoot.selector,
            DistributorHandler.dispute.selector,
            DistributorHandler.resolveDispute.selector,
            DistributorHandler.pause.selector,
            DistributorHandler.unpause.selector,
            DistributorHandler.setChallengePeriod.selector,
            DistributorHandler.setDisputeBond.selector,
            DistributorHandler.claim.selector,
            DistributorHandler.claimMany.selector
        ];
        for (uint256 i = 0; i < actions.length; ++i) {
            assertGt(handler.transitions(actions[i]), 0, "an action never made its transition");
        }
        assertEq(handler.transitions(DistributorHandler.claim.selector), 1, "claim while paused");
        assertGe(handler.successfulClaims(), 2, "successful claims");
        assertGe(handler.forgedAttempts(), 2, "forged attempts");
        assertEq(uint256(distributor.epoch()), 2, "epoch");
        assertEq(handler.ghostBondsHeld(), 0, "bonds held");

        invariant_conservation();
        invariant_noAccountOverpaid();
        invariant_epochAndTotalsMonotonic();
        invariant_totalWithinFunded();
        invariant_forgedClaimsNeverSucceed();
        handler.settle();
    }
}
