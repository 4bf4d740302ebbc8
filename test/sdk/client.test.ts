// The SDK's client, typed contracts and revert decoding, against the in-process chain.
import { expect } from "chai";

import {
  ContractRevertError,
  createClient,
  datanetRegistry,
  decodeRevertData,
  InvalidAddressError,
  requireSigner,
  RunnerError,
  sendAndWait,
  UnknownChainError,
  usageLedger,
  withDecodedReverts,
} from "../../sdk/src/index.js";
import { connectTestChain } from "./utils/chain.js";
import { deploySuite } from "./utils/deploy.js";

const { ethers } = await connectTestChain();
const [admin, treasury, stranger] = await ethers.getSigners();

const { addresses } = await deploySuite(ethers, { admin, treasury });

describe("SDK client", function () {
  it("resolves the chain id and checksums the given addresses", async function () {
    const lower = Object.fromEntries(Object.entries(addresses).map(([k, v]) => [k, v.toLowerCase()]));
    const client = await createClient({ runner: admin, addresses: lower });
    expect(client.chainId).to.equal((await ethers.provider.getNetwork()).chainId);
    expect(client.addresses).to.deep.equal(addresses);
    expect(Object.isFrozen(client.addresses)).to.equal(true);
  });

  it("reverts with UnknownChainError when no deployment is known and addresses are missing", async function () {
    const error = await createClient({ runner: admin }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(UnknownChainError);
    expect((error as UnknownChainError).chainId).to.equal(31337n);
  });

  it("throws InvalidAddressError naming the field", async function () {
    const error = await createClient({ runner: admin, addresses: { ...addresses, usageLedger: "0x1234" } }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(InvalidAddressError);
    expect((error as InvalidAddressError).field).to.equal("addresses.usageLedger");
  });

  it("throws RunnerError when a transaction needs a signer and the client has a provider", async function () {
    const client = await createClient({ runner: ethers.provider, addresses });
    expect(() => requireSigner(client)).to.throw(RunnerError);
    expect(requireSigner(await createClient({ runner: admin, addresses }))).to.equal(admin);
  });
});

describe("SDK revert decoding", function () {
  it("decodes a view's custom error with named arguments", async function () {
    const client = await createClient({ runner: ethers.provider, addresses });
    const error = await withDecodedReverts(() => datanetRegistry(client).getDatanet(99n)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ContractRevertError);
    const revert = error as ContractRevertError;
    expect(revert.errorName).to.equal("DatanetUnknown");
    expect(revert.args.datanetId).to.equal(99n);
    expect(revert.args[0]).to.equal(99n);
    expect(revert.shortMessage).to.equal("The contract reverted with DatanetUnknown(99).");
  });

  it("decodes a reverted transaction before sending it, from a nested call too", async function () {
    const client = await createClient({ runner: stranger, addresses });
    // The ledger asks the model registry for adapter 7, which reverts inside the nested call.
    const error = await sendAndWait(() => usageLedger(client).pay(7n, 1n, 1n)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("ModelUnknownAdapter");
    expect((error as ContractRevertError).args.adapterId).to.equal(7n);
    expect(await ethers.provider.getTransactionCount(stranger.address)).to.equal(0);
  });

  it("adds a hint to the errors users hit most", async function () {
    const client = await createClient({ runner: stranger, addresses });
    const error = await sendAndWait(() =>
      datanetRegistry(client).contribute(1n, ethers.id("x"), "u", ethers.ZeroHash),
    ).catch((e: unknown) => e);
    expect((error as ContractRevertError).errorName).to.equal("DatanetUnknown");
    const salt = ethers.ZeroHash;
    await sendAndWait(() =>
      datanetRegistry(client).createDatanet({
        metadataURI: "m",
        license: "l",
        stake: 0n,
        reviewPeriod: 3600n,
        treasury: treasury.address,
      }),
    );
    const notCommitted = (await sendAndWait(() =>
      datanetRegistry(client).contribute(1n, ethers.id("x"), "u", salt),
    ).catch((e: unknown) => e)) as ContractRevertError;
    expect(notCommitted.errorName).to.equal("DatanetNotCommitted");
    expect(notCommitted.shortMessage).to.match(/Commit first/);
  });

  it("decodes panics and reason strings, and reports undecodable data as Unknown", function () {
    const panic = decodeRevertData("0x4e487b71" + "11".padStart(64, "0"));
    expect([panic?.errorName, panic?.args[0]]).to.deep.equal(["Panic", 0x11n]);
    const reason = decodeRevertData(
      ethers.concat(["0x08c379a0", ethers.AbiCoder.defaultAbiCoder().encode(["string"], ["no"])]),
    );
    expect([reason?.errorName, reason?.args[0]]).to.deep.equal(["Error", "no"]);
    expect(decodeRevertData("0xdeadbeef")?.errorName).to.equal("Unknown");
    expect(decodeRevertData("0x")).to.equal(undefined);
    expect(decodeRevertData("not hex")).to.equal(undefined);
  });
});
