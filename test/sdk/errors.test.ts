// Every custom error of the contracts reaches an SDK caller as a ContractRevertError with its name
// and decoded arguments, nested calls included: one test per error of the SDK's merged `errorsAbi`
// (the list comes from the ABI at run time, so a new error without a row fails here), each driven
// by its row in ./utils/errorCases.ts. Then what a revert that is no custom error turns into.
import { expect } from "chai";
import { Interface, type ContractTransactionResponse } from "ethers";
import { connectTestChain } from "./utils/chain.js";

import {
  attributionDistributorAbi,
  ContractRevertError,
  datanetRegistryAbi,
  decodeRevert,
  decodeRevertData,
  errorsAbi,
  modelRegistryAbi,
  openTokenAbi,
  sendAndWait,
  usageLedgerAbi,
  withDecodedReverts,
} from "../../sdk/src/index.js";
import {
  errorCases,
  errorsFixture,
  Matcher,
  type ErrorCase,
  type Reach,
  type RowVars,
  type SuiteContract,
} from "./utils/errorCases.js";

const { ethers, networkHelpers } = await connectTestChain();
const fixture = () => errorsFixture(ethers, networkHelpers);
const errors = new Interface(errorsAbi);
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** The custom errors each contract's own ABI declares (its code and its libraries'). */
const declared: Record<SuiteContract, Set<string>> = {
  OpenToken: errorNames(openTokenAbi),
  DatanetRegistry: errorNames(datanetRegistryAbi),
  ModelRegistry: errorNames(modelRegistryAbi),
  UsageLedger: errorNames(usageLedgerAbi),
  AttributionDistributor: errorNames(attributionDistributorAbi),
};

describe("contract errors surface as ContractRevertError", function () {
  const reachedBy = new Map<string, Reach[]>();

  after(function () {
    // One line: how each error was reached, by its most direct passing row.
    const order: Reach[] = ["sdk", "contract", "call", "deploy", "crafted", "encoded"];
    const names = errorsAbi.map((e) => e.name);
    const best = (name: string) => order.find((reach) => reachedBy.get(name)?.includes(reach));
    const count = (reach: Reach) => names.filter((name) => best(name) === reach);
    const onChain = names.filter((name) => best(name) !== undefined && best(name) !== "encoded");
    const failed = names.filter((name) => best(name) === undefined);
    console.log(
      `      errorsAbi: ${names.length} errors; ${onChain.length} reached on-chain (sdk ${count("sdk").length},` +
        ` contract call ${count("contract").length}, eth_call ${count("call").length},` +
        ` constructor ${count("deploy").length}, crafted storage ${count("crafted").length}: ${count("crafted").join(", ")});` +
        ` ${count("encoded").length} encoded only: ${count("encoded").join(", ")}` +
        (failed.length === 0 ? "" : `; ${failed.length} failed: ${failed.join(", ")}`),
    );
  });

  it("has a row only for errors of errorsAbi", function () {
    const names = new Set(errorsAbi.map((e) => e.name));
    expect(errorCases.map((row) => row.name).filter((name) => !names.has(name))).to.deep.equal([]);
  });

  for (const { name, inputs } of errorsAbi) {
    const rows = errorCases.filter((row) => row.name === name);
    if (rows.length === 0) {
      it(`${name}: has a row in test/sdk/utils/errorCases.ts`, function () {
        expect.fail(`${name} is in errorsAbi but no row of errorCases provokes it`);
      });
      continue;
    }
    for (const row of rows) {
      const where = row.nested === undefined ? "" : ` [raised by ${row.nested.raisedIn} under ${row.nested.called}]`;
      it(`${name}: ${row.when}${where} (${row.reach})`, async function () {
        const f = await networkHelpers.loadFixture(fixture);
        const vars: RowVars = {};
        const error = await provoke(row, f, vars);
        const expected = row.args(f, vars);

        expect(error, "the trigger did not revert").to.be.instanceOf(ContractRevertError);
        const revert = error as ContractRevertError;
        expect(revert.errorName).to.equal(name);
        expect(revert.shortMessage).to.include(name);
        expect(revert.args.length).to.equal(inputs.length);
        expect(expected.length, "the row's expected args").to.equal(inputs.length);
        inputs.forEach((input, i) => {
          const [want, got] = [expected[i], revert.args[i]];
          if (want instanceof Matcher) {
            expect(want.test(got), `${name}.${input.name} = ${String(got)}, expected ${want.label}`).to.equal(true);
          } else {
            expect(got, `${name}.${input.name}`).to.equal(want);
          }
          // An argument named like an array member (`length`) cannot be read by name from the args
          // array; every other argument must be, also when such a name sits beside it.
          if (!Reflect.has([], input.name)) {
            expect(Object.hasOwn(revert.args, input.name), `${name}.${input.name} can be read by name`).to.equal(true);
            expect(revert.args[input.name], `${name}.${input.name} by name`).to.equal(got);
          }
        });
        // The raw revert data is exactly this error with these arguments.
        expect(revert.data.toLowerCase()).to.equal(errors.encodeErrorResult(name, [...revert.args]));
        if (row.nested !== undefined) {
          // Proof the revert came from the callee: only the inner contract declares this error.
          expect(declared[row.nested.raisedIn].has(name), `${row.nested.raisedIn} declares ${name}`).to.equal(true);
          expect(declared[row.nested.called].has(name), `${row.nested.called} declares ${name}`).to.equal(false);
        }
        reachedBy.set(name, [...(reachedBy.get(name) ?? []), row.reach]);
      });
    }
  }
});

describe("reverts that are not custom errors", function () {
  it("an empty revert (ETH sent to OPEN, which has no receive) is passed through, not a ContractRevertError", async function () {
    const { signers, addresses } = await networkHelpers.loadFixture(fixture);
    const send = () => signers.alice.sendTransaction({ to: addresses.openToken, value: 1n });
    const error = await caught(sendAndWait(send as () => Promise<ContractTransactionResponse>));
    expect(error).to.be.instanceOf(Error);
    expect(error).not.to.be.instanceOf(ContractRevertError);
    expect((error as { data?: unknown }).data).to.equal("0x");
    expect(decodeRevert(error)).to.equal(undefined);
    expect(await ethers.provider.getBalance(addresses.openToken)).to.equal(0n);
  });

  it("a call to a selector no function has (empty revert) is passed through, not a ContractRevertError", async function () {
    const { addresses } = await networkHelpers.loadFixture(fixture);
    const call = () => ethers.provider.call({ to: addresses.usageLedger, data: "0xdeadbeef" });
    const error = await caught(withDecodedReverts(call));
    expect(error).to.be.instanceOf(Error);
    expect(error).not.to.be.instanceOf(ContractRevertError);
    expect(decodeRevert(error)).to.equal(undefined);
  });

  it("a custom error outside errorsAbi is a ContractRevertError named Unknown, with its raw data", async function () {
    await networkHelpers.loadFixture(fixture);
    const token = await ethers.deployContract("FeeOnTransferToken");
    const error = await caught(sendAndWait(() => token.setFeeBps(10_001n)));
    expect(error).to.be.instanceOf(ContractRevertError);
    const revert = error as ContractRevertError;
    const selector = token.interface.getError("FeeAbove100Percent")!.selector;
    expect(errors.getError(selector)).to.equal(null);
    expect(revert.errorName).to.equal("Unknown");
    expect([...revert.args]).to.deep.equal([]);
    expect(revert.data).to.equal(token.interface.encodeErrorResult("FeeAbove100Percent", [10_001n]));
    expect(revert.shortMessage).to.include(selector);
  });

  it("a reason string is a ContractRevertError named Error, with the reason", async function () {
    const { signers } = await networkHelpers.loadFixture(fixture);
    const token = await ethers.deployContract("NoReturnToken");
    const error = await caught(sendAndWait(() => token.transferFrom(signers.alice.address, signers.bob.address, 1n)));
    expect(error).to.be.instanceOf(ContractRevertError);
    const revert = error as ContractRevertError;
    expect([revert.errorName, ...revert.args]).to.deep.equal(["Error", "NoReturnToken: allowance"]);
  });

  it("a panic is a ContractRevertError named Panic, with its code (0x11: arithmetic overflow)", async function () {
    const { signers } = await networkHelpers.loadFixture(fixture);
    const token = await ethers.deployContract("NoReturnToken");
    await sendAndWait(() => token.mint(signers.alice.address, 2n ** 256n - 1n));
    const error = await caught(sendAndWait(() => token.mint(signers.bob.address, 1n)));
    expect(error).to.be.instanceOf(ContractRevertError);
    const revert = error as ContractRevertError;
    expect([revert.errorName, ...revert.args]).to.deep.equal(["Panic", 0x11n]);
  });
});

/** Runs the row's trigger, or decodes the error's ABI encoding for an "encoded" row; returns what it threw. */
async function provoke(row: ErrorCase, f: Awaited<ReturnType<typeof fixture>>, vars: RowVars): Promise<unknown> {
  if (row.reach === "encoded") {
    expect(row.trigger, "an encoded row has no trigger").to.equal(undefined);
    expect(row.why, "an encoded row says why").to.be.a("string");
    return decodeRevertData(errors.encodeErrorResult(row.name, [...row.args(f, vars)]));
  }
  if (row.trigger === undefined) throw new Error(`row ${row.name} (${row.reach}) has no trigger`);
  if (row.reach === "crafted") expect(row.why, "a crafted row says why").to.be.a("string");
  return caught(row.trigger(f, vars));
}

function errorNames(abi: readonly { type: string; name?: string }[]): Set<string> {
  return new Set(abi.filter((item) => item.type === "error").map((item) => item.name!));
}
