// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

import {ProofVerifier} from "../../contracts/libraries/ProofVerifier.sol";

/// @notice External entry points to the calldata-only proof verifiers, so tests can compare them.
contract ProofHarness {
    function verify(bytes32[] calldata proof, bytes32 root, bytes32 leaf) external pure returns (bool) {
        return ProofVerifier.verify(proof, root, leaf);
    }

    function verifyOpenZeppelin(bytes32[] calldata proof, bytes32 root, bytes32 leaf) external pure returns (bool) {
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }
}
