// Quoting payments and reading the ledger's split through the SDK.
import { expect } from "chai";

import {
  activateAdapter,
  ContractRevertError,
  deactivateAdapter,
  getFeeSplit,
  getPaymentCount,
  InvalidAmountError,
  InvalidIdError,
  parseUsageLedgerLogs,
  pay,
  quote,
  type UsageLedgerEvent,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { SUITE_BUILDER_BPS, SUITE_TREASURY_BPS } from "../utils/deploy.js";
import { PRICE, usageFixture } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();
const fixture = () => usageFixture(ethers, networkHelpers);
const caught = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);
/** The args of the events of one name. */
const eventsNamed = <N extends UsageLedgerEvent["eventName"]>(events: UsageLedgerEvent[], name: N) =>
  events.filter((e) => e.eventName === name).map((e) => e.args as Extract<UsageLedgerEvent, { eventName: N }>["args"]);
const SPLIT = {
  builderBps: SUITE_BUILDER_BPS,
  treasuryBps: SUITE_TREASURY_BPS,
  attributionBps: 10_000n - SUITE_BUILDER_BPS - SUITE_TREASURY_BPS,
};

describe("quote", function () {
  it("gives the ledger's quote of an active adapter, with its builder, at one block", async function () {
    const { reader, ledger, signers } = await networkHelpers.loadFixture(fixture);
    const q = await quote(reader, { adapterId: 1n, calls: 10n });
    const [pricePerCall, amount, builderAmount, treasuryAmount, attributionAmount] = await ledger.quote(1n, 10n);
    expect(q).to.deep.equal({
      adapterId: 1n,
      modelId: 1n,
      builder: signers.builder.address,
      calls: 10n,
      status: "Active",
      payable: true,
      pricePerCall,
      amount,
      builderAmount,
      treasuryAmount,
      attributionAmount,
      feeSplit: SPLIT,
      blockNumber: await ethers.provider.getBlockNumber(),
    });
    expect([pricePerCall, amount]).to.deep.equal([PRICE, 10n * PRICE]);
    expect(builderAmount + treasuryAmount + attributionAmount).to.equal(amount);
  });

  it("rounds the builder's and treasury's parts down and gives the dust to the attribution pool", async function () {
    const { reader, builder, ledger, payer } = await networkHelpers.loadFixture(fixture);
    await activateAdapter(builder, { adapterId: 1n, pricePerCall: 7n });
    const q = await quote(reader, { adapterId: 1n, calls: 3n }); // 21 wei: 14.7, 2.1 and the rest
    expect([q.amount, q.builderAmount, q.treasuryAmount, q.attributionAmount]).to.deep.equal([21n, 14n, 2n, 5n]);
    expect([...(await ledger.quote(1n, 3n))]).to.deep.equal([7n, 21n, 14n, 2n, 5n]);
    const { receipt } = await pay(payer, { adapterId: 1n, calls: 3n, permit: true });
    const [paid] = eventsNamed(parseUsageLedgerLogs(reader, receipt), "Paid");
    expect(paid).to.include({ amount: 21n, builderAmount: 14n, treasuryAmount: 2n, attributionAmount: 5n });
  });

  it("is what pay charges and what the Paid event reports", async function () {
    const { reader, payer } = await networkHelpers.loadFixture(fixture);
    for (const calls of [1n, 7n, 333n]) {
      const q = await quote(reader, { adapterId: 1n, calls });
      const { receipt } = await pay(payer, { adapterId: 1n, calls, permit: true });
      const [paid] = eventsNamed(parseUsageLedgerLogs(reader, receipt), "Paid");
      expect([
        paid!.pricePerCall,
        paid!.amount,
        paid!.builderAmount,
        paid!.treasuryAmount,
        paid!.attributionAmount,
      ]).to.deep.equal([q.pricePerCall, q.amount, q.builderAmount, q.treasuryAmount, q.attributionAmount]);
    }
    expect(await getPaymentCount(reader)).to.equal(3n);
  });

  it("quotes an inactive adapter at its last price with the ledger's rounding, not payable", async function () {
    const { reader, builder, signers } = await networkHelpers.loadFixture(fixture);
    const active = await quote(reader, { adapterId: 1n, calls: 9n });
    await deactivateAdapter(builder, { adapterId: 1n });
    const inactive = await quote(reader, { adapterId: 1n, calls: 9n });
    expect(inactive).to.deep.equal({
      ...active,
      status: "Verified",
      payable: false,
      blockNumber: active.blockNumber + 1,
    });

    const published = await quote(reader, { adapterId: 2n, calls: 9n });
    expect(published).to.include({ modelId: 1n, builder: signers.builder.address, status: "Published" });
    expect([published.payable, published.pricePerCall, published.amount]).to.deep.equal([false, 0n, 0n]);
  });

  it("reverts with ModelUnknownAdapter for an unknown adapter", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    const error = (await caught(quote(reader, { adapterId: 9n, calls: 1n }))) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect([error.errorName, error.args.adapterId]).to.deep.equal(["ModelUnknownAdapter", 9n]);
  });

  it("throws InvalidAmountError for zero or too many calls and InvalidIdError for a bad id", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    for (const calls of [0n, 2n ** 128n, 1 as unknown as bigint]) {
      const error = (await caught(quote(reader, { adapterId: 1n, calls }))) as InvalidAmountError;
      expect(error).to.be.instanceOf(InvalidAmountError);
      expect(error.field).to.equal("calls");
    }
    expect(await caught(quote(reader, { adapterId: 0n, calls: 1n }))).to.be.instanceOf(InvalidIdError);
  });
});

describe("getFeeSplit", function () {
  it("reads the split in basis points and the treasury, and follows governance changes", async function () {
    const { reader, ledger, signers } = await networkHelpers.loadFixture(fixture);
    expect(await getFeeSplit(reader)).to.deep.equal({ ...SPLIT, treasury: signers.treasury.address });
    await (await ledger.connect(signers.admin).setFeeSplit(5_000n, 500n)).wait();
    await (await ledger.connect(signers.admin).setTreasury(signers.relayer.address)).wait();
    expect(await getFeeSplit(reader)).to.deep.equal({
      builderBps: 5_000n,
      treasuryBps: 500n,
      attributionBps: 4_500n,
      treasury: signers.relayer.address,
    });
    const q = await quote(reader, { adapterId: 1n, calls: 1n });
    expect([q.builderAmount, q.treasuryAmount, q.attributionAmount]).to.deep.equal([
      (PRICE * 5_000n) / 10_000n,
      (PRICE * 500n) / 10_000n,
      PRICE - (PRICE * 5_500n) / 10_000n,
    ]);
  });
});
