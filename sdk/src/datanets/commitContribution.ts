import { getAddress, type TransactionReceipt } from "ethers";

import { requireSigner, type Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkId } from "../internal/validate.js";
import type { DuplicateContentInBatchError, EmptyBatchError, InvalidSaltError } from "./errors.js";
import { computeCommitment } from "./computeCommitment.js";
import { resolveContentHashes, resolveSalt } from "./internal.js";

/**
 * What `commitContribution` takes.
 *
 * @example
 * const run = (parameters: CommitContributionParameters) => commitContribution(client, parameters);
 */
export type CommitContributionParameters = {
  datanetId: bigint;
  /** The content hashes to reveal later, in that order (see `hashContent`). */
  contentHashes: readonly string[];
  /** 32 bytes to keep secret until the reveal; random by default (returned). */
  salt?: string | undefined;
} & SendOptions;

/**
 * What `commitContribution` returns.
 *
 * @example
 * const result: CommitContributionReturnType = await commitContribution(client, parameters);
 */
export type CommitContributionReturnType = {
  receipt: TransactionReceipt;
  commitment: string;
  /** Keep it: the reveal needs it. */
  salt: string;
  /** The contributor (the client's signer), who must reveal. */
  contributor: string;
  /** When the commitment was first committed; reveal in a block after this second. */
  committedAt: bigint;
};

/**
 * The errors `commitContribution` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await commitContribution(client, parameters).catch((e: unknown) => e)) as CommitContributionErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type CommitContributionErrorType =
  InvalidIdError | InvalidHashError | EmptyBatchError | DuplicateContentInBatchError | InvalidSaltError | SendErrorType;

/**
 * Step 1 of contributing: commits to contributions without showing them, so nobody can copy them
 * from the mempool when they are revealed. Keep the content and the returned salt private, then
 * call `revealContribution` in a block at least one second later (or use `contribute`, which does both).
 *
 * @example
 * const contentHashes = files.map(hashContent);
 * const { salt, committedAt } = await commitContribution(client, { datanetId: 1n, contentHashes });
 * // … once a block after committedAt is mined:
 * await revealContribution(client, { datanetId: 1n, contents, salt });
 */
export async function commitContribution(
  client: Client,
  parameters: CommitContributionParameters,
): Promise<CommitContributionReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const contentHashes = resolveContentHashes("contentHashes", parameters.contentHashes);
  const salt = resolveSalt(parameters.salt);
  const contributor = getAddress(await requireSigner(client).getAddress());
  const commitment = computeCommitment({ contributor, datanetId, contentHashes, salt });
  const receipt = await send(client, datanetRegistry, (registry) => registry.commit(commitment), parameters);
  // The registry keeps the first time of a commitment committed twice: read it rather than the block's.
  const committedAt = await datanetRegistry(client).committedAt(commitment, { blockTag: receipt.blockNumber });
  return { receipt, commitment, salt, contributor, committedAt };
}
