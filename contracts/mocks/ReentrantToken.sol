// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

import {IAttributionDistributor} from "../interfaces/IAttributionDistributor.sol";

/// @notice Test-only ERC-20 with a transfer hook (as ERC-777 or ERC-1363-style tokens have): once
/// armed, the next transfer out of the distributor calls `claim` on it again, before or after the
/// balances move, and records what happened instead of reverting, so a test can observe it.
contract ReentrantToken is ERC20 {
    IAttributionDistributor public distributor;
    address public account;
    uint256 public cumulativeAmount;
    bytes32[] private _proof;
    bool public armed;
    bool public beforeTransfer;

    uint256 public reentries;
    bool public reentrySucceeded;
    uint256 public reentryPaid;
    bytes public reentryRevertData;

    constructor() ERC20("Reentrant", "REENT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The next transfer from `distributor_` re-enters `claim(account_, amount_, proof_)`.
    function arm(
        IAttributionDistributor distributor_,
        address account_,
        uint256 amount_,
        bytes32[] calldata proof_,
        bool beforeTransfer_
    ) external {
        (distributor, account, cumulativeAmount, _proof, beforeTransfer) = (
            distributor_,
            account_,
            amount_,
            proof_,
            beforeTransfer_
        );
        armed = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        bool reenter = armed && from == address(distributor);
        if (reenter && beforeTransfer) _reenter();
        super._update(from, to, value);
        if (reenter && !beforeTransfer) _reenter();
    }

    function _reenter() private {
        armed = false; // once: a successful inner claim must not recurse
        ++reentries;
        try distributor.claim(account, cumulativeAmount, _proof) returns (uint256 paid) {
            reentrySucceeded = true;
            reentryPaid = paid;
        } catch (bytes memory revertData) {
            reentryRevertData = revertData;
        }
    }
}
