// Loading a published reward tree and verifying it against the chain: the file's integrity, its
// leaves' chain and distributor, its root (accepted or pending) and the tree hash the oracle posted.
import { expect } from "chai";
import { Wallet, ZeroHash } from "ethers";

import {
  buildRewardTree,
  formatRewardTreeFile,
  hashRewardTreeFile,
  loadRewardTree,
  MerkleInvalidDumpError,
  NoAcceptedRootError,
  NoPendingRootError,
  RewardTreeFileError,
  RewardTreeHashMismatchError,
  RewardTreeLeafEncodingError,
  RewardTreeRootMismatchError,
  RewardTreeUnsupportedURIError,
  RewardTreeWrongDistributorError,
  RootProposalNotFoundError,
  StandardTree,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { OPEN, publishEpoch, rewardsFixture, startTreeServer } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();
const server = await startTreeServer();
after(() => server.close());

/** Epoch 1 published on the server and accepted; epoch 2 published and pending. */
async function fixture() {
  const f = await rewardsFixture(ethers);
  const url1 = server.publish(f.trees.epoch1);
  await publishEpoch(f, networkHelpers, f.trees.epoch1, { uri: url1 });
  const url2 = server.publish(f.trees.epoch2);
  const pending = await publishEpoch(f, networkHelpers, f.trees.epoch2, { uri: url2, accept: false });
  return { ...f, url1, url2, validAt2: pending.validAt };
}

/** Nothing proposed yet. */
const freshFixture = () => rewardsFixture(ethers);

const compact = (text: string) => JSON.stringify(JSON.parse(text));

describe("loadRewardTree", function () {
  it("fetches the accepted tree from the URI posted with its root and checks root and tree hash", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const before = server.requests();
    const loaded = await loadRewardTree(f.clients.reader);
    expect(server.requests()).to.equal(before + 1);
    expect(loaded.tree.root).to.equal(f.trees.epoch1.root);
    expect([loaded.against, loaded.root, loaded.epoch]).to.deep.equal(["accepted", f.trees.epoch1.root, 1n]);
    expect(loaded.totalCumulative).to.equal(175n * OPEN);
    expect(loaded.treeURI).to.equal(f.url1);
    expect(loaded.treeHash).to.equal(hashRewardTreeFile(formatRewardTreeFile(f.trees.epoch1)));
    expect([loaded.treeHashChecked, loaded.validAt]).to.deep.equal([true, undefined]);
  });

  it("loads the same tree from its JSON text, its bytes, its URL and its parsed object", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const text = formatRewardTreeFile(f.trees.epoch1);
    const fromText = await loadRewardTree(f.clients.reader, { source: text });
    const fromBytes = await loadRewardTree(f.clients.reader, { source: new TextEncoder().encode(text) });
    const fromUrl = await loadRewardTree(f.clients.reader, { source: new URL(f.url1) });
    for (const loaded of [fromText, fromBytes, fromUrl]) {
      expect([loaded.root, loaded.treeHashChecked]).to.deep.equal([f.trees.epoch1.root, true]);
    }
    expect(fromUrl.treeURI).to.equal(f.url1);
    expect(fromText.treeURI).to.equal(f.url1); // learned from the proposal while checking the hash

    const fromObject = await loadRewardTree(f.clients.reader, { source: JSON.parse(text) });
    expect(fromObject.root).to.equal(f.trees.epoch1.root);
    expect([fromObject.treeHash, fromObject.treeHashChecked]).to.deep.equal([undefined, false]);
  });

  it("refuses a tampered file (an amount changed) with MerkleInvalidDumpError", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const text = formatRewardTreeFile(f.trees.epoch1);
    const tampered = text.replace(`"${100n * OPEN}"`, `"${1_000n * OPEN}"`);
    expect(tampered).to.not.equal(text);
    const error = await loadRewardTree(f.clients.reader, { source: tampered }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MerkleInvalidDumpError);
  });

  it("refuses a consistent tree with other amounts: RewardTreeRootMismatchError against the accepted root", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const { alice } = f.signers;
    const forged = await buildRewardTree(
      f.clients.reader.chainId,
      f.addresses.attributionDistributor,
      new Map([[alice.address, 1_000n * OPEN]]),
    );
    const error = await loadRewardTree(f.clients.reader, { source: formatRewardTreeFile(forged) }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(RewardTreeRootMismatchError);
    const mismatch = error as RewardTreeRootMismatchError;
    expect([mismatch.against, mismatch.expected, mismatch.expectedEpoch]).to.deep.equal([
      "accepted",
      f.trees.epoch1.root,
      1n,
    ]);
    expect(mismatch.actual).to.equal(forged.root);
    expect([mismatch.pending, mismatch.acceptedEpoch]).to.deep.equal([undefined, undefined]);
  });

  it("refuses a tree for another distributor, and one for another chain: RewardTreeWrongDistributorError", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const rewards = new Map([[f.signers.alice.address, 100n * OPEN]]);
    const other = Wallet.createRandom().address;
    const otherDistributor = await buildRewardTree(f.clients.reader.chainId, other, rewards);
    const error = await loadRewardTree(f.clients.reader, { source: formatRewardTreeFile(otherDistributor) }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(RewardTreeWrongDistributorError);
    const wrong = error as RewardTreeWrongDistributorError;
    expect([wrong.index, wrong.chainId, wrong.distributor]).to.deep.equal([0, f.clients.reader.chainId, other]);
    expect(wrong.expectedDistributor).to.equal(f.addresses.attributionDistributor);

    const otherChain = await buildRewardTree(1n, f.addresses.attributionDistributor, rewards);
    const chainError = await loadRewardTree(f.clients.reader, { source: otherChain.dump() }).catch((e: unknown) => e);
    expect(chainError).to.be.instanceOf(RewardTreeWrongDistributorError);
    expect((chainError as RewardTreeWrongDistributorError).chainId).to.equal(1n);
    expect((chainError as RewardTreeWrongDistributorError).expectedChainId).to.equal(f.clients.reader.chainId);
  });

  it("says a pending epoch's tree is for epoch 2 and when it becomes claimable; loads it against the pending root", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const error = await loadRewardTree(f.clients.reader, { source: new URL(f.url2) }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RewardTreeRootMismatchError);
    const mismatch = error as RewardTreeRootMismatchError;
    expect(mismatch.pending).to.deep.equal({
      epoch: 2n,
      root: f.trees.epoch2.root,
      validAt: f.validAt2,
      disputed: false,
    });

    const pending = await loadRewardTree(f.clients.reader, { against: "pending" });
    expect([pending.against, pending.root, pending.epoch]).to.deep.equal(["pending", f.trees.epoch2.root, 2n]);
    expect([pending.validAt, pending.treeURI, pending.treeHashChecked]).to.deep.equal([f.validAt2, f.url2, true]);
    expect(pending.totalCumulative).to.equal(250n * OPEN);

    const accepted = await loadRewardTree(f.clients.reader, { against: "pending", source: new URL(f.url1) }).catch(
      (e: unknown) => e,
    );
    expect(accepted).to.be.instanceOf(RewardTreeRootMismatchError);
    expect((accepted as RewardTreeRootMismatchError).acceptedEpoch).to.equal(1n);
  });

  it("refuses a re-serialized file with RewardTreeHashMismatchError, unless treeHash is false or given", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const posted = hashRewardTreeFile(formatRewardTreeFile(f.trees.epoch1));
    const text = compact(formatRewardTreeFile(f.trees.epoch1)); // same tree, other bytes
    const error = await loadRewardTree(f.clients.reader, { source: text }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RewardTreeHashMismatchError);
    const mismatch = error as RewardTreeHashMismatchError;
    expect([mismatch.expected, mismatch.actual]).to.deep.equal([posted, hashRewardTreeFile(text)]);

    const unchecked = await loadRewardTree(f.clients.reader, { source: text, treeHash: false });
    expect([unchecked.root, unchecked.treeHashChecked]).to.deep.equal([f.trees.epoch1.root, false]);
    const given = await loadRewardTree(f.clients.reader, { source: text, treeHash: hashRewardTreeFile(text) });
    expect(given.treeHashChecked).to.equal(true);
  });

  it("skips the hash check when the oracle posted the zero tree hash", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await f.distributor.connect(f.signers.guardian).vetoRoot();
    const tree = f.trees.epoch2;
    await f.distributor.connect(f.signers.oracle).proposeRoot(2n, tree.root, 250n * OPEN, ZeroHash, f.url2);
    const loaded = await loadRewardTree(f.clients.reader, { against: "pending" });
    expect([loaded.root, loaded.treeHashChecked]).to.deep.equal([tree.root, false]);
    expect(loaded.treeHash).to.equal(hashRewardTreeFile(formatRewardTreeFile(tree)));
  });

  it("refuses an ipfs:// URI without a fetch for it (RewardTreeUnsupportedURIError), and uses a given fetch", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await f.distributor.connect(f.signers.guardian).vetoRoot();
    const tree = f.trees.epoch2;
    const hash = hashRewardTreeFile(formatRewardTreeFile(tree));
    await f.distributor.connect(f.signers.oracle).proposeRoot(2n, tree.root, 250n * OPEN, hash, "ipfs://bafy-epoch-2");
    const error = await loadRewardTree(f.clients.reader, { against: "pending" }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RewardTreeUnsupportedURIError);
    expect((error as RewardTreeUnsupportedURIError).uri).to.equal("ipfs://bafy-epoch-2");

    const requested: string[] = [];
    const loaded = await loadRewardTree(f.clients.reader, {
      against: "pending",
      fetch: (uri) => {
        requested.push(uri);
        return fetch(f.url2);
      },
    });
    expect(requested).to.deep.equal(["ipfs://bafy-epoch-2"]);
    expect([loaded.root, loaded.treeHashChecked, loaded.treeURI]).to.deep.equal([
      tree.root,
      true,
      "ipfs://bafy-epoch-2",
    ]);
  });

  it("throws RewardTreeFileError for a 404 and for a file that is not JSON", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const missing = await loadRewardTree(f.clients.reader, { source: server.url("missing.json") }).catch(
      (e: unknown) => e,
    );
    expect(missing).to.be.instanceOf(RewardTreeFileError);
    expect((missing as RewardTreeFileError).uri).to.equal(server.url("missing.json"));
    const notJson = await loadRewardTree(f.clients.reader, { source: server.serve("bad.json", "<html>") }).catch(
      (e: unknown) => e,
    );
    expect(notJson).to.be.instanceOf(RewardTreeFileError);
  });

  it("throws RewardTreeLeafEncodingError for a tree of other leaves", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const other = await StandardTree.of([[1n, f.signers.alice.address, 5n]], ["uint256", "address", "uint256"]);
    const error = await loadRewardTree(f.clients.reader, { source: other.dump() }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RewardTreeLeafEncodingError);
    expect((error as RewardTreeLeafEncodingError).leafEncoding).to.deep.equal(["uint256", "address", "uint256"]);
  });

  it("throws RootProposalNotFoundError when the blocks read hold no proposal of the root", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const latest = await ethers.provider.getBlockNumber();
    const error = await loadRewardTree(f.clients.reader, { fromBlock: latest }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RootProposalNotFoundError);
    expect((error as RootProposalNotFoundError).epoch).to.equal(1n);
  });
});

describe("loadRewardTree before any accepted root", function () {
  it("throws NoAcceptedRootError naming the pending first epoch, and NoPendingRootError when none is pending", async function () {
    const f = await networkHelpers.loadFixture(freshFixture);
    const none = await loadRewardTree(f.clients.reader, { against: "pending" }).catch((e: unknown) => e);
    expect(none).to.be.instanceOf(NoPendingRootError);
    expect((none as NoPendingRootError).acceptedEpoch).to.equal(0n);

    const proposed = await publishEpoch(f, networkHelpers, f.trees.epoch1, { accept: false });
    const error = await loadRewardTree(f.clients.reader).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(NoAcceptedRootError);
    expect((error as NoAcceptedRootError).pending).to.deep.include({ epoch: 1n, validAt: proposed.validAt });

    // With a source, the mismatch says the tree is the pending first epoch's.
    const mismatch = await loadRewardTree(f.clients.reader, { source: f.trees.epoch1.dump() }).catch((e: unknown) => e);
    expect(mismatch).to.be.instanceOf(RewardTreeRootMismatchError);
    expect((mismatch as RewardTreeRootMismatchError).expected).to.equal(ZeroHash);
    expect((mismatch as RewardTreeRootMismatchError).pending!.epoch).to.equal(1n);
  });
});
