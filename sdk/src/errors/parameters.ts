import { SdkError } from "./base.js";

// Errors of parameters every area takes (ids, hashes, amounts, strings, block ranges, pages).
// Each names the field it is about, so one class serves `datanetId` and `adapterId` alike.

/** An id (Datanet, contribution, version, model, adapter, …) is not a positive integer of its type. */
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

/** An amount is not a bigint within the bounds its contract stores (e.g. uint96 for a stake). */
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

/** A required string (URI, name, licence) is empty. */
export class EmptyStringError extends SdkError {
  override name = "EmptyStringError";
  constructor(readonly field: string) {
    super(`${field} must be a non-empty string; the contract refuses empty ones.`);
  }
}

/** A block range for reading events is not one: negative, reversed, or a zero chunk size. */
export class InvalidBlockRangeError extends SdkError {
  override name = "InvalidBlockRangeError";
  constructor(readonly problem: string) {
    super(`Invalid block range: ${problem}.`);
  }
}

/** A duration in milliseconds (polling interval, timeout) is not a whole number ≥ 0. */
export class InvalidDurationError extends SdkError {
  override name = "InvalidDurationError";
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field} must be a whole number of milliseconds ≥ 0; got ${show(value)}.`);
  }
}

/** A page of a list read is not one: `from` below 1, `limit` below 1, `pageSize` outside 1..100. */
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
