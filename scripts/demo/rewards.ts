import { getAddress, isAddress, parseEther } from "ethers";

/** One account's cumulative reward, validated. */
export interface RewardEntry {
  name: string;
  account: string; // checksummed
  amount: bigint; // OPEN wei
}

export interface DemoRewards {
  challengePeriod: bigint; // seconds
  rewards: RewardEntry[];
}

/** The rewards file is unusable; the message names the file, the entry and the fix. */
export class RewardsFileError extends Error {
  override name = "RewardsFileError";
}

const MIN_CHALLENGE_PERIOD = 3600; // AttributionDistributor.MIN_CHALLENGE_PERIOD
const MAX_CHALLENGE_PERIOD = 30 * 24 * 3600; // AttributionDistributor.MAX_CHALLENGE_PERIOD
const DECIMAL_OPEN = /^(0|[1-9][0-9]*)(\.[0-9]{1,18})?$/;

/** Parses and validates the demo's rewards file (`text` is its content, `file` its name for errors). */
export function parseRewards(text: string, file: string): DemoRewards {
  const fail = (message: string): never => {
    throw new RewardsFileError(`${file}: ${message}`);
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untrusted JSON, checked field by field below
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(`not valid JSON (${(error as Error).message})`);
  }

  const period = json?.challengePeriodSeconds;
  if (!Number.isSafeInteger(period) || period < MIN_CHALLENGE_PERIOD || period > MAX_CHALLENGE_PERIOD) {
    fail(
      `challengePeriodSeconds must be whole seconds from ${MIN_CHALLENGE_PERIOD} to ${MAX_CHALLENGE_PERIOD}, got ${JSON.stringify(period)}`,
    );
  }
  if (!Array.isArray(json.rewards) || json.rewards.length === 0) fail(`"rewards" must be a non-empty array`);

  const seen = new Set<string>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untrusted JSON, checked field by field below
  const rewards = json.rewards.map((entry: any, i: number): RewardEntry => {
    const where = `rewards[${i}]`;
    if (typeof entry?.name !== "string" || entry.name.trim() === "") fail(`${where}.name must be a non-empty string`);
    const label = `${where} (${entry.name})`;
    if (typeof entry.account !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(entry.account)) {
      fail(`${label}: account ${JSON.stringify(entry.account)} is not an address (0x and 40 hex digits)`);
    }
    if (!isAddress(entry.account)) fail(`${label}: account ${entry.account} has a wrong checksum; check it for typos`);
    const account = getAddress(entry.account);
    if (seen.has(account)) fail(`${label}: account ${account} is listed twice; give one cumulative amount per account`);
    seen.add(account);
    if (typeof entry.amount !== "string" || !DECIMAL_OPEN.test(entry.amount)) {
      const amount = JSON.stringify(entry.amount);
      fail(`${label}: amount ${amount} is not a decimal OPEN string like "1250.5" (at most 18 decimals)`);
    }
    const amount = parseEther(entry.amount);
    if (amount === 0n) fail(`${label}: amount must be more than 0 OPEN`);
    return { name: entry.name, account, amount };
  });
  return { challengePeriod: BigInt(period), rewards };
}
