// Verifying adapters through the SDK: EIP-712 attestations built, signed by a trainer, relayed by
// anyone; and direct attestations.
import { expect } from "chai";

import {
  AdapterHashMismatchError,
  attest,
  attestWithSignature,
  AttestationDeadlineError,
  buildAttestation,
  ContractRevertError,
  getAdapter,
  hashAdapterWeights,
  InvalidAmountError,
  InvalidHashError,
  InvalidScoreError,
  InvalidSignatureError,
  NotTrainerError,
  RunnerError,
  signAttestation,
} from "../../../sdk/src/index.js";
import { connectTestChain } from "../utils/chain.js";
import { ADAPTER_WEIGHTS, addTestModel, modelsFixture } from "./fixture.js";

const { ethers, networkHelpers } = await connectTestChain();
const caught = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);
const REPORT = ethers.id("evaluation report");

/** Model 1 with adapter 1 published (weights ADAPTER_WEIGHTS). */
async function fixture() {
  const base = await modelsFixture(ethers, networkHelpers);
  const [adapterHash] = await addTestModel(base, { datanetId: 1n, version: 1n }, [ADAPTER_WEIGHTS]);
  return { ...base, adapterHash: adapterHash! };
}

describe("buildAttestation", function () {
  it("builds typed data whose digest is the registry's attestationDigest", async function () {
    const { trainer, models, adapterHash, addresses } = await networkHelpers.loadFixture(fixture);
    const attestation = { adapterId: 1n, adapterHash, score: 8_712n, reportHash: REPORT, deadline: 2n ** 40n };
    const { domain, types, primaryType, message } = buildAttestation(trainer, attestation);
    expect(domain).to.deep.equal({
      name: "OpenAttribution ModelRegistry",
      version: "1",
      chainId: 31337n,
      verifyingContract: addresses.modelRegistry,
    });
    expect(primaryType).to.equal("Attestation");
    expect(ethers.TypedDataEncoder.hash(domain, types, message)).to.equal(await models.attestationDigest(attestation));
  });

  it("throws InvalidScoreError, InvalidHashError and InvalidAmountError for malformed fields", async function () {
    const { trainer, adapterHash } = await networkHelpers.loadFixture(fixture);
    const valid = { adapterId: 1n, adapterHash, score: 1n, reportHash: REPORT, deadline: 1n };
    expect(() => buildAttestation(trainer, { ...valid, score: 2n ** 32n })).to.throw(InvalidScoreError);
    expect(() => buildAttestation(trainer, { ...valid, score: -1n })).to.throw(InvalidScoreError);
    expect(() => buildAttestation(trainer, { ...valid, reportHash: ethers.ZeroHash })).to.throw(InvalidHashError);
    expect(() => buildAttestation(trainer, { ...valid, deadline: -1n })).to.throw(InvalidAmountError);
  });
});

describe("signAttestation and attestWithSignature", function () {
  it("a trainer signs, anyone relays, and the adapter is verified", async function () {
    const { trainer, relayer, reader, adapterHash, signers } = await networkHelpers.loadFixture(fixture);
    const signed = await signAttestation(trainer, { adapterId: 1n, adapterHash, score: 8_712n, reportHash: REPORT });
    expect(signed.trainer).to.equal(signers.trainer.address);
    expect(signed.attestation.deadline).to.equal(BigInt(await networkHelpers.time.latest()) + 24n * 3600n);
    const relayed = await attestWithSignature(relayer, signed);
    expect([relayed.adapterId, relayed.trainer, relayed.score, relayed.reportHash]).to.deep.equal([
      1n,
      signers.trainer.address,
      8_712n,
      REPORT,
    ]);
    expect(relayed.receipt.from).to.equal(signers.relayer.address);
    const adapter = await getAdapter(reader, { adapterId: 1n });
    expect([adapter.status, adapter.score, adapter.verifiedBy, adapter.reportHash]).to.deep.equal([
      "Verified",
      8_712n,
      signers.trainer.address,
      REPORT,
    ]);
  });

  it("reverts with ModelAttestationExpired when relayed after the deadline", async function () {
    const { trainer, relayer, adapterHash } = await networkHelpers.loadFixture(fixture);
    const deadline = BigInt(await networkHelpers.time.latest()) + 60n;
    const signed = await signAttestation(trainer, {
      adapterId: 1n,
      adapterHash,
      score: 1n,
      reportHash: REPORT,
      deadline,
    });
    await networkHelpers.time.increaseTo(deadline + 1n);
    const error = (await caught(attestWithSignature(relayer, signed))) as ContractRevertError;
    expect(error).to.be.instanceOf(ContractRevertError);
    expect([error.errorName, error.args.deadline]).to.deep.equal(["ModelAttestationExpired", deadline]);
  });

  it("reverts with ModelInvalidSignature when the signature is not the named trainer's", async function () {
    const { trainer, relayer, adapterHash, signers } = await networkHelpers.loadFixture(fixture);
    const signed = await signAttestation(trainer, { adapterId: 1n, adapterHash, score: 1n, reportHash: REPORT });
    const forged = { ...signed, attestation: { ...signed.attestation, score: 99n } };
    const error = (await caught(attestWithSignature(relayer, forged))) as ContractRevertError;
    expect([error.errorName, error.args.trainer]).to.deep.equal(["ModelInvalidSignature", signers.trainer.address]);
  });

  it("throws NotTrainerError, AdapterHashMismatchError and AttestationDeadlineError before signing", async function () {
    const { trainer, stranger, adapterHash, signers } = await networkHelpers.loadFixture(fixture);
    const params = { adapterId: 1n, adapterHash, score: 1n, reportHash: REPORT };
    const notTrainer = (await caught(signAttestation(stranger, params))) as NotTrainerError;
    expect(notTrainer).to.be.instanceOf(NotTrainerError);
    expect(notTrainer.account).to.equal(signers.stranger.address);

    const otherWeights = await hashAdapterWeights(new TextEncoder().encode("other weights"));
    const mismatch = (await caught(
      signAttestation(trainer, { ...params, adapterHash: otherWeights }),
    )) as AdapterHashMismatchError;
    expect(mismatch).to.be.instanceOf(AdapterHashMismatchError);
    expect([mismatch.adapterHash, mismatch.attestedHash]).to.deep.equal([adapterHash, otherWeights]);

    const latest = BigInt(await networkHelpers.time.latest());
    const late = (await caught(signAttestation(trainer, { ...params, deadline: latest }))) as AttestationDeadlineError;
    expect(late).to.be.instanceOf(AttestationDeadlineError);
    expect(late.deadline).to.equal(latest);
  });

  it("signAttestation reverts with ModelUnknownAdapter for an unknown adapter", async function () {
    const { trainer, adapterHash } = await networkHelpers.loadFixture(fixture);
    const error = (await caught(
      signAttestation(trainer, { adapterId: 2n, adapterHash, score: 1n, reportHash: REPORT }),
    )) as ContractRevertError;
    expect([error.errorName, error.args.adapterId]).to.deep.equal(["ModelUnknownAdapter", 2n]);
  });

  it("throw InvalidSignatureError and RunnerError before sending", async function () {
    const { trainer, relayer, reader, adapterHash } = await networkHelpers.loadFixture(fixture);
    const signed = await signAttestation(trainer, { adapterId: 1n, adapterHash, score: 1n, reportHash: REPORT });
    for (const signature of ["0x", "signature", "0x123"]) {
      expect(await caught(attestWithSignature(relayer, { ...signed, signature }))).to.be.instanceOf(
        InvalidSignatureError,
      );
    }
    expect(await caught(attestWithSignature(reader, signed))).to.be.instanceOf(RunnerError);
    expect(
      await caught(signAttestation(reader, { adapterId: 1n, adapterHash, score: 1n, reportHash: REPORT })),
    ).to.be.instanceOf(RunnerError);
  });
});

describe("attest", function () {
  it("verifies an adapter as the trainer sending it", async function () {
    const { trainer, reader, signers } = await networkHelpers.loadFixture(fixture);
    const result = await attest(trainer, { adapterId: 1n, score: 7n, reportHash: REPORT });
    expect([result.adapterId, result.trainer]).to.deep.equal([1n, signers.trainer.address]);
    expect((await getAdapter(reader, { adapterId: 1n })).status).to.equal("Verified");
  });

  it("reverts with ModelWrongAdapterStatus when the adapter is already verified", async function () {
    const { trainer } = await networkHelpers.loadFixture(fixture);
    await attest(trainer, { adapterId: 1n, score: 7n, reportHash: REPORT });
    const error = (await caught(
      attest(trainer, { adapterId: 1n, score: 8n, reportHash: REPORT }),
    )) as ContractRevertError;
    expect([error.errorName, error.args.adapterId, error.args.status]).to.deep.equal([
      "ModelWrongAdapterStatus",
      1n,
      2n,
    ]);
  });

  it("throws InvalidScoreError and InvalidHashError before sending", async function () {
    const { trainer } = await networkHelpers.loadFixture(fixture);
    expect(await caught(attest(trainer, { adapterId: 1n, score: 2n ** 32n, reportHash: REPORT }))).to.be.instanceOf(
      InvalidScoreError,
    );
    expect(await caught(attest(trainer, { adapterId: 1n, score: 1n, reportHash: "0x" }))).to.be.instanceOf(
      InvalidHashError,
    );
  });
});
