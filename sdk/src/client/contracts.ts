import { Contract } from "ethers";

import {
  attributionDistributorAbi,
  datanetRegistryAbi,
  modelRegistryAbi,
  openTokenAbi,
  usageLedgerAbi,
} from "../generated/abis.js";
import type {
  AttributionDistributor,
  DatanetRegistry,
  ModelRegistry,
  OpenToken,
  UsageLedger,
} from "../generated/typechain/index.js";
import type { Client } from "./client.js";

/** Typed ethers contracts of the client's deployment, connected to its runner. */
export function openToken(client: Client): OpenToken {
  return new Contract(client.addresses.openToken, openTokenAbi, client.runner) as unknown as OpenToken;
}

export function datanetRegistry(client: Client): DatanetRegistry {
  return new Contract(
    client.addresses.datanetRegistry,
    datanetRegistryAbi,
    client.runner,
  ) as unknown as DatanetRegistry;
}

export function modelRegistry(client: Client): ModelRegistry {
  return new Contract(client.addresses.modelRegistry, modelRegistryAbi, client.runner) as unknown as ModelRegistry;
}

export function usageLedger(client: Client): UsageLedger {
  return new Contract(client.addresses.usageLedger, usageLedgerAbi, client.runner) as unknown as UsageLedger;
}

export function attributionDistributor(client: Client): AttributionDistributor {
  return new Contract(
    client.addresses.attributionDistributor,
    attributionDistributorAbi,
    client.runner,
  ) as unknown as AttributionDistributor;
}
