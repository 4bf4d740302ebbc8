// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only ERC-20 with a transfer hook (as ERC-777 or ERC-1363-style tokens have): once
/// armed, the next transfer into or out of the registry calls the registry again with the armed
/// calldata, from this token, after the balances moved; it records the outcome instead of
/// reverting, so a test can observe it. The token can also act as an account (`act`), so it can
/// be the registry's contributor or curator and re-enter with that account's rights.
/// (`contracts/mocks/ReentrantToken.sol` re-enters the distributor's `claim` only.)
contract ReentrantStakeToken is ERC20 {
    address public registry;
    bytes private _reentry;
    bool public armed;

    uint256 public reentries;
    bool public reentrySucceeded;
    bytes public reentryReturnData;

    constructor() ERC20("Reentrant stake", "RSTK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The next transfer from or to `registry_` calls it with `data`.
    function arm(address registry_, bytes calldata data) external {
        (registry, _reentry, armed) = (registry_, data, true);
    }

    /// @notice Calls `target` with `data` as this contract; bubbles a revert up.
    function act(address target, bytes calldata data) external returns (bytes memory result) {
        bool ok;
        (ok, result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (!armed || (from != registry && to != registry)) return;
        armed = false; // once: a successful inner call must not recurse
        ++reentries;
        (reentrySucceeded, reentryReturnData) = registry.call(_reentry);
    }
}
