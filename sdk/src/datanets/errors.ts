import { SdkError } from "../errors/base.js";

/**
 * A content item gives neither or both of `contentHash` and `bytes`, or its URI is empty.
 *
 * @example
 * const error = await contribute(client, { datanetId: 1n, contents: [{ uri: "ipfs://…" }] }).catch((e) => e);
 * if (error instanceof InvalidContentError) console.log(error.index, error.problem);
 */
export class InvalidContentError extends SdkError {
  override name = "InvalidContentError";
  constructor(
    readonly index: number,
    readonly problem: string,
  ) {
    super(`contents[${index}] ${problem}.`);
  }
}

/**
 * A batch (contents, reviews, content hashes) is empty.
 *
 * @example
 * const error = await review(client, { datanetId: 1n, reviews: [] }).catch((e) => e);
 * if (error instanceof EmptyBatchError) console.log(error.field); // "reviews"
 */
export class EmptyBatchError extends SdkError {
  override name = "EmptyBatchError";
  constructor(readonly field: string) {
    super(`${field} must hold at least one item.`);
  }
}

/**
 * The same content hash appears twice in one batch; the registry would refuse the whole batch.
 *
 * @example
 * const error = await contribute(client, { datanetId: 1n, contents: [a, a] }).catch((e) => e);
 * if (error instanceof DuplicateContentInBatchError) console.log(error.firstIndex, error.index); // 0, 1
 */
export class DuplicateContentInBatchError extends SdkError {
  override name = "DuplicateContentInBatchError";
  constructor(
    readonly contentHash: string,
    readonly firstIndex: number,
    readonly index: number,
  ) {
    super(
      `Content hash ${contentHash} appears at index ${firstIndex} and again at index ${index}; ` +
        "keep one of them (each content can be contributed once).",
    );
  }
}

/**
 * The content is already in the Datanet (in any state): contributing it again would revert.
 *
 * @example
 * const error = await contribute(client, { datanetId: 1n, contents }).catch((e) => e);
 * if (error instanceof ContentAlreadyContributedError) console.log("already contribution", error.contributionId);
 */
export class ContentAlreadyContributedError extends SdkError {
  override name = "ContentAlreadyContributedError";
  constructor(
    readonly datanetId: bigint,
    readonly contentHash: string,
    readonly contributionId: bigint,
  ) {
    super(
      `Content ${contentHash} is already contribution ${contributionId} of Datanet ${datanetId}; ` +
        "remove it from contents before committing (nothing was sent).",
    );
  }
}

/**
 * A verdict is neither a verdict name nor a code 0..5.
 *
 * @example
 * const error = await review(client, { datanetId: 1n, reviews: [{ contentHash, verdict: "Spam" as never }] }).catch((e) => e);
 * if (error instanceof InvalidVerdictError) console.log(error.index, error.value);
 */
export class InvalidVerdictError extends SdkError {
  override name = "InvalidVerdictError";
  constructor(
    readonly index: number,
    readonly value: unknown,
  ) {
    super(
      `reviews[${index}].verdict must be one of Accept, Duplicate, OffTopic, LowQuality, Licence, Other ` +
        `(or its code 0..5); got ${String(value)}.`,
    );
  }
}

/**
 * A commitment salt is not 32 bytes of hex.
 *
 * @example
 * const error = await revealContribution(client, { datanetId: 1n, contents, salt: "0x12" }).catch((e) => e);
 * if (error instanceof InvalidSaltError) console.log(error.value);
 */
export class InvalidSaltError extends SdkError {
  override name = "InvalidSaltError";
  constructor(readonly value: unknown) {
    super(
      `salt must be a 32-byte hex string (the one returned by commitContribution); got ${String(value)}. ` +
        "Omit it when committing to get a random one.",
    );
  }
}

/**
 * A review period is outside what the registry accepts (1 hour to 90 days).
 *
 * @example
 * const error = await createDatanet(client, { ...parameters, reviewPeriod: 60n }).catch((e) => e);
 * if (error instanceof ReviewPeriodOutOfRangeError) console.log(error.min, error.max);
 */
export class ReviewPeriodOutOfRangeError extends SdkError {
  override name = "ReviewPeriodOutOfRangeError";
  constructor(
    readonly reviewPeriod: unknown,
    readonly min: bigint,
    readonly max: bigint,
  ) {
    super(`reviewPeriod must be a bigint number of seconds from ${min} to ${max}; got ${String(reviewPeriod)}.`);
  }
}

/**
 * The contributor holds less OPEN than the stakes of the contributions.
 *
 * @example
 * const error = await contribute(client, { datanetId: 1n, contents }).catch((e) => e);
 * if (error instanceof InsufficientStakeBalanceError) console.log("short by", error.needed - error.balance);
 */
export class InsufficientStakeBalanceError extends SdkError {
  override name = "InsufficientStakeBalanceError";
  constructor(
    readonly account: string,
    readonly balance: bigint,
    readonly needed: bigint,
  ) {
    super(
      `${account} holds ${balance} OPEN wei but the stakes need ${needed}; ` +
        "fund the account or contribute fewer items (nothing was sent).",
    );
  }
}

/**
 * No block after the commitment's second was seen in time: reveal later with the kept salt.
 *
 * @example
 * const error = await contribute(client, { datanetId: 1n, contents, revealTimeout: 60_000 }).catch((e) => e);
 * if (error instanceof RevealTimeoutError) await revealContribution(client, { datanetId: 1n, contents, salt: error.salt });
 */
export class RevealTimeoutError extends SdkError {
  override name = "RevealTimeoutError";
  constructor(
    readonly commitment: string,
    readonly salt: string,
    readonly committedAt: bigint,
    readonly timeout: number,
  ) {
    super(
      `No block later than the commitment's timestamp ${committedAt} arrived within ${timeout} ms; ` +
        `the commitment ${commitment} stays valid: keep salt ${salt} and call revealContribution later.`,
    );
  }
}

/**
 * A version needs at least one accepted contribution.
 *
 * @example
 * const error = await publishVersion(client, { datanetId: 1n, manifestURI }).catch((e) => e);
 * if (error instanceof NoAcceptedContributionsError) console.log("review contributions of", error.datanetId, "first");
 */
export class NoAcceptedContributionsError extends SdkError {
  override name = "NoAcceptedContributionsError";
  constructor(readonly datanetId: bigint) {
    super(
      `Datanet ${datanetId} has no accepted contribution in the blocks read; review contributions first, ` +
        "or widen fromBlock/toBlock.",
    );
  }
}

/**
 * The contribution is not a leaf of the version tree.
 *
 * @example
 * try {
 *   tree.getProof(7n);
 * } catch (error) {
 *   if (error instanceof ContributionNotInTreeError) console.log(error.contributionId, "is in another version");
 * }
 */
export class ContributionNotInTreeError extends SdkError {
  override name = "ContributionNotInTreeError";
  constructor(readonly contributionId: bigint) {
    super(`Contribution ${contributionId} is not in this version tree; check the version and the Datanet.`);
  }
}
