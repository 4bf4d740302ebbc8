import { getAddress } from "ethers";

import { requireSigner, type Client } from "../client/client.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidDurationError } from "../errors/parameters.js";
import { waitForBlockAfter } from "../internal/time.js";
import { checkDuration, checkId } from "../internal/validate.js";
import { commitContribution, type CommitContributionReturnType } from "./commitContribution.js";
import { ContentAlreadyContributedError, RevealTimeoutError } from "./errors.js";
import { getContribution } from "./getContribution.js";
import { type ContentInput, resolveContents, resolveSalt } from "./internal.js";
import {
  revealContribution,
  type RevealContributionErrorType,
  type RevealContributionReturnType,
} from "./revealContribution.js";
import { readStakeNeeds } from "./stake.js";

/**
 * What `contribute` takes.
 *
 * @example
 * const run = (parameters: ContributeParameters) => contribute(client, parameters);
 */
export type ContributeParameters = {
  datanetId: bigint;
  /** The data to contribute: each a content hash or the raw bytes, and the URI where it can be fetched. */
  contents: readonly ContentInput[];
  /** Sign an EIP-2612 permit for the stakes instead of sending `approve` when the allowance is short. */
  permit?: boolean | undefined;
  /** The commitment's salt; random by default (returned in `commit.salt`). */
  salt?: string | undefined;
  /** Milliseconds between polls for the block after the commitment; 1,000 by default. */
  pollingInterval?: number | undefined;
  /** Milliseconds to wait for that block before throwing `RevealTimeoutError`; 600,000 by default. */
  revealTimeout?: number | undefined;
  /** Called once the commitment is mined, before waiting to reveal (e.g. to show progress). */
  onCommitted?: ((commit: CommitContributionReturnType) => void | Promise<void>) | undefined;
} & SendOptions;

/**
 * What `contribute` returns.
 *
 * @example
 * const result: ContributeReturnType = await contribute(client, parameters);
 */
export type ContributeReturnType = RevealContributionReturnType & {
  /** The commitment step: keep `commit.salt` if the reveal failed, to retry it. */
  commit: CommitContributionReturnType;
};

/**
 * The errors `contribute` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await contribute(client, parameters).catch((e: unknown) => e)) as ContributeErrorType;
 * if (error instanceof InvalidDurationError) console.log(error.shortMessage);
 */
export type ContributeErrorType =
  RevealContributionErrorType | InvalidDurationError | ContentAlreadyContributedError | RevealTimeoutError;

/**
 * Contributes data to a Datanet in one call, safe from front-running: checks the contents, the
 * stake balance and that no content is already in the Datanet (nothing is sent otherwise); commits;
 * waits for a block at least one second after the commitment (polling the chain); then reveals,
 * approving or permitting the stakes as needed. `onSent` is called for each transaction.
 *
 * @example
 * const { contributions } = await contribute(client, {
 *   datanetId: 1n,
 *   contents: [{ bytes: new TextEncoder().encode("Q: …\nA: …"), uri: "ipfs://bafy…" }],
 *   permit: true,
 * });
 * console.log(contributions[0].contributionId);
 */
export async function contribute(client: Client, parameters: ContributeParameters): Promise<ContributeReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const { contentHashes } = resolveContents(parameters.contents);
  const salt = resolveSalt(parameters.salt);
  const pollingInterval = checkDuration("pollingInterval", parameters.pollingInterval, 1_000);
  const timeout = checkDuration("revealTimeout", parameters.revealTimeout, 600_000);
  const contributor = getAddress(await requireSigner(client).getAddress());
  await readStakeNeeds(client, datanetId, contentHashes.length, contributor);
  const existing = await Promise.all(
    contentHashes.map((contentHash) => getContribution(client, { datanetId, contentHash })),
  );
  for (const contribution of existing) {
    if (contribution !== undefined) {
      throw new ContentAlreadyContributedError(datanetId, contribution.contentHash, contribution.contributionId);
    }
  }

  const { onSent, confirmations } = parameters;
  const commit = await commitContribution(client, { datanetId, contentHashes, salt, onSent, confirmations });
  await parameters.onCommitted?.(commit);
  if ((await waitForBlockAfter(client.provider, commit.committedAt, { pollingInterval, timeout })) === undefined) {
    throw new RevealTimeoutError(commit.commitment, commit.salt, commit.committedAt, timeout);
  }
  const reveal = await revealContribution(client, {
    datanetId,
    contents: parameters.contents,
    salt: commit.salt,
    permit: parameters.permit,
    onSent,
    confirmations,
  });
  return { ...reveal, commit };
}
