import { checkAmount, MAX_UINT128, MAX_UINT32 } from "../internal/validate.js";
import { InvalidScoreError } from "./errors.js";

// What the model actions say each hash is, for error messages.
export const WEIGHTS_HASH = "sha256 of the weights file; see hashAdapterWeights";
export const CONFIG_HASH = "hash of the adapter's configuration: rank, alpha, target modules";
export const MANIFEST_HASH = "hash of the training manifest: Datanet versions, data order, seed";
export const REPORT_HASH = "hash of the trainer's evaluation report";

/** An evaluation score, a uint32. */
export function checkScore(score: unknown): bigint {
  if (typeof score !== "bigint" || score < 0n || score > MAX_UINT32) throw new InvalidScoreError(score);
  return score;
}

/** A price per call: 1 wei to uint128. */
export function checkPrice(price: unknown): bigint {
  return checkAmount("pricePerCall", price, MAX_UINT128, 1n);
}
