import { getAddress, isAddress, ZeroAddress } from "ethers";

import { MAX_UINT256 } from "../internal/validate.js";
import { InvalidInferenceLogLineError } from "./errors.js";
import { INFERENCE_LOG_MAX_REQUEST_ID_LENGTH, INFERENCE_LOG_MAX_TIMESTAMP, type InferenceLogField } from "./types.js";

// The checks shared by `parseInferenceLogLine` (values from JSON) and `formatInferenceLogLine`
// (values from a record). Each returns the value in its record form or throws the named error.

const DECIMAL = /^[1-9][0-9]*$/;
const MAX_ID_DIGITS = MAX_UINT256.toString().length;

function invalid(field: InferenceLogField, reason: string, value: unknown): never {
  throw new InvalidInferenceLogLineError(field, "invalid", reason, value);
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)}`;
  if (typeof value === "number" || typeof value === "bigint") return `${typeof value} ${value}`;
  return typeof value;
}

export function checkRequestId(value: unknown): string {
  if (typeof value !== "string") invalid("requestId", `must be a string, got ${describe(value)}`, value);
  if (value.length === 0) invalid("requestId", "must not be empty", value);
  if (value.length > INFERENCE_LOG_MAX_REQUEST_ID_LENGTH) {
    invalid(
      "requestId",
      `must be at most ${INFERENCE_LOG_MAX_REQUEST_ID_LENGTH} characters, got ${value.length}`,
      value,
    );
  }
  return value;
}

/** The adapter id on the wire: a decimal string. */
export function checkAdapterIdString(value: unknown): bigint {
  if (typeof value !== "string") {
    invalid("adapterId", `must be a decimal string of digits (e.g. "12"), got ${describe(value)}`, value);
  }
  if (!DECIMAL.test(value)) {
    invalid("adapterId", `must be decimal digits without sign or leading zero, from 1, got ${describe(value)}`, value);
  }
  if (value.length > MAX_ID_DIGITS || BigInt(value) > MAX_UINT256) invalid("adapterId", "must be below 2^256", value);
  return BigInt(value);
}

/** The adapter id of a record: a bigint. */
export function checkAdapterId(value: unknown): bigint {
  if (typeof value !== "bigint" || value < 1n || value > MAX_UINT256) {
    invalid("adapterId", `must be a bigint from 1 to 2^256 - 1, got ${describe(value)}`, value);
  }
  return value;
}

export function checkPayer(value: unknown): string {
  if (typeof value !== "string") invalid("payer", `must be an address string, got ${describe(value)}`, value);
  if (!isAddress(value)) {
    invalid("payer", `must be "0x" and 40 hex digits, checksummed if mixed-case, got ${describe(value)}`, value);
  }
  const payer = getAddress(value);
  if (payer === ZeroAddress) invalid("payer", "must not be the zero address", value);
  return payer;
}

export function checkTimestamp(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    invalid("timestamp", `must be an integer number of seconds, got ${describe(value)}`, value);
  }
  if (value < 0) invalid("timestamp", `must not be negative, got ${value}`, value);
  if (value > INFERENCE_LOG_MAX_TIMESTAMP) {
    invalid("timestamp", `must be Unix seconds (at most 2^40 - 1), not milliseconds; got ${value}`, value);
  }
  return value;
}

export function checkOutput(value: unknown): string {
  if (typeof value !== "string") invalid("output", `must be a string, got ${describe(value)}`, value);
  return value;
}
