// Gas of whole transactions (receipt gasUsed) of the distributor on the in-process chain, in the
// public peers' condition: a fresh account sends its own claim with the deepest proof of a 1,000-
// and a 100,000-leaf tree, first in epoch 1 and again in epoch 2; plus one steady-state epoch's
// proposeRoot + acceptRoot (epoch 2; epoch 1 also writes never-used slots and is reported apart).
// Runs once with a plain OpenZeppelin ERC-20 and once with OPEN (ERC20Votes), whose keys are
// prefixed `open.`. See README "Gas".
import { buildRewardTree } from "../../sdk/src/merkle/index.js";
import { type Connection, gasOf, nextAddress, nextBytes32 } from "./util.js";

const CHALLENGE_PERIOD = 3600n;
const TREE_URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/epoch.json";

type TokenKind = "plain" | "open";

export async function measureDistributor({ ethers, networkHelpers }: Connection): Promise<Record<string, number>> {
  const [admin] = await ethers.getSigners();
  const chainId = (await ethers.provider.getNetwork()).chainId;

  async function deploy(kind: TokenKind) {
    const token =
      kind === "plain"
        ? await ethers.deployContract("MockERC20")
        : await ethers.deployContract("OpenToken", [admin.address]);
    if (kind === "plain") await gasOf(token.getFunction("mint")(admin.address, 10n ** 30n));
    const distributor = await ethers.deployContract("AttributionDistributor", [
      await token.getAddress(),
      admin.address,
      CHALLENGE_PERIOD,
    ]);
    await gasOf(distributor.grantRole(await distributor.ORACLE_ROLE(), admin.address));
    await gasOf(token.getFunction("approve")(await distributor.getAddress(), ethers.MaxUint256));
    await gasOf(distributor.fund(10n ** 26n));
    return distributor;
  }
  type Distributor = Awaited<ReturnType<typeof deploy>>;

  /** `size` leaves including `claimers`; returns the claimer with the deepest proof. */
  async function makeTree(size: number, distributor: string, claimers: string[], epoch: number) {
    const rewards = new Map<string, bigint>();
    for (const claimer of claimers) rewards.set(claimer, 10n ** 18n * BigInt(epoch) + 123_456_789n);
    while (rewards.size < size) rewards.set(nextAddress(), 10n ** 18n * BigInt(epoch));
    const tree = await buildRewardTree(chainId, distributor, rewards);
    let deepest = { account: "", amount: 0n, proof: [] as string[] };
    for (const [i, [, , account, amount]] of tree.entries()) {
      if (!claimers.includes(account)) continue;
      const proof = tree.getProof(i);
      if (proof.length > deepest.proof.length) deepest = { account, amount, proof };
    }
    const total = [...rewards.values()].reduce((a, b) => a + b, 0n);
    return { root: tree.root, total, deepest };
  }

  async function runEpoch(distributor: Distributor, epoch: number, root: string, total: bigint) {
    const propose = await gasOf(distributor.proposeRoot(epoch, root, total, ethers.ZeroHash, TREE_URI));
    await networkHelpers.time.increase(CHALLENGE_PERIOD);
    return propose + (await gasOf(distributor.acceptRoot()));
  }

  const gas: Record<string, number> = {};
  for (const kind of ["plain", "open"] as TokenKind[]) {
    const prefix = kind === "plain" ? "" : "open.";
    for (const [size, label] of [
      [1_000, "1k"],
      [100_000, "100k"],
    ] as const) {
      console.log(`measuring ${kind === "plain" ? "plain ERC-20" : "OPEN"}, ${label} leaves…`);
      const distributor = await deploy(kind);
      const address = await distributor.getAddress();
      const candidates = Array.from({ length: 4 }, () => new ethers.Wallet(nextBytes32(), ethers.provider));
      for (const c of candidates) await networkHelpers.setBalance(c.address, 10n ** 18n);

      const epoch1 = await makeTree(
        size,
        address,
        candidates.map((c) => c.address),
        1,
      );
      const epochGas1 = await runEpoch(distributor, 1, epoch1.root, epoch1.total);
      const claimer = candidates.find((c) => c.address === epoch1.deepest.account)!;
      const first = await gasOf(
        distributor.connect(claimer).claim(claimer.address, epoch1.deepest.amount, epoch1.deepest.proof),
      );

      const epoch2 = await makeTree(size, address, [claimer.address], 2);
      const epochGas2 = await runEpoch(distributor, 2, epoch2.root, epoch2.total);
      const repeat = await gasOf(
        distributor.connect(claimer).claim(claimer.address, epoch2.deepest.amount, epoch2.deepest.proof),
      );

      gas[`${prefix}claim.first.${label}`] = Number(first);
      gas[`${prefix}claim.repeat.${label}`] = Number(repeat);
      gas[`${prefix}claim.proofLength.${label}`] = epoch1.deepest.proof.length;
      if (size === 1_000) {
        gas[`${prefix}epoch.proposeAccept`] = Number(epochGas2);
        gas[`${prefix}epoch.proposeAccept.firstEpoch`] = Number(epochGas1);
      }
    }
  }
  return gas;
}
