// The machine a benchmark runs on: how idle it is, so that runs wait for quiet and report the load.
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";

/** Idle share of all cores over the next `ms` (Linux `/proc/stat`), or undefined elsewhere. */
export async function idleShare(ms: number): Promise<number | undefined> {
  const sample = async () => {
    const fields = (await readFile("/proc/stat", "utf8")).split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    return { idle: fields[3]! + fields[4]!, total: fields.reduce((sum, x) => sum + x, 0) };
  };
  try {
    const before = await sample();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const after = await sample();
    return (after.idle - before.idle) / Math.max(1, after.total - before.total);
  } catch {
    return undefined;
  }
}

/**
 * Waits (up to 10 minutes) until the machine is at least 80% idle over 2 s, so that other
 * processes do not slow one run and not another. Returns the idle share seen last.
 */
export async function waitForQuietMachine(): Promise<number | undefined> {
  const deadline = Date.now() + 10 * 60_000;
  let idle = await idleShare(2000);
  while (idle !== undefined && idle < 0.8 && Date.now() < deadline) idle = await idleShare(2000);
  return idle;
}

/** The one-minute load average, one decimal. */
export const load = () => (loadavg()[0] ?? 0).toFixed(1);

/** `x` rounded to `digits` decimals. */
export const round = (x: number, digits: number) => Number(x.toFixed(digits));
