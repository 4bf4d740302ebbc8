// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only ERC-20 that burns `feeBps` of every transfer (mints and burns are exempt), so
/// the recipient receives less than the amount sent.
contract FeeOnTransferToken is ERC20 {
    uint256 public feeBps = 100; // 1%

    constructor() ERC20("Fee", "FEE") {}

    error FeeAbove100Percent(uint256 feeBps);

    /// @param feeBps_ at most 10,000 (everything burned).
    function setFeeBps(uint256 feeBps_) external {
        if (feeBps_ > 10_000) revert FeeAbove100Percent(feeBps_);
        feeBps = feeBps_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = (value * feeBps) / 10_000; // rounds the fee down, in the payer's favour
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
