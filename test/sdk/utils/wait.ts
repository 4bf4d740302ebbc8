// Waiting in tests of code that polls (watchers, the reveal wait): short real-time sleeps.

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once `condition()` holds, checking every 5 ms; gives up (resolves) after `timeout` ms. */
export async function waitUntil(condition: () => boolean, timeout = 1_000): Promise<void> {
  for (const start = Date.now(); !condition() && Date.now() - start < timeout;) await sleep(5);
}
