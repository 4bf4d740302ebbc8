// Paying for inference through the SDK: approve and permit paths, the max-price guard, the
// pre-checks that send nothing, and the ledger's events.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import type { Signer } from "ethers";

import {
  activateAdapter,
  AdapterNotPayableError,
  ContractRevertError,
  createClient,
  deactivateAdapter,
  encodePay,
  getAllowance,
  getPaymentCount,
  InsufficientPaymentBalanceError,
  InvalidAmountError,
  InvalidIdError,
  parseUsageLedgerLogs,
  pay,
  PermitDeadlineError,
  PriceAboveMaxError,
  quote,
  RunnerError,
  watchPayments,
  type PaymentRecord,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { sleep, waitUntil } from "../utils/wait.js";
import { FUNDS, PRICE, usageFixture } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();
const fixture = () => usageFixture(ethers, networkHelpers);
const caught = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);

/** What an account has sent and signed so far: its nonce and its OPEN permit nonce. */
async function nonces({ token }: { token: { nonces(owner: string): Promise<bigint> } }, account: string) {
  return { sent: await ethers.provider.getTransactionCount(account), permits: await token.nonces(account) };
}

/** A signer that runs `hook` once, before its first EIP-712 signature (to change the chain mid-action). */
function hookedSigner(signer: HardhatEthersSigner, hook: () => Promise<unknown>): Signer {
  let pending: (() => Promise<unknown>) | undefined = hook;
  return new Proxy(signer, {
    get(target, property) {
      if (property === "signTypedData") {
        return async (...args: Parameters<Signer["signTypedData"]>) => {
          const run = pending;
          pending = undefined;
          await run?.();
          return target.signTypedData(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("pay", function () {
  it("approves the exact amount, then pays: the charge is the quote and the Paid event", async function () {
    const { payer, reader, token, addresses, signers } = await networkHelpers.loadFixture(fixture);
    const payerAddress = signers.stranger.address;
    const quoted = await quote(reader, { adapterId: 1n, calls: 10n });
    const distributorBefore = await token.balanceOf(addresses.attributionDistributor);
    const sent: string[] = [];
    const payment = await pay(payer, { adapterId: 1n, calls: 10n, onSent: (hash) => sent.push(hash) });

    expect(payment.approval?.amount).to.equal(quoted.amount);
    expect(payment.permit).to.equal(undefined);
    expect(sent).to.deep.equal([payment.approval!.receipt.hash, payment.receipt.hash]);
    const [paid] = parseUsageLedgerLogs(reader, payment.receipt);
    if (paid?.eventName !== "Paid") throw new Error("no Paid event");
    const expected = {
      paymentId: 1n,
      modelId: 1n,
      adapterId: 1n,
      payer: payerAddress,
      builder: signers.builder.address,
      calls: 10n,
      pricePerCall: PRICE,
      amount: 10n * PRICE,
      builderAmount: quoted.builderAmount,
      treasuryAmount: quoted.treasuryAmount,
      attributionAmount: quoted.attributionAmount,
    };
    expect(paid.args).to.deep.equal(expected);
    const { receipt: _receipt, quote: usedQuote, approval: _approval, permit: _permit, ...fields } = payment;
    expect(fields).to.deep.equal(expected);
    expect(usedQuote.pricePerCall).to.equal(quoted.pricePerCall);
    expect(payment.builderAmount + payment.treasuryAmount + payment.attributionAmount).to.equal(payment.amount);

    expect(await token.balanceOf(payerAddress)).to.equal(FUNDS - payment.amount);
    expect(await token.balanceOf(addresses.attributionDistributor)).to.equal(
      distributorBefore + payment.attributionAmount,
    );
    expect(await token.balanceOf(addresses.usageLedger)).to.equal(payment.builderAmount + payment.treasuryAmount);
    expect(await getAllowance(reader, { owner: payerAddress, spender: addresses.usageLedger })).to.equal(0n);
    expect(await getPaymentCount(reader)).to.equal(1n);
  });

  it("pays with a permit in one transaction: no approval, the permit nonce used, no allowance left", async function () {
    const { payer, reader, token, addresses, signers } = await networkHelpers.loadFixture(fixture);
    const payerAddress = signers.stranger.address;
    const before = await nonces({ token }, payerAddress);
    const sent: string[] = [];
    const payment = await pay(payer, { adapterId: 1n, calls: 4n, permit: true, onSent: (hash) => sent.push(hash) });

    expect(payment.approval).to.equal(undefined);
    expect([payment.permit?.value, payment.permit?.nonce]).to.deep.equal([4n * PRICE, before.permits]);
    expect(sent).to.deep.equal([payment.receipt.hash]);
    expect(await nonces({ token }, payerAddress)).to.deep.equal({
      sent: before.sent + 1,
      permits: before.permits + 1n,
    });
    expect(await getAllowance(reader, { owner: payerAddress, spender: addresses.usageLedger })).to.equal(0n);
    expect([payment.amount, payment.payer]).to.deep.equal([4n * PRICE, payerAddress]);
    expect(await token.balanceOf(payerAddress)).to.equal(FUNDS - 4n * PRICE);
  });

  it("signs the permit with the deadline given", async function () {
    const { payer } = await networkHelpers.loadFixture(fixture);
    const deadline = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 600n;
    const payment = await pay(payer, { adapterId: 1n, calls: 1n, permit: { deadline } });
    expect(payment.permit?.deadline).to.equal(deadline);
    expect(payment.paymentId).to.equal(1n);
  });

  it("neither approves nor signs when the allowance already covers the amount", async function () {
    const { payer, token, addresses, signers } = await networkHelpers.loadFixture(fixture);
    await (await token.connect(signers.stranger).approve(addresses.usageLedger, 100n * PRICE)).wait();
    const before = await nonces({ token }, signers.stranger.address);
    const payment = await pay(payer, { adapterId: 1n, calls: 2n, permit: true });
    expect([payment.approval, payment.permit]).to.deep.equal([undefined, undefined]);
    expect(await nonces({ token }, signers.stranger.address)).to.deep.equal({
      sent: before.sent + 1,
      permits: before.permits,
    });
    expect(await token.allowance(signers.stranger.address, addresses.usageLedger)).to.equal(98n * PRICE);
  });

  it("charges the current price when maxPricePerCall is above it", async function () {
    const { payer } = await networkHelpers.loadFixture(fixture);
    const payment = await pay(payer, { adapterId: 1n, calls: 3n, maxPricePerCall: 5n * PRICE });
    expect([payment.pricePerCall, payment.amount]).to.deep.equal([PRICE, 3n * PRICE]);
  });

  it("throws PriceAboveMaxError, sending nothing, when maxPricePerCall is below the price", async function () {
    const { payer, token, signers } = await networkHelpers.loadFixture(fixture);
    const before = await nonces({ token }, signers.stranger.address);
    const error = (await caught(
      pay(payer, { adapterId: 1n, calls: 3n, maxPricePerCall: PRICE - 1n }),
    )) as PriceAboveMaxError;
    expect(error).to.be.instanceOf(PriceAboveMaxError);
    expect([error.adapterId, error.pricePerCall, error.maxPricePerCall]).to.deep.equal([1n, PRICE, PRICE - 1n]);
    expect(await nonces({ token }, signers.stranger.address)).to.deep.equal(before);
  });

  it("reverts with UsagePriceAboveMax, sending nothing, when the price rises after the quote", async function () {
    const { builder, token, addresses, signers } = await networkHelpers.loadFixture(fixture);
    // The builder raises the price while the payer signs its permit: after pay's quote, before its transaction.
    const raise = () => activateAdapter(builder, { adapterId: 1n, pricePerCall: 2n * PRICE });
    const payer = await createClient({ runner: hookedSigner(signers.stranger, raise), addresses });
    const before = await nonces({ token }, signers.stranger.address);
    const error = (await caught(pay(payer, { adapterId: 1n, calls: 5n, permit: true }))) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect([error.errorName, ...error.args]).to.deep.equal(["UsagePriceAboveMax", 1n, 2n * PRICE, PRICE]);
    expect(await nonces({ token }, signers.stranger.address)).to.deep.equal(before);
    expect(await token.balanceOf(signers.stranger.address)).to.equal(FUNDS);
  });

  it("throws AdapterNotPayableError, sending nothing, for an adapter published or deactivated", async function () {
    const { payer, builder, token, signers } = await networkHelpers.loadFixture(fixture);
    await deactivateAdapter(builder, { adapterId: 1n });
    const before = await nonces({ token }, signers.stranger.address);
    for (const [adapterId, status] of [
      [1n, "Verified"],
      [2n, "Published"],
    ] as const) {
      const error = (await caught(pay(payer, { adapterId, calls: 1n, permit: true }))) as AdapterNotPayableError;
      expect(error).to.be.instanceOf(AdapterNotPayableError);
      expect([error.adapterId, error.status]).to.deep.equal([adapterId, status]);
    }
    expect(await nonces({ token }, signers.stranger.address)).to.deep.equal(before);
  });

  it("throws InsufficientPaymentBalanceError, sending nothing, when the payer holds too little", async function () {
    const { relayer, token, signers } = await networkHelpers.loadFixture(fixture);
    await (await token.connect(signers.admin).transfer(signers.relayer.address, 2n * PRICE)).wait();
    const before = await nonces({ token }, signers.relayer.address);
    const error = (await caught(pay(relayer, { adapterId: 1n, calls: 3n }))) as InsufficientPaymentBalanceError;
    expect(error).to.be.instanceOf(InsufficientPaymentBalanceError);
    expect([error.account, error.balance, error.needed]).to.deep.equal([
      signers.relayer.address,
      2n * PRICE,
      3n * PRICE,
    ]);
    expect(await nonces({ token }, signers.relayer.address)).to.deep.equal(before);
  });

  it("reverts with ModelUnknownAdapter, sending nothing, for an unknown adapter", async function () {
    const { payer, token, signers } = await networkHelpers.loadFixture(fixture);
    const before = await nonces({ token }, signers.stranger.address);
    const error = (await caught(pay(payer, { adapterId: 9n, calls: 1n }))) as ContractRevertError;
    expect([error.errorName, error.args.adapterId]).to.deep.equal(["ModelUnknownAdapter", 9n]);
    expect(await nonces({ token }, signers.stranger.address)).to.deep.equal(before);
  });

  it("throws PermitDeadlineError, sending nothing, for a permit deadline already past", async function () {
    const { payer, token, signers } = await networkHelpers.loadFixture(fixture);
    const before = await nonces({ token }, signers.stranger.address);
    const error = (await caught(
      pay(payer, { adapterId: 1n, calls: 1n, permit: { deadline: 1n } }),
    )) as PermitDeadlineError;
    expect(error).to.be.instanceOf(PermitDeadlineError);
    expect(error.deadline).to.equal(1n);
    expect(await nonces({ token }, signers.stranger.address)).to.deep.equal(before);
  });

  it("throws parameter errors for bad calls, ids and max prices, and RunnerError without a signer", async function () {
    const { payer, reader } = await networkHelpers.loadFixture(fixture);
    for (const calls of [0n, 2n ** 128n]) {
      const error = (await caught(pay(payer, { adapterId: 1n, calls }))) as InvalidAmountError;
      expect(error).to.be.instanceOf(InvalidAmountError);
      expect([error.field, error.min, error.max]).to.deep.equal(["calls", 1n, 2n ** 128n - 1n]);
    }
    const maxError = (await caught(
      pay(payer, { adapterId: 1n, calls: 1n, maxPricePerCall: -1n }),
    )) as InvalidAmountError;
    expect([maxError.constructor, maxError.field]).to.deep.equal([InvalidAmountError, "maxPricePerCall"]);
    expect(await caught(pay(payer, { adapterId: 0n, calls: 1n }))).to.be.instanceOf(InvalidIdError);
    expect(await caught(pay(reader, { adapterId: 1n, calls: 1n }))).to.be.instanceOf(RunnerError);
  });
});

describe("encodePay", function () {
  it("builds the ledger's pay calldata, which pays once sent after an approval", async function () {
    const { reader, token, addresses, signers } = await networkHelpers.loadFixture(fixture);
    const request = encodePay(reader, { adapterId: 1n, calls: 2n, maxPricePerCall: PRICE });
    expect(request.to).to.equal(addresses.usageLedger);
    await (await token.connect(signers.stranger).approve(addresses.usageLedger, 2n * PRICE)).wait();
    const receipt = (await (await signers.stranger.sendTransaction(request)).wait())!;
    const events = parseUsageLedgerLogs(reader, receipt);
    expect(events.map((e) => e.eventName)).to.deep.equal(["Paid"]);
    expect(events[0]!.args).to.include({ payer: signers.stranger.address, calls: 2n, amount: 2n * PRICE });
  });

  it("throws parameter errors without building anything", async function () {
    const { reader } = await networkHelpers.loadFixture(fixture);
    expect(() => encodePay(reader, { adapterId: 1n, calls: 0n, maxPricePerCall: PRICE })).to.throw(InvalidAmountError);
    expect(() => encodePay(reader, { adapterId: 0n, calls: 1n, maxPricePerCall: PRICE })).to.throw(InvalidIdError);
  });
});

describe("parseUsageLedgerLogs", function () {
  it("skips the token's and the distributor's logs of a payment", async function () {
    const { payer, reader } = await networkHelpers.loadFixture(fixture);
    const { receipt } = await pay(payer, { adapterId: 1n, calls: 1n, permit: true });
    expect(receipt.logs.length).to.be.greaterThan(1);
    expect(parseUsageLedgerLogs(reader, receipt).map((e) => e.eventName)).to.deep.equal(["Paid"]);
    expect(parseUsageLedgerLogs(reader, { logs: [] })).to.deep.equal([]);
  });
});

describe("watchPayments", function () {
  it("reports new payments once each, filtered by adapter, with where they were logged", async function () {
    const { payer, reader } = await networkHelpers.loadFixture(fixture);
    const all: PaymentRecord[] = [];
    const ofAdapter2: PaymentRecord[] = [];
    const errors: unknown[] = [];
    const watch = { pollingInterval: 10, onError: (error: unknown) => void errors.push(error) };
    const stop = [
      watchPayments(reader, { ...watch, modelId: 1n, onPayments: (p) => void all.push(...p) }),
      watchPayments(reader, { ...watch, adapterId: 2n, onPayments: (p) => void ofAdapter2.push(...p) }),
    ];
    try {
      await sleep(50); // let the watchers take their starting block
      const first = await pay(payer, { adapterId: 1n, calls: 1n, permit: true });
      const second = await pay(payer, { adapterId: 1n, calls: 2n, permit: true });
      await waitUntil(() => all.length >= 2, 5_000);
      expect(all.map((p) => [p.paymentId, p.calls, p.transactionHash])).to.deep.equal([
        [1n, 1n, first.receipt.hash],
        [2n, 2n, second.receipt.hash],
      ]);
      expect(all[1]!.blockNumber).to.equal(second.receipt.blockNumber);
      expect(ofAdapter2).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    } finally {
      stop.forEach((unwatch) => unwatch());
    }
    expect(() => watchPayments(reader, { adapterId: 0n, onPayments: () => {} })).to.throw(InvalidIdError);
  });
});
