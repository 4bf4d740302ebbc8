// Builder and treasury earnings from payments, and withdrawing them, through the SDK.
import { expect } from "chai";
import { ZeroAddress } from "ethers";

import {
  ContractRevertError,
  getEarnings,
  InvalidAddressError,
  parseUsageLedgerLogs,
  pay,
  RunnerError,
  withdrawEarnings,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { usageFixture } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();
const caught = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);

/** The usage fixture after two payments (10 and 3 calls) to adapter 1. */
async function fixture() {
  const base = await usageFixture(ethers, networkHelpers);
  const payments = [
    await pay(base.payer, { adapterId: 1n, calls: 10n, permit: true }),
    await pay(base.payer, { adapterId: 1n, calls: 3n, permit: true }),
  ];
  return { ...base, payments };
}

const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

describe("getEarnings", function () {
  it("accrues the builder's and the treasury's parts of every payment, nothing to the payer", async function () {
    const { reader, payments, signers, token, addresses } = await networkHelpers.loadFixture(fixture);
    const builderEarned = sum(payments.map((p) => p.builderAmount));
    const treasuryEarned = sum(payments.map((p) => p.treasuryAmount));
    expect(builderEarned).to.be.greaterThan(0n);
    expect(await getEarnings(reader, { account: signers.builder.address })).to.equal(builderEarned);
    expect(await getEarnings(reader, { account: signers.treasury.address.toLowerCase() })).to.equal(treasuryEarned);
    expect(await getEarnings(reader, { account: signers.stranger.address })).to.equal(0n);
    // The ledger holds exactly the unwithdrawn earnings; the attribution parts went to the distributor.
    expect(await token.balanceOf(addresses.usageLedger)).to.equal(builderEarned + treasuryEarned);
  });

  it("throws InvalidAddressError for a malformed account", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const error = (await caught(getEarnings(reader, { account: "0x12" }))) as InvalidAddressError;
    expect(error).to.be.instanceOf(InvalidAddressError);
    expect(error.field).to.equal("account");
  });
});

describe("withdrawEarnings", function () {
  it("sends the builder's earnings to the builder by default and zeroes them", async function () {
    const { builder, reader, payments, signers, token } = await networkHelpers.loadFixture(fixture);
    const earned = sum(payments.map((p) => p.builderAmount));
    const balanceBefore = await token.balanceOf(signers.builder.address);
    const sent: string[] = [];
    const result = await withdrawEarnings(builder, { onSent: (hash) => sent.push(hash) });
    expect([result.account, result.to, result.amount]).to.deep.equal([
      signers.builder.address,
      signers.builder.address,
      earned,
    ]);
    expect(sent).to.deep.equal([result.receipt.hash]);
    expect(parseUsageLedgerLogs(reader, result.receipt).map((e) => e.eventName)).to.deep.equal(["EarningsWithdrawn"]);
    expect(await token.balanceOf(signers.builder.address)).to.equal(balanceBefore + earned);
    expect(await getEarnings(reader, { account: signers.builder.address })).to.equal(0n);
  });

  it("sends the treasury's earnings to the address given, leaving the builder's in the ledger", async function () {
    const { treasuryClient, reader, payments, signers, token, addresses } = await networkHelpers.loadFixture(fixture);
    const earned = sum(payments.map((p) => p.treasuryAmount));
    const to = signers.relayer.address;
    const before = await token.balanceOf(to);
    const result = await withdrawEarnings(treasuryClient, { to: to.toLowerCase() });
    expect([result.account, result.to, result.amount]).to.deep.equal([signers.treasury.address, to, earned]);
    expect(await token.balanceOf(to)).to.equal(before + earned);
    expect(await getEarnings(reader, { account: signers.treasury.address })).to.equal(0n);
    expect(await token.balanceOf(addresses.usageLedger)).to.equal(sum(payments.map((p) => p.builderAmount)));
  });

  it("reverts with UsageNothingToWithdraw, sending nothing, for an account with no earnings", async function () {
    const { payer, builder, signers } = await networkHelpers.loadFixture(fixture);
    await withdrawEarnings(builder);
    for (const [client, account] of [
      [payer, signers.stranger.address],
      [builder, signers.builder.address],
    ] as const) {
      const nonce = await ethers.provider.getTransactionCount(account);
      const error = (await caught(withdrawEarnings(client))) as ContractRevertError;
      expect(error).to.be.instanceOf(ContractRevertError);
      expect([error.errorName, error.args.account]).to.deep.equal(["UsageNothingToWithdraw", account]);
      expect(await ethers.provider.getTransactionCount(account)).to.equal(nonce);
    }
  });

  it("reverts with UsageBadAddress, sending nothing, for the zero address or the ledger itself", async function () {
    const { builder, reader, payments, signers, addresses } = await networkHelpers.loadFixture(fixture);
    const nonce = await ethers.provider.getTransactionCount(signers.builder.address);
    for (const to of [ZeroAddress, addresses.usageLedger]) {
      const error = (await caught(withdrawEarnings(builder, { to }))) as ContractRevertError;
      expect([error.errorName, error.args.account]).to.deep.equal(["UsageBadAddress", to]);
    }
    expect(await ethers.provider.getTransactionCount(signers.builder.address)).to.equal(nonce);
    expect(await getEarnings(reader, { account: signers.builder.address })).to.equal(
      sum(payments.map((p) => p.builderAmount)),
    );
  });

  it("throws InvalidAddressError for a malformed recipient and RunnerError without a signer", async function () {
    const { builder, reader } = await networkHelpers.loadFixture(fixture);
    const error = (await caught(withdrawEarnings(builder, { to: "builder" }))) as InvalidAddressError;
    expect([error.constructor, error.field]).to.deep.equal([InvalidAddressError, "to"]);
    expect(await caught(withdrawEarnings(reader))).to.be.instanceOf(RunnerError);
  });
});
