// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DatanetRegistry} from "../contracts/DatanetRegistry.sol";
import {OpenToken} from "../contracts/OpenToken.sol";
import {IDatanetRegistry} from "../contracts/interfaces/IDatanetRegistry.sol";
import {DatanetHandler} from "./handlers/DatanetHandler.sol";
import {InvariantTest} from "./utils/InvariantTest.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/// @notice The invariants of {IDatanetRegistry}, over random sequences of valid actions.
/// @dev The runner needs the handler's artifact, which Hardhat only writes for root files: to run
/// this file alone, name the handler too:
/// `npx hardhat test solidity test/DatanetRegistry.invariant.t.sol test/handlers/DatanetHandler.sol`.
contract DatanetRegistryInvariantTest is Test, InvariantTest {
    DatanetHandler internal handler;
    DatanetRegistry internal registry;
    OpenToken internal token;

    function setUp() public {
        vm.warp(START_TIME);
        handler = new DatanetHandler();
        registry = handler.registry();
        token = handler.token();

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = DatanetHandler.createDatanet.selector;
        selectors[1] = DatanetHandler.contribute.selector;
        selectors[2] = DatanetHandler.contributeBatch.selector;
        selectors[3] = DatanetHandler.review.selector;
        selectors[4] = DatanetHandler.warp.selector;
        selectors[5] = DatanetHandler.withdrawExpired.selector;
        selectors[6] = DatanetHandler.publishVersion.selector;
        selectors[7] = DatanetHandler.setCurator.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// The registry's OPEN balance is the stakes of pending contributions, summed over the model.
    function invariant_registryHoldsExactlyPendingStakes() public view {
        uint256 pending;
        for (uint256 id = 1; id <= handler.datanetCount(); ++id) {
            uint96 stake = handler.net(id).stake;
            for (uint256 c = 1; c <= handler.itemCount(id); ++c) {
                if (handler.item(id, c).status == IDatanetRegistry.Status.Pending) pending += stake;
            }
        }
        assertEq(token.balanceOf(address(registry)), pending, "registry balance != pending stakes");
        assertEq(handler.ghostPendingStakes(), pending, "ghost pending stakes");
    }

    /// Contribution numbers are 1..contributionCount in each Datanet, one per Contributed, and each
    /// resolves to the content hash and contributor the model recorded.
    function invariant_contributionIdsDense() public view {
        uint256 total;
        for (uint256 id = 1; id <= handler.datanetCount(); ++id) {
            uint256 n = handler.itemCount(id);
            assertEq(uint256(registry.getDatanet(id).contributionCount), n, "contributionCount");
            assertEq(handler.contributedEvents(id), n, "contributionCount != Contributed events");
            for (uint256 c = 1; c <= n; ++c) {
                DatanetHandler.Item memory it = handler.item(id, c);
                IDatanetRegistry.Contribution memory got = registry.getContribution(id, it.contentHash);
                assertEq(uint256(got.id), c, "contribution id");
                assertEq(got.contributor, it.contributor, "contributor");
                assertEq(uint256(got.submittedAt), it.submittedAt, "submittedAt");
            }
            total += n;
        }
        assertEq(total, handler.contributionTotal(), "contributions");
        assertEq(handler.eventIdViolations(), 0, "a Contributed event out of sequence");
    }

    /// Every contribution has the status the model gave it: it left Pending once, for good.
    function invariant_statusChangesOnceFromPending() public view {
        for (uint256 id = 1; id <= handler.datanetCount(); ++id) {
            for (uint256 c = 1; c <= handler.itemCount(id); ++c) {
                DatanetHandler.Item memory it = handler.item(id, c);
                assertEq(
                    uint256(registry.getContribution(id, it.contentHash).status),
                    uint256(it.status),
                    "status differs from the model"
                );
            }
        }
        assertEq(handler.transitionViolations(), 0, "a status, id or amount departed from the model");
    }

    function invariant_acceptedCountMatches() public view {
        for (uint256 id = 1; id <= handler.datanetCount(); ++id) {
            uint256 accepted;
            for (uint256 c = 1; c <= handler.itemCount(id); ++c) {
                if (handler.item(id, c).status == IDatanetRegistry.Status.Accepted) ++accepted;
            }
            assertEq(uint256(registry.getDatanet(id).acceptedCount), accepted, "acceptedCount");
            assertEq(handler.net(id).accepted, accepted, "model accepted");
        }
    }

    /// Versions are 1..versionCount, as published; every included contribution verified.
    function invariant_versionCountMatchesPublished() public view {
        for (uint256 id = 1; id <= handler.datanetCount(); ++id) {
            uint256 versions = handler.net(id).versions;
            assertEq(registry.versionCount(id), versions, "versionCount");
            assertEq(uint256(registry.getDatanet(id).versionCount), versions, "datanet versionCount");
            if (versions != 0)
                assertLe(registry.getVersion(id, versions).count, registry.getDatanet(id).acceptedCount, "count");
            try registry.getVersion(id, versions + 1) {
                revert("a version past versionCount exists");
            } catch {} // solhint-disable-line no-empty-blocks
        }
        assertEq(registry.datanetCount(), handler.datanetCount(), "datanetCount");
        assertEq(handler.verifyFailures(), 0, "an included contribution did not verify");
    }

    /// No token leaves the contributors, the registry and the treasuries; each holds exactly what
    /// the model says: contributors their funds less pending and slashed stakes, treasuries the
    /// stakes slashed to them.
    function invariant_tokensConserved() public view {
        uint256 sum = token.balanceOf(address(registry));
        for (uint256 i = 0; i < handler.CONTRIBUTORS(); ++i) {
            address account = handler.contributor(i);
            uint256 balance = token.balanceOf(account);
            assertEq(
                balance,
                handler.FUNDS() - handler.ghostStaked(account) - handler.ghostSlashedFrom(account),
                "contributor balance"
            );
            sum += balance;
        }
        for (uint256 i = 0; i < 2; ++i) {
            address t = handler.treasury(i);
            assertEq(token.balanceOf(t), handler.ghostSlashedTo(t), "treasury balance");
            sum += token.balanceOf(t);
        }
        assertEq(sum, handler.CONTRIBUTORS() * handler.FUNDS(), "tokens left the system");
    }

    /// The guards are not vacuous: a scripted sequence makes every action reach its call.
    function test_handler_EveryActionReachesItsTransition() public {
        handler.createDatanet(1, 0, 1 hours, 1); // zero stake, other owner and treasury
        handler.contribute(0, 0);
        handler.contributeBatch(1, 0, 5);
        handler.contributeBatch(2, 1, 3);
        handler.setCurator(0, 0, true);
        handler.setCurator(0, 1, false); // reviews by curator 1 fall back to the owner
        handler.review(0, 0, 4, 7, 0);
        handler.review(0, 0, 4, 8, 1);
        handler.review(1, 0, 1, 0, 0);
        handler.publishVersion(0, 1);
        handler.publishVersion(1, 1);
        handler.warp(2 days);
        handler.withdrawExpired(2, 1);
        handler.withdrawExpired(1, 0);

        bytes4[8] memory actions = [
            DatanetHandler.createDatanet.selector,
            DatanetHandler.contribute.selector,
            DatanetHandler.contributeBatch.selector,
            DatanetHandler.review.selector,
            DatanetHandler.warp.selector,
            DatanetHandler.withdrawExpired.selector,
            DatanetHandler.publishVersion.selector,
            DatanetHandler.setCurator.selector
        ];
        for (uint256 i = 0; i < actions.length; ++i) {
            assertGt(handler.transitions(actions[i]), 0, "an action never made its call");
        }
        assertEq(handler.contributionTotal(), 9, "contributions");
        assertGt(handler.ghostSlashedTo(handler.treasury(0)), 0, "nothing slashed");
        assertEq(registry.datanetCount(), 2, "datanets");

        invariant_registryHoldsExactlyPendingStakes();
        invariant_contributionIdsDense();
        invariant_statusChangesOnceFromPending();
        invariant_acceptedCountMatches();
        invariant_versionCountMatchesPublished();
        invariant_tokensConserved();
    }
}
