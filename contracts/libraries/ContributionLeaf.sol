// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title ContributionLeaf
/// @notice The leaf of a Datanet version tree: the values `[datanetId, contributionId, contributor,
/// contentHash]` with types `(uint256, uint256, address, bytes32)`, hashed exactly as OpenZeppelin's
/// `StandardMerkleTree` hashes a leaf: `keccak256(bytes.concat(keccak256(abi.encode(values))))`.
library ContributionLeaf {
    /// @notice The leaf of one accepted contribution.
    function hash(
        uint256 datanetId,
        uint256 contributionId,
        address contributor,
        bytes32 contentHash
    ) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(datanetId, contributionId, contributor, contentHash))));
    }
}
