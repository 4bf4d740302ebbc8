// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ProofVerifier} from "../contracts/libraries/ProofVerifier.sol";
import {RewardLeaf} from "../contracts/libraries/RewardLeaf.sol";
import {Test} from "./utils/Test.sol";
import {vm} from "./utils/Vm.sol";

/// @dev Exposes the verifier so the proof is calldata, as in `AttributionDistributor.claim`.
contract ProofVerifierHarness {
    function verify(bytes32[] calldata proof, bytes32 root, bytes32 leaf) external pure returns (bool) {
        return ProofVerifier.verify(proof, root, leaf);
    }
}

// Golden vectors from `@openzeppelin/merkle-tree` 1.0.8, produced by a throwaway node script:
//
//   const types = ["uint256", "address", "address", "uint256"];
//   const v = (account, amount) => [31337n, DISTRIBUTOR, account, amount];
//   StandardMerkleTree.of([v(A, x), ...], types).leafHash(v(A, x));       // leaves
//   const tree = StandardMerkleTree.of(TREE.map(([a, x]) => v(a, x)), types);
//   tree.root; tree.getProof(i);                                           // root, proofs
//
// with the chain id and addresses below (Hardhat's default accounts #1 to #5; the distributor
// is the first contract Hardhat's account #0 deploys). Not derived from our code in any way.
contract RewardLeafGoldenTest is Test {
    uint256 internal constant CHAIN_ID = 31337;
    address internal constant DISTRIBUTOR = 0x5FbDB2315678afecb367f032d93F642f64180aa3;

    address internal constant ACCOUNT_1 = 0x70997970C51812dc3A010C7d01b50e0d17dc79C8;
    address internal constant ACCOUNT_2 = 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC;
    address internal constant ACCOUNT_3 = 0x90F79bf6EB2c4f870365E785982E1f101E93b906;
    address internal constant ACCOUNT_4 = 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65;
    address internal constant ACCOUNT_5 = 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc;

    /// Root of the 5-leaf tree: ACCOUNT_1..5 with 1250.5, 980, 300.25, 75 and 5 tokens (18 decimals).
    bytes32 internal constant TREE_ROOT = 0x09f3023a7330e17b1ce05c838bbd974030359ecb2e8c847720167fa16750a8f1;

    ProofVerifierHarness internal verifier;

    function setUp() public {
        vm.warp(START_TIME);
        verifier = new ProofVerifierHarness();
    }

    function test_hash_MatchesOpenZeppelinLeaves() public pure {
        assertEq(
            RewardLeaf.hash(CHAIN_ID, DISTRIBUTOR, ACCOUNT_1, 1250.5e18),
            0x139a6468cdec303429f09b0b4efc83af8ca53b4186c585b070f36a0860071ff6,
            "1250.5 tokens"
        );
        assertEq(
            RewardLeaf.hash(CHAIN_ID, DISTRIBUTOR, ACCOUNT_2, 1),
            0xb396323204211cd7428255948081e714f9a7026ec1d165d3b7860f40a117f5ac,
            "1 wei"
        );
        assertEq(
            RewardLeaf.hash(CHAIN_ID, DISTRIBUTOR, address(0), type(uint256).max),
            0x3c27477f08a41c8a536332b709f024342544499b98e657a6f020f2b9d95a12bb,
            "zero account, max amount"
        );
    }

    /// Every leaf of the tree with its OpenZeppelin proof: lengths 3 (the verifier's odd-level
    /// step, then one two-level iteration) and 2 (one iteration, no odd step).
    function test_verify_AcceptsEveryOpenZeppelinProof() public view {
        (bytes32[] memory leaves, bytes32[][] memory proofs) = _tree();
        for (uint256 i = 0; i < leaves.length; ++i) {
            assertTrue(verifier.verify(proofs[i], TREE_ROOT, leaves[i]), string.concat("leaf ", _digit(i)));
        }
    }

    function test_verify_RejectsOtherLeaves() public view {
        (bytes32[] memory leaves, bytes32[][] memory proofs) = _tree();
        // One wei more, another distributor or another chain: a different leaf.
        bytes32[] memory proof = proofs[0];
        bytes32 moreWei = RewardLeaf.hash(CHAIN_ID, DISTRIBUTOR, ACCOUNT_1, 1250.5e18 + 1);
        bytes32 otherDistributor = RewardLeaf.hash(CHAIN_ID, address(this), ACCOUNT_1, 1250.5e18);
        bytes32 otherChain = RewardLeaf.hash(1, DISTRIBUTOR, ACCOUNT_1, 1250.5e18);
        assertTrue(verifier.verify(proof, TREE_ROOT, leaves[0]), "leaf 0");
        assertTrue(!verifier.verify(proof, TREE_ROOT, moreWei), "amount + 1");
        assertTrue(!verifier.verify(proof, TREE_ROOT, otherDistributor), "distributor");
        assertTrue(!verifier.verify(proof, TREE_ROOT, otherChain), "chain id");
        // A proof proves its own leaf only.
        assertTrue(!verifier.verify(proofs[2], TREE_ROOT, leaves[1]), "leaf 1 with leaf 2's proof");
        assertTrue(!verifier.verify(proofs[1], TREE_ROOT, leaves[4]), "leaf 4 with leaf 1's proof");
    }

    /// Leaves computed by `RewardLeaf.hash`; proofs are `tree.getProof(i)` from OpenZeppelin, whose
    /// elements are leaf hashes (`l<i>`, leaf i) and inner nodes (`n…`).
    function _tree() private pure returns (bytes32[] memory leaves, bytes32[][] memory proofs) {
        leaves = new bytes32[](5);
        leaves[0] = RewardLeaf.hash(CHAIN_ID, DISTRIBUTOR, ACCOUNT_1, 1250.5e18);
        leaves[1] = RewardLeaf.hash(CHAIN_ID, DISTRIBUTOR, ACCOUNT_2, 980e18);
        leaves[2] = RewardLeaf.hash(CHAIN_ID, DISTRIBUTOR, ACCOUNT_3, 300.25e18);
        leaves[3] = RewardLeaf.hash(CHAIN_ID, DISTRIBUTOR, ACCOUNT_4, 75e18);
        leaves[4] = RewardLeaf.hash(CHAIN_ID, DISTRIBUTOR, ACCOUNT_5, 5e18);
        bytes32 l0 = 0x139a6468cdec303429f09b0b4efc83af8ca53b4186c585b070f36a0860071ff6;
        bytes32 l1 = 0xd17e09a7e40da6aaea08d642a91c8a06253cca8f06a630feb776186e466aba65;
        bytes32 l2 = 0xefe69b82661c68192e67b4c64097c2f5639de7fa4975499bee3e41d339b80114;
        bytes32 l3 = 0x0364e9cf096a3082efa58fcb00ca64873aa9691d4fa1648fdb05fc7b25a5c88f;
        bytes32 l4 = 0xd2201703666fcc78a2bb6823510837d1d494569cd708f56d0f27cf45238f5547;
        bytes32 n14 = 0x914b777ca125b12b2c22d3f9bb212ecffc6061220bc0090fb5a615c97b440222;
        bytes32 n2 = 0x23b1191612827cccbfbe6ef0730379bc29d388be871915865fd364f93dc24312;
        bytes32 n3 = 0xeda148f4fba4b4bec520c9614ef8a5361f3c535e3db0a986a54882776332cf02;
        proofs = new bytes32[][](5);
        proofs[0] = _proof3(l3, l2, n2);
        proofs[1] = _proof2(l4, n14);
        proofs[2] = _proof2(n3, n2);
        proofs[3] = _proof3(l0, l2, n2);
        proofs[4] = _proof2(l1, n14);
    }

    function _proof2(bytes32 a, bytes32 b) private pure returns (bytes32[] memory p) {
        p = new bytes32[](2);
        (p[0], p[1]) = (a, b);
    }

    function _proof3(bytes32 a, bytes32 b, bytes32 c) private pure returns (bytes32[] memory p) {
        p = new bytes32[](3);
        (p[0], p[1], p[2]) = (a, b, c);
    }

    function _digit(uint256 i) private pure returns (string memory) {
        return string(abi.encodePacked(bytes1(uint8(48 + i))));
    }
}
