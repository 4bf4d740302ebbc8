// Gas of whole transactions (receipt gasUsed) of the Datanet registry and the usage ledger, with
// OPEN as the stake and payment token, on the in-process chain. See README "Gas".
import { type Connection, gasOf, nextBytes32 } from "./util.js";

const STAKE = 10n ** 19n; // 10 OPEN
const REVIEW_PERIOD = 7n * 24n * 3600n;
const PRICE = 2n * 10n ** 15n; // 0.002 OPEN per call
const CID = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

export async function measureEconomy(connection: Connection): Promise<Record<string, number>> {
  const { ethers, networkHelpers: helpers } = connection;
  const [admin, treasury] = await ethers.getSigners();
  const token = await ethers.deployContract("OpenToken", [admin.address]);
  const datanets = await ethers.deployContract("DatanetRegistry", [await token.getAddress()]);
  const registryAddress = await datanets.getAddress();
  const wallet = async () => {
    const w = new ethers.Wallet(nextBytes32(), ethers.provider);
    await helpers.setBalance(w.address, 10n ** 20n);
    await gasOf(token.transfer(w.address, 10n ** 24n));
    await gasOf(token.connect(w).approve(registryAddress, ethers.MaxUint256));
    return w;
  };

  await gasOf(
    datanets.createDatanet({
      metadataURI: `${CID}/datanet.json`,
      license: "CC-BY-4.0",
      stake: STAKE,
      reviewPeriod: REVIEW_PERIOD,
      treasury: treasury.address,
    }),
  );
  const datanetId = 1n;

  /** Commits, waits a second, reveals; returns the gas of the commit and of the reveal. */
  async function contribute(from: Awaited<ReturnType<typeof wallet>>, count: number) {
    const hashes = Array.from({ length: count }, () => nextBytes32());
    const uris = hashes.map((_, i) => `${CID}/${i}.jsonl`);
    const salt = nextBytes32();
    const registry = datanets.connect(from);
    const commit = await gasOf(registry.commit(await datanets.commitmentOf(from.address, datanetId, hashes, salt)));
    await helpers.time.increase(1);
    const reveal =
      count === 1
        ? await gasOf(registry.contribute(datanetId, hashes[0], uris[0], salt))
        : await gasOf(registry.contributeBatch(datanetId, hashes, uris, salt));
    return { commit, reveal, hashes };
  }

  const gas: Record<string, number> = {};
  const alice = await wallet();
  await contribute(alice, 1);
  const single = await contribute(alice, 1);
  gas["contribute.single"] = Number(single.reveal);
  gas["contribute.commit"] = Number(single.commit);

  console.log("  adding 10,000 contributions…");
  const bulk = await wallet();
  for (let i = 0; i < 100; i++) await contribute(bulk, 100);
  gas["contribute.after10k"] = Number((await contribute(alice, 1)).reveal);

  const batch = await contribute(alice, 100);
  gas["contribute.batch100"] = Number(batch.reveal);
  gas["contribute.batch100.perItem"] = Math.round(Number(batch.reveal) / 100);
  gas["contribute.batch100.perItemWithCommit"] = Math.round(Number(batch.reveal + batch.commit) / 100);

  // 100 pending contributions of 10 contributors, reviewed in one call: 90 accepted, 10 rejected.
  const hashes: string[] = [];
  for (let i = 0; i < 10; i++) hashes.push(...(await contribute(await wallet(), 10)).hashes);
  const verdicts = hashes.map((_, i) => (i % 10 === 9 ? 3 : 0)); // 3: LowQuality
  gas["review.batch100"] = Number(await gasOf(datanets.review(datanetId, hashes, verdicts)));
  await gasOf(datanets.publishVersion(datanetId, nextBytes32(), 90n, `${CID}/v1.json`));

  Object.assign(gas, await measurePay(connection, await token.getAddress(), registryAddress));
  return gas;
}

/** A paid adapter on a model trained on version 1 of Datanet 1; a payer pays twice. */
async function measurePay({ ethers }: Connection, tokenAddress: string, datanetsAddress: string) {
  const [admin, treasury, builder, payer] = await ethers.getSigners();
  const token = await ethers.getContractAt("OpenToken", tokenAddress);
  const models = await ethers.deployContract("ModelRegistry", [datanetsAddress, admin.address]);
  const distributor = await ethers.deployContract("AttributionDistributor", [tokenAddress, admin.address, 3600n]);
  const ledger = await ethers.deployContract("UsageLedger", [
    tokenAddress,
    await models.getAddress(),
    await distributor.getAddress(),
    treasury.address,
    7_000,
    1_000,
    admin.address,
  ]);
  await gasOf(models.grantRole(await models.REGISTRAR_ROLE(), admin.address));
  await gasOf(models.grantRole(await models.TRAINER_ROLE(), admin.address));
  await gasOf(models.addBaseModel("Qwen2.5-0.5B", nextBytes32(), "https://www.apache.org/licenses/LICENSE-2.0"));
  await gasOf(models.connect(builder).createModel(1n, [{ datanetId: 1n, version: 1n }], `${CID}/model.json`));
  await gasOf(
    models.connect(builder).publishAdapter(1n, {
      adapterHash: nextBytes32(),
      configHash: nextBytes32(),
      manifestHash: nextBytes32(),
      uri: `${CID}/adapter`,
    }),
  );
  await gasOf(models.attest(1n, 8_700, nextBytes32()));
  await gasOf(models.connect(builder).activateAdapter(1n, PRICE));

  await gasOf(token.transfer(payer.address, 10n ** 24n));
  await gasOf(token.connect(payer).approve(await ledger.getAddress(), ethers.MaxUint256));
  const payerLedger = ledger.connect(payer);
  const first = await gasOf(payerLedger.pay(1n, 100n, PRICE));
  const steady = await gasOf(payerLedger.pay(1n, 100n, PRICE));
  return { "pay.first": Number(first), pay: Number(steady) };
}
