import { expect } from "chai";
import { keccak256, toUtf8Bytes, ZeroHash } from "ethers";

import { formatCanonical, hashCanonical } from "../../../oracle/src/epoch/canonical.js";
import {
  CanonicalJsonError,
  EpochMetadataDigestMismatchError,
  EpochMetadataInvalidError,
  EpochMetadataNotCanonicalError,
} from "../../../oracle/src/epoch/errors.js";
import {
  anchorTreeURI,
  buildEpochMetadata,
  EPOCH_METADATA_FORMAT,
  type EpochMetadata,
  formatEpochMetadata,
  hashEpochMetadata,
  inputsDigest,
  parseAnchoredTreeURI,
  parseEpochMetadata,
} from "../../../oracle/src/epoch/metadata.js";
import { randomTools } from "./random.js";
import { ALICE, BOB, CAROL, DAVE, DISTRIBUTOR, METHOD, sampleEpoch, sampleInputs } from "./samples.js";

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The sample metadata's build parameters. */
function parameters() {
  return {
    chainId: 31337n,
    distributor: DISTRIBUTOR.toLowerCase(),
    epoch: 2n,
    root: keccak256("0xaa").toUpperCase().replace("0X", "0x"),
    previousRoot: keccak256("0xbb"),
    totalCumulative: 225n,
    epochTotal: 75n,
    treeFile: { uri: "https://rewards.example/epoch-2.json", hash: keccak256("0xcc") },
    method: METHOD,
    inputs: sampleInputs(),
    explanations: { uri: "https://rewards.example/epoch-2.explanations.json", hash: keccak256("0xdd") },
  };
}

describe("formatCanonical / hashCanonical", function () {
  it("sorts keys at every depth (integer-like keys too), writes bigints as strings, indents by 2, ends with a newline", function () {
    const text = formatCanonical({ b: 1n, a: { "10": true, "2": null, z: [], y: {} }, c: ["x", 1.5, -3] });
    expect(text).to.equal(
      '{\n  "a": {\n    "10": true,\n    "2": null,\n    "y": {},\n    "z": []\n  },\n  "b": "1",\n  "c": [\n    "x",\n    1.5,\n    -3\n  ]\n}\n',
    );
    expect(hashCanonical({ b: 1n })).to.equal(keccak256(toUtf8Bytes('{\n  "b": "1"\n}\n')));
    expect(formatCanonical({ b: 1n })).to.equal(formatCanonical({ b: "1" }));
  });

  it("refuses values without a canonical form with CanonicalJsonError naming the path", function () {
    const cases: [unknown, string][] = [
      [{ a: Number.NaN }, "$.a"],
      [{ a: [1, undefined] }, "$.a[1]"],
      [{ a: { b: 2 ** 60 } }, "$.a.b"],
      [{ m: new Map() }, "$.m"],
      [{ f: () => 1 }, "$.f"],
    ];
    for (const [value, path] of cases) {
      const error = thrown(() => formatCanonical(value));
      expect(error, path).to.be.instanceOf(CanonicalJsonError);
      expect((error as CanonicalJsonError).path).to.equal(path);
    }
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect((thrown(() => formatCanonical(cycle)) as CanonicalJsonError).path).to.equal("$.self");
  });
});

describe("buildEpochMetadata / formatEpochMetadata / parseEpochMetadata", function () {
  it("normalizes (checksums, lower-case hashes, sorted lists) and computes the inputs digest", function () {
    const metadata = buildEpochMetadata(parameters());
    expect(metadata.format).to.equal(EPOCH_METADATA_FORMAT);
    expect(metadata.distributor).to.equal(DISTRIBUTOR);
    expect(metadata.root).to.equal(keccak256("0xaa"));
    expect(metadata.inputs.corpus.map((e) => [e.datanetId, e.contributionId])).to.deep.equal([
      [1n, 9n],
      [1n, 10n],
      [2n, 1n],
    ]);
    expect(metadata.inputs.corpus.map((e) => e.contributor)).to.deep.equal([CAROL, ALICE, BOB]);
    expect(metadata.inputs.payments.map((e) => e.paymentId)).to.deep.equal([3n, 7n]);
    expect(metadata.inputs.payments[0]!.payer).to.equal(DAVE);
    expect(metadata.inputsDigest).to.equal(hashCanonical({ method: metadata.method, inputs: metadata.inputs }));
    expect(metadata.inputsDigest).to.equal(inputsDigest(metadata));
  });

  it("round-trips byte for byte: format → parse → format, and the same values in any order give the same bytes", function () {
    const metadata = buildEpochMetadata(parameters());
    const text = formatEpochMetadata(metadata);
    expect(text.endsWith("}\n")).to.equal(true);
    const parsed = parseEpochMetadata(text);
    expect(parsed).to.deep.equal(metadata);
    expect(formatEpochMetadata(parsed)).to.equal(text);
    expect(hashEpochMetadata(parsed)).to.equal(keccak256(toUtf8Bytes(text)));

    const shuffled = parameters();
    shuffled.inputs.corpus.reverse();
    shuffled.inputs.payments.reverse();
    expect(formatEpochMetadata(buildEpochMetadata(shuffled))).to.equal(text);
  });

  it("the digest changes when any input or the method changes", function () {
    const base = buildEpochMetadata(parameters()).inputsDigest;
    const edits: ((p: ReturnType<typeof parameters>) => void)[] = [
      (p) => (p.inputs.blockRange.toBlock = 91n),
      (p) => (p.inputs.blockRange.fromBlock = 11n),
      (p) => (p.inputs.inferenceLog.hash = keccak256("0x0a")),
      (p) => (p.inputs.inferenceLog.uri = "file:///elsewhere.jsonl"),
      (p) => (p.inputs.corpus[0]!.contentHash = keccak256("0x0b")),
      (p) => (p.inputs.corpus[1]!.contributor = DAVE),
      (p) => p.inputs.corpus.pop(),
      (p) => (p.inputs.excluded = []),
      (p) => (p.inputs.excluded![0]!.reason = "unreachable"),
      (p) => (p.inputs.payments[0]!.attributionAmount += 1n),
      (p) => (p.inputs.payments[1]!.adapterId = 9n),
      (p) => (p.method = { ...METHOD, version: "1.0.1" }),
      (p) => (p.method = { ...METHOD, params: { ...METHOD.params, minSpanTokens: 9 } }),
    ];
    const digests = edits.map((edit) => {
      const p = parameters();
      edit(p);
      return buildEpochMetadata(p).inputsDigest;
    });
    for (const digest of digests) expect(digest).to.not.equal(base);
    expect(new Set(digests).size).to.equal(digests.length);
  });

  it("property: random metadata round-trips byte for byte, and an edited payment amount is refused", function () {
    const r = randomTools(0x3e7a);
    for (let round = 0; round < 60; round++) {
      const p = parameters();
      p.inputs.corpus = Array.from({ length: r.int(6) }, (_, i) => ({
        datanetId: BigInt(r.int(3)),
        contributionId: BigInt(i * 3 + r.int(3)),
        contentHash: keccak256(r.bytes(8)),
        contributor: r.recase(r.address()),
      }));
      p.inputs.payments = Array.from({ length: r.int(5) }, (_, i) => ({
        paymentId: BigInt(i * 10 + r.int(10)),
        adapterId: BigInt(r.int(4)),
        payer: r.address(),
        attributionAmount: r.amount(),
      }));
      p.inputs.excluded = [];
      const metadata = buildEpochMetadata({ ...p, inputs: { ...p.inputs, corpus: r.shuffle(p.inputs.corpus) } });
      const text = formatEpochMetadata(metadata);
      expect(formatEpochMetadata(parseEpochMetadata(text))).to.equal(text);
      if (metadata.inputs.payments.length > 0) {
        // Editing a payment amount in the published file breaks its digest.
        const edited = text.replace(
          `"attributionAmount": "${metadata.inputs.payments[0]!.attributionAmount}"`,
          `"attributionAmount": "${metadata.inputs.payments[0]!.attributionAmount + 1n}"`,
        );
        expect(thrown(() => parseEpochMetadata(edited))).to.be.instanceOf(EpochMetadataDigestMismatchError);
      }
    }
  });

  it("refuses a re-serialized file with EpochMetadataNotCanonicalError, an edited input with EpochMetadataDigestMismatchError", function () {
    const text = formatEpochMetadata(buildEpochMetadata(parameters()));
    const compact = thrown(() => parseEpochMetadata(JSON.stringify(JSON.parse(text))));
    expect(compact).to.be.instanceOf(EpochMetadataNotCanonicalError);
    expect((compact as EpochMetadataNotCanonicalError).offset).to.equal(1);
    expect(thrown(() => parseEpochMetadata(text.trimEnd()))).to.be.instanceOf(EpochMetadataNotCanonicalError);

    const edited = text.replace('"toBlock": "90"', '"toBlock": "89"');
    const mismatch = thrown(() => parseEpochMetadata(edited)) as EpochMetadataDigestMismatchError;
    expect(mismatch).to.be.instanceOf(EpochMetadataDigestMismatchError);
    expect(mismatch.expected).to.equal(buildEpochMetadata(parameters()).inputsDigest);
    expect(mismatch.actual).to.not.equal(mismatch.expected);
  });

  it("refuses malformed fields with EpochMetadataInvalidError naming the path", function () {
    const good = JSON.parse(formatEpochMetadata(buildEpochMetadata(parameters()))) as Record<string, unknown>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits reach into the parsed JSON freely
    const cases: [(json: Record<string, any>) => void, string][] = [
      [(j) => (j.format = "v0"), "$.format"],
      [(j) => (j.epoch = "0"), "$.epoch"],
      [(j) => (j.epoch = 2), "$.epoch"],
      [(j) => (j.totalCumulative = "-1"), "$.totalCumulative"],
      [(j) => (j.epochTotal = "226"), "$.epochTotal"],
      [(j) => (j.root = ZeroHash), "$.root"],
      [(j) => (j.previousRoot = ZeroHash), "$.previousRoot"],
      [(j) => (j.distributor = DISTRIBUTOR.toLowerCase()), "$.distributor"],
      [(j) => (j.treeFile.hash = "0x12"), "$.treeFile.hash"],
      [(j) => (j.explanations.uri = ""), "$.explanations.uri"],
      [(j) => (j.extra = 1), "$.extra"],
      [(j) => delete j.inputs.payments, "$.inputs.payments"],
      [(j) => j.inputs.corpus.reverse(), "$.inputs.corpus[1]"],
      [(j) => j.inputs.payments.push(j.inputs.payments[1]), "$.inputs.payments[2]"],
      [(j) => (j.inputs.blockRange.fromBlock = "100"), "$.inputs.blockRange"],
      [(j) => (j.inputs.excluded[0].contributionId = "9"), "$.inputs.excluded[0]"],
      [(j) => (j.inputs.corpus[0].contentHash = keccak256("0x01").toUpperCase()), "$.inputs.corpus[0].contentHash"],
    ];
    for (const [edit, path] of cases) {
      const json = structuredClone(good);
      edit(json);
      const error = thrown(() => parseEpochMetadata(formatCanonical(json)));
      expect(error, path).to.be.instanceOf(EpochMetadataInvalidError);
      expect((error as EpochMetadataInvalidError).path, path).to.equal(path);
    }
    expect((thrown(() => parseEpochMetadata("{")) as EpochMetadataInvalidError).path).to.equal("$");
    // buildEpochMetadata validates the same way.
    const bad = thrown(() => buildEpochMetadata({ ...parameters(), previousRoot: ZeroHash }));
    expect((bad as EpochMetadataInvalidError).path).to.equal("$.previousRoot");
    const badParams = thrown(() => buildEpochMetadata({ ...parameters(), method: { ...METHOD, params: { k: NaN } } }));
    expect(badParams).to.be.instanceOf(CanonicalJsonError);
  });

  it("commits to the explanation file and the tree file of a built epoch", async function () {
    const { metadata, explanations, tree2 } = await sampleEpoch();
    expect(metadata.explanations.hash).to.equal(keccak256(toUtf8Bytes(formatCanonical(explanations))));
    expect(metadata.treeFile.hash).to.equal(tree2.treeHash);
    const rewritten = { ...explanations, [CAROL]: [{ output: "r9", spans: [[0, 99]] }] };
    expect(hashCanonical(rewritten)).to.not.equal(metadata.explanations.hash);
  });
});

describe("anchorTreeURI / parseAnchoredTreeURI", function () {
  it("appends the metadata hash as a fragment and reads it back", function () {
    const metadata: EpochMetadata = buildEpochMetadata(parameters());
    const hash = hashEpochMetadata(metadata);
    const anchored = anchorTreeURI("https://rewards.example/epoch-2.json", hash.toUpperCase().replace("0X", "0x"));
    expect(anchored).to.equal(`https://rewards.example/epoch-2.json#oa-metadata=${hash}`);
    expect(parseAnchoredTreeURI(anchored)).to.deep.equal({
      treeURI: "https://rewards.example/epoch-2.json",
      metadataHash: hash,
    });
    expect(parseAnchoredTreeURI("ipfs://tree")).to.deep.equal({ treeURI: "ipfs://tree", metadataHash: undefined });
    expect(thrown(() => anchorTreeURI("https://x/#a", hash))).to.be.instanceOf(EpochMetadataInvalidError);
    expect(thrown(() => anchorTreeURI("https://x/", "0x12"))).to.be.instanceOf(EpochMetadataInvalidError);
  });
});
