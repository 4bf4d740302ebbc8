import { SdkError } from "./base.js";

// Errors of parameters every area takes (ids, hashes, amounts, strings, block ranges, pages).
// Each names the field it is about, so one class serves `datanetId` and `adapterId` alike.

/**
 * An id (Datanet, contribution, version, model, adapter, …) is not a positive integer of its type.
 *
 * @example
 * const error = await getDatanet(client, { datanetId: 0n }).catch((e) => e);
 * if (error instanceof InvalidIdError) console.log(error.field, error.max); // "datanetId", 2n ** 256n - 1n
 */
export class InvalidIdError extends SdkError {
  override name = "InvalidIdError";
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly max: bigint,
  ) {
    super(`${field} must be a bigint from 1 to ${max}; got ${show(value)}.`);
  }
}

/**
 * A 32-byte hash is not one: not `0x` and 64 hex digits, or the zero hash where a real one is
 * needed. `what` says which hash is expected (e.g. "keccak256 of the raw bytes").
 *
 * @example
 * const error = await getContribution(client, { datanetId: 1n, contentHash: "0x12" }).catch((e) => e);
 * if (error instanceof InvalidHashError) console.log(error.field); // "contentHash"
 */
export class InvalidHashError extends SdkError {
  override name = "InvalidHashError";
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly what: string,
  ) {
    super(
      isZeroHash(value)
        ? `${field} must not be the zero hash; pass the ${what}.`
        : `${field} must be a 32-byte hex string (${what}); got ${show(value)}.`,
    );
  }
}

/**
 * An amount is not a bigint within the bounds its contract stores (e.g. uint96 for a stake).
 *
 * @example
 * const error = await approve(client, { spender, amount: -1n }).catch((e) => e);
 * if (error instanceof InvalidAmountError) console.log(error.field, error.min, error.max);
 */
export class InvalidAmountError extends SdkError {
  override name = "InvalidAmountError";
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly min: bigint,
    readonly max: bigint,
  ) {
    super(`${field} must be a bigint amount in wei from ${min} to ${max}; got ${show(value)}.`);
  }
}

/**
 * A required string (URI, name, licence) is empty.
 *
 * @example
 * const error = await setMetadataURI(client, { datanetId: 1n, metadataURI: "" }).catch((e) => e);
 * if (error instanceof EmptyStringError) console.log(error.field); // "metadataURI"
 */
export class EmptyStringError extends SdkError {
  override name = "EmptyStringError";
  constructor(readonly field: string) {
    super(`${field} must be a non-empty string; the contract refuses empty ones.`);
  }
}

/**
 * A block range for reading events is not one: negative, reversed, or a zero chunk size.
 *
 * @example
 * const error = await getContributions(client, { datanetId: 1n, fromBlock: 10, toBlock: 9 }).catch((e) => e);
 * if (error instanceof InvalidBlockRangeError) console.log(error.problem);
 */
export class InvalidBlockRangeError extends SdkError {
  override name = "InvalidBlockRangeError";
  constructor(readonly problem: string) {
    super(`Invalid block range: ${problem}.`);
  }
}

/**
 * A duration in milliseconds (polling interval, timeout) is not a whole number ≥ 0.
 *
 * @example
 * const error = await contribute(client, { datanetId: 1n, contents, revealTimeout: -1 }).catch((e) => e);
 * if (error instanceof InvalidDurationError) console.log(error.field); // "revealTimeout"
 */
export class InvalidDurationError extends SdkError {
  override name = "InvalidDurationError";
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field} must be a whole number of milliseconds ≥ 0; got ${show(value)}.`);
  }
}

/**
 * A page of a list read is not one: `from` below 1, `limit` below 1, `pageSize` outside 1..100.
 *
 * @example
 * const error = await getDatanets(client, { pageSize: 500n }).catch((e) => e);
 * if (error instanceof InvalidPageError) console.log(error.field); // "pageSize"
 */
export class InvalidPageError extends SdkError {
  override name = "InvalidPageError";
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field} must be a bigint ${field === "pageSize" ? "from 1 to 100" : "of at least 1"}; got ${show(value)}.`);
  }
}

function isZeroHash(value: unknown): boolean {
  return typeof value === "string" && /^0x0{64}$/.test(value);
}

function show(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return value === "" ? '""' : value;
  return `${String(value)} (${value === null ? "null" : typeof value})`;
}
