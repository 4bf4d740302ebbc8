import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkId } from "../internal/validate.js";
import type { DuplicateContentInBatchError, EmptyBatchError } from "./errors.js";
import { resolveContentHashes } from "./internal.js";
import { parseDatanetRegistryLogs } from "./parseDatanetRegistryLogs.js";

/**
 * What `withdrawStake` takes.
 *
 * @example
 * const run = (parameters: WithdrawStakeParameters) => withdrawStake(client, parameters);
 */
export type WithdrawStakeParameters = {
  datanetId: bigint;
  /** The client's unreviewed contributions whose review deadline has passed. */
  contentHashes: readonly string[];
} & SendOptions;

/**
 * What `withdrawStake` returns.
 *
 * @example
 * const result: WithdrawStakeReturnType = await withdrawStake(client, parameters);
 */
export type WithdrawStakeReturnType = {
  receipt: TransactionReceipt;
  /** OPEN wei returned in total. */
  amount: bigint;
  /** The contributions withdrawn (they stay unaccepted for good). */
  withdrawn: { contributionId: bigint; contentHash: string; stake: bigint }[];
};

/**
 * The errors `withdrawStake` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await withdrawStake(client, parameters).catch((e: unknown) => e)) as WithdrawStakeErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type WithdrawStakeErrorType =
  InvalidIdError | InvalidHashError | EmptyBatchError | DuplicateContentInBatchError | SendErrorType;

/**
 * Takes back the stakes of contributions nobody reviewed before their deadline. Only the
 * contributor, after each deadline (`getContribution(…).deadline`).
 *
 * @example
 * const { amount } = await withdrawStake(client, { datanetId: 1n, contentHashes: [contentHash] });
 */
export async function withdrawStake(
  client: Client,
  parameters: WithdrawStakeParameters,
): Promise<WithdrawStakeReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const contentHashes = resolveContentHashes("contentHashes", parameters.contentHashes);
  const receipt = await send(
    client,
    datanetRegistry,
    (registry) => registry.withdrawStake(datanetId, contentHashes),
    parameters,
  );
  const withdrawn = eventsNamed(parseDatanetRegistryLogs(client, receipt), "StakeWithdrawn").map(({ args }) => ({
    contributionId: args.contributionId,
    contentHash: args.contentHash,
    stake: args.stake,
  }));
  return { receipt, amount: withdrawn.reduce((sum, { stake }) => sum + stake, 0n), withdrawn };
}
