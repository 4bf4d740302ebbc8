// Contributing through the SDK: content hashes, commit then reveal (explicit steps and the
// one-call contribute), stakes by approval or permit, and the reads and watchers of contributions.
import { expect } from "chai";

import {
  commitContribution,
  computeCommitment,
  ContentAlreadyContributedError,
  ContractRevertError,
  contribute,
  createClient,
  createDatanet,
  DuplicateContentInBatchError,
  EmptyBatchError,
  EmptyStringError,
  getAllowance,
  getBalance,
  getContribution,
  getContributions,
  hashContent,
  InsufficientStakeBalanceError,
  InvalidBlockRangeError,
  InvalidContentError,
  InvalidDurationError,
  InvalidHashError,
  InvalidSaltError,
  revealContribution,
  RevealTimeoutError,
  watchContributions,
  type Client,
  type ContributionRecord,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { deploySuite } from "../utils/deploy.js";
import { sleep, waitUntil } from "../utils/wait.js";

const { ethers, networkHelpers } = await connectTestChain();
const [admin, treasury, owner, alice, bob, poor] = await ethers.getSigners();

const STAKE = 10n ** 19n;
const text = (value: string) => ethers.toUtf8Bytes(value);
const caught = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);

async function fixture() {
  const suite = await deploySuite(ethers, { admin, treasury });
  for (const account of [alice, bob]) await suite.token.transfer(account.address, 100n * STAKE);
  await suite.token.transfer(poor.address, STAKE);
  const client = (runner: typeof owner) => createClient({ runner, addresses: suite.addresses });
  const ownerClient = await client(owner);
  await createDatanet(ownerClient, {
    metadataURI: "ipfs://datanet/1",
    license: "CC-BY-4.0",
    stake: STAKE,
    reviewPeriod: 24n * 3600n,
    treasury: treasury.address,
  });
  await createDatanet(ownerClient, {
    metadataURI: "ipfs://datanet/free",
    license: "CC0-1.0",
    stake: 0n,
    reviewPeriod: 3600n,
    treasury: treasury.address,
  });
  return {
    ...suite,
    alice: await client(alice),
    bob: await client(bob),
    poor: await client(poor),
    reader: await createClient({ runner: ethers.provider, addresses: suite.addresses }),
  };
}

/** The one-call contribute, with the next block mined once the commitment is. */
function contributeNow(client: Client, parameters: Omit<Parameters<typeof contribute>[1], "onCommitted">) {
  return contribute(client, { ...parameters, onCommitted: () => networkHelpers.mine() });
}

describe("hashContent", function () {
  it("is keccak256 of the raw bytes", function () {
    expect(hashContent(text("hello"))).to.equal(ethers.keccak256(text("hello")));
    expect(hashContent(new Uint8Array())).to.equal(ethers.keccak256("0x"));
  });

  it("throws TypeError when given anything but bytes", function () {
    expect(() => hashContent("hello" as unknown as Uint8Array)).to.throw(TypeError);
  });
});

describe("computeCommitment", function () {
  it("equals the registry's commitmentOf", async function () {
    const { datanets } = await networkHelpers.loadFixture(fixture);
    const contentHashes = ["a", "b"].map((t) => hashContent(text(t)));
    const salt = ethers.hexlify(ethers.randomBytes(32));
    expect(computeCommitment({ contributor: alice.address, datanetId: 1n, contentHashes, salt })).to.equal(
      await datanets.commitmentOf(alice.address, 1n, contentHashes, salt),
    );
  });

  it("throws InvalidSaltError without a 32-byte salt", function () {
    const contentHashes = [hashContent(text("a"))];
    for (const salt of [undefined, "0x1234", 7]) {
      expect(() =>
        computeCommitment({ contributor: alice.address, datanetId: 1n, contentHashes, salt: salt as string }),
      ).to.throw(InvalidSaltError);
    }
  });
});

describe("commitContribution and revealContribution", function () {
  it("commit with a random salt, then reveal a batch, approving the exact stake first", async function () {
    const { alice: client, reader, datanets, addresses } = await networkHelpers.loadFixture(fixture);
    const contents = [
      { bytes: text("q1"), uri: "ipfs://q1" },
      { contentHash: hashContent(text("q2")), uri: "ipfs://q2" },
    ];
    const contentHashes = [hashContent(text("q1")), hashContent(text("q2"))];
    const commit = await commitContribution(client, { datanetId: 1n, contentHashes });
    expect(commit.salt).to.match(/^0x[0-9a-f]{64}$/);
    expect(commit.contributor).to.equal(alice.address);
    expect(commit.commitment).to.equal(await datanets.commitmentOf(alice.address, 1n, contentHashes, commit.salt));
    const block = await ethers.provider.getBlock(commit.receipt.blockNumber);
    expect(commit.committedAt).to.equal(BigInt(block!.timestamp));

    await networkHelpers.mine();
    const balanceBefore = await getBalance(reader, { account: alice.address });
    const sent: string[] = [];
    const reveal = await revealContribution(client, {
      datanetId: 1n,
      contents,
      salt: commit.salt,
      onSent: (hash) => sent.push(hash),
    });
    expect(reveal.approval?.amount).to.equal(2n * STAKE);
    expect(reveal.permit).to.equal(undefined);
    expect(sent).to.deep.equal([reveal.approval!.receipt.hash, reveal.receipt.hash]);
    expect(reveal.stake).to.equal(2n * STAKE);
    expect(reveal.contributions.map((c) => [c.contributionId, c.contributor, c.contentHash, c.uri])).to.deep.equal([
      [1n, alice.address, contentHashes[0], "ipfs://q1"],
      [2n, alice.address, contentHashes[1], "ipfs://q2"],
    ]);
    expect(await getBalance(reader, { account: alice.address })).to.equal(balanceBefore - 2n * STAKE);
    expect(await getAllowance(reader, { owner: alice.address, spender: addresses.datanetRegistry })).to.equal(0n);
    expect(await datanets.committedAt(commit.commitment)).to.equal(0n);
  });

  it("reveal with permit: true signs a permit instead of approving", async function () {
    const { alice: client, reader, addresses } = await networkHelpers.loadFixture(fixture);
    const contents = [{ bytes: text("permitted"), uri: "ipfs://p" }];
    const commit = await commitContribution(client, { datanetId: 1n, contentHashes: [hashContent(text("permitted"))] });
    await networkHelpers.mine();
    const nonceBefore = await ethers.provider.getTransactionCount(alice.address);
    const reveal = await revealContribution(client, { datanetId: 1n, contents, salt: commit.salt, permit: true });
    expect(reveal.approval).to.equal(undefined);
    expect([reveal.permit?.spender, reveal.permit?.value]).to.deep.equal([addresses.datanetRegistry, STAKE]);
    expect(await ethers.provider.getTransactionCount(alice.address)).to.equal(nonceBefore + 1);
    expect(reveal.contributions.map((c) => c.contributionId)).to.deep.equal([1n]);
    expect(await getBalance(reader, { account: addresses.datanetRegistry })).to.equal(STAKE);
  });

  it("reveal uses an allowance that is already enough, and sends nothing else", async function () {
    const { alice: client, token, addresses } = await networkHelpers.loadFixture(fixture);
    await token.connect(alice).approve(addresses.datanetRegistry, ethers.MaxUint256);
    const commit = await commitContribution(client, { datanetId: 1n, contentHashes: [hashContent(text("x"))] });
    await networkHelpers.mine();
    const reveal = await revealContribution(client, {
      datanetId: 1n,
      contents: [{ bytes: text("x"), uri: "ipfs://x" }],
      salt: commit.salt,
    });
    expect([reveal.approval, reveal.permit]).to.deep.equal([undefined, undefined]);
    expect(reveal.contributions).to.have.length(1);
  });

  it("reveal reverts with DatanetNotCommitted naming the commitment when the salt is wrong", async function () {
    const { alice: client } = await networkHelpers.loadFixture(fixture);
    const contentHash = hashContent(text("y"));
    await commitContribution(client, { datanetId: 2n, contentHashes: [contentHash] });
    await networkHelpers.mine();
    const salt = ethers.ZeroHash;
    const error = (await caught(
      revealContribution(client, { datanetId: 2n, contents: [{ contentHash, uri: "ipfs://y" }], salt }),
    )) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect(error.errorName).to.equal("DatanetNotCommitted");
    expect(error.args.commitment).to.equal(
      computeCommitment({ contributor: alice.address, datanetId: 2n, contentHashes: [contentHash], salt }),
    );
  });

  it("reveal throws InsufficientStakeBalanceError before sending when the stakes exceed the balance", async function () {
    const { poor: client } = await networkHelpers.loadFixture(fixture);
    const contents = [
      { bytes: text("p1"), uri: "ipfs://p1" },
      { bytes: text("p2"), uri: "ipfs://p2" },
    ];
    const error = (await caught(
      revealContribution(client, { datanetId: 1n, contents, salt: ethers.ZeroHash }),
    )) as InsufficientStakeBalanceError;
    expect(error).to.be.instanceOf(InsufficientStakeBalanceError);
    expect([error.account, error.balance, error.needed]).to.deep.equal([poor.address, STAKE, 2n * STAKE]);
    expect(await ethers.provider.getTransactionCount(poor.address)).to.equal(0);
  });

  it("throw the named validation errors before anything is sent", async function () {
    const { alice: client } = await networkHelpers.loadFixture(fixture);
    const hash = hashContent(text("v"));
    const salt = ethers.ZeroHash;
    const reveal = (contents: unknown) =>
      caught(revealContribution(client, { datanetId: 1n, contents: contents as [], salt }));
    expect(await reveal([])).to.be.instanceOf(EmptyBatchError);
    expect(await reveal([{ uri: "u" }])).to.be.instanceOf(InvalidContentError);
    expect(await reveal([{ contentHash: hash, bytes: text("v"), uri: "u" }])).to.be.instanceOf(InvalidContentError);
    expect(await reveal([{ bytes: "v", uri: "u" }])).to.be.instanceOf(InvalidContentError);
    expect(await reveal([{ contentHash: hash, uri: "" }])).to.be.instanceOf(EmptyStringError);
    const duplicate = (await reveal([
      { contentHash: hash, uri: "a" },
      { bytes: text("v"), uri: "b" },
    ])) as DuplicateContentInBatchError;
    expect(duplicate).to.be.instanceOf(DuplicateContentInBatchError);
    expect([duplicate.firstIndex, duplicate.index]).to.deep.equal([0, 1]);

    const short = (await reveal([{ contentHash: "0x12", uri: "u" }])) as InvalidHashError;
    expect(short).to.be.instanceOf(InvalidHashError);
    expect(short.shortMessage).to.equal(
      "contents[0].contentHash must be a 32-byte hex string (keccak256 of the raw bytes; see hashContent); got 0x12.",
    );
    expect(await reveal([{ contentHash: ethers.ZeroHash, uri: "u" }])).to.be.instanceOf(InvalidHashError);
    expect(
      await caught(
        revealContribution(client, { datanetId: 1n, contents: [{ contentHash: hash, uri: "u" }], salt: "0x" }),
      ),
    ).to.be.instanceOf(InvalidSaltError);
    expect(await caught(commitContribution(client, { datanetId: 1n, contentHashes: [] }))).to.be.instanceOf(
      EmptyBatchError,
    );
    expect(
      await caught(commitContribution(client, { datanetId: 1n, contentHashes: [hash], salt: "salt" })),
    ).to.be.instanceOf(InvalidSaltError);
    expect(await ethers.provider.getTransactionCount(alice.address)).to.equal(0);
  });
});

describe("contribute", function () {
  it("commits, waits for a later block, and reveals, in one call", async function () {
    const { alice: client, reader } = await networkHelpers.loadFixture(fixture);
    const sent: string[] = [];
    const result = await contributeNow(client, {
      datanetId: 1n,
      contents: [
        { bytes: text("one"), uri: "ipfs://one" },
        { bytes: text("two"), uri: "ipfs://two" },
      ],
      onSent: (hash) => sent.push(hash),
    });
    expect(sent).to.deep.equal([result.commit.receipt.hash, result.approval!.receipt.hash, result.receipt.hash]);
    expect(result.contributions.map((c) => c.contributionId)).to.deep.equal([1n, 2n]);
    const stored = await getContribution(reader, { datanetId: 1n, contentHash: hashContent(text("two")) });
    expect([stored?.contributionId, stored?.contributor, stored?.status]).to.deep.equal([2n, alice.address, "Pending"]);
    expect(stored!.deadline - stored!.submittedAt).to.equal(24n * 3600n);
  });

  it("polls the chain until a block after the commitment's second is mined", async function () {
    const { alice: client } = await networkHelpers.loadFixture(fixture);
    let committed = false;
    const pending = contribute(client, {
      datanetId: 2n,
      contents: [{ bytes: text("polled"), uri: "ipfs://polled" }],
      pollingInterval: 5,
      onCommitted: () => {
        committed = true;
      },
    });
    await waitUntil(() => committed);
    await sleep(30); // a few polls see no later block
    await networkHelpers.mine();
    const result = await pending;
    expect(result.receipt.blockNumber).to.be.greaterThan(result.commit.receipt.blockNumber + 1);
    expect(result.contributions.map((c) => c.uri)).to.deep.equal(["ipfs://polled"]);
    expect([result.approval, result.permit, result.stake]).to.deep.equal([undefined, undefined, 0n]);
  });

  it("signs a permit when asked", async function () {
    const { alice: client } = await networkHelpers.loadFixture(fixture);
    const result = await contributeNow(client, {
      datanetId: 1n,
      contents: [{ bytes: text("permit me"), uri: "ipfs://pm" }],
      permit: true,
    });
    expect(result.permit?.value).to.equal(STAKE);
    expect(result.approval).to.equal(undefined);
  });

  it("throws RevealTimeoutError, keeping the salt, when no later block comes in time", async function () {
    const { alice: client, datanets } = await networkHelpers.loadFixture(fixture);
    const error = (await caught(
      contribute(client, {
        datanetId: 2n,
        contents: [{ bytes: text("late"), uri: "ipfs://late" }],
        pollingInterval: 5,
        revealTimeout: 30,
      }),
    )) as RevealTimeoutError;
    expect(error).to.be.instanceOf(RevealTimeoutError);
    expect(await datanets.committedAt(error.commitment)).to.equal(error.committedAt);
    // The commitment is still good: reveal it later with the kept salt.
    await networkHelpers.mine();
    const reveal = await revealContribution(client, {
      datanetId: 2n,
      contents: [{ bytes: text("late"), uri: "ipfs://late" }],
      salt: error.salt,
    });
    expect(reveal.contributions).to.have.length(1);
  });

  it("throws InvalidDurationError for a polling interval or timeout that is not whole milliseconds", async function () {
    const { alice: client } = await networkHelpers.loadFixture(fixture);
    const contents = [{ bytes: text("d"), uri: "ipfs://d" }];
    const timeout = (await caught(
      contribute(client, { datanetId: 2n, contents, revealTimeout: -1 }),
    )) as InvalidDurationError;
    expect([timeout.constructor, timeout.field]).to.deep.equal([InvalidDurationError, "revealTimeout"]);
    expect(await caught(contribute(client, { datanetId: 2n, contents, pollingInterval: 0.5 }))).to.be.instanceOf(
      InvalidDurationError,
    );
    expect(() => watchContributions(client, { pollingInterval: Number.NaN, onContributions: () => {} })).to.throw(
      InvalidDurationError,
    );
    expect(await ethers.provider.getTransactionCount(alice.address)).to.equal(0);
  });

  it("throws ContentAlreadyContributedError before committing content already in the Datanet", async function () {
    const { alice: client, bob: bobClient } = await networkHelpers.loadFixture(fixture);
    await contributeNow(client, { datanetId: 2n, contents: [{ bytes: text("taken"), uri: "ipfs://taken" }] });
    const error = (await caught(
      contributeNow(bobClient, {
        datanetId: 2n,
        contents: [
          { bytes: text("fresh"), uri: "ipfs://fresh" },
          { bytes: text("taken"), uri: "ipfs://copy" },
        ],
      }),
    )) as ContentAlreadyContributedError;
    expect(error).to.be.instanceOf(ContentAlreadyContributedError);
    expect([error.datanetId, error.contentHash, error.contributionId]).to.deep.equal([
      2n,
      hashContent(text("taken")),
      1n,
    ]);
    expect(await ethers.provider.getTransactionCount(bob.address)).to.equal(0);
  });

  it("throws InsufficientStakeBalanceError before committing", async function () {
    const { poor: client } = await networkHelpers.loadFixture(fixture);
    const contents = ["a", "b"].map((t) => ({ bytes: text(t), uri: `ipfs://${t}` }));
    expect(await caught(contributeNow(client, { datanetId: 1n, contents }))).to.be.instanceOf(
      InsufficientStakeBalanceError,
    );
    expect(await ethers.provider.getTransactionCount(poor.address)).to.equal(0);
  });

  it("reverts with DatanetUnknown before committing to an unknown Datanet", async function () {
    const { alice: client } = await networkHelpers.loadFixture(fixture);
    const error = (await caught(
      contributeNow(client, { datanetId: 9n, contents: [{ bytes: text("a"), uri: "u" }] }),
    )) as ContractRevertError;
    expect([error.errorName, error.args.datanetId]).to.deep.equal(["DatanetUnknown", 9n]);
    expect(await ethers.provider.getTransactionCount(alice.address)).to.equal(0);
  });
});

describe("getContribution and getContributions", function () {
  it("getContribution returns undefined for content not in the Datanet", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    expect(await getContribution(reader, { datanetId: 1n, contentHash: hashContent(text("none")) })).to.equal(
      undefined,
    );
    expect(await caught(getContribution(reader, { datanetId: 1n, contentHash: "0x12" }))).to.be.instanceOf(
      InvalidHashError,
    );
  });

  it("getContributions lists Contributed events in order, by contributor, in chunks of blocks", async function () {
    const { alice: client, bob: bobClient, reader } = await networkHelpers.loadFixture(fixture);
    const fromBlock = (await ethers.provider.getBlockNumber()) + 1;
    await contributeNow(client, { datanetId: 2n, contents: [{ bytes: text("a1"), uri: "ipfs://a1" }] });
    await contributeNow(bobClient, { datanetId: 2n, contents: [{ bytes: text("b1"), uri: "ipfs://b1" }] });
    await contributeNow(client, { datanetId: 1n, contents: [{ bytes: text("a2"), uri: "ipfs://a2" }] });
    await contributeNow(client, { datanetId: 2n, contents: [{ bytes: text("a3"), uri: "ipfs://a3" }] });

    const all = await getContributions(reader, { datanetId: 2n });
    expect(all.map((c) => [c.contributionId, c.contributor, c.uri])).to.deep.equal([
      [1n, alice.address, "ipfs://a1"],
      [2n, bob.address, "ipfs://b1"],
      [3n, alice.address, "ipfs://a3"],
    ]);
    const chunked = await getContributions(reader, { datanetId: 2n, fromBlock, blockRange: 1 });
    expect(chunked).to.deep.equal(all);
    const alices = await getContributions(reader, { datanetId: 2n, contributor: alice.address.toLowerCase() });
    expect(alices.map((c) => c.uri)).to.deep.equal(["ipfs://a1", "ipfs://a3"]);
    expect(await getContributions(reader, { datanetId: 2n, toBlock: fromBlock - 1 })).to.deep.equal([]);
  });

  it("getContributions throws InvalidBlockRangeError for a reversed range or a zero chunk", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    for (const range of [{ fromBlock: 5, toBlock: 4 }, { blockRange: 0 }, { fromBlock: -1 }]) {
      expect(await caught(getContributions(reader, { datanetId: 1n, ...range }))).to.be.instanceOf(
        InvalidBlockRangeError,
      );
    }
  });
});

describe("watchContributions", function () {
  it("reports each new contribution once, filtered by Datanet, until unwatched", async function () {
    const { alice: client, bob: bobClient, reader } = await networkHelpers.loadFixture(fixture);
    const seen: ContributionRecord[] = [];
    const unwatch = watchContributions(reader, {
      datanetId: 2n,
      fromBlock: (await ethers.provider.getBlockNumber()) + 1,
      pollingInterval: 5,
      onContributions: (contributions) => {
        seen.push(...contributions);
      },
    });
    try {
      await contributeNow(client, { datanetId: 2n, contents: [{ bytes: text("w1"), uri: "ipfs://w1" }] });
      await contributeNow(bobClient, { datanetId: 1n, contents: [{ bytes: text("other"), uri: "ipfs://o" }] });
      await contributeNow(bobClient, { datanetId: 2n, contents: [{ bytes: text("w2"), uri: "ipfs://w2" }] });
      await waitUntil(() => seen.length >= 2);
      await sleep(30); // more polls must not repeat anything
    } finally {
      unwatch();
    }
    expect(seen.map((c) => [c.datanetId, c.contributionId, c.uri])).to.deep.equal([
      [2n, 1n, "ipfs://w1"],
      [2n, 2n, "ipfs://w2"],
    ]);
    await contributeNow(client, { datanetId: 2n, contents: [{ bytes: text("after"), uri: "ipfs://after" }] });
    await sleep(30);
    expect(seen).to.have.length(2);
  });
});
