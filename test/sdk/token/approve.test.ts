// OPEN balances, allowances and approvals through the SDK, against the in-process chain.
import { expect } from "chai";

import {
  approve,
  ContractRevertError,
  createClient,
  encodeApprove,
  getAllowance,
  getBalance,
  InvalidAddressError,
  InvalidAmountError,
  parseOpenTokenLogs,
  RunnerError,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { deploySuite } from "../utils/deploy.js";

const { ethers, networkHelpers } = await connectTestChain();
const [admin, treasury, alice, bob] = await ethers.getSigners();

async function fixture() {
  const suite = await deploySuite(ethers, { admin, treasury });
  await suite.token.transfer(alice.address, 5n * 10n ** 18n);
  return {
    ...suite,
    alice: await createClient({ runner: alice, addresses: suite.addresses }),
    reader: await createClient({ runner: ethers.provider, addresses: suite.addresses }),
  };
}

describe("getBalance", function () {
  it("reads an account's OPEN balance in wei", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    expect(await getBalance(reader, { account: alice.address })).to.equal(5n * 10n ** 18n);
    expect(await getBalance(reader, { account: bob.address.toLowerCase() })).to.equal(0n);
  });

  it("throws InvalidAddressError for a malformed account", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const error = await getBalance(reader, { account: "0x1234" }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidAddressError);
    expect((error as InvalidAddressError).field).to.equal("account");
  });
});

describe("approve", function () {
  it("sets the allowance getAllowance reads, and returns the Approval it emitted", async function () {
    const { alice: client, reader, addresses } = await networkHelpers.loadFixture(fixture);
    const sent: string[] = [];
    const result = await approve(client, {
      spender: addresses.datanetRegistry.toLowerCase(),
      amount: 7n,
      onSent: (hash) => sent.push(hash),
    });
    expect(result.receipt.status).to.equal(1);
    expect(sent).to.deep.equal([result.receipt.hash]);
    expect([result.owner, result.spender, result.amount]).to.deep.equal([alice.address, addresses.datanetRegistry, 7n]);
    expect(await getAllowance(reader, { owner: alice.address, spender: addresses.datanetRegistry })).to.equal(7n);
  });

  it("throws InvalidAmountError for a negative amount and InvalidAddressError for a bad spender", async function () {
    const { alice: client, addresses } = await networkHelpers.loadFixture(fixture);
    const negative = await approve(client, { spender: addresses.usageLedger, amount: -1n }).catch((e: unknown) => e);
    expect(negative).to.be.instanceOf(InvalidAmountError);
    expect((negative as InvalidAmountError).field).to.equal("amount");
    const badSpender = await approve(client, { spender: "ledger", amount: 1n }).catch((e: unknown) => e);
    expect(badSpender).to.be.instanceOf(InvalidAddressError);
  });

  it("throws RunnerError when the client cannot sign", async function () {
    const { reader, addresses } = await networkHelpers.loadFixture(fixture);
    const error = await approve(reader, { spender: addresses.usageLedger, amount: 1n }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RunnerError);
  });

  it("reverts with ERC20InvalidSpender when the spender is the zero address", async function () {
    const { alice: client } = await networkHelpers.loadFixture(fixture);
    const error = await approve(client, { spender: ethers.ZeroAddress, amount: 1n }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("ERC20InvalidSpender");
    expect((error as ContractRevertError).args.spender).to.equal(ethers.ZeroAddress);
  });
});

describe("encodeApprove", function () {
  it("builds the calldata that approves when sent from the holder", async function () {
    const { alice: client, reader, addresses } = await networkHelpers.loadFixture(fixture);
    const request = encodeApprove(client, { spender: addresses.usageLedger, amount: 11n });
    expect(request.to).to.equal(addresses.openToken);
    expect(request.data.slice(0, 10)).to.equal(ethers.id("approve(address,uint256)").slice(0, 10));
    await (await alice.sendTransaction(request)).wait();
    expect(await getAllowance(reader, { owner: alice.address, spender: addresses.usageLedger })).to.equal(11n);
  });

  it("throws InvalidAmountError for an amount above uint256", function () {
    // Pure: the client's addresses are all it reads, so a stub client is enough.
    const client = { addresses: { openToken: ethers.ZeroAddress } } as Parameters<typeof encodeApprove>[0];
    expect(() => encodeApprove(client, { spender: bob.address, amount: 2n ** 256n })).to.throw(InvalidAmountError);
  });
});

describe("parseOpenTokenLogs", function () {
  it("decodes the token's events of a receipt and skips other contracts' logs", async function () {
    const { token, addresses, alice: client } = await networkHelpers.loadFixture(fixture);
    const receipt = (await (await token.connect(alice).transfer(bob.address, 3n)).wait())!;
    const events = parseOpenTokenLogs(client, receipt);
    expect(events.map((e) => e.eventName)).to.deep.equal(["Transfer"]);
    const [transfer] = events;
    if (transfer.eventName !== "Transfer") throw new Error("unreachable");
    expect([transfer.args.from, transfer.args.to, transfer.args.value]).to.deep.equal([alice.address, bob.address, 3n]);
    expect([transfer.blockNumber, transfer.transactionHash]).to.deep.equal([receipt.blockNumber, receipt.hash]);
    const elsewhere = { ...client, addresses: { ...addresses, openToken: addresses.usageLedger } };
    expect(parseOpenTokenLogs(elsewhere, receipt)).to.deep.equal([]);
  });
});
