// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";

/// @notice A contract trainer (a multisig, say): it approves one digest at a time, whatever the
/// signature bytes, and can be made to revert to test a broken wallet.
contract MockERC1271Trainer is IERC1271 {
    bytes32 public approvedDigest;
    bool public reverts;

    function approve(bytes32 digest) external {
        approvedDigest = digest;
    }

    function setReverts(bool reverts_) external {
        reverts = reverts_;
    }

    function isValidSignature(bytes32 hash, bytes calldata) external view returns (bytes4) {
        require(!reverts, "MockERC1271Trainer: broken");
        // 0x1626ba7e == bytes4(keccak256("isValidSignature(bytes32,bytes)")), the ERC-1271 magic value.
        return hash == approvedDigest ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }
}
