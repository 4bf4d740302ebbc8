// The usage tests' starting point: the models fixture (suite, roles, published Datanet versions)
// plus model 1 with adapter 1 verified and active at PRICE, adapter 2 only published, and a payer
// holding FUNDS OPEN. Importing this file has no side effect.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import { id } from "ethers";

import { activateAdapter, attest, createClient } from "../../../sdk/src/index.js";
import { ADAPTER_WEIGHTS, addTestModel, modelsFixture } from "../models/fixture.js";

/** Adapter 1's price per call, in OPEN wei. */
export const PRICE = 3n * 10n ** 15n;
/** What the payer holds at the start, in OPEN wei. */
export const FUNDS = 10n ** 19n;

export async function usageFixture(ethers: HardhatEthers, networkHelpers: NetworkHelpers) {
  const base = await modelsFixture(ethers, networkHelpers);
  const adapterWeights = [ADAPTER_WEIGHTS, new TextEncoder().encode("adapter weights v2")];
  await addTestModel(base, { datanetId: 2n, version: 1n }, adapterWeights);
  await attest(base.trainer, { adapterId: 1n, score: 90n, reportHash: id("report") });
  await activateAdapter(base.builder, { adapterId: 1n, pricePerCall: PRICE });
  const { admin, stranger, treasury } = base.signers;
  await (await base.token.connect(admin).transfer(stranger.address, FUNDS)).wait();
  return {
    ...base,
    /** Holds FUNDS OPEN and has approved nothing. */
    payer: base.stranger,
    /** The ledger's treasury. */
    treasuryClient: await createClient({ runner: treasury, addresses: base.addresses }),
  };
}

export type UsageFixture = Awaited<ReturnType<typeof usageFixture>>;
