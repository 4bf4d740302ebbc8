import { getAddress, isAddress } from "ethers";

import { InvalidAddressError } from "../client/errors.js";
import {
  EmptyStringError,
  InvalidAmountError,
  InvalidDurationError,
  InvalidHashError,
  InvalidIdError,
} from "../errors/parameters.js";

// Client-side checks of parameters, shared by every action. Each returns the value in the form
// the contracts take (checksummed address, lower-case hash) or throws the named error.

export const MAX_UINT32 = 2n ** 32n - 1n;
export const MAX_UINT64 = 2n ** 64n - 1n;
export const MAX_UINT96 = 2n ** 96n - 1n;
export const MAX_UINT128 = 2n ** 128n - 1n;
export const MAX_UINT256 = 2n ** 256n - 1n;

/** A positive id of at most `max`. */
export function checkId(field: string, value: unknown, max: bigint = MAX_UINT256): bigint {
  if (typeof value !== "bigint" || value < 1n || value > max) throw new InvalidIdError(field, value, max);
  return value;
}

/** An amount in `min..max`. */
export function checkAmount(field: string, value: unknown, max: bigint = MAX_UINT256, min = 0n): bigint {
  if (typeof value !== "bigint" || value < min || value > max) throw new InvalidAmountError(field, value, min, max);
  return value;
}

/** A non-zero 32-byte hash, lower-cased. `what` describes the expected hash for the message. */
export function checkHash(field: string, value: unknown, what: string): string {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value) || /^0x0{64}$/.test(value)) {
    throw new InvalidHashError(field, value, what);
  }
  return value.toLowerCase();
}

/** An address, checksummed. */
export function checkAddress(field: string, value: unknown): string {
  if (typeof value !== "string" || !isAddress(value)) throw new InvalidAddressError(field, value);
  return getAddress(value);
}

/** A non-empty string. */
export function checkString(field: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0) throw new EmptyStringError(field);
  return value;
}

/** A duration in milliseconds: the one given, checked, or the default. */
export function checkDuration(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
    throw new InvalidDurationError(field, value);
  return value;
}
