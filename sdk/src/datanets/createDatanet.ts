import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import type { InvalidAddressError } from "../client/errors.js";
import { datanetRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { EmptyStringError, InvalidAmountError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkAddress, checkAmount, checkString, MAX_UINT96 } from "../internal/validate.js";
import { ReviewPeriodOutOfRangeError } from "./errors.js";
import { parseDatanetRegistryLogs } from "./parseDatanetRegistryLogs.js";

/**
 * The registry's bounds of a review period, in seconds (`MIN_REVIEW_PERIOD`, `MAX_REVIEW_PERIOD`).
 *
 * @example
 * await createDatanet(client, { ...parameters, reviewPeriod: MIN_REVIEW_PERIOD }); // one hour
 */
export const MIN_REVIEW_PERIOD = 3600n; // 1 hour
/**
 * The longest review period the registry accepts, in seconds (90 days).
 *
 * @example
 * if (reviewPeriod > MAX_REVIEW_PERIOD) throw new Error("at most 90 days");
 */
export const MAX_REVIEW_PERIOD = 90n * 24n * 3600n; // 90 days

/**
 * What `createDatanet` takes.
 *
 * @example
 * const run = (parameters: CreateDatanetParameters) => createDatanet(client, parameters);
 */
export type CreateDatanetParameters = {
  /** What the Datanet collects and how curators judge (e.g. an IPFS JSON document). */
  metadataURI: string;
  /** SPDX identifier or licence URI of the data. */
  license: string;
  /** OPEN wei staked per contribution; 0n for none. Fixed for the Datanet's life. */
  stake: bigint;
  /** Seconds curators have to review a contribution, 1 hour to 90 days. Fixed for the Datanet's life. */
  reviewPeriod: bigint;
  /** Receives slashed stakes. */
  treasury: string;
} & SendOptions;

/**
 * What `createDatanet` returns.
 *
 * @example
 * const result: CreateDatanetReturnType = await createDatanet(client, parameters);
 */
export type CreateDatanetReturnType = {
  receipt: TransactionReceipt;
  /** The new Datanet's id; the caller owns it. */
  datanetId: bigint;
  owner: string;
};

/**
 * The errors `createDatanet` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await createDatanet(client, parameters).catch((e: unknown) => e)) as CreateDatanetErrorType;
 * if (error instanceof EmptyStringError) console.log(error.shortMessage);
 */
export type CreateDatanetErrorType =
  EmptyStringError | InvalidAmountError | ReviewPeriodOutOfRangeError | InvalidAddressError | SendErrorType;

/**
 * Creates a Datanet owned by the client's signer.
 *
 * @example
 * const { datanetId } = await createDatanet(client, {
 *   metadataURI: "ipfs://bafy…/medical-qa.json",
 *   license: "CC-BY-4.0",
 *   stake: 10n * 10n ** 18n,
 *   reviewPeriod: 7n * 24n * 3600n,
 *   treasury: "0x…",
 * });
 */
export async function createDatanet(
  client: Client,
  parameters: CreateDatanetParameters,
): Promise<CreateDatanetReturnType> {
  const params = {
    metadataURI: checkString("metadataURI", parameters.metadataURI),
    license: checkString("license", parameters.license),
    stake: checkAmount("stake", parameters.stake, MAX_UINT96),
    reviewPeriod: checkReviewPeriod(parameters.reviewPeriod),
    treasury: checkAddress("treasury", parameters.treasury),
  };
  const receipt = await send(client, datanetRegistry, (registry) => registry.createDatanet(params), parameters);
  const [created] = eventsNamed(parseDatanetRegistryLogs(client, receipt), "DatanetCreated");
  return { receipt, datanetId: created!.args.datanetId, owner: created!.args.owner };
}

function checkReviewPeriod(value: unknown): bigint {
  if (typeof value !== "bigint" || value < MIN_REVIEW_PERIOD || value > MAX_REVIEW_PERIOD) {
    throw new ReviewPeriodOutOfRangeError(value, MIN_REVIEW_PERIOD, MAX_REVIEW_PERIOD);
  }
  return value;
}
