import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { EmptyStringError, InvalidBlockRangeError, InvalidIdError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import type { BlockRangeParameters } from "../internal/logs.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkId, checkString } from "../internal/validate.js";
import type { NoAcceptedContributionsError } from "./errors.js";
import { getReviews } from "./getReviews.js";
import { parseDatanetRegistryLogs } from "./parseDatanetRegistryLogs.js";
import { buildVersionTree, type VersionTree } from "./versionTree.js";

/**
 * What `publishVersion` takes.
 *
 * @example
 * const run = (parameters: PublishVersionParameters) => publishVersion(client, parameters);
 */
export type PublishVersionParameters = {
  datanetId: bigint;
  /**
   * Where the manifest (`tree.dump()`) is published, or a function that publishes it and returns
   * its URI (called with the tree before the transaction is sent).
   */
  manifestURI: string | ((tree: VersionTree) => string | Promise<string>);
  /**
   * The tree to publish; by default one is built from every `ContributionAccepted` event of the
   * Datanet in the block range.
   */
  tree?: VersionTree | undefined;
} & BlockRangeParameters &
  SendOptions;

/**
 * What `publishVersion` returns.
 *
 * @example
 * const result: PublishVersionReturnType = await publishVersion(client, parameters);
 */
export type PublishVersionReturnType = {
  receipt: TransactionReceipt;
  /** The new version's number. */
  version: bigint;
  root: string;
  count: bigint;
  manifestURI: string;
  tree: VersionTree;
};

/**
 * The errors `publishVersion` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await publishVersion(client, parameters).catch((e: unknown) => e)) as PublishVersionErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type PublishVersionErrorType =
  InvalidIdError | EmptyStringError | InvalidBlockRangeError | NoAcceptedContributionsError | SendErrorType;

/**
 * Publishes the next version of a Datanet: builds the version tree of its accepted contributions
 * (from events), hands the tree to `manifestURI` to publish it, and records the root. Only the owner.
 *
 * @example
 * const { version, tree } = await publishVersion(ownerClient, {
 *   datanetId: 1n,
 *   manifestURI: async (tree) => `ipfs://${await ipfs.add(JSON.stringify(tree.dump()))}`,
 * });
 */
export async function publishVersion(
  client: Client,
  { datanetId, manifestURI, tree, fromBlock, toBlock, blockRange, ...options }: PublishVersionParameters,
): Promise<PublishVersionReturnType> {
  const id = checkId("datanetId", datanetId);
  if (typeof manifestURI === "string") checkString("manifestURI", manifestURI);
  let versionTree = tree;
  if (versionTree === undefined) {
    const reviews = await getReviews(client, { datanetId: id, fromBlock, toBlock, blockRange });
    versionTree = await buildVersionTree(
      id,
      reviews.filter((review) => review.verdict === "Accept"),
    );
  }
  const uri = checkString(
    "manifestURI",
    typeof manifestURI === "string" ? manifestURI : await manifestURI(versionTree),
  );
  const { root, length } = versionTree;
  const receipt = await send(
    client,
    datanetRegistry,
    (registry) => registry.publishVersion(id, root, BigInt(length), uri),
    options,
  );
  const [published] = eventsNamed(parseDatanetRegistryLogs(client, receipt), "VersionPublished");
  const { version, count } = published!.args;
  return { receipt, version, root, count, manifestURI: uri, tree: versionTree };
}
