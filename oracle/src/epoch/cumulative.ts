// The cumulative reward list of an epoch: everything each account has earned since epoch 1, the
// values of the reward tree's leaves. Pure: lists in, a new sorted list out.
import { getAddress, isAddress } from "ethers";

import { DuplicateRewardAccountError, InvalidRewardAccountError, InvalidRewardAmountError } from "./errors.ts";

/** One account and an amount in token wei: `[account, amount]`. */
export type RewardEntry = readonly [account: string, amount: bigint];

/** What `cumulativeRewards` returns: checksummed accounts, sorted by lower-case address, no duplicate. */
export type CumulativeRewards = [account: string, cumulativeAmount: bigint][];

/**
 * The cumulative amounts after an epoch: `previous` (the accepted tree's leaves; `undefined` or
 * empty before the first epoch) plus this epoch's rewards, merged by account (letter case
 * aside), checksummed and sorted by lower-case address, so the same inputs give the same list,
 * hence the same tree, whatever their order.
 *
 * No account decreases, by construction: each result is its previous amount plus a non-negative
 * reward, and every previous account stays (even at 0), so an old proof's leaf is never dropped.
 * A new account with a zero reward gets no leaf (it has nothing to claim).
 *
 * @throws {InvalidRewardAccountError} when an account is not an address.
 * @throws {InvalidRewardAmountError} when an amount is not a bigint or is negative.
 * @throws {DuplicateRewardAccountError} when one list names an account twice.
 * @example
 * const cumulative = cumulativeRewards(previousLeaves, epochRewards);
 * const tree = await buildRewardTree(chainId, distributor, new Map(cumulative));
 */
export function cumulativeRewards(
  previous: readonly RewardEntry[] | undefined,
  epochRewards: readonly RewardEntry[],
): CumulativeRewards {
  const merged = new Map<string, [string, bigint]>();
  for (const [account, amount] of checkList("previous", previous ?? []))
    merged.set(account.toLowerCase(), [account, amount]);
  for (const [account, amount] of checkList("epoch", epochRewards)) {
    const key = account.toLowerCase();
    const before = merged.get(key);
    if (before !== undefined) before[1] += amount;
    else if (amount > 0n) merged.set(key, [account, amount]);
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}

/**
 * The sum of a list's amounts.
 *
 * @example
 * const epochTotal = sumRewards(epochRewards);
 */
export function sumRewards(list: readonly RewardEntry[]): bigint {
  let total = 0n;
  for (const [, amount] of list) total += amount;
  return total;
}

/** Checks a list's entries and returns them checksummed, in input order. */
export function checkList(list: "previous" | "epoch", entries: readonly RewardEntry[]): [string, bigint][] {
  if (!Array.isArray(entries)) throw new TypeError(`the ${list} reward list must be an array of [account, amount]`);
  const seen = new Map<string, number>();
  return entries.map((entry, index) => {
    const [account, amount] = Array.isArray(entry) ? entry : [undefined, undefined];
    if (typeof account !== "string" || !isAddress(account)) throw new InvalidRewardAccountError(list, index, account);
    const checksummed = getAddress(account);
    if (typeof amount !== "bigint" || amount < 0n) throw new InvalidRewardAmountError(list, checksummed, amount);
    const first = seen.get(checksummed);
    if (first !== undefined) throw new DuplicateRewardAccountError(list, checksummed, first, index);
    seen.set(checksummed, index);
    return [checksummed, amount];
  });
}
