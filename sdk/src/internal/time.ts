import type { Block, Provider } from "ethers";

/**
 * Polls the latest block until one has a timestamp after `timestamp`; returns it, or `undefined`
 * once `timeout` milliseconds have passed.
 */
export async function waitForBlockAfter(
  provider: Provider,
  timestamp: bigint,
  { pollingInterval, timeout }: { pollingInterval: number; timeout: number },
): Promise<Block | undefined> {
  const start = Date.now();
  for (;;) {
    const block = await provider.getBlock("latest");
    if (block !== null && BigInt(block.timestamp) > timestamp) return block;
    if (Date.now() - start >= timeout) return undefined;
    await new Promise((resolve) => setTimeout(resolve, pollingInterval));
  }
}
