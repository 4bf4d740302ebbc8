// Sample epochs for the epoch tests: a tree built from two epochs' rewards, its file and metadata,
// and the distributor facts that certify it. Mocha loads every .ts file under test/: this module
// has no side effect.
import { AbiCoder, keccak256, ZeroHash } from "ethers";

import { hashCanonical } from "../../../oracle/src/epoch/canonical.js";
import { type DistributorFacts, pickLeafSamples } from "../../../oracle/src/epoch/certificate.js";
import { cumulativeRewards, type RewardEntry, sumRewards } from "../../../oracle/src/epoch/cumulative.js";
import {
  buildEpochMetadata,
  type BuildEpochMetadataParameters,
  type EpochMetadata,
} from "../../../oracle/src/epoch/metadata.js";
import { buildEpochTree } from "../../../oracle/src/epoch/tree.js";

export const CHAIN_ID = 31337n;
export const DISTRIBUTOR = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
export const OTHER_DISTRIBUTOR = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
export const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
export const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
export const CAROL = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
export const DAVE = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const OPEN = 10n ** 18n;

/** The method the samples name. */
export const METHOD = {
  name: "span-match",
  version: "1.0.0",
  params: { minSpanTokens: 8, rarity: "idf", weights: [1, 2] },
};

/** The inputs the samples name (unsorted on purpose: buildEpochMetadata sorts them). */
export function sampleInputs(): BuildEpochMetadataParameters["inputs"] {
  return {
    blockRange: { fromBlock: 10n, toBlock: 90n },
    inferenceLog: { uri: "file:///data/inference/epoch-2.jsonl", hash: keccak256("0x01") },
    corpus: [
      { datanetId: 2n, contributionId: 1n, contentHash: keccak256("0x02"), contributor: BOB },
      { datanetId: 1n, contributionId: 10n, contentHash: keccak256("0x03"), contributor: ALICE },
      { datanetId: 1n, contributionId: 9n, contentHash: keccak256("0x04"), contributor: CAROL },
    ],
    excluded: [{ datanetId: 1n, contributionId: 11n, contentHash: keccak256("0x05"), reason: "hash-mismatch" }],
    payments: [
      { paymentId: 7n, adapterId: 1n, payer: DAVE, attributionAmount: 30n * OPEN },
      { paymentId: 3n, adapterId: 2n, payer: DAVE, attributionAmount: 5n * OPEN },
    ],
  };
}

/** The contract's `leaf(account, amount)` on (chainId, distributor), computed independently of the SDK. */
export function contractLeaf(chainId: bigint, distributor: string, account: string, amount: bigint): string {
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ["uint256", "address", "address", "uint256"],
    [chainId, distributor, account, amount],
  );
  return keccak256(keccak256(encoded));
}

/**
 * Epoch 1 (accepted): alice 100, bob 50. Epoch 2 (to certify): alice +50, carol +25.
 * Returns epoch 2's tree file and metadata, the previous list, and facts that pass the certificate.
 */
export async function sampleEpoch() {
  const epoch1 = cumulativeRewards(undefined, [
    [ALICE, 100n * OPEN],
    [BOB, 50n * OPEN],
  ]);
  const tree1 = await buildEpochTree({ chainId: CHAIN_ID, distributor: DISTRIBUTOR, cumulative: epoch1 });
  const rewards: RewardEntry[] = [
    [CAROL, 25n * OPEN],
    [ALICE, 50n * OPEN],
  ];
  const cumulative = cumulativeRewards(epoch1, rewards);
  const tree2 = await buildEpochTree({ chainId: CHAIN_ID, distributor: DISTRIBUTOR, cumulative });
  const explanations = { [ALICE]: [{ output: "r1", spans: [[0, 12]] }], [CAROL]: [] };
  const metadata = metadataFor(tree2.file, tree2.root, tree2.totalCumulative, sumRewards(rewards), {
    previousRoot: tree1.root,
    explanationsHash: hashCanonical(explanations),
  });
  const state: DistributorFacts = {
    chainId: CHAIN_ID,
    distributor: DISTRIBUTOR,
    acceptedEpoch: 1n,
    acceptedRoot: tree1.root,
    acceptedTotalCumulative: tree1.totalCumulative,
    totalFunded: 1_000n * OPEN,
    balance: 1_000n * OPEN - 20n * OPEN,
    claimedTotal: 20n * OPEN,
    pending: undefined,
    leafSamples: leafSamplesOf(tree2.file, CHAIN_ID, DISTRIBUTOR),
  };
  return {
    epoch1,
    tree1,
    rewards,
    cumulative,
    tree2,
    explanations,
    metadata,
    state,
    config: { chainId: CHAIN_ID, distributor: DISTRIBUTOR },
  };
}

/** The contract's leaves (on `chainId`, `distributor`) of the file's sampled leaves. */
export function leafSamplesOf(file: string, chainId: bigint, distributor: string) {
  return pickLeafSamples(file).map(({ account, cumulativeAmount }) => ({
    account,
    cumulativeAmount,
    leaf: contractLeaf(chainId, distributor, account, cumulativeAmount),
  }));
}

/** Epoch 2's metadata for a tree file (any), with the sample inputs. */
export function metadataFor(
  file: string,
  root: string,
  totalCumulative: bigint,
  epochTotal: bigint,
  options: {
    previousRoot?: string;
    explanationsHash?: string;
    epoch?: bigint;
    chainId?: bigint;
    distributor?: string;
  } = {},
): EpochMetadata {
  return buildEpochMetadata({
    chainId: options.chainId ?? CHAIN_ID,
    distributor: options.distributor ?? DISTRIBUTOR,
    epoch: options.epoch ?? 2n,
    root,
    previousRoot: options.previousRoot ?? ZeroHash,
    totalCumulative,
    epochTotal,
    treeFile: { uri: "https://rewards.example/epoch-2.json", hash: keccak256(new TextEncoder().encode(file)) },
    method: METHOD,
    inputs: sampleInputs(),
    explanations: {
      uri: "https://rewards.example/epoch-2.explanations.json",
      hash: options.explanationsHash ?? keccak256("0x06"),
    },
  });
}
