// Deploys the whole suite on a Hardhat network connection, as the SDK tests need it: one place,
// so every SDK test file (token, datanets, models, usage, rewards) deploys the same contracts.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import type { Addresses } from "../../../sdk/src/index.js";

/** The challenge period of the distributor and the fee split of the ledger the suite uses. */
export const SUITE_CHALLENGE_PERIOD = 3600n;
export const SUITE_BUILDER_BPS = 7_000n;
export const SUITE_TREASURY_BPS = 1_000n;

export type DeploySuiteParameters = {
  /** Receives the whole OPEN supply and holds `DEFAULT_ADMIN_ROLE` of the model registry, ledger and distributor. */
  admin: HardhatEthersSigner;
  /** The usage ledger's treasury. */
  treasury: HardhatEthersSigner;
};

/** Deploys OPEN, the Datanet and model registries, the distributor and the usage ledger. */
export async function deploySuite(ethers: HardhatEthers, { admin, treasury }: DeploySuiteParameters) {
  const token = await ethers.deployContract("OpenToken", [admin.address], admin);
  const datanets = await ethers.deployContract("DatanetRegistry", [await token.getAddress()], admin);
  const models = await ethers.deployContract("ModelRegistry", [await datanets.getAddress(), admin.address], admin);
  const distributor = await ethers.deployContract(
    "AttributionDistributor",
    [await token.getAddress(), admin.address, SUITE_CHALLENGE_PERIOD],
    admin,
  );
  const ledger = await ethers.deployContract(
    "UsageLedger",
    [
      await token.getAddress(),
      await models.getAddress(),
      await distributor.getAddress(),
      treasury.address,
      SUITE_BUILDER_BPS,
      SUITE_TREASURY_BPS,
      admin.address,
    ],
    admin,
  );
  const addresses: Addresses = {
    openToken: await token.getAddress(),
    datanetRegistry: await datanets.getAddress(),
    modelRegistry: await models.getAddress(),
    usageLedger: await ledger.getAddress(),
    attributionDistributor: await distributor.getAddress(),
  };
  return { addresses, token, datanets, models, distributor, ledger };
}

export type Suite = Awaited<ReturnType<typeof deploySuite>>;
