// The on-chain economy end to end, the way off-chain code drives it: contributions committed and
// revealed, reviewed, a version tree built with @openzeppelin/merkle-tree from the events alone,
// a model and an adapter verified by an EIP-712 signature made with ethers, a payment with an
// ERC-2612 permit, and the events an oracle indexes.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import type { EventLog, Log } from "ethers";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();
const [admin, curator, treasury, alice, bob, builder, trainer, payer, relayer] = await ethers.getSigners();

const STAKE = 10n ** 19n;
const REVIEW_PERIOD = 7n * 24n * 3600n;
const PRICE = 3n * 10n ** 15n;
const LEAF_TYPES = ["uint256", "uint256", "address", "bytes32"];
const VERDICT = { Accept: 0, LowQuality: 3 } as const;

async function deploy() {
  const token = await ethers.deployContract("OpenToken", [admin.address]);
  const tokenAddress = await token.getAddress();
  const datanets = await ethers.deployContract("DatanetRegistry", [tokenAddress]);
  const models = await ethers.deployContract("ModelRegistry", [await datanets.getAddress(), admin.address]);
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
  await models.grantRole(await models.REGISTRAR_ROLE(), admin.address);
  await models.grantRole(await models.TRAINER_ROLE(), trainer.address);
  for (const account of [alice, bob, payer]) {
    await token.transfer(account.address, 10n ** 21n);
    await token.connect(account).approve(await datanets.getAddress(), ethers.MaxUint256);
  }
  return { token, datanets, models, distributor, ledger };
}

function content(text: string) {
  return ethers.keccak256(ethers.toUtf8Bytes(text));
}

function eventsNamed(logs: readonly (Log | EventLog)[], name: string): EventLog[] {
  return logs.filter((log): log is EventLog => "eventName" in log && log.eventName === name);
}

describe("the on-chain economy", function () {
  it("runs from contribution to a funded reward pool, rebuildable from events", async function () {
    const { token, datanets, models, distributor, ledger } = await deploy();
    await datanets.createDatanet({
      metadataURI: "ipfs://datanet/medical-qa.json",
      license: "CC-BY-4.0",
      stake: STAKE,
      reviewPeriod: REVIEW_PERIOD,
      treasury: treasury.address,
    });
    await datanets.setCurator(1n, curator.address, true);

    // Alice contributes a batch of three, Bob one: commit, then reveal a second later.
    const aliceHashes = ["q1", "q2", "q3"].map(content);
    const bobHashes = [content("q4")];
    for (const [signer, hashes] of [
      [alice, aliceHashes],
      [bob, bobHashes],
    ] as const) {
      const salt = ethers.hexlify(ethers.randomBytes(32));
      await datanets.connect(signer).commit(await datanets.commitmentOf(signer.address, 1n, hashes, salt));
      await networkHelpers.time.increase(1);
      const uris = hashes.map((h) => `ipfs://content/${h}`);
      await datanets.connect(signer).contributeBatch(1n, hashes, uris, salt);
    }
    expect(await token.balanceOf(await datanets.getAddress())).to.equal(4n * STAKE);

    // The curator accepts three and rejects Bob's as low quality: his stake goes to the treasury.
    const reviewHashes = [...aliceHashes, ...bobHashes];
    await datanets
      .connect(curator)
      .review(1n, reviewHashes, [VERDICT.Accept, VERDICT.Accept, VERDICT.Accept, VERDICT.LowQuality]);
    expect(await token.balanceOf(await datanets.getAddress())).to.equal(0n);
    expect(await token.balanceOf(treasury.address)).to.equal(STAKE);

    // An indexer rebuilds the accepted set from events only, and builds the version tree.
    const contributed = await datanets.queryFilter(datanets.filters.Contributed(1n));
    const accepted = new Set(
      (await datanets.queryFilter(datanets.filters.ContributionAccepted(1n))).map((e) => e.args.contentHash),
    );
    const rejected = await datanets.queryFilter(datanets.filters.ContributionRejected(1n));
    expect(contributed.map((e) => e.args.contributionId)).to.deep.equal([1n, 2n, 3n, 4n]);
    expect(rejected.map((e) => [e.args.contentHash, e.args.reason, e.args.stakeSlashed])).to.deep.equal([
      [bobHashes[0], BigInt(VERDICT.LowQuality), STAKE],
    ]);
    const leaves = contributed
      .filter((e) => accepted.has(e.args.contentHash))
      .map((e): [bigint, bigint, string, string] => [
        1n,
        e.args.contributionId,
        e.args.contributor,
        e.args.contentHash,
      ]);
    const tree = StandardMerkleTree.of(leaves, LEAF_TYPES);
    await datanets.publishVersion(1n, tree.root, BigInt(leaves.length), "ipfs://datanet/v1.json");
    for (const [i, leaf] of tree.entries()) {
      expect(await datanets.verifyContribution(1n, 1n, leaf[3], tree.getProof(i))).to.equal(true);
    }
    expect(await datanets.verifyContribution(1n, 1n, bobHashes[0], tree.getProof(0))).to.equal(false);

    // A model on version 1; its adapter is verified by a trainer's signature, relayed by anyone.
    await models.addBaseModel("Qwen2.5-0.5B", content("base weights"), "https://www.apache.org/licenses/LICENSE-2.0");
    await models.connect(builder).createModel(1n, [{ datanetId: 1n, version: 1n }], "ipfs://model.json");
    const adapterHash = content("adapter weights");
    await models.connect(builder).publishAdapter(1n, {
      adapterHash,
      configHash: content("rank 8, alpha 16, q_proj v_proj"),
      manifestHash: content("datanet 1 v1, seed 7"),
      uri: "ipfs://adapter",
    });
    const attestation = {
      adapterId: 1n,
      adapterHash,
      score: 8_712n,
      reportHash: content("eval report"),
      deadline: BigInt(await networkHelpers.time.latest()) + 3600n,
    };
    const domain = {
      name: "OpenAttribution ModelRegistry",
      version: "1",
      chainId: (await ethers.provider.getNetwork()).chainId,
      verifyingContract: await models.getAddress(),
    };
    const types = {
      Attestation: [
        { name: "adapterId", type: "uint256" },
        { name: "adapterHash", type: "bytes32" },
        { name: "score", type: "uint32" },
        { name: "reportHash", type: "bytes32" },
        { name: "deadline", type: "uint256" },
      ],
    };
    expect(await models.attestationDigest(attestation)).to.equal(
      ethers.TypedDataEncoder.hash(domain, types, attestation),
    );
    const signature = await trainer.signTypedData(domain, types, attestation);
    await models.connect(relayer).attestWithSignature(attestation, trainer.address, signature);
    await models.connect(builder).activateAdapter(1n, PRICE);

    // A payer pays for 1,000 calls with a permit; the attribution share funds the distributor.
    const ledgerAddress = await ledger.getAddress();
    const amount = 1_000n * PRICE;
    const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
    const permit = ethers.Signature.from(
      await payer.signTypedData(
        {
          name: await token.name(),
          version: "1",
          chainId: domain.chainId,
          verifyingContract: await token.getAddress(),
        },
        {
          Permit: [
            { name: "owner", type: "address" },
            { name: "spender", type: "address" },
            { name: "value", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint256" },
          ],
        },
        { owner: payer.address, spender: ledgerAddress, value: amount, nonce: 0n, deadline },
      ),
    );
    const receipt = await (
      await ledger.connect(payer).payWithPermit(1n, 1_000n, PRICE, amount, deadline, permit.v, permit.r, permit.s)
    ).wait();
    const [paid] = eventsNamed(receipt!.logs, "Paid");
    const { builderAmount, treasuryAmount, attributionAmount } = paid.args;
    expect([paid.args.paymentId, paid.args.modelId, paid.args.adapterId, paid.args.payer]).to.deep.equal([
      1n,
      1n,
      1n,
      payer.address,
    ]);
    expect([paid.args.calls, paid.args.amount]).to.deep.equal([1_000n, amount]);
    expect(builderAmount + treasuryAmount + attributionAmount).to.equal(amount);
    expect(attributionAmount).to.equal(amount - (amount * 7_000n) / 10_000n - (amount * 1_000n) / 10_000n);
    expect(await distributor.totalFunded()).to.equal(attributionAmount);
    expect(await ledger.earnings(builder.address)).to.equal(builderAmount);
    expect(await ledger.earnings(treasury.address)).to.equal(treasuryAmount);

    // The model's sources, as the oracle reads them, point at the published version's root.
    const [created] = await models.queryFilter(models.filters.ModelCreated(1n));
    const [source] = created.args.sources;
    const version = await datanets.getVersion(source.datanetId, source.version);
    expect(version.root).to.equal(tree.root);
  });
});
