// EIP-2612 permits of OPEN signed through the SDK and used on chain.
import { expect } from "chai";

import {
  createClient,
  getAllowance,
  InvalidAddressError,
  InvalidAmountError,
  PermitDeadlineError,
  RunnerError,
  signPermit,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { deploySuite } from "../utils/deploy.js";

const { ethers, networkHelpers } = await connectTestChain();
const [admin, treasury, alice, relayer] = await ethers.getSigners();

async function fixture() {
  const suite = await deploySuite(ethers, { admin, treasury });
  return {
    ...suite,
    alice: await createClient({ runner: alice, addresses: suite.addresses }),
    reader: await createClient({ runner: ethers.provider, addresses: suite.addresses }),
  };
}

describe("signPermit", function () {
  it("signs a permit the token accepts, with the domain and nonce read from the chain", async function () {
    const { alice: client, reader, token, addresses } = await networkHelpers.loadFixture(fixture);
    const permit = await signPermit(client, { spender: addresses.usageLedger, value: 42n });
    const latest = BigInt(await networkHelpers.time.latest());
    expect([permit.owner, permit.spender, permit.value, permit.nonce]).to.deep.equal([
      alice.address,
      addresses.usageLedger,
      42n,
      0n,
    ]);
    expect(permit.deadline).to.equal(latest + 3600n);
    expect(ethers.Signature.from({ v: permit.v, r: permit.r, s: permit.s }).serialized).to.equal(permit.signature);

    const { owner, spender, value, deadline, v, r, s } = permit;
    await token.connect(relayer).permit(owner, spender, value, deadline, v, r, s);
    expect(await getAllowance(reader, { owner: alice.address, spender: addresses.usageLedger })).to.equal(42n);
    // The next permit uses the next nonce.
    expect((await signPermit(client, { spender: addresses.usageLedger, value: 1n })).nonce).to.equal(1n);
  });

  it("keeps a deadline given by the caller", async function () {
    const { alice: client, addresses } = await networkHelpers.loadFixture(fixture);
    const deadline = BigInt(await networkHelpers.time.latest()) + 60n;
    expect((await signPermit(client, { spender: addresses.usageLedger, value: 1n, deadline })).deadline).to.equal(
      deadline,
    );
  });

  it("throws PermitDeadlineError when the deadline is not after the latest block", async function () {
    const { alice: client, addresses } = await networkHelpers.loadFixture(fixture);
    const latest = BigInt(await networkHelpers.time.latest());
    const error = await signPermit(client, { spender: addresses.usageLedger, value: 1n, deadline: latest }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(PermitDeadlineError);
    expect([(error as PermitDeadlineError).deadline, (error as PermitDeadlineError).latestTimestamp]).to.deep.equal([
      latest,
      latest,
    ]);
  });

  it("throws InvalidAmountError, InvalidAddressError and RunnerError before signing", async function () {
    const { alice: client, reader, addresses } = await networkHelpers.loadFixture(fixture);
    expect(
      await signPermit(client, { spender: addresses.usageLedger, value: -5n }).catch((e: unknown) => e),
    ).to.be.instanceOf(InvalidAmountError);
    expect(await signPermit(client, { spender: "0xzz", value: 5n }).catch((e: unknown) => e)).to.be.instanceOf(
      InvalidAddressError,
    );
    expect(
      await signPermit(reader, { spender: addresses.usageLedger, value: 5n }).catch((e: unknown) => e),
    ).to.be.instanceOf(RunnerError);
  });
});
