import { checkAmount, MAX_UINT128 } from "../internal/validate.js";
import type { FeeSplitBps } from "./types.js";

/** 100% in basis points (`FeeSplit.TOTAL_BPS`). */
const TOTAL_BPS = 10_000n;

/** A number of calls: 1 to 2^128 - 1, what the ledger accepts (`UsageZeroCalls`, `UsageTooManyCalls`). */
export function checkCalls(calls: unknown): bigint {
  return checkAmount("calls", calls, MAX_UINT128, 1n);
}

/**
 * The parts of `amount`, rounded as `FeeSplit.split` rounds them: builder and treasury down,
 * the attribution pool the rest (so the parts sum to `amount`).
 */
export function splitAmount(
  amount: bigint,
  { builderBps, treasuryBps }: Pick<FeeSplitBps, "builderBps" | "treasuryBps">,
): { builderAmount: bigint; treasuryAmount: bigint; attributionAmount: bigint } {
  const builderAmount = (amount * builderBps) / TOTAL_BPS; // bigint: no overflow to avoid, floor as FeeSplit.share
  const treasuryAmount = (amount * treasuryBps) / TOTAL_BPS;
  return { builderAmount, treasuryAmount, attributionAmount: amount - builderAmount - treasuryAmount };
}
