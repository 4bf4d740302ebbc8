import { getAddress, type TransactionReceipt } from "ethers";

import { requireSigner, type Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { EmptyStringError, InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkId } from "../internal/validate.js";
import { approve, type ApproveReturnType } from "../token/approve.js";
import type { PermitDeadlineError } from "../token/errors.js";
import { signPermit, type SignPermitReturnType } from "../token/signPermit.js";
import type {
  DuplicateContentInBatchError,
  EmptyBatchError,
  InsufficientStakeBalanceError,
  InvalidContentError,
  InvalidSaltError,
} from "./errors.js";
import { checkSalt, type ContentInput, resolveContents } from "./internal.js";
import { parseDatanetRegistryLogs } from "./parseDatanetRegistryLogs.js";
import { readStakeNeeds } from "./stake.js";
import { type ContributionRecord, toContributionRecord } from "./types.js";

/**
 * What `revealContribution` takes.
 *
 * @example
 * const run = (parameters: RevealContributionParameters) => revealContribution(client, parameters);
 */
export type RevealContributionParameters = {
  datanetId: bigint;
  /** The committed contents, in the committed order, each with the URI where it can be fetched. */
  contents: readonly ContentInput[];
  /** The salt of the commitment (`commitContribution`'s). */
  salt: string;
  /**
   * How to let the registry pull the stakes when its allowance is short: `true` signs an
   * EIP-2612 permit (no extra transaction), `false` (default) sends an `approve` first.
   */
  permit?: boolean | undefined;
} & SendOptions;

/**
 * What `revealContribution` returns.
 *
 * @example
 * const result: RevealContributionReturnType = await revealContribution(client, parameters);
 */
export type RevealContributionReturnType = {
  receipt: TransactionReceipt;
  /** The contributions added, in order, with their ids. */
  contributions: ContributionRecord[];
  /** OPEN wei staked in total. */
  stake: bigint;
  /** The approval sent first, when the allowance was short and `permit` was not asked. */
  approval: ApproveReturnType | undefined;
  /** The permit signed, when the allowance was short and `permit` was asked. */
  permit: SignPermitReturnType | undefined;
};

/**
 * The errors `revealContribution` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await revealContribution(client, parameters).catch((e: unknown) => e)) as RevealContributionErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type RevealContributionErrorType =
  | InvalidIdError
  | InvalidHashError
  | EmptyStringError
  | InvalidContentError
  | EmptyBatchError
  | DuplicateContentInBatchError
  | InvalidSaltError
  | InsufficientStakeBalanceError
  | PermitDeadlineError
  | SendErrorType;

/**
 * Step 2 of contributing: reveals committed contributions and stakes the Datanet's stake on each.
 * Reveal in a block at least one second after the commitment, from the committing account. If the
 * registry's allowance is short, approves the exact stake first, or signs a permit (`permit: true`).
 *
 * @example
 * const { contributions } = await revealContribution(client, {
 *   datanetId: 1n,
 *   contents: [{ bytes, uri: "ipfs://bafy…" }],
 *   salt, // from commitContribution
 *   permit: true,
 * });
 */
export async function revealContribution(
  client: Client,
  parameters: RevealContributionParameters,
): Promise<RevealContributionReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const { contentHashes, uris } = resolveContents(parameters.contents);
  const salt = checkSalt(parameters.salt);
  const contributor = getAddress(await requireSigner(client).getAddress());
  const { needed, allowance } = await readStakeNeeds(client, datanetId, contentHashes.length, contributor);

  let approval: ApproveReturnType | undefined;
  let permit: SignPermitReturnType | undefined;
  if (needed > allowance) {
    const spender = client.addresses.datanetRegistry;
    if (parameters.permit === true) permit = await signPermit(client, { spender, value: needed });
    else approval = await approve(client, { ...sendOptions(parameters), spender, amount: needed });
  }
  const receipt = await send(
    client,
    datanetRegistry,
    (registry) => {
      if (permit !== undefined) {
        const { value, deadline, v, r, s } = permit;
        return registry.contributeBatchWithPermit(datanetId, contentHashes, uris, salt, value, deadline, v, r, s);
      }
      return contentHashes.length === 1
        ? registry.contribute(datanetId, contentHashes[0]!, uris[0]!, salt)
        : registry.contributeBatch(datanetId, contentHashes, uris, salt);
    },
    parameters,
  );
  const contributions = eventsNamed(parseDatanetRegistryLogs(client, receipt), "Contributed").map(toContributionRecord);
  return { receipt, contributions, stake: needed, approval, permit };
}

function sendOptions({ onSent, confirmations }: SendOptions): SendOptions {
  return { onSent, confirmations };
}
