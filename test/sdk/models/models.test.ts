// Models and their adapters through the SDK: sources checked and sorted client-side, adapters
// published by the builder, and the reads of both.
import { expect } from "chai";

import {
  ContractRevertError,
  createModel,
  DuplicateSourceError,
  EmptyStringError,
  getAdapter,
  getModel,
  getModelAdapters,
  hashAdapterWeights,
  InvalidHashError,
  InvalidIdError,
  MAX_SOURCES,
  publishAdapter,
  retireBaseModel,
  SourceCountOutOfRangeError,
  type Client,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { ADAPTER_WEIGHTS, addTestBaseModel, modelsFixture } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();
const caught = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);
const id = (text: string) => ethers.id(text);

async function fixture() {
  const base = await modelsFixture(ethers, networkHelpers);
  await addTestBaseModel(base);
  return base;
}

const adapterParams = (modelId: bigint, n: number) => ({
  modelId,
  adapterHash: id(`adapter weights ${n}`),
  configHash: id("rank 8, alpha 16"),
  manifestHash: id("datanet 1 v2, seed 7"),
  uri: `ipfs://adapter/${n}`,
});

describe("createModel", function () {
  it("sorts the sources before sending, and getModel reads them back", async function () {
    const { builder, reader, signers } = await networkHelpers.loadFixture(fixture);
    const result = await createModel(builder, {
      baseModelId: 1n,
      sources: [
        { datanetId: 2n, version: 1n },
        { datanetId: 1n, version: 2n },
        { datanetId: 1n, version: 1n },
      ],
      metadataURI: "ipfs://model.json",
    });
    const sorted = [
      { datanetId: 1n, version: 1n },
      { datanetId: 1n, version: 2n },
      { datanetId: 2n, version: 1n },
    ];
    expect([result.modelId, result.builder, result.sources]).to.deep.equal([1n, signers.builder.address, sorted]);
    expect(await getModel(reader, { modelId: 1n })).to.deep.equal({
      id: 1n,
      builder: signers.builder.address,
      baseModelId: 1n,
      adapterCount: 0n,
      metadataURI: "ipfs://model.json",
      sources: sorted,
    });
  });

  it("throws SourceCountOutOfRangeError, DuplicateSourceError, InvalidIdError, EmptyStringError before sending", async function () {
    const { builder, signers } = await networkHelpers.loadFixture(fixture);
    const create = (sources: unknown, metadataURI = "ipfs://m") =>
      caught(createModel(builder, { baseModelId: 1n, sources: sources as [], metadataURI }));
    expect(await create([])).to.be.instanceOf(SourceCountOutOfRangeError);
    const tooMany = Array.from({ length: MAX_SOURCES + 1 }, (_, i) => ({ datanetId: 1n, version: BigInt(i + 1) }));
    const count = (await create(tooMany)) as SourceCountOutOfRangeError;
    expect([count.count, count.max]).to.deep.equal([33, 32]);
    const duplicate = (await create([
      { datanetId: 2n, version: 1n },
      { datanetId: 1n, version: 1n },
      { datanetId: 2n, version: 1n },
    ])) as DuplicateSourceError;
    expect(duplicate).to.be.instanceOf(DuplicateSourceError);
    expect([duplicate.datanetId, duplicate.version]).to.deep.equal([2n, 1n]);
    const version0 = (await create([{ datanetId: 1n, version: 0n }])) as InvalidIdError;
    expect([version0.constructor, version0.field]).to.deep.equal([InvalidIdError, "sources[0].version"]);
    const bigId = (await create([{ datanetId: 2n ** 64n, version: 1n }])) as InvalidIdError;
    expect([bigId.constructor, bigId.max]).to.deep.equal([InvalidIdError, 2n ** 64n - 1n]);
    expect(await create([{ datanetId: 1n, version: 1n }], "")).to.be.instanceOf(EmptyStringError);
    const nonce = await ethers.provider.getTransactionCount(signers.builder.address);
    expect(await create([{ datanetId: 1n, version: 1 }])).to.be.instanceOf(InvalidIdError);
    expect(await ethers.provider.getTransactionCount(signers.builder.address)).to.equal(nonce);
  });

  it("reverts with ModelUnknownDatanetVersion for a version not published", async function () {
    const { builder } = await networkHelpers.loadFixture(fixture);
    const error = (await caught(
      createModel(builder, { baseModelId: 1n, sources: [{ datanetId: 2n, version: 2n }], metadataURI: "ipfs://m" }),
    )) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect([error.errorName, error.args.datanetId, error.args.version]).to.deep.equal([
      "ModelUnknownDatanetVersion",
      2n,
      2n,
    ]);
  });

  it("reverts with ModelBaseModelRetired on a retired base model", async function () {
    const { builder, registrar } = await networkHelpers.loadFixture(fixture);
    await retireBaseModel(registrar, { baseModelId: 1n });
    const error = (await caught(
      createModel(builder, { baseModelId: 1n, sources: [{ datanetId: 1n, version: 1n }], metadataURI: "ipfs://m" }),
    )) as ContractRevertError;
    expect([error.errorName, error.args.baseModelId]).to.deep.equal(["ModelBaseModelRetired", 1n]);
  });
});

describe("publishAdapter, getAdapter and getModelAdapters", function () {
  async function withModel(builder: Client) {
    await createModel(builder, { baseModelId: 1n, sources: [{ datanetId: 1n, version: 2n }], metadataURI: "ipfs://m" });
  }

  it("publishes adapter versions from a hash or from the weights' bytes", async function () {
    const { builder, reader } = await networkHelpers.loadFixture(fixture);
    await withModel(builder);
    const first = await publishAdapter(builder, adapterParams(1n, 1));
    const fromBytes = { ...adapterParams(1n, 2), adapterHash: undefined, weights: ADAPTER_WEIGHTS };
    const second = await publishAdapter(builder, fromBytes);
    expect([first.adapterId, first.version, second.adapterId, second.version]).to.deep.equal([1n, 1n, 2n, 2n]);
    expect(second.adapterHash).to.equal(await hashAdapterWeights(ADAPTER_WEIGHTS));
    expect(await getAdapter(reader, { adapterId: 2n })).to.deep.equal({
      id: 2n,
      modelId: 1n,
      version: 2n,
      status: "Published",
      pricePerCall: 0n,
      score: 0n,
      verifiedBy: undefined,
      adapterHash: second.adapterHash,
      configHash: id("rank 8, alpha 16"),
      manifestHash: id("datanet 1 v2, seed 7"),
      reportHash: undefined,
      uri: "ipfs://adapter/2",
    });
    expect((await getModel(reader, { modelId: 1n })).adapterCount).to.equal(2n);
  });

  it("getModelAdapters walks the pages of a model's adapter ids", async function () {
    const { builder, reader } = await networkHelpers.loadFixture(fixture);
    await withModel(builder);
    await withModel(builder);
    for (let n = 1; n <= 5; n++) await publishAdapter(builder, adapterParams(n === 3 ? 2n : 1n, n));
    expect(await getModelAdapters(reader, { modelId: 1n, pageSize: 2n })).to.deep.equal([1n, 2n, 4n, 5n]);
    expect(await getModelAdapters(reader, { modelId: 1n, fromVersion: 2n, limit: 2n })).to.deep.equal([2n, 4n]);
    expect(await getModelAdapters(reader, { modelId: 2n })).to.deep.equal([3n]);
    const unknown = (await caught(getModelAdapters(reader, { modelId: 3n }))) as ContractRevertError;
    expect([unknown.errorName, unknown.args.modelId]).to.deep.equal(["ModelUnknownModel", 3n]);
  });

  it("reverts with ModelNotBuilder naming the caller when someone else publishes", async function () {
    const { builder, stranger, signers } = await networkHelpers.loadFixture(fixture);
    await withModel(builder);
    const error = (await caught(publishAdapter(stranger, adapterParams(1n, 1)))) as ContractRevertError;
    expect([error.errorName, error.args.modelId, error.args.account]).to.deep.equal([
      "ModelNotBuilder",
      1n,
      signers.stranger.address,
    ]);
  });

  it("throws InvalidHashError, EmptyStringError and InvalidIdError before sending", async function () {
    const { builder } = await networkHelpers.loadFixture(fixture);
    const publish = (overrides: object) =>
      caught(
        publishAdapter(builder, { ...adapterParams(1n, 1), ...overrides } as Parameters<typeof publishAdapter>[1]),
      );
    const cases: [object, new (...args: never[]) => Error, string][] = [
      [{ adapterHash: "0x12" }, InvalidHashError, "adapterHash"],
      [{ configHash: ethers.ZeroHash }, InvalidHashError, "configHash"],
      [{ manifestHash: "manifest" }, InvalidHashError, "manifestHash"],
      [{ uri: "" }, EmptyStringError, "uri"],
      [{ modelId: 0n }, InvalidIdError, "modelId"],
    ];
    for (const [overrides, type, field] of cases) {
      const error = (await publish(overrides)) as { field: string };
      expect(error).to.be.instanceOf(type);
      expect(error.field).to.equal(field);
    }
  });
});
