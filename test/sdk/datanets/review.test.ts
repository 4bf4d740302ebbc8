// Reviewing contributions and withdrawing unreviewed stakes through the SDK; verdict names and
// codes; the reads and watchers of reviews.
import { expect } from "chai";

import {
  ContractRevertError,
  contribute,
  createClient,
  createDatanet,
  DuplicateContentInBatchError,
  EmptyBatchError,
  encodeReview,
  getBalance,
  getContribution,
  getReviews,
  hashContent,
  InvalidHashError,
  InvalidVerdictError,
  review,
  setCurator,
  verdictCode,
  verdictName,
  verdicts,
  watchReviews,
  withdrawStake,
  type Client,
  type Review,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { deploySuite } from "../utils/deploy.js";
import { sleep, waitUntil } from "../utils/wait.js";

const { ethers, networkHelpers } = await connectTestChain();
const [admin, treasury, owner, curator, alice, bob, stranger] = await ethers.getSigners();

const STAKE = 10n ** 19n;
const REVIEW_PERIOD = 24n * 3600n;
const text = (value: string) => ethers.toUtf8Bytes(value);
const caught = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);
const [q1, q2, q3, q4] = ["q1", "q2", "q3", "q4"].map((t) => hashContent(text(t)));

async function add(client: Client, datanetId: bigint, ...names: string[]) {
  return contribute(client, {
    datanetId,
    contents: names.map((name) => ({ bytes: text(name), uri: `ipfs://${name}` })),
    onCommitted: () => networkHelpers.mine(),
  });
}

async function fixture() {
  const suite = await deploySuite(ethers, { admin, treasury });
  for (const account of [alice, bob]) await suite.token.transfer(account.address, 100n * STAKE);
  const client = (runner: typeof owner) => createClient({ runner, addresses: suite.addresses });
  const clients = {
    owner: await client(owner),
    curator: await client(curator),
    alice: await client(alice),
    bob: await client(bob),
    stranger: await client(stranger),
    reader: await createClient({ runner: ethers.provider, addresses: suite.addresses }),
  };
  await createDatanet(clients.owner, {
    metadataURI: "ipfs://datanet/1",
    license: "CC-BY-4.0",
    stake: STAKE,
    reviewPeriod: REVIEW_PERIOD,
    treasury: treasury.address,
  });
  await setCurator(clients.owner, { datanetId: 1n, account: curator.address, allowed: true });
  const startBlock = (await ethers.provider.getBlockNumber()) + 1;
  await add(clients.alice, 1n, "q1", "q2", "q3");
  await add(clients.bob, 1n, "q4");
  return { ...suite, ...clients, startBlock };
}

describe("verdicts", function () {
  it("map names to codes and back, as the contract numbers them", function () {
    expect(verdicts).to.deep.equal({ Accept: 0, Duplicate: 1, OffTopic: 2, LowQuality: 3, Licence: 4, Other: 5 });
    for (const [name, code] of Object.entries(verdicts)) {
      expect(verdictCode(name as keyof typeof verdicts)).to.equal(code);
      expect(verdictCode(code)).to.equal(code);
      expect(verdictName(code)).to.equal(name);
      expect(verdictName(BigInt(code))).to.equal(name);
    }
  });

  it("throw InvalidVerdictError for anything else", function () {
    for (const bad of ["accept", "Reject", 6, -1, 1.5]) {
      expect(() => verdictCode(bad as 0)).to.throw(InvalidVerdictError);
    }
    expect(() => verdictName(6n)).to.throw(InvalidVerdictError);
  });
});

describe("review", function () {
  it("accepts and rejects by verdict name or code, returning the stakes moved", async function () {
    const { curator: client, reader } = await networkHelpers.loadFixture(fixture);
    const aliceBefore = await getBalance(reader, { account: alice.address });
    const { reviews } = await review(client, {
      datanetId: 1n,
      reviews: [
        { contentHash: q1, verdict: "Accept" },
        { contentHash: q2, verdict: verdicts.Accept },
        { contentHash: q3, verdict: "OffTopic" },
        { contentHash: q4, verdict: 3 },
      ],
    });
    expect(
      reviews.map((r) => [r.contributionId, r.contentHash, r.contributor, r.curator, r.verdict, r.stake]),
    ).to.deep.equal([
      [1n, q1, alice.address, curator.address, "Accept", STAKE],
      [2n, q2, alice.address, curator.address, "Accept", STAKE],
      [3n, q3, alice.address, curator.address, "OffTopic", STAKE],
      [4n, q4, bob.address, curator.address, "LowQuality", STAKE],
    ]);
    expect(await getBalance(reader, { account: alice.address })).to.equal(aliceBefore + 2n * STAKE);
    expect(await getBalance(reader, { account: treasury.address })).to.equal(2n * STAKE);
    expect((await getContribution(reader, { datanetId: 1n, contentHash: q3 }))?.status).to.equal("Rejected");
  });

  it("throws EmptyBatchError, InvalidVerdictError, InvalidHashError, DuplicateContentInBatchError before sending", async function () {
    const { curator: client } = await networkHelpers.loadFixture(fixture);
    const send = (reviews: unknown) => caught(review(client, { datanetId: 1n, reviews: reviews as [] }));
    expect(await send([])).to.be.instanceOf(EmptyBatchError);
    const badVerdict = (await send([
      { contentHash: q1, verdict: "Accept" },
      { contentHash: q2, verdict: "Spam" },
    ])) as InvalidVerdictError;
    expect(badVerdict).to.be.instanceOf(InvalidVerdictError);
    expect([badVerdict.index, badVerdict.value]).to.deep.equal([1, "Spam"]);
    expect(await send([{ contentHash: "0x12", verdict: "Accept" }])).to.be.instanceOf(InvalidHashError);
    expect(
      await send([
        { contentHash: q1, verdict: "Accept" },
        { contentHash: q1.toUpperCase().replace("0X", "0x"), verdict: "Other" },
      ]),
    ).to.be.instanceOf(DuplicateContentInBatchError);
    expect(await ethers.provider.getTransactionCount(curator.address)).to.equal(0);
  });

  it("reverts with DatanetNotCurator naming the caller when a stranger reviews", async function () {
    const { stranger: client } = await networkHelpers.loadFixture(fixture);
    const error = (await caught(
      review(client, { datanetId: 1n, reviews: [{ contentHash: q1, verdict: "Accept" }] }),
    )) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect([error.errorName, error.args.datanetId, error.args.account]).to.deep.equal([
      "DatanetNotCurator",
      1n,
      stranger.address,
    ]);
  });

  it("reverts with DatanetNotPending and the status when reviewed twice", async function () {
    const { curator: client } = await networkHelpers.loadFixture(fixture);
    await review(client, { datanetId: 1n, reviews: [{ contentHash: q1, verdict: "Accept" }] });
    const error = (await caught(
      review(client, { datanetId: 1n, reviews: [{ contentHash: q1, verdict: "Other" }] }),
    )) as ContractRevertError;
    expect([error.errorName, error.args.contentHash, error.args.status]).to.deep.equal(["DatanetNotPending", q1, 2n]);
  });
});

describe("encodeReview", function () {
  it("builds the review calldata a curator can send from anywhere", async function () {
    const { curator: client, reader } = await networkHelpers.loadFixture(fixture);
    const request = encodeReview(client, { datanetId: 1n, reviews: [{ contentHash: q4, verdict: "Licence" }] });
    expect(request.to).to.equal(client.addresses.datanetRegistry);
    await (await curator.sendTransaction(request)).wait();
    const [only] = await getReviews(reader, { datanetId: 1n });
    expect([only?.contentHash, only?.verdict]).to.deep.equal([q4, "Licence"]);
  });
});

describe("getReviews and watchReviews", function () {
  it("getReviews lists accepted and rejected contributions in chain order", async function () {
    const { curator: client, owner: ownerClient, reader, startBlock } = await networkHelpers.loadFixture(fixture);
    await review(client, { datanetId: 1n, reviews: [{ contentHash: q2, verdict: "Duplicate" }] });
    await review(ownerClient, {
      datanetId: 1n,
      reviews: [
        { contentHash: q1, verdict: "Accept" },
        { contentHash: q4, verdict: "Accept" },
      ],
    });
    const reviews = await getReviews(reader, { datanetId: 1n, fromBlock: startBlock, blockRange: 2 });
    expect(reviews.map((r) => [r.contentHash, r.verdict, r.curator])).to.deep.equal([
      [q2, "Duplicate", curator.address],
      [q1, "Accept", owner.address],
      [q4, "Accept", owner.address],
    ]);
    expect(await getReviews(reader, { datanetId: 2n })).to.deep.equal([]);
  });

  it("watchReviews reports each new review once", async function () {
    const { curator: client, reader } = await networkHelpers.loadFixture(fixture);
    const seen: Review[] = [];
    const unwatch = watchReviews(reader, {
      datanetId: 1n,
      fromBlock: (await ethers.provider.getBlockNumber()) + 1,
      pollingInterval: 5,
      onReviews: (reviews) => {
        seen.push(...reviews);
      },
    });
    try {
      await review(client, { datanetId: 1n, reviews: [{ contentHash: q3, verdict: "Accept" }] });
      await review(client, { datanetId: 1n, reviews: [{ contentHash: q4, verdict: "Other" }] });
      await waitUntil(() => seen.length >= 2);
      await sleep(30);
    } finally {
      unwatch();
    }
    expect(seen.map((r) => [r.contentHash, r.verdict])).to.deep.equal([
      [q3, "Accept"],
      [q4, "Other"],
    ]);
  });

  it("watchReviews reports poll failures to onError and keeps polling", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const failing = {
      ...reader,
      provider: { ...reader.provider, getBlockNumber: () => Promise.reject(new Error("down")) },
    };
    const errors: unknown[] = [];
    const unwatch = watchReviews(failing as typeof reader, {
      pollingInterval: 5,
      onReviews: () => {},
      onError: (error) => errors.push(error),
    });
    await sleep(40);
    unwatch();
    expect(errors.length).to.be.greaterThan(1);
    expect((errors[0] as Error).message).to.equal("down");
  });
});

describe("withdrawStake", function () {
  it("returns the stakes of contributions nobody reviewed before the deadline", async function () {
    const { alice: client, reader } = await networkHelpers.loadFixture(fixture);
    const { deadline } = (await getContribution(reader, { datanetId: 1n, contentHash: q2 }))!;
    await networkHelpers.time.increaseTo(deadline + 1n);
    const before = await getBalance(reader, { account: alice.address });
    const result = await withdrawStake(client, { datanetId: 1n, contentHashes: [q1, q2] });
    expect(result.amount).to.equal(2n * STAKE);
    expect(result.withdrawn).to.deep.equal([
      { contributionId: 1n, contentHash: q1, stake: STAKE },
      { contributionId: 2n, contentHash: q2, stake: STAKE },
    ]);
    expect(await getBalance(reader, { account: alice.address })).to.equal(before + 2n * STAKE);
    expect((await getContribution(reader, { datanetId: 1n, contentHash: q1 }))?.status).to.equal("Withdrawn");
  });

  it("reverts with DatanetReviewPeriodNotOver and the deadline while curators may still review", async function () {
    const { alice: client, reader } = await networkHelpers.loadFixture(fixture);
    const { deadline } = (await getContribution(reader, { datanetId: 1n, contentHash: q1 }))!;
    const error = (await caught(withdrawStake(client, { datanetId: 1n, contentHashes: [q1] }))) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect([error.errorName, error.args.contentHash, error.args.deadline]).to.deep.equal([
      "DatanetReviewPeriodNotOver",
      q1,
      deadline,
    ]);
  });

  it("throws EmptyBatchError and InvalidHashError before sending", async function () {
    const { alice: client } = await networkHelpers.loadFixture(fixture);
    expect(await caught(withdrawStake(client, { datanetId: 1n, contentHashes: [] }))).to.be.instanceOf(EmptyBatchError);
    expect(await caught(withdrawStake(client, { datanetId: 1n, contentHashes: ["0xabc"] }))).to.be.instanceOf(
      InvalidHashError,
    );
  });
});
