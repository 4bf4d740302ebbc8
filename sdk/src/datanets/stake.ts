import type { Client } from "../client/client.js";
import { getAllowance } from "../token/getAllowance.js";
import { getBalance } from "../token/getBalance.js";
import { InsufficientStakeBalanceError } from "./errors.js";
import { getDatanet } from "./getDatanet.js";

/**
 * The OPEN a contributor needs to stake `count` contributions to a Datanet and the registry's
 * current allowance; throws `InsufficientStakeBalanceError` if the contributor holds too little.
 */
export async function readStakeNeeds(
  client: Client,
  datanetId: bigint,
  count: number,
  contributor: string,
): Promise<{ needed: bigint; allowance: bigint }> {
  const { stake } = await getDatanet(client, { datanetId });
  const needed = stake * BigInt(count);
  if (needed === 0n) return { needed, allowance: 0n };
  const [balance, allowance] = await Promise.all([
    getBalance(client, { account: contributor }),
    getAllowance(client, { owner: contributor, spender: client.addresses.datanetRegistry }),
  ]);
  if (balance < needed) throw new InsufficientStakeBalanceError(contributor, balance, needed);
  return { needed, allowance };
}
