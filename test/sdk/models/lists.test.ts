// Listing base models and models through the SDK: the registry's pages, walked.
import { expect } from "chai";

import {
  addBaseModel,
  createModel,
  getBaseModel,
  getBaseModels,
  getModel,
  getModels,
  hashAdapterWeights,
  InvalidPageError,
  retireBaseModel,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { modelsFixture } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();
const caught = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);
const emptyFixture = () => modelsFixture(ethers, networkHelpers);

/** Base models 1..3 (2 retired) and the builder's models 1..3 on base model 1. */
async function fixture() {
  const base = await modelsFixture(ethers, networkHelpers);
  for (const name of ["base-1", "base-2", "base-3"]) {
    const weightsHash = await hashAdapterWeights(new TextEncoder().encode(name));
    await addBaseModel(base.registrar, { name, weightsHash, licenseURI: `https://license/${name}` });
  }
  await retireBaseModel(base.registrar, { baseModelId: 2n });
  const sources = [
    [{ datanetId: 1n, version: 1n }],
    [{ datanetId: 1n, version: 2n }],
    [
      { datanetId: 1n, version: 2n },
      { datanetId: 2n, version: 1n },
    ],
  ];
  for (const [i, modelSources] of sources.entries()) {
    await createModel(base.builder, { baseModelId: 1n, sources: modelSources, metadataURI: `ipfs://model/${i + 1}` });
  }
  return base;
}

describe("getBaseModels", function () {
  it("lists every base model in id order, retired ones included, as getBaseModel reads them", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const all = await getBaseModels(reader);
    expect(all.map((b) => [b.id, b.name, b.retired])).to.deep.equal([
      [1n, "base-1", false],
      [2n, "base-2", true],
      [3n, "base-3", false],
    ]);
    for (const baseModel of all) {
      expect(baseModel).to.deep.equal(await getBaseModel(reader, { baseModelId: baseModel.id }));
    }
  });

  it("walks pages of any size, starts at fromId, stops at limit, and is empty past the end", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const all = await getBaseModels(reader);
    for (const pageSize of [1n, 2n, 3n, 100n]) expect(await getBaseModels(reader, { pageSize })).to.deep.equal(all);
    expect(await getBaseModels(reader, { fromId: 2n })).to.deep.equal(all.slice(1));
    expect(await getBaseModels(reader, { fromId: 2n, limit: 1n })).to.deep.equal([all[1]]);
    expect(await getBaseModels(reader, { limit: 2n, pageSize: 1n })).to.deep.equal(all.slice(0, 2));
    expect(await getBaseModels(reader, { fromId: 3n, limit: 5n })).to.deep.equal([all[2]]);
    expect(await getBaseModels(reader, { fromId: 4n })).to.deep.equal([]);
    expect(await getBaseModels(reader, { fromId: 2n ** 200n })).to.deep.equal([]);
  });

  it("is empty before the first base model", async function () {
    const { reader } = await networkHelpers.loadFixture(emptyFixture);
    expect(await getBaseModels(reader)).to.deep.equal([]);
  });
});

describe("getModels", function () {
  it("lists every model in id order, with its sources, as getModel reads them", async function () {
    const { reader, signers } = await networkHelpers.loadFixture(fixture);
    const all = await getModels(reader);
    expect(all.map((m) => [m.id, m.builder, m.baseModelId, m.metadataURI, m.sources.length])).to.deep.equal([
      [1n, signers.builder.address, 1n, "ipfs://model/1", 1],
      [2n, signers.builder.address, 1n, "ipfs://model/2", 1],
      [3n, signers.builder.address, 1n, "ipfs://model/3", 2],
    ]);
    for (const model of all) expect(model).to.deep.equal(await getModel(reader, { modelId: model.id }));
  });

  it("walks pages of any size, starts at fromId, stops at limit, and is empty past the end", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const all = await getModels(reader);
    for (const pageSize of [1n, 2n, 100n]) expect(await getModels(reader, { pageSize })).to.deep.equal(all);
    expect(await getModels(reader, { fromId: 3n })).to.deep.equal([all[2]]);
    expect(await getModels(reader, { fromId: 1n, limit: 2n, pageSize: 1n })).to.deep.equal(all.slice(0, 2));
    expect(await getModels(reader, { fromId: 4n, limit: 10n })).to.deep.equal([]);
  });

  it("is empty before the first model", async function () {
    const { reader } = await networkHelpers.loadFixture(emptyFixture);
    expect(await getModels(reader)).to.deep.equal([]);
  });
});

describe("getModels and getBaseModels page arguments", function () {
  it("throw InvalidPageError naming the field for fromId < 1, limit < 1 and pageSize outside 1..100", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const cases = [
      [{ fromId: 0n }, "fromId"],
      [{ fromId: 1 as unknown as bigint }, "fromId"],
      [{ limit: 0n }, "limit"],
      [{ limit: -1n }, "limit"],
      [{ pageSize: 0n }, "pageSize"],
      [{ pageSize: 101n }, "pageSize"],
    ] as const;
    for (const list of [getModels, getBaseModels]) {
      for (const [page, field] of cases) {
        const error = (await caught(list(reader, page))) as InvalidPageError;
        expect(error, `${list.name} ${field}`).to.be.instanceOf(InvalidPageError);
        expect(error.field).to.equal(field);
      }
    }
  });
});
