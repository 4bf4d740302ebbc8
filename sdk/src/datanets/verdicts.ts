import { InvalidVerdictError } from "./errors.js";

/**
 * A curator's verdicts and their `uint8` codes (`IDatanetRegistry.Verdict`). `Accept` returns the
 * stake; every other verdict rejects the contribution with that reason and slashes the stake.
 *
 * @example
 * verdicts.LowQuality; // 3
 */
export const verdicts = Object.freeze({
  Accept: 0,
  Duplicate: 1,
  OffTopic: 2,
  LowQuality: 3,
  Licence: 4,
  Other: 5,
} as const);

/**
 * A verdict's name.
 *
 * @example
 * const verdict: VerdictName = "OffTopic";
 */
export type VerdictName = keyof typeof verdicts;

/**
 * A verdict's code, as `review` takes it on chain.
 *
 * @example
 * const code: VerdictCode = verdicts.Accept;
 */
export type VerdictCode = (typeof verdicts)[VerdictName];

const names = Object.keys(verdicts) as VerdictName[];

/**
 * The code of a verdict given by name or code; throws `InvalidVerdictError` for anything else.
 *
 * @example
 * verdictCode("Licence"); // 4
 * verdictCode(4); // 4
 */
export function verdictCode(verdict: VerdictName | VerdictCode, index = 0): VerdictCode {
  if (typeof verdict === "string" && Object.hasOwn(verdicts, verdict)) return verdicts[verdict];
  if (typeof verdict === "number" && Number.isInteger(verdict) && verdict >= 0 && verdict < names.length) {
    return verdict;
  }
  throw new InvalidVerdictError(index, verdict);
}

/**
 * The name of a verdict code (as events and `review` codes carry it).
 *
 * @example
 * verdictName(3n); // "LowQuality"
 */
export function verdictName(code: VerdictCode | number | bigint): VerdictName {
  const name = names[Number(code)];
  if (name === undefined) throw new InvalidVerdictError(0, code);
  return name;
}

/**
 * Where a contribution stands (`IDatanetRegistry.Status`), by code.
 *
 * @example
 * contributionStatuses[2]; // "Accepted"
 */
export const contributionStatuses = Object.freeze(["None", "Pending", "Accepted", "Rejected", "Withdrawn"] as const);

/**
 * A contribution's status; `None` means the content is not in the Datanet.
 *
 * @example
 * const status: ContributionStatus = "Pending";
 */
export type ContributionStatus = (typeof contributionStatuses)[number];
