// The production Ignition modules (deploy/modules) on the in-process chain, with the parameters of
// deploy/parameters/localhost.json: every address, constructor argument and role they wire.
import { readFile } from "node:fs/promises";

import { expect } from "chai";
import { network } from "hardhat";

import AdminHandover from "../../deploy/modules/AdminHandover.js";
import OpenAttribution from "../../deploy/modules/OpenAttribution.js";

const PARAMETERS_FILE = new URL("../../deploy/parameters/localhost.json", import.meta.url);
const parameters = JSON.parse(await readFile(PARAMETERS_FILE, "utf8")) as {
  OpenAttribution: {
    openRecipient: string;
    treasury: string;
    oracle: string;
    guardian: string;
    registrar: string;
    trainer: string;
    challengePeriod: number;
    builderBps: number;
    treasuryBps: number;
  };
  AdminHandover: { admin: string };
};
const p = parameters.OpenAttribution;
const ADMIN_DELAY = 2n * 24n * 3600n;
const DEFAULT_ADMIN_ROLE = "0x" + "00".repeat(32);

/** Deploys `module` on a fresh in-process chain and returns typed contracts and the deployer. */
async function deploy(module: typeof OpenAttribution | typeof AdminHandover) {
  const { ignition, ethers, networkHelpers } = await network.create();
  const deployed = await ignition.deploy(module, { parameters });
  const [deployer] = await ethers.getSigners();
  return {
    ethers,
    networkHelpers,
    deployer,
    openToken: await ethers.getContractAt("OpenToken", await deployed.openToken.getAddress()),
    datanetRegistry: await ethers.getContractAt("DatanetRegistry", await deployed.datanetRegistry.getAddress()),
    modelRegistry: await ethers.getContractAt("ModelRegistry", await deployed.modelRegistry.getAddress()),
    attributionDistributor: await ethers.getContractAt(
      "AttributionDistributor",
      await deployed.attributionDistributor.getAddress(),
    ),
    usageLedger: await ethers.getContractAt("UsageLedger", await deployed.usageLedger.getAddress()),
  };
}

describe("OpenAttribution (Ignition module)", function () {
  it("names its futures OpenAttribution#<ContractName>, as `npm run generate` reads them", function () {
    expect(OpenAttribution.id).to.equal("OpenAttribution");
    const ids = [...OpenAttribution.futures].map((future) => future.id);
    for (const name of ["OpenToken", "DatanetRegistry", "ModelRegistry", "AttributionDistributor", "UsageLedger"]) {
      expect(ids).to.include(`OpenAttribution#${name}`);
    }
    expect(Object.keys(OpenAttribution.results).sort()).to.deep.equal([
      "attributionDistributor",
      "datanetRegistry",
      "modelRegistry",
      "openToken",
      "usageLedger",
    ]);
  });

  it("deploys five distinct contracts wired to each other", async function () {
    const { ethers, openToken, datanetRegistry, modelRegistry, attributionDistributor, usageLedger } =
      await deploy(OpenAttribution);
    const addresses = await Promise.all(
      [openToken, datanetRegistry, modelRegistry, attributionDistributor, usageLedger].map((c) => c.getAddress()),
    );
    expect(new Set(addresses).size).to.equal(5);
    for (const address of addresses) expect(await ethers.provider.getCode(address)).to.not.equal("0x");
    const [token, datanets, models, distributor] = addresses;

    expect(await datanetRegistry.token()).to.equal(token);
    expect(await modelRegistry.datanets()).to.equal(datanets);
    expect(await attributionDistributor.token()).to.equal(token);
    expect(await usageLedger.token()).to.equal(token);
    expect(await usageLedger.models()).to.equal(models);
    expect(await usageLedger.distributor()).to.equal(distributor);
  });

  it("applies the constructor parameters", async function () {
    const { openToken, attributionDistributor, usageLedger } = await deploy(OpenAttribution);
    const supply = await openToken.TOTAL_SUPPLY();
    expect(await openToken.totalSupply()).to.equal(supply);
    expect(await openToken.balanceOf(p.openRecipient)).to.equal(supply);
    expect(await attributionDistributor.challengePeriod()).to.equal(BigInt(p.challengePeriod));
    expect(await usageLedger.treasury()).to.equal(p.treasury);
    const [builderBps, treasuryBps, attributionBps] = await usageLedger.feeSplit();
    expect([builderBps, treasuryBps, attributionBps]).to.deep.equal([
      BigInt(p.builderBps),
      BigInt(p.treasuryBps),
      10_000n - BigInt(p.builderBps) - BigInt(p.treasuryBps),
    ]);
    // The ledger pre-approves the distributor to pull the attribution share.
    expect(
      await openToken.allowance(await usageLedger.getAddress(), await attributionDistributor.getAddress()),
    ).to.equal(2n ** 256n - 1n);
  });

  it("grants each role to its configured account only, and keeps the deployer as admin", async function () {
    const { ethers, deployer, modelRegistry, attributionDistributor, usageLedger } = await deploy(OpenAttribution);
    const ORACLE_ROLE = await attributionDistributor.ORACLE_ROLE();
    const GUARDIAN_ROLE = await attributionDistributor.GUARDIAN_ROLE();
    const REGISTRAR_ROLE = await modelRegistry.REGISTRAR_ROLE();
    const TRAINER_ROLE = await modelRegistry.TRAINER_ROLE();
    const holders: [typeof attributionDistributor | typeof modelRegistry, string, string][] = [
      [attributionDistributor, ORACLE_ROLE, p.oracle],
      [attributionDistributor, GUARDIAN_ROLE, p.guardian],
      [modelRegistry, REGISTRAR_ROLE, p.registrar],
      [modelRegistry, TRAINER_ROLE, p.trainer],
    ];
    const everyone = [deployer.address, p.openRecipient, p.treasury, p.oracle, p.guardian, p.registrar, p.trainer];
    for (const [contract, role, holder] of holders) {
      for (const account of everyone) expect(await contract.hasRole(role, account)).to.equal(account === holder);
    }
    for (const contract of [modelRegistry, attributionDistributor, usageLedger]) {
      expect(await contract.defaultAdmin()).to.equal(deployer.address);
      expect(await contract.defaultAdminDelay()).to.equal(ADMIN_DELAY);
      const [pending] = await contract.pendingDefaultAdmin();
      expect(pending).to.equal(ethers.ZeroAddress);
    }
  });
});

describe("AdminHandover (Ignition module)", function () {
  it("deploys the suite under OpenAttribution#<ContractName>", function () {
    const ids = [...AdminHandover.submodules].map((module) => module.id);
    expect(ids).to.deep.equal(["OpenAttribution"]);
    expect(Object.keys(AdminHandover.results).sort()).to.deep.equal(Object.keys(OpenAttribution.results).sort());
  });

  it("begins the admin transfer to the configured admin, who takes over after the 2-day delay", async function () {
    const { ethers, networkHelpers, deployer, modelRegistry, attributionDistributor, usageLedger } =
      await deploy(AdminHandover);
    const admin = await ethers.getSigner(parameters.AdminHandover.admin);
    const contracts = [modelRegistry, attributionDistributor, usageLedger];
    const now = BigInt(await networkHelpers.time.latest());
    for (const contract of contracts) {
      const [pending, schedule] = await contract.pendingDefaultAdmin();
      expect(pending).to.equal(admin.address);
      expect(schedule).to.be.greaterThan(now);
      expect(schedule).to.be.at.most(now + ADMIN_DELAY);
      // Until then the deployer is still the admin.
      expect(await contract.defaultAdmin()).to.equal(deployer.address);
    }
    // Roles were granted before the handover and survive it.
    expect(await attributionDistributor.hasRole(await attributionDistributor.ORACLE_ROLE(), p.oracle)).to.equal(true);

    await networkHelpers.time.increase(ADMIN_DELAY);
    for (const contract of contracts) {
      await contract.connect(admin).acceptDefaultAdminTransfer();
      expect(await contract.defaultAdmin()).to.equal(admin.address);
      expect(await contract.hasRole(DEFAULT_ADMIN_ROLE, deployer.address)).to.equal(false);
    }
  });
});
