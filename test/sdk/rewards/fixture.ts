// The rewards tests' starting point: the suite with an oracle and a guardian, the distributor
// funded, and reward trees of two epochs built (not yet proposed), plus a local HTTP server that
// publishes tree files the way an oracle would.
//
// Mocha loads every .ts file under test/: this module has no side effect.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import { expect } from "chai";

import {
  acceptRoot,
  buildRewardTree,
  type Client,
  createClient,
  formatRewardTreeFile,
  fundDistributor,
  proposeRoot,
  type RewardTree,
} from "../../../sdk/src/index.js";
import { deploySuite, SUITE_CHALLENGE_PERIOD } from "../utils/deploy.js";

export const OPEN = 10n ** 18n;
/** What the admin funds the distributor with. */
export const FUNDED = 1_000n * OPEN;

/**
 * Deploys the suite, grants the oracle and guardian roles, funds the distributor with `FUNDED`
 * (through the SDK) and builds two epochs' cumulative trees:
 * - epoch 1: alice 100, bob 50, carol 25 OPEN;
 * - epoch 2: alice 150, bob 50, carol 40, dave 10 OPEN.
 */
export async function rewardsFixture(ethers: HardhatEthers) {
  const [admin, treasury, oracle, guardian, alice, bob, carol, dave, relayer, stranger] = await ethers.getSigners();
  const suite = await deploySuite(ethers, { admin, treasury });
  const { distributor, addresses } = suite;
  await (await distributor.grantRole(await distributor.ORACLE_ROLE(), oracle.address)).wait();
  await (await distributor.grantRole(await distributor.GUARDIAN_ROLE(), guardian.address)).wait();

  const client = (runner: HardhatEthersSigner) => createClient({ runner, addresses });
  const clients = {
    admin: await client(admin),
    oracle: await client(oracle),
    guardian: await client(guardian),
    alice: await client(alice),
    bob: await client(bob),
    carol: await client(carol),
    relayer: await client(relayer),
    stranger: await client(stranger),
    reader: await createClient({ runner: ethers.provider, addresses }),
  };
  await fundDistributor(clients.admin, { amount: FUNDED });

  const build = (amounts: [HardhatEthersSigner, bigint][]) =>
    buildRewardTree(
      clients.reader.chainId,
      addresses.attributionDistributor,
      new Map(amounts.map(([signer, amount]) => [signer.address, amount])),
    );
  const epoch1 = await build([
    [alice, 100n * OPEN],
    [bob, 50n * OPEN],
    [carol, 25n * OPEN],
  ]);
  const epoch2 = await build([
    [alice, 150n * OPEN],
    [bob, 50n * OPEN],
    [carol, 40n * OPEN],
    [dave, 10n * OPEN],
  ]);
  return {
    ...suite,
    clients,
    signers: { admin, treasury, oracle, guardian, alice, bob, carol, dave, relayer, stranger },
    trees: { epoch1, epoch2 },
  };
}

export type RewardsFixture = Awaited<ReturnType<typeof rewardsFixture>>;

/**
 * The oracle proposes `tree` (treeHash of `formatRewardTreeFile(tree)`, the text `files` serves
 * at `uri`, when given), then, unless `accept` is false, the chain waits out the challenge window
 * and anyone accepts it.
 */
export async function publishEpoch(
  f: RewardsFixture,
  networkHelpers: NetworkHelpers,
  tree: RewardTree,
  { uri = `ipfs://tree/${tree.root}`, accept = true }: { uri?: string; accept?: boolean } = {},
) {
  const proposed = await proposeRoot(f.clients.oracle, { tree, treeURI: uri });
  if (accept) {
    await networkHelpers.time.increaseTo(proposed.validAt);
    await acceptRoot(f.clients.stranger);
  }
  return proposed;
}

/** The challenge period the suite's distributor uses. */
export const CHALLENGE_PERIOD = SUITE_CHALLENGE_PERIOD;

/** A local HTTP server publishing tree files: `publish(tree)` serves its text and returns the URL. */
export type TreeServer = {
  /** Serves `text` at `/name` and returns its URL. */
  serve: (name: string, text: string) => string;
  /** Serves `formatRewardTreeFile(tree)` at `/epoch-<root>.json` and returns its URL. */
  publish: (tree: RewardTree) => string;
  /** The URL of `/name` (served or not: unknown names answer 404). */
  url: (name: string) => string;
  /** How many requests were answered. */
  requests: () => number;
  close: () => Promise<void>;
};

/** Starts a `TreeServer` on 127.0.0.1 and a free port. */
export async function startTreeServer(): Promise<TreeServer> {
  const files = new Map<string, string>();
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests++;
    const text = files.get(request.url ?? "");
    if (text === undefined) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = (name: string) => `http://127.0.0.1:${port}/${name}`;
  const serve = (name: string, text: string) => {
    files.set(`/${name}`, text);
    return url(name);
  };
  return {
    serve,
    publish: (tree) => serve(`epoch-${tree.root}.json`, formatRewardTreeFile(tree)),
    url,
    requests: () => requests,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/**
 * Runs `action`, expects it to reject with an error of `type`, and checks that no transaction was
 * sent: the sender's nonce and the chain's block number are unchanged. Returns the error.
 */
export async function expectNothingSent<E>(
  ethers: HardhatEthers,
  sender: Client | HardhatEthersSigner,
  action: () => Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const address = "address" in sender ? sender.address : await (sender.runner as HardhatEthersSigner).getAddress();
  const nonce = await ethers.provider.getTransactionCount(address);
  const block = await ethers.provider.getBlockNumber();
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the action should have thrown").to.be.instanceOf(type);
  expect(await ethers.provider.getTransactionCount(address), "the sender's nonce").to.equal(nonce);
  expect(await ethers.provider.getBlockNumber(), "the block number").to.equal(block);
  return error as E;
}
