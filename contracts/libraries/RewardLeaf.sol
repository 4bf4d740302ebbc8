// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title RewardLeaf
/// @notice The leaf of the cumulative reward tree, exactly as OpenZeppelin's `StandardMerkleTree`
/// hashes the values `[chainId, distributor, account, cumulativeAmount]` of types
/// `["uint256", "address", "address", "uint256"]`:
/// `keccak256(bytes.concat(keccak256(abi.encode(chainId, distributor, account, cumulativeAmount))))`.
/// Binding the chain id and the distributor makes a tree worthless on any other chain or deployment.
library RewardLeaf {
    /// @dev Same result as the Solidity expression above (tested), without allocating memory:
    /// the 128-byte encoding is written above the free memory pointer, which Solidity allows.
    function hash(
        uint256 chainId,
        address distributor,
        address account,
        uint256 cumulativeAmount
    ) internal pure returns (bytes32 leaf) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, chainId)
            // Addresses may carry dirty upper bits in assembly: clean them as abi.encode does.
            mstore(add(ptr, 0x20), and(distributor, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(ptr, 0x40), and(account, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(ptr, 0x60), cumulativeAmount)
            mstore(0x00, keccak256(ptr, 0x80))
            leaf := keccak256(0x00, 0x20)
        }
    }
}
