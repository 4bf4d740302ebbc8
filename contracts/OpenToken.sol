// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title OpenToken
/// @notice OPEN, the OpenLedger token: pays for inference, backs contribution stakes and dispute
/// bonds, and is what contributors earn. ERC-20 with EIP-2612 permit and ERC20Votes delegation.
/// A fixed supply of 1,000,000,000 OPEN is minted once, at deployment, to `recipient`; there is
/// no owner and no other mint or burn path.
contract OpenToken is ERC20, ERC20Permit, ERC20Votes {
    /// @notice 1,000,000,000 OPEN with 18 decimals.
    uint256 public constant TOTAL_SUPPLY = 1_000_000_000 ether;

    constructor(address recipient) ERC20("OpenLedger", "OPEN") ERC20Permit("OpenLedger") {
        _mint(recipient, TOTAL_SUPPLY);
    }

    /// @dev Votes use timestamps, like the rest of the protocol (ERC-6372).
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @dev ERC-6372 description of {clock}.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
