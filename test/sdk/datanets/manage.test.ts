// Creating, configuring, handing over and reading Datanets through the SDK.
import { expect } from "chai";

import {
  acceptDatanetOwnership,
  ContractRevertError,
  createClient,
  createDatanet,
  EmptyStringError,
  getDatanet,
  getDatanets,
  InvalidAddressError,
  InvalidAmountError,
  InvalidIdError,
  InvalidPageError,
  MAX_REVIEW_PERIOD,
  parseDatanetRegistryLogs,
  ReviewPeriodOutOfRangeError,
  setCurator,
  setMetadataURI,
  setTreasury,
  transferDatanetOwnership,
  type CreateDatanetParameters,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { deploySuite } from "../utils/deploy.js";

const { ethers, networkHelpers } = await connectTestChain();
const [admin, treasury, owner, curator, newOwner, stranger] = await ethers.getSigners();

const STAKE = 10n ** 19n;
const DAY = 24n * 3600n;

function params(overrides: Partial<CreateDatanetParameters> = {}): CreateDatanetParameters {
  return {
    metadataURI: "ipfs://datanet/medical-qa.json",
    license: "CC-BY-4.0",
    stake: STAKE,
    reviewPeriod: 7n * DAY,
    treasury: treasury.address,
    ...overrides,
  };
}

async function fixture() {
  const suite = await deploySuite(ethers, { admin, treasury });
  const client = (runner: typeof owner) => createClient({ runner, addresses: suite.addresses });
  return {
    ...suite,
    owner: await client(owner),
    newOwner: await client(newOwner),
    stranger: await client(stranger),
    reader: await createClient({ runner: ethers.provider, addresses: suite.addresses }),
  };
}

describe("createDatanet", function () {
  it("creates a Datanet owned by the signer and returns its id", async function () {
    const { owner: client, reader } = await networkHelpers.loadFixture(fixture);
    const first = await createDatanet(client, params());
    const second = await createDatanet(client, params({ stake: 0n, reviewPeriod: MAX_REVIEW_PERIOD }));
    expect([first.datanetId, second.datanetId, first.owner]).to.deep.equal([1n, 2n, owner.address]);
    expect(await getDatanet(reader, { datanetId: 1n })).to.deep.equal({
      id: 1n,
      owner: owner.address,
      pendingOwner: undefined,
      treasury: treasury.address,
      stake: STAKE,
      reviewPeriod: 7n * DAY,
      contributionCount: 0n,
      acceptedCount: 0n,
      versionCount: 0n,
      metadataURI: "ipfs://datanet/medical-qa.json",
      license: "CC-BY-4.0",
    });
  });

  it("throws EmptyStringError, InvalidAmountError, ReviewPeriodOutOfRangeError, InvalidAddressError before sending", async function () {
    const { owner: client } = await networkHelpers.loadFixture(fixture);
    const cases: [Partial<CreateDatanetParameters>, new (...args: never[]) => Error, string?][] = [
      [{ metadataURI: "" }, EmptyStringError, "metadataURI"],
      [{ license: "" }, EmptyStringError, "license"],
      [{ stake: -1n }, InvalidAmountError, "stake"],
      [{ stake: 2n ** 96n }, InvalidAmountError, "stake"],
      [{ reviewPeriod: 3599n }, ReviewPeriodOutOfRangeError],
      [{ reviewPeriod: MAX_REVIEW_PERIOD + 1n }, ReviewPeriodOutOfRangeError],
      [{ treasury: "treasury" }, InvalidAddressError, "treasury"],
    ];
    for (const [overrides, type, field] of cases) {
      const error = await createDatanet(client, params(overrides)).catch((e: unknown) => e);
      expect(
        error,
        JSON.stringify(overrides, (_, v) => (typeof v === "bigint" ? `${v}` : v)),
      ).to.be.instanceOf(type);
      if (field !== undefined) expect((error as { field: string }).field).to.equal(field);
    }
    expect(await ethers.provider.getTransactionCount(owner.address)).to.equal(0);
  });

  it("reverts with DatanetZeroAddress when the treasury is the zero address", async function () {
    const { owner: client } = await networkHelpers.loadFixture(fixture);
    const error = await createDatanet(client, params({ treasury: ethers.ZeroAddress })).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("DatanetZeroAddress");
  });
});

describe("setCurator, setTreasury, setMetadataURI", function () {
  it("change the Datanet as its owner", async function () {
    const { owner: client, reader, datanets } = await networkHelpers.loadFixture(fixture);
    await createDatanet(client, params());
    const { receipt } = await setCurator(client, { datanetId: 1n, account: curator.address, allowed: true });
    const events = parseDatanetRegistryLogs(client, receipt);
    expect(events.map((e) => [e.eventName, e.args])).to.deep.equal([
      ["CuratorSet", { datanetId: 1n, account: curator.address, allowed: true }],
    ]);
    expect(
      parseDatanetRegistryLogs(
        { ...client, addresses: { ...client.addresses, datanetRegistry: stranger.address } },
        receipt,
      ),
    ).to.deep.equal([]);
    expect(await datanets.isCurator(1n, curator.address)).to.equal(true);
    await setCurator(client, { datanetId: 1n, account: curator.address, allowed: false });
    expect(await datanets.isCurator(1n, curator.address)).to.equal(false);

    await setTreasury(client, { datanetId: 1n, treasury: stranger.address });
    await setMetadataURI(client, { datanetId: 1n, metadataURI: "ipfs://datanet/v2.json" });
    const datanet = await getDatanet(reader, { datanetId: 1n });
    expect([datanet.treasury, datanet.metadataURI]).to.deep.equal([stranger.address, "ipfs://datanet/v2.json"]);
  });

  it("reverts with DatanetNotOwner naming the caller when a stranger tries", async function () {
    const { owner: client, stranger: strangerClient } = await networkHelpers.loadFixture(fixture);
    await createDatanet(client, params());
    const error = await setCurator(strangerClient, { datanetId: 1n, account: stranger.address, allowed: true }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ContractRevertError);
    const revert = error as ContractRevertError;
    expect(revert.errorName).to.equal("DatanetNotOwner");
    expect([revert.args.datanetId, revert.args.account]).to.deep.equal([1n, stranger.address]);
  });

  it("throw InvalidIdError, InvalidAddressError and EmptyStringError before sending", async function () {
    const { owner: client } = await networkHelpers.loadFixture(fixture);
    const badId = await setCurator(client, { datanetId: 0n, account: curator.address, allowed: true }).catch(
      (e: unknown) => e,
    );
    expect(badId).to.be.instanceOf(InvalidIdError);
    expect((badId as InvalidIdError).field).to.equal("datanetId");
    expect(await setTreasury(client, { datanetId: 1n, treasury: "0x" }).catch((e: unknown) => e)).to.be.instanceOf(
      InvalidAddressError,
    );
    expect(await setMetadataURI(client, { datanetId: 1n, metadataURI: "" }).catch((e: unknown) => e)).to.be.instanceOf(
      EmptyStringError,
    );
  });
});

describe("transferDatanetOwnership and acceptDatanetOwnership", function () {
  it("hand a Datanet over in two steps, and cancel with undefined", async function () {
    const { owner: client, newOwner: newOwnerClient, reader } = await networkHelpers.loadFixture(fixture);
    await createDatanet(client, params());
    await transferDatanetOwnership(client, { datanetId: 1n, newOwner: newOwner.address });
    expect((await getDatanet(reader, { datanetId: 1n })).pendingOwner).to.equal(newOwner.address);
    await transferDatanetOwnership(client, { datanetId: 1n, newOwner: undefined });
    expect((await getDatanet(reader, { datanetId: 1n })).pendingOwner).to.equal(undefined);

    await transferDatanetOwnership(client, { datanetId: 1n, newOwner: newOwner.address });
    const accepted = await acceptDatanetOwnership(newOwnerClient, { datanetId: 1n });
    expect([accepted.previousOwner, accepted.newOwner]).to.deep.equal([owner.address, newOwner.address]);
    const datanet = await getDatanet(reader, { datanetId: 1n });
    expect([datanet.owner, datanet.pendingOwner]).to.deep.equal([newOwner.address, undefined]);
  });

  it("reverts with DatanetNotPendingOwner when someone else accepts", async function () {
    const { owner: client, stranger: strangerClient } = await networkHelpers.loadFixture(fixture);
    await createDatanet(client, params());
    await transferDatanetOwnership(client, { datanetId: 1n, newOwner: newOwner.address });
    const error = (await acceptDatanetOwnership(strangerClient, { datanetId: 1n }).catch(
      (e: unknown) => e,
    )) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect([error.errorName, error.args.account]).to.deep.equal(["DatanetNotPendingOwner", stranger.address]);
  });
});

describe("getDatanet and getDatanets", function () {
  it("getDatanet reverts with DatanetUnknown for an unknown id", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const error = (await getDatanet(reader, { datanetId: 3n }).catch((e: unknown) => e)) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect([error.errorName, error.args.datanetId]).to.deep.equal(["DatanetUnknown", 3n]);
  });

  it("getDatanets walks every page, from an id, up to a limit", async function () {
    const { owner: client, reader } = await networkHelpers.loadFixture(fixture);
    for (let i = 1; i <= 5; i++) await createDatanet(client, params({ metadataURI: `ipfs://datanet/${i}` }));
    const ids = (datanets: { id: bigint }[]) => datanets.map((d) => d.id);
    expect(ids(await getDatanets(reader))).to.deep.equal([1n, 2n, 3n, 4n, 5n]);
    expect(ids(await getDatanets(reader, { pageSize: 2n }))).to.deep.equal([1n, 2n, 3n, 4n, 5n]);
    expect(ids(await getDatanets(reader, { fromId: 2n, limit: 3n, pageSize: 2n }))).to.deep.equal([2n, 3n, 4n]);
    expect(ids(await getDatanets(reader, { fromId: 6n }))).to.deep.equal([]);
    expect((await getDatanets(reader, { fromId: 5n }))[0]?.metadataURI).to.equal("ipfs://datanet/5");
  });

  it("getDatanets throws InvalidPageError for a page the registry refuses", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    for (const page of [{ fromId: 0n }, { limit: 0n }, { pageSize: 101n }, { pageSize: 0n }]) {
      expect(await getDatanets(reader, page).catch((e: unknown) => e)).to.be.instanceOf(InvalidPageError);
    }
  });
});
