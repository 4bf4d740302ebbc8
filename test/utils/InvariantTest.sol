// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice The part of forge-std's `StdInvariant` our invariant tests use. The runner (Foundry's, in
/// Hardhat's EDR) calls `targetContracts()` and `targetSelectors()` on the test contract after
/// `setUp`: when they return something, only those contracts and selectors are fuzzed.
abstract contract InvariantTest {
    /// Same layout as forge-std's, which the runner decodes.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetedContracts;
    FuzzSelector[] private _targetedSelectors;

    function targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    function targetSelector(FuzzSelector memory selectors) internal {
        _targetedSelectors.push(selectors);
    }

    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetedSelectors;
    }
}
