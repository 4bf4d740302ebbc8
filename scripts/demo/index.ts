// The main demo: one Proof-of-Attribution reward epoch, end to end, on Hardhat's in-process chain.
// Deploys OPEN and the distributor, builds the reward tree of scripts/demo/rewards.json (or the file
// named by DEMO_REWARDS), proposes it, waits out the challenge window, accepts it, and has every
// account claim its reward itself. Writes the published tree file under reports/demo/.
//
//   npx hardhat run scripts/demo/index.ts
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";

import { buildRewardTree, rewardClaim } from "../../sdk/src/merkle/index.js";
import { parseRewards, RewardsFileError } from "./rewards.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const REWARDS_FILE = process.env.DEMO_REWARDS ?? "scripts/demo/rewards.json";
const OUT_DIR = "reports/demo";

async function main() {
  const text = await readFile(path.resolve(ROOT, REWARDS_FILE), "utf8").catch((error: Error) => {
    throw new RewardsFileError(`${REWARDS_FILE}: cannot read it (${error.message})`);
  });
  const input = parseRewards(text, REWARDS_FILE);
  const { ethers, networkHelpers } = await network.create();
  const { formatEther, keccak256, toUtf8Bytes } = ethers;
  const signers = await ethers.getSigners();
  const [admin, oracle, guardian] = [signers[0], signers.at(-2)!, signers.at(-1)!];
  // Reward accounts are the signers between the admin (#0) and the oracle and guardian (the last two).
  const accounts = signers.slice(1, -2);
  const claimers = input.rewards.map((r, i) => {
    const signer = accounts.find((s) => s.address === r.account);
    if (!signer) {
      throw new RewardsFileError(
        `${REWARDS_FILE}: rewards[${i}] (${r.name}): ${r.account} is not one of the demo chain's accounts, so it ` +
          `cannot send its own claim; use Hardhat's default accounts #1 to #${accounts.length}`,
      );
    }
    return signer;
  });
  const total = input.rewards.reduce((sum, r) => sum + r.amount, 0n);
  const chainId = (await ethers.provider.getNetwork()).chainId;
  console.log(`OpenAttribution demo: one reward epoch on Hardhat's in-process chain (chain id ${chainId})`);
  console.log(`  rewards: ${REWARDS_FILE}, ${input.rewards.length} accounts, ${formatEther(total)} OPEN in total`);

  const token = await ethers.deployContract("OpenToken", [admin.address]);
  const tokenAddress = await token.getAddress();
  const supply = formatEther(await token.totalSupply());
  console.log(`✓ deployed OpenToken at ${tokenAddress}: ${supply} OPEN minted to admin ${admin.address}`);
  const period = input.challengePeriod;
  const distributor = await ethers.deployContract("AttributionDistributor", [tokenAddress, admin.address, period]);
  const distributorAddress = await distributor.getAddress();
  console.log(`✓ deployed AttributionDistributor at ${distributorAddress} (challenge period ${period} s)`);

  await (await distributor.grantRole(await distributor.ORACLE_ROLE(), oracle.address)).wait();
  await (await distributor.grantRole(await distributor.GUARDIAN_ROLE(), guardian.address)).wait();
  console.log(`✓ granted ORACLE_ROLE to ${oracle.address} and GUARDIAN_ROLE to ${guardian.address}`);

  await (await token.approve(distributorAddress, total)).wait();
  await (await distributor.fund(total)).wait();
  console.log(`✓ funded the distributor with ${formatEther(await distributor.totalFunded())} OPEN`);

  const epoch = (await distributor.epoch()) + 1n;
  const tree = await buildRewardTree(
    chainId,
    distributorAddress,
    new Map(input.rewards.map((r) => [r.account, r.amount])),
  );
  const treeFile = `${OUT_DIR}/epoch-${epoch}.tree.json`;
  const treeJson = JSON.stringify(tree.dump(), (_, v) => (typeof v === "bigint" ? v.toString() : v), 2);
  const treeHash = keccak256(toUtf8Bytes(treeJson));
  await mkdir(path.resolve(ROOT, OUT_DIR), { recursive: true });
  await writeFile(path.resolve(ROOT, treeFile), treeJson);
  console.log(`✓ built the reward tree: ${tree.length} leaves, root ${tree.root}`);
  console.log(`✓ wrote ${treeFile} (treeHash ${treeHash})`);

  await (await distributor.connect(oracle).proposeRoot(epoch, tree.root, total, treeHash, `file://${treeFile}`)).wait();
  const { validAt } = await distributor.pendingRoot();
  const validAtTime = new Date(Number(validAt) * 1000).toISOString();
  console.log(`✓ oracle proposed the root of epoch ${epoch}; acceptable from ${validAtTime} (chain time)`);

  if ((await networkHelpers.time.latest()) < validAt) await networkHelpers.time.increaseTo(validAt);
  console.log(`… advanced chain time past the ${period} s challenge window (no veto, no dispute)`);
  await (await distributor.acceptRoot()).wait();
  console.log(`✓ accepted epoch ${await distributor.epoch()}: claims now verify against ${await distributor.root()}`);

  for (const [i, r] of input.rewards.entries()) {
    const tx = await distributor.connect(claimers[i]).claim(r.account, r.amount, rewardClaim(tree, r.account).proof);
    const receipt = (await tx.wait())!;
    console.log(
      `✓ ${r.name} claimed ${formatEther(r.amount)} OPEN (sent by the account itself, ${receipt.gasUsed} gas)`,
    );
  }

  const rows = [["account", "address", "entitled OPEN", "claimed OPEN", "balance OPEN"]];
  for (const r of input.rewards) {
    const claimed = await distributor.claimed(r.account);
    const balance = await token.balanceOf(r.account);
    if (claimed !== r.amount || balance !== r.amount) {
      const [c, b, e] = [claimed, balance, r.amount].map(formatEther);
      throw new Error(`${r.name}: claimed ${c} and holds ${b} OPEN, expected ${e}`);
    }
    rows.push([r.name, r.account, formatEther(r.amount), formatEther(claimed), formatEther(balance)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  console.log(`\n${line(rows[0])}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows.slice(1)) console.log(line(row));
  const left = await token.balanceOf(distributorAddress);
  const [funded, paid, holds] = [total, total - left, left].map(formatEther);
  console.log(`\nDistributor: funded ${funded} OPEN, paid ${paid} OPEN, holds ${holds} OPEN.`);
}

try {
  await main();
} catch (error) {
  if (!(error instanceof RewardsFileError)) throw error;
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
}
