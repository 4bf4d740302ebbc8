// Version trees and published versions through the SDK: the tree matches OpenZeppelin's, the
// registry verifies its proofs, and manifests round-trip through JSON.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";

import {
  buildVersionTree,
  ContractRevertError,
  ContributionNotInTreeError,
  contribute,
  createClient,
  createDatanet,
  EmptyStringError,
  encodePublishVersion,
  getDatanet,
  getVersion,
  getVersions,
  hashContent,
  InvalidHashError,
  InvalidIdError,
  loadVersionTree,
  NoAcceptedContributionsError,
  publishVersion,
  review,
  verifyContribution,
  VERSION_LEAF_TYPES,
  type Client,
  type VersionTree,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { deploySuite } from "../utils/deploy.js";

const { ethers, networkHelpers } = await connectTestChain();
const [admin, treasury, owner, alice, bob, stranger] = await ethers.getSigners();

const text = (value: string) => ethers.toUtf8Bytes(value);
const caught = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);
const [q1, q2, q3, q4] = ["q1", "q2", "q3", "q4"].map((t) => hashContent(text(t)));

async function add(client: Client, ...names: string[]) {
  return contribute(client, {
    datanetId: 1n,
    contents: names.map((name) => ({ bytes: text(name), uri: `ipfs://${name}` })),
    onCommitted: () => networkHelpers.mine(),
  });
}

/** Datanet 1 (no stake): Alice's q1..q3 and Bob's q4; q1, q2 and q4 accepted, q3 rejected. */
async function fixture() {
  const suite = await deploySuite(ethers, { admin, treasury });
  const client = (runner: typeof owner) => createClient({ runner, addresses: suite.addresses });
  const clients = {
    owner: await client(owner),
    alice: await client(alice),
    bob: await client(bob),
    stranger: await client(stranger),
    reader: await createClient({ runner: ethers.provider, addresses: suite.addresses }),
  };
  await createDatanet(clients.owner, {
    metadataURI: "ipfs://datanet/1",
    license: "CC-BY-4.0",
    stake: 0n,
    reviewPeriod: 3600n,
    treasury: treasury.address,
  });
  await add(clients.alice, "q1", "q2", "q3");
  await add(clients.bob, "q4");
  await review(clients.owner, {
    datanetId: 1n,
    reviews: [
      { contentHash: q4, verdict: "Accept" },
      { contentHash: q1, verdict: "Accept" },
      { contentHash: q3, verdict: "OffTopic" },
      { contentHash: q2, verdict: "Accept" },
    ],
  });
  return { ...suite, ...clients };
}

const accepted = () => [
  { contributionId: 4n, contributor: bob.address, contentHash: q4 },
  { contributionId: 1n, contributor: alice.address.toLowerCase(), contentHash: q1 },
  { contributionId: 2n, contributor: alice.address, contentHash: q2.toUpperCase().replace("0X", "0x") },
];

describe("buildVersionTree", function () {
  it("builds the tree OpenZeppelin's StandardMerkleTree builds, leaves by contribution id", async function () {
    const tree = await buildVersionTree(1n, accepted());
    const reference = StandardMerkleTree.of(
      [
        [1n, 1n, alice.address, q1],
        [1n, 2n, alice.address, q2],
        [1n, 4n, bob.address, q4],
      ],
      [...VERSION_LEAF_TYPES],
    );
    expect(tree.root).to.equal(reference.root);
    expect(tree.length).to.equal(3);
    expect(tree.leaves.map((l) => [l.datanetId, l.contributionId, l.contributor, l.contentHash])).to.deep.equal([
      [1n, 1n, alice.address, q1],
      [1n, 2n, alice.address, q2],
      [1n, 4n, bob.address, q4],
    ]);
    expect(tree.getProof(4n)).to.deep.equal(reference.getProof(2));
  });

  it("throws NoAcceptedContributionsError for no leaves and ContributionNotInTreeError for a missing id", async function () {
    expect(await caught(buildVersionTree(1n, []))).to.be.instanceOf(NoAcceptedContributionsError);
    const tree = await buildVersionTree(1n, accepted());
    expect(() => tree.getProof(3n)).to.throw(ContributionNotInTreeError);
  });

  it("throws InvalidIdError and InvalidHashError for malformed leaves", async function () {
    const [first] = accepted();
    expect(await caught(buildVersionTree(0n, [first]))).to.be.instanceOf(InvalidIdError);
    expect(await caught(buildVersionTree(1n, [{ ...first, contributionId: 0n }]))).to.be.instanceOf(InvalidIdError);
    expect(await caught(buildVersionTree(1n, [{ ...first, contentHash: "0x12" }]))).to.be.instanceOf(InvalidHashError);
  });
});

describe("loadVersionTree", function () {
  it("loads a manifest that went through JSON, with the same root and proofs", async function () {
    const tree = await buildVersionTree(1n, accepted());
    const loaded = await loadVersionTree(JSON.parse(JSON.stringify(tree.dump())));
    expect(loaded.root).to.equal(tree.root);
    expect(loaded.leaves).to.deep.equal(tree.leaves);
    expect(loaded.getProof(2n)).to.deep.equal(tree.getProof(2n));
  });

  it("refuses a manifest whose leaves were tampered with", async function () {
    const dump = (await buildVersionTree(1n, accepted())).dump();
    dump.values[0]!.value[2] = stranger.address;
    expect(await caught(loadVersionTree(dump))).to.be.instanceOf(Error);
  });
});

describe("publishVersion", function () {
  it("builds the tree of the accepted contributions from events, publishes its manifest, and records the root", async function () {
    const { owner: client, reader } = await networkHelpers.loadFixture(fixture);
    let published: VersionTree | undefined;
    const result = await publishVersion(client, {
      datanetId: 1n,
      manifestURI: (tree) => {
        published = tree;
        return `ipfs://manifest/${tree.root}`;
      },
      blockRange: 3,
    });
    expect(published).to.equal(result.tree);
    expect([result.version, result.count, result.root]).to.deep.equal([
      1n,
      3n,
      (await buildVersionTree(1n, accepted())).root,
    ]);
    expect(result.manifestURI).to.equal(`ipfs://manifest/${result.root}`);
    const version = await getVersion(reader, { datanetId: 1n, version: 1n });
    expect([version.root, version.count, version.manifestURI]).to.deep.equal([result.root, 3n, result.manifestURI]);
    expect((await getDatanet(reader, { datanetId: 1n })).versionCount).to.equal(1n);

    for (const leaf of result.tree.leaves) {
      const proof = result.tree.getProof(leaf.contributionId);
      expect(
        await verifyContribution(reader, { datanetId: 1n, version: 1n, contentHash: leaf.contentHash, proof }),
      ).to.equal(true);
    }
    // A rejected contribution is in no version; an accepted one needs its own proof.
    const proofOf1 = result.tree.getProof(1n);
    expect(await verifyContribution(reader, { datanetId: 1n, version: 1n, contentHash: q3, proof: proofOf1 })).to.equal(
      false,
    );
    const proofOf4 = result.tree.getProof(4n);
    expect(await verifyContribution(reader, { datanetId: 1n, version: 1n, contentHash: q1, proof: proofOf4 })).to.equal(
      false,
    );
  });

  it("publishes a given tree and manifest URI, and getVersions lists every version", async function () {
    const { owner: client, reader } = await networkHelpers.loadFixture(fixture);
    const tree = await buildVersionTree(1n, accepted().slice(0, 2));
    await publishVersion(client, { datanetId: 1n, tree, manifestURI: "ipfs://v1" });
    await publishVersion(client, { datanetId: 1n, manifestURI: "ipfs://v2" });
    await publishVersion(client, { datanetId: 1n, manifestURI: "ipfs://v3" });
    const versions = await getVersions(reader, { datanetId: 1n, pageSize: 2n });
    expect(versions.map((v) => [v.version, v.count, v.manifestURI])).to.deep.equal([
      [1n, 2n, "ipfs://v1"],
      [2n, 3n, "ipfs://v2"],
      [3n, 3n, "ipfs://v3"],
    ]);
    expect(versions[0]!.root).to.equal(tree.root);
    expect((await getVersions(reader, { datanetId: 1n, fromVersion: 3n })).map((v) => v.version)).to.deep.equal([3n]);
  });

  it("reverts with DatanetVersionCountOutOfRange when the tree has more leaves than accepted contributions", async function () {
    const { owner: client } = await networkHelpers.loadFixture(fixture);
    const tree = await buildVersionTree(1n, [
      ...accepted(),
      { contributionId: 3n, contributor: alice.address, contentHash: q3 },
    ]);
    const error = (await caught(
      publishVersion(client, { datanetId: 1n, tree, manifestURI: "ipfs://v" }),
    )) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect([error.errorName, error.args.count, error.args.acceptedCount]).to.deep.equal([
      "DatanetVersionCountOutOfRange",
      4n,
      3n,
    ]);
  });

  it("throws NoAcceptedContributionsError when the blocks read hold no acceptance, and EmptyStringError for an empty URI", async function () {
    const { owner: client } = await networkHelpers.loadFixture(fixture);
    const latest = await ethers.provider.getBlockNumber();
    expect(
      await caught(publishVersion(client, { datanetId: 1n, manifestURI: "ipfs://v", fromBlock: latest + 1 })),
    ).to.be.instanceOf(NoAcceptedContributionsError);
    expect(await caught(publishVersion(client, { datanetId: 1n, manifestURI: "" }))).to.be.instanceOf(EmptyStringError);
    expect(await caught(publishVersion(client, { datanetId: 1n, manifestURI: () => "" }))).to.be.instanceOf(
      EmptyStringError,
    );
  });
});

describe("encodePublishVersion", function () {
  it("builds the calldata the owner can send from anywhere", async function () {
    const { owner: client, reader } = await networkHelpers.loadFixture(fixture);
    const tree = await buildVersionTree(1n, accepted());
    const request = encodePublishVersion(client, {
      datanetId: 1n,
      root: tree.root,
      count: BigInt(tree.length),
      manifestURI: "ipfs://multisig",
    });
    expect(request.to).to.equal(client.addresses.datanetRegistry);
    await (await owner.sendTransaction(request)).wait();
    expect((await getVersion(reader, { datanetId: 1n, version: 1n })).root).to.equal(tree.root);
    expect(() =>
      encodePublishVersion(client, { datanetId: 1n, root: ethers.ZeroHash, count: 1n, manifestURI: "u" }),
    ).to.throw(InvalidHashError);
  });
});

describe("getVersion and verifyContribution", function () {
  it("revert with DatanetUnknownVersion for a version not published", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const error = (await caught(getVersion(reader, { datanetId: 1n, version: 1n }))) as ContractRevertError;
    expect([error.errorName, error.args.datanetId, error.args.version]).to.deep.equal([
      "DatanetUnknownVersion",
      1n,
      1n,
    ]);
    const verify = (await caught(
      verifyContribution(reader, { datanetId: 1n, version: 2n, contentHash: q1, proof: [] }),
    )) as ContractRevertError;
    expect(verify.errorName).to.equal("DatanetUnknownVersion");
  });
});
