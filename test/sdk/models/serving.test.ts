// Serving adapters through the SDK: activation with a price, the terms the ledger charges,
// deactivation, and the registry's events.
import { expect } from "chai";

import {
  activateAdapter,
  attest,
  ContractRevertError,
  deactivateAdapter,
  getAdapter,
  getServingTerms,
  InvalidAmountError,
  InvalidIdError,
  parseModelRegistryLogs,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { ADAPTER_WEIGHTS, addTestModel, modelsFixture } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();
const caught = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);
const PRICE = 3n * 10n ** 15n;

/** Model 1 with adapter 1 verified and adapter 2 only published. */
async function fixture() {
  const base = await modelsFixture(ethers, networkHelpers);
  const adapterWeights = [ADAPTER_WEIGHTS, new TextEncoder().encode("adapter weights v2")];
  await addTestModel(base, { datanetId: 2n, version: 1n }, adapterWeights);
  await attest(base.trainer, { adapterId: 1n, score: 90n, reportHash: ethers.id("report") });
  return base;
}

describe("activateAdapter, getServingTerms and deactivateAdapter", function () {
  it("open a verified adapter at a price, change the price, and stop serving it", async function () {
    const { builder, reader, signers } = await networkHelpers.loadFixture(fixture);
    const activated = await activateAdapter(builder, { adapterId: 1n, pricePerCall: PRICE });
    expect([activated.modelId, activated.pricePerCall]).to.deep.equal([1n, PRICE]);
    expect(await getServingTerms(reader, { adapterId: 1n })).to.deep.equal({
      modelId: 1n,
      builder: signers.builder.address,
      pricePerCall: PRICE,
    });
    await activateAdapter(builder, { adapterId: 1n, pricePerCall: 2n * PRICE });
    expect((await getServingTerms(reader, { adapterId: 1n })).pricePerCall).to.equal(2n * PRICE);

    const deactivated = await deactivateAdapter(builder, { adapterId: 1n });
    expect(deactivated.modelId).to.equal(1n);
    expect((await getAdapter(reader, { adapterId: 1n })).status).to.equal("Verified");
    const error = (await caught(getServingTerms(reader, { adapterId: 1n }))) as ContractRevertError;
    expect([error.errorName, error.args.adapterId, error.args.status]).to.deep.equal([
      "ModelWrongAdapterStatus",
      1n,
      2n,
    ]);
  });

  it("activateAdapter reverts with ModelWrongAdapterStatus for an adapter not verified", async function () {
    const { builder } = await networkHelpers.loadFixture(fixture);
    const error = (await caught(
      activateAdapter(builder, { adapterId: 2n, pricePerCall: PRICE }),
    )) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect([error.errorName, error.args.adapterId, error.args.status]).to.deep.equal([
      "ModelWrongAdapterStatus",
      2n,
      1n,
    ]);
  });

  it("getServingTerms reverts with ModelUnknownAdapter for an unknown adapter", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const error = (await caught(getServingTerms(reader, { adapterId: 9n }))) as ContractRevertError;
    expect([error.errorName, error.args.adapterId]).to.deep.equal(["ModelUnknownAdapter", 9n]);
  });

  it("throw InvalidAmountError for a zero or too large price and InvalidIdError for a bad id", async function () {
    const { builder } = await networkHelpers.loadFixture(fixture);
    for (const pricePerCall of [0n, 2n ** 128n]) {
      const error = (await caught(activateAdapter(builder, { adapterId: 1n, pricePerCall }))) as InvalidAmountError;
      expect(error).to.be.instanceOf(InvalidAmountError);
      expect([error.field, error.min]).to.deep.equal(["pricePerCall", 1n]);
    }
    expect(await caught(deactivateAdapter(builder, { adapterId: 0n }))).to.be.instanceOf(InvalidIdError);
    expect(await caught(getServingTerms(builder, { adapterId: 0n }))).to.be.instanceOf(InvalidIdError);
  });
});

describe("parseModelRegistryLogs", function () {
  it("decodes the registry's events, struct arrays included", async function () {
    const { builder, models, signers } = await networkHelpers.loadFixture(fixture);
    const [created] = await models.queryFilter(models.filters.ModelCreated(1n));
    const receipt = (await created!.getTransactionReceipt())!;
    const events = parseModelRegistryLogs(builder, receipt);
    expect(events.map((e) => e.eventName)).to.deep.equal(["ModelCreated"]);
    const [event] = events;
    if (event?.eventName !== "ModelCreated") throw new Error("unreachable");
    expect(event.args).to.deep.equal({
      modelId: 1n,
      builder: signers.builder.address,
      baseModelId: 1n,
      sources: [{ datanetId: 2n, version: 1n }],
      metadataURI: "ipfs://m",
    });
  });
});
