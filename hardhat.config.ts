import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

// solc cannot be downloaded on our machines: compile with the `solc` package's soljson.js.
// Hardhat does not check the version of a compiler given by `path`, so `solc` is pinned exactly
// in package.json to the version named here.
const compiler = {
  version: "0.8.30",
  path: require.resolve("solc/soljson.js"),
  settings: {
    evmVersion: "prague",
    viaIR: true,
    // Claims are sent once per contributor per epoch, by many accounts, for years; deployment is
    // paid once. 1,000,000 runs trades a larger bytecode for the cheapest claim (measured in
    // README "Gas"), while staying below the 24 KiB code-size limit.
    optimizer: { enabled: true, runs: 1_000_000 },
  },
};

// A `--coverage` run compiles instrumented contracts. It keeps them apart, under coverage/, so it
// neither overwrites nor invalidates the normal build: CI compiles both at once on two cores, and
// gas snapshots, the SDK's generated files and deployments always use the normal artifacts.
// `COVERAGE_BUILD=1` selects that build without measuring coverage (test/sdk/anvil.test.ts's child).
const coverage = process.argv.includes("--coverage") || process.env.COVERAGE_BUILD === "1";

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  // Ignition's root: modules in deploy/modules, parameters in deploy/parameters. Hardhat Ignition 3
  // has no separate setting for the deployments folder: it is always `<paths.ignition>/deployments`,
  // so deployment journals and addresses land in deploy/deployments/<deployment id>/.
  paths: {
    ignition: "deploy",
    ...(coverage ? { artifacts: "coverage/artifacts", cache: "coverage/cache" } : {}),
  },
  networks: {
    // A local node (anvil or `hardhat node`) with the default test accounts. 127.0.0.1 rather than
    // Hardhat's default `localhost`, which may resolve to ::1 where anvil does not listen.
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    // An example RPC network. The URL and the deployer key are config variables, resolved only when
    // this network is used: `npx hardhat keystore set SEPOLIA_RPC_URL` and
    // `npx hardhat keystore set SEPOLIA_PRIVATE_KEY` (or environment variables of the same names).
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
  },
  solidity: {
    profiles: {
      // Identical on purpose: what we test and measure is what we deploy.
      default: { compilers: [compiler] },
      production: { compilers: [compiler] },
    },
  },
  test: {
    solidity: {
      profiles: {
        // Fast feedback while developing (`npm test`).
        default: {
          fuzz: { runs: 256, seed: "0x5eed" },
          invariant: { runs: 32, depth: 32, failOnRevert: true },
        },
        // CI (`HARDHAT_TEST_PROFILE=ci npm test`): the bar the issues set.
        ci: {
          fuzz: { runs: 5_000, seed: "0x5eed" },
          invariant: { runs: 256, depth: 64, failOnRevert: true },
        },
      },
    },
  },
  typechain: { outDir: coverage ? "coverage/typechain" : "types/typechain" },
});
