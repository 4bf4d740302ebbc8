// The chain an SDK test file runs against: Hardhat's in-process chain by default, or a real node,
// anvil, when `SDK_TEST_CHAIN=anvil`. test/sdk/anvil.test.ts runs every SDK test file that calls
// `connectTestChain()` a second time, in a child `hardhat test mocha` with `SDK_TEST_CHAIN=anvil`,
// so a test file is written once and checked on both chains.
//
// To put a test file on both chains, replace its connection (and drop `import { network } from "hardhat"`):
//
//   import { connectTestChain } from "../utils/chain.js";
//   const { ethers, networkHelpers } = await connectTestChain();
//
// Nothing else changes. Like `network.create()`, each call is a new chain: on anvil, a new anvil
// (test/utils/anvil.ts: 127.0.0.1, a free port, chain id 31337, the contracts' hardfork), stopped
// once the run is over. So a file sees no trace of another: its accounts start at nonce 0 with
// 10,000 ETH, as "sends nothing" assertions (`getTransactionCount(x) == 0`) expect. Its signers are
// anvil's 20 unlocked default accounts, the same addresses as Hardhat's (same mnemonic), and
// `networkHelpers` (loadFixture, mine, time, setBalance…) use the `evm_*`/`hardhat_*` methods anvil
// also implements (all but `setPrevRandao`).
//
// One file on anvil by hand: `SDK_TEST_CHAIN=anvil npx hardhat test mocha --no-compile <file>`.
//
// Mocha loads every .ts file under test/, this one included: importing it has no side effect.
import { network } from "hardhat";

import { type Anvil, startAnvil } from "../../utils/anvil.js";

/** The environment variable that selects the chain: unset for in-process, `anvil` for anvil. */
export const SDK_TEST_CHAIN = "SDK_TEST_CHAIN";

/** The chain `connectTestChain` connects to, from `SDK_TEST_CHAIN`. */
export function testChain(): "in-process" | "anvil" {
  const chain = process.env[SDK_TEST_CHAIN];
  if (chain === undefined || chain === "") return "in-process";
  if (chain === "anvil") return chain;
  throw new Error(`${SDK_TEST_CHAIN}=${chain}: expected "anvil", or unset for the in-process chain`);
}

/** Hardhat's in-process chain has 20 default accounts: so has each anvil. */
const ACCOUNTS = 20;
const started: Anvil[] = [];

/**
 * A new chain for a test file and a connection to it: `network.create()` (Hardhat's in-process
 * chain) by default; with `SDK_TEST_CHAIN=anvil`, a new anvil and Hardhat's `localhost` http
 * network pointed at it, with anvil's unlocked default accounts as signers.
 *
 * @example
 * const { ethers, networkHelpers } = await connectTestChain();
 * const [admin, treasury] = await ethers.getSigners();
 */
export async function connectTestChain() {
  if (testChain() === "in-process") return network.create();
  const anvil = await startAnvil({ accounts: ACCOUNTS });
  if (started.push(anvil) === 1) {
    // A root hook (files call this while mocha loads them): the anvils outlive every file's tests.
    // test/utils/anvil.ts also kills them if the process exits first.
    after(async function () {
      await Promise.all(started.splice(0).map((node) => node.stop()));
    });
  }
  return network.create({ network: "localhost", override: { url: anvil.url } });
}
