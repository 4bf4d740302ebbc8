import { getAddress, keccak256, toUtf8Bytes } from "ethers";
import type { ContractTransactionResponse } from "ethers";
import type { network } from "hardhat";

/** A network connection: `await network.create()`. */
export type Connection = Awaited<ReturnType<(typeof network)["create"]>>;

export async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction was dropped");
  return receipt.gasUsed;
}

// Deterministic values, so that calldata (zero bytes are cheaper) and figures repeat run to run.
let seed = 0;
export function nextBytes32(): string {
  return keccak256(toUtf8Bytes(`oa-bench-${seed++}`));
}
export function nextAddress(): string {
  return getAddress(nextBytes32().slice(0, 42));
}
