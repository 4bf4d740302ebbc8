// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Vm, vm} from "./Vm.sol";

/// @notice Minimal assertions for our Solidity tests. A failed assertion reverts with a message
/// naming both values, which fails the test.
abstract contract Test {
    /// Tests start at timestamp 1; warp to a realistic date in setUp (2026-01-01T00:00:00Z).
    uint256 internal constant START_TIME = 1_767_225_600;

    function assertEq(uint256 a, uint256 b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": ", _str(a), " != ", _str(b)));
    }

    function assertEq(bytes32 a, bytes32 b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": bytes32 values differ"));
    }

    function assertEq(address a, address b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": addresses differ"));
    }

    function assertEq(bool a, bool b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": booleans differ"));
    }

    function assertEq(string memory a, string memory b, string memory what) internal pure {
        if (keccak256(bytes(a)) != keccak256(bytes(b))) revert(string.concat(what, ": '", a, "' != '", b, "'"));
    }

    function assertEq(bytes memory a, bytes memory b, string memory what) internal pure {
        if (keccak256(a) != keccak256(b)) revert(string.concat(what, ": bytes differ"));
    }

    function assertNotEq(bytes32 a, bytes32 b, string memory what) internal pure {
        if (a == b) revert(string.concat(what, ": bytes32 values are equal"));
    }

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) revert(what);
    }

    function assertFalse(bool condition, string memory what) internal pure {
        if (condition) revert(what);
    }

    function assertGt(uint256 a, uint256 b, string memory what) internal pure {
        if (a <= b) revert(string.concat(what, ": ", _str(a), " <= ", _str(b)));
    }

    function assertLe(uint256 a, uint256 b, string memory what) internal pure {
        if (a > b) revert(string.concat(what, ": ", _str(a), " > ", _str(b)));
    }

    function assertGe(uint256 a, uint256 b, string memory what) internal pure {
        if (a < b) revert(string.concat(what, ": ", _str(a), " < ", _str(b)));
    }

    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (min > max) revert("bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min + 1;
        return min + (x % size);
    }

    function _str(uint256 value) private pure returns (string memory) {
        if (value == 0) return "0";
        uint256 digits;
        for (uint256 v = value; v != 0; v /= 10) ++digits;
        bytes memory buffer = new bytes(digits);
        for (; value != 0; value /= 10) buffer[--digits] = bytes1(uint8(48 + (value % 10)));
        return string(buffer);
    }
}
