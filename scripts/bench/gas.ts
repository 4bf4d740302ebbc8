// Gas of whole transactions (receipt gasUsed) on the in-process chain: first and repeat claims by a
// fresh account sending its own claim with the deepest proof of 1,000- and 100,000-leaf trees, and
// one epoch's proposeRoot + acceptRoot. Writes reports/gas.json; see README "Gas".
import { mkdir, writeFile } from "node:fs/promises";

import { network } from "hardhat";

import { buildRewardTree } from "../lib/reward-tree.js";

const { ethers, networkHelpers } = await network.create();
const [admin] = await ethers.getSigners();
const chainId = (await ethers.provider.getNetwork()).chainId;
const CHALLENGE = 3600n;
const TREE_URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/epoch.json";

type Token = "plain" | "open";

async function deploy(kind: Token) {
  const token =
    kind === "plain"
      ? await ethers.deployContract("MockERC20")
      : await ethers.deployContract("OpenToken", [admin.address]);
  if (kind === "plain") await (await token.getFunction("mint")(admin.address, 10n ** 30n)).wait();
  const distributor = await ethers.deployContract("AttributionDistributor", [
    await token.getAddress(),
    admin.address,
    CHALLENGE,
  ]);
  await (await distributor.grantRole(await distributor.ORACLE_ROLE(), admin.address)).wait();
  await (await token.getFunction("approve")(await distributor.getAddress(), ethers.MaxUint256)).wait();
  await (await distributor.fund(10n ** 26n)).wait();
  return { token, distributor };
}

function randomAddress() {
  return ethers.getAddress(ethers.hexlify(ethers.randomBytes(20)));
}

/** Random accounts plus `claimers`; returns the tree and the claimer with the deepest proof. */
function makeTree(size: number, distributor: string, claimers: string[], round: number) {
  const rewards = new Map<string, bigint>();
  for (const c of claimers) rewards.set(c, 10n ** 18n * BigInt(round) + 123_456_789n);
  while (rewards.size < size) rewards.set(randomAddress(), 10n ** 18n * BigInt(round));
  const tree = buildRewardTree(chainId, distributor, rewards);
  let best = { account: "", proof: [] as string[], amount: 0n };
  for (const [i, [, , account, amount]] of tree.entries()) {
    if (!claimers.includes(account)) continue;
    const proof = tree.getProof(i);
    if (proof.length > best.proof.length) best = { account, proof, amount };
  }
  return { tree, total: [...rewards.values()].reduce((a, b) => a + b, 0n), best };
}

async function epoch(distributor: any, n: number, root: string, total: bigint) {
  const p = await (await distributor.proposeRoot(n, root, total, ethers.ZeroHash, TREE_URI)).wait();
  await networkHelpers.time.increase(CHALLENGE);
  const a = await (await distributor.acceptRoot()).wait();
  return p.gasUsed + a.gasUsed;
}

const gas: Record<string, number> = {};
for (const kind of ["plain", "open"] as Token[]) {
  const prefix = kind === "plain" ? "" : "open.";
  for (const size of [1_000, 100_000]) {
    const label = size === 1_000 ? "1k" : "100k";
    const { distributor } = await deploy(kind);
    const address = await distributor.getAddress();
    const claimers = Array.from({ length: 4 }, () => new ethers.Wallet(ethers.hexlify(ethers.randomBytes(32)), ethers.provider));
    for (const c of claimers) await networkHelpers.setBalance(c.address, 10n ** 18n);
    const addresses = claimers.map((c) => c.address);

    const e1 = makeTree(size, address, addresses, 1);
    const epochGas1 = await epoch(distributor, 1, e1.tree.root, e1.total);
    const claimer = claimers[addresses.indexOf(e1.best.account)];
    const first = await (await distributor.connect(claimer).claim(claimer.address, e1.best.amount, e1.best.proof)).wait();

    const e2 = makeTree(size, address, [claimer.address], 2);
    const epochGas2 = await epoch(distributor, 2, e2.tree.root, e2.total);
    const repeat = await (await distributor.connect(claimer).claim(claimer.address, e2.best.amount, e2.best.proof)).wait();

    gas[`${prefix}claim.first.${label}`] = Number(first.gasUsed);
    gas[`${prefix}claim.repeat.${label}`] = Number(repeat.gasUsed);
    gas[`${prefix}proofLength.${label}`] = e1.best.proof.length;
    if (size === 1_000) {
      gas[`${prefix}epoch.proposeAccept`] = Number(epochGas2);
      gas[`${prefix}epoch.proposeAccept.first`] = Number(epochGas1);
    }
  }
}

await mkdir("reports", { recursive: true });
await writeFile("reports/gas.json", JSON.stringify(gas, null, 2) + "\n");
console.table(Object.entries(gas).map(([key, value]) => ({ key, gas: value })));
console.log("wrote reports/gas.json");
