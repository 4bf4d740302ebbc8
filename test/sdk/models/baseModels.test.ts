// Base models and weights hashes through the SDK.
import { createHash } from "node:crypto";

import { expect } from "chai";

import {
  addBaseModel,
  ContractRevertError,
  EmptyStringError,
  getBaseModel,
  hashAdapterWeights,
  InvalidHashError,
  InvalidIdError,
  retireBaseModel,
  WebCryptoUnavailableError,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { BASE_WEIGHTS, modelsFixture } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();
const fixture = () => modelsFixture(ethers, networkHelpers);
const caught = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);
const LICENSE = "https://www.apache.org/licenses/LICENSE-2.0";

describe("hashAdapterWeights", function () {
  it("is sha256 of the file's bytes", async function () {
    for (const bytes of [BASE_WEIGHTS, new Uint8Array(), new Uint8Array(1 << 20).fill(7)]) {
      expect(await hashAdapterWeights(bytes)).to.equal("0x" + createHash("sha256").update(bytes).digest("hex"));
    }
  });

  it("throws TypeError when given anything but bytes", async function () {
    expect(await caught(hashAdapterWeights("weights" as unknown as Uint8Array))).to.be.instanceOf(TypeError);
  });

  it("throws WebCryptoUnavailableError where WebCrypto is missing", async function () {
    const original = Object.getOwnPropertyDescriptor(globalThis, "crypto")!;
    Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true });
    try {
      expect(await caught(hashAdapterWeights(BASE_WEIGHTS))).to.be.instanceOf(WebCryptoUnavailableError);
    } finally {
      Object.defineProperty(globalThis, "crypto", original);
    }
    expect(await hashAdapterWeights(BASE_WEIGHTS)).to.match(/^0x[0-9a-f]{64}$/);
  });
});

describe("addBaseModel and retireBaseModel", function () {
  it("register a base model, then retire it", async function () {
    const { registrar, reader } = await networkHelpers.loadFixture(fixture);
    const weightsHash = await hashAdapterWeights(BASE_WEIGHTS);
    const { baseModelId } = await addBaseModel(registrar, { name: "Qwen2.5-0.5B", weightsHash, licenseURI: LICENSE });
    expect(baseModelId).to.equal(1n);
    expect(await getBaseModel(reader, { baseModelId })).to.deep.equal({
      id: 1n,
      weightsHash,
      retired: false,
      name: "Qwen2.5-0.5B",
      licenseURI: LICENSE,
    });
    await retireBaseModel(registrar, { baseModelId });
    expect((await getBaseModel(reader, { baseModelId })).retired).to.equal(true);
  });

  it("reverts with ModelDuplicateBaseModel naming the existing id for the same weights", async function () {
    const { registrar } = await networkHelpers.loadFixture(fixture);
    const weightsHash = await hashAdapterWeights(BASE_WEIGHTS);
    await addBaseModel(registrar, { name: "a", weightsHash, licenseURI: LICENSE });
    const error = (await caught(
      addBaseModel(registrar, { name: "b", weightsHash, licenseURI: LICENSE }),
    )) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect([error.errorName, error.args.weightsHash, error.args.baseModelId]).to.deep.equal([
      "ModelDuplicateBaseModel",
      weightsHash,
      1n,
    ]);
  });

  it("reverts with AccessControlUnauthorizedAccount when the sender is not a registrar", async function () {
    const { stranger, models, signers } = await networkHelpers.loadFixture(fixture);
    const weightsHash = await hashAdapterWeights(BASE_WEIGHTS);
    const error = (await caught(
      addBaseModel(stranger, { name: "a", weightsHash, licenseURI: LICENSE }),
    )) as ContractRevertError;
    expect([error.errorName, error.args.account, error.args.neededRole]).to.deep.equal([
      "AccessControlUnauthorizedAccount",
      signers.stranger.address,
      await models.REGISTRAR_ROLE(),
    ]);
  });

  it("throw EmptyStringError, InvalidHashError and InvalidIdError before sending", async function () {
    const { registrar, signers } = await networkHelpers.loadFixture(fixture);
    const weightsHash = await hashAdapterWeights(BASE_WEIGHTS);
    expect(await caught(addBaseModel(registrar, { name: "", weightsHash, licenseURI: LICENSE }))).to.be.instanceOf(
      EmptyStringError,
    );
    expect(await caught(addBaseModel(registrar, { name: "a", weightsHash, licenseURI: "" }))).to.be.instanceOf(
      EmptyStringError,
    );
    const zero = (await caught(
      addBaseModel(registrar, { name: "a", weightsHash: ethers.ZeroHash, licenseURI: LICENSE }),
    )) as InvalidHashError;
    expect(zero).to.be.instanceOf(InvalidHashError);
    expect(zero.shortMessage).to.match(/^weightsHash must not be the zero hash; pass the sha256 of the weights file/);
    expect(await caught(retireBaseModel(registrar, { baseModelId: -1n }))).to.be.instanceOf(InvalidIdError);
    expect(await ethers.provider.getTransactionCount(signers.registrar.address)).to.equal(0);
  });

  it("getBaseModel reverts with ModelUnknownBaseModel for an unknown id", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const error = (await caught(getBaseModel(reader, { baseModelId: 4n }))) as ContractRevertError;
    expect([error.errorName, error.args.baseModelId]).to.deep.equal(["ModelUnknownBaseModel", 4n]);
  });
});
