import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { attributionDistributor } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { EmptyStringError, InvalidAmountError, InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkAmount, checkHash, checkId, checkString, MAX_UINT128, MAX_UINT64 } from "../internal/validate.js";
import type { RewardTree } from "../merkle/rewards.js";
import type { RewardTreeWrongDistributorError } from "./errors.js";
import { checkTreeIsFor, sumLeaves } from "./internal.js";
import { parseAttributionDistributorLogs } from "./parseAttributionDistributorLogs.js";
import { formatRewardTreeFile, hashRewardTreeFile } from "./rewardTreeFile.js";

/**
 * What `proposeRoot` takes: a built tree and where its file is published, or the values themselves.
 *
 * @example
 * const run = (parameters: ProposeRootParameters) => proposeRoot(client, parameters);
 */
export type ProposeRootParameters = (
  | {
      /** The epoch's cumulative reward tree (`buildRewardTree`): root and total (sum of leaves) come from it. */
      tree: RewardTree;
      /**
       * keccak256 of the published file's bytes; by default the hash of `formatRewardTreeFile(tree)`,
       * which is then the text to publish at `treeURI`.
       */
      treeHash?: string | undefined;
      root?: undefined;
      totalCumulative?: undefined;
    }
  | {
      tree?: undefined;
      root: string;
      /** The sum of every leaf's cumulative amount: ≥ the accepted total, ≤ `totalFunded()`. */
      totalCumulative: bigint;
      /** keccak256 of the published file's bytes (`hashRewardTreeFile`). */
      treeHash: string;
    }
) & {
  /** Where the tree file is published (e.g. `https://…/epoch-4.json`, `ipfs://…`). */
  treeURI: string;
  /** The epoch proposed; the accepted epoch + 1 by default (read from the chain). */
  epoch?: bigint | undefined;
} & SendOptions;

/**
 * What `proposeRoot` returns.
 *
 * @example
 * const result: ProposeRootReturnType = await proposeRoot(client, parameters);
 */
export type ProposeRootReturnType = {
  receipt: TransactionReceipt;
  epoch: bigint;
  root: string;
  totalCumulative: bigint;
  /** First chain timestamp (seconds) at which `acceptRoot` succeeds. */
  validAt: bigint;
  treeHash: string;
  treeURI: string;
  /**
   * `true` when the same proposal was already pending: the contract changed nothing (a safe
   * retry) and emitted no event; `validAt` is the pending one's.
   */
  repeated: boolean;
};

/**
 * The errors `proposeRoot` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await proposeRoot(client, parameters).catch((e: unknown) => e)) as ProposeRootErrorType;
 * if (error instanceof ContractRevertError && error.errorName === "DistributorInsolvent") console.log("fund first");
 */
export type ProposeRootErrorType =
  | InvalidIdError
  | InvalidHashError
  | InvalidAmountError
  | EmptyStringError
  | RewardTreeWrongDistributorError
  | SendErrorType;

/**
 * Proposes the root of the next epoch's cumulative reward tree. Only `ORACLE_ROLE`. Builds
 * nothing: pass the tree (root, total and default tree hash are computed from it; its leaves must
 * be for this chain and distributor) or the values. Repeating the pending proposal exactly is a
 * no-op (`repeated: true`); the contract's refusals (`DistributorRootAlreadyPending`,
 * `DistributorWrongEpoch`, `DistributorInsolvent`, `DistributorTotalDecreased`, …) arrive as
 * `ContractRevertError` before anything is sent.
 *
 * @example
 * const tree = await buildRewardTree(client.chainId, client.addresses.attributionDistributor, rewards);
 * const text = formatRewardTreeFile(tree); // publish this at treeURI
 * const { epoch, validAt } = await proposeRoot(oracleClient, { tree, treeURI: "https://rewards.example/epoch-4.json" });
 */
export async function proposeRoot(client: Client, parameters: ProposeRootParameters): Promise<ProposeRootReturnType> {
  let root: string;
  let totalCumulative: bigint;
  let treeHash: string;
  const what = "keccak256 of the published tree file";
  if (parameters.tree !== undefined) {
    const { tree } = parameters;
    checkTreeIsFor(client, tree);
    root = tree.root;
    totalCumulative = sumLeaves(tree);
    treeHash =
      parameters.treeHash === undefined
        ? hashRewardTreeFile(formatRewardTreeFile(tree))
        : checkHash("treeHash", parameters.treeHash, what);
  } else {
    root = checkHash("root", parameters.root, "the Merkle root of the reward tree");
    totalCumulative = checkAmount("totalCumulative", parameters.totalCumulative, MAX_UINT128);
    treeHash = checkHash("treeHash", parameters.treeHash, what);
  }
  const treeURI = checkString("treeURI", parameters.treeURI);
  const epoch =
    parameters.epoch === undefined
      ? (await attributionDistributor(client).epoch()) + 1n
      : checkId("epoch", parameters.epoch, MAX_UINT64);

  const receipt = await send(
    client,
    attributionDistributor,
    (distributor) => distributor.proposeRoot(epoch, root, totalCumulative, treeHash, treeURI),
    parameters,
  );
  const [proposed] = eventsNamed(parseAttributionDistributorLogs(client, receipt), "RootProposed");
  const validAt =
    proposed?.args.validAt ??
    (await attributionDistributor(client).pendingRoot({ blockTag: receipt.blockNumber })).validAt;
  return { receipt, epoch, root, totalCumulative, validAt, treeHash, treeURI, repeated: proposed === undefined };
}
