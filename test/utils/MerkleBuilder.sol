// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice Builds sorted-pair Merkle trees (OpenZeppelin's commutative keccak of pairs, as
/// `MerkleProof` and `ProofVerifier` verify them) over leaves given in any order.
/// Layout: `levels[0]` are the leaves in the order given, `levels[levels.length - 1]` is `[root]`;
/// level d+1 pairs nodes (2i, 2i+1) of level d, and an odd last node is carried up unchanged, so
/// its proof has no element for that level. One leaf: root = leaf, empty proof.
/// (OpenZeppelin's `StandardMerkleTree` lays nodes out differently and gets other roots; any
/// layout verifies the same way.)
library MerkleBuilder {
    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// @notice Every level of the tree over `leaves`: build once, then take many proofs.
    function build(bytes32[] memory leaves) internal pure returns (bytes32[][] memory levels) {
        require(leaves.length != 0, "MerkleBuilder: no leaves");
        uint256 depth = 1;
        for (uint256 n = leaves.length; n > 1; n = (n + 1) / 2) ++depth;
        levels = new bytes32[][](depth);
        levels[0] = leaves;
        for (uint256 d = 1; d < depth; ++d) {
            bytes32[] memory below = levels[d - 1];
            bytes32[] memory level = new bytes32[]((below.length + 1) / 2);
            for (uint256 i = 0; i < level.length; ++i) {
                level[i] = 2 * i + 1 < below.length ? hashPair(below[2 * i], below[2 * i + 1]) : below[2 * i];
            }
            levels[d] = level;
        }
    }

    function root(bytes32[][] memory levels) internal pure returns (bytes32) {
        return levels[levels.length - 1][0];
    }

    /// @notice The proof of leaf `index`, bottom-up (the order verifiers consume it in).
    function proof(bytes32[][] memory levels, uint256 index) internal pure returns (bytes32[] memory siblings) {
        require(index < levels[0].length, "MerkleBuilder: index out of range");
        uint256 count;
        for (uint256 d = 0; d + 1 < levels.length; ++d) {
            if ((index >> d) ^ 1 < levels[d].length) ++count;
        }
        siblings = new bytes32[](count);
        count = 0;
        for (uint256 d = 0; d + 1 < levels.length; ++d) {
            uint256 sibling = (index >> d) ^ 1;
            if (sibling < levels[d].length) siblings[count++] = levels[d][sibling];
        }
    }

    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        return root(build(leaves));
    }

    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory) {
        return proof(build(leaves), index);
    }
}
