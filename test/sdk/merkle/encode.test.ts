// Leaf encoding: the bytes of ethers' AbiCoder for every accepted value, named errors for the rest.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import { AbiCoder, getAddress, hexlify, MaxUint256 } from "ethers";

import {
  encodeLeaf,
  loadKeccak,
  MerkleLeafEncodingError,
  MerkleUnsupportedTypeError,
  parseLeafEncoding,
  StandardTree,
} from "../../../sdk/src/merkle/index.js";
import { Random } from "./fixtures.js";

const coder = AbiCoder.defaultAbiCoder();
const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** Our encoding of one value, as hex. */
function ours(types: string[], value: unknown[]): string {
  return hexlify(encodeLeaf(parseLeafEncoding(types), value).bytes);
}

function expectEncodingError(types: string[], value: unknown[], position: number, problem: string | RegExp) {
  let caught: unknown;
  try {
    encodeLeaf(parseLeafEncoding(types), value);
  } catch (error) {
    caught = error;
  }
  expect(caught, `${types.join(",")} ${String(value)}`).to.be.instanceOf(MerkleLeafEncodingError);
  const error = caught as MerkleLeafEncodingError;
  expect(error.position).to.equal(position);
  if (typeof problem === "string") expect(error.problem).to.include(problem);
  else expect(error.problem).to.match(problem);
}

describe("encodeLeaf (compared with ethers' AbiCoder)", () => {
  before(async () => {
    await loadKeccak();
  });

  it("encodes integer edge cases as AbiCoder does", () => {
    const cases: [string, bigint][] = [
      ["uint256", 0n],
      ["uint256", 1n],
      ["uint256", MaxUint256],
      ["uint256", 2n ** 53n - 1n],
      ["uint256", 2n ** 53n],
      ["uint256", 2n ** 64n],
      ["uint256", 2n ** 128n + 12345n],
      ["uint8", 255n],
      ["uint", 7n],
      ["int256", -1n],
      ["int256", -(2n ** 255n)],
      ["int256", 2n ** 255n - 1n],
      ["int8", -128n],
      ["int8", 127n],
      ["int64", -(2n ** 63n)],
      ["int", -2n],
    ];
    for (const [type, value] of cases) {
      expect(ours([type], [value]), `${type} ${value}`).to.equal(coder.encode([type], [value]));
    }
  });

  it("accepts safe-integer numbers, decimal and 0x strings for integers, as AbiCoder", () => {
    const cases: [string, unknown][] = [
      ["uint256", 0],
      ["uint256", Number.MAX_SAFE_INTEGER],
      ["int32", -5],
      ["uint256", "123456789012345678901234567890"],
      ["int256", "-42"],
      ["uint256", "0xff"],
      ["uint64", "0xFFFFFFFFFFFFFFFF"],
    ];
    for (const [type, value] of cases) {
      expect(ours([type], [value]), `${type} ${String(value)}`).to.equal(coder.encode([type], [value]));
    }
  });

  it("throws MerkleLeafEncodingError for out-of-range or malformed integers", () => {
    expectEncodingError(["uint256"], [-1n], 0, "out of range");
    expectEncodingError(["uint256"], [2n ** 256n], 0, "out of range");
    expectEncodingError(["uint8"], [256n], 0, "out of range");
    expectEncodingError(["int8"], [128n], 0, "out of range");
    expectEncodingError(["int8"], [-129n], 0, "out of range");
    expectEncodingError(["uint8"], [256], 0, "out of range");
    expectEncodingError(["uint256"], [2 ** 53], 0, "safe integer");
    expectEncodingError(["uint256"], [1.5], 0, "safe integer");
    expectEncodingError(["uint256"], ["12abc"], 0, "expected a bigint");
    expectEncodingError(["uint256"], [" 12"], 0, "expected a bigint");
    expectEncodingError(["uint256"], [true], 0, "expected a bigint");
    expectEncodingError(["bool", "uint256"], [true, null], 1, "expected a bigint");
  });

  it("encodes an address the same in lower case, upper case and checksummed", () => {
    const lower = ALICE.toLowerCase();
    const upper = "0x" + ALICE.slice(2).toUpperCase();
    const expected = coder.encode(["address"], [ALICE]);
    expect(ours(["address"], [lower])).to.equal(expected);
    expect(ours(["address"], [upper])).to.equal(expected);
    expect(ours(["address"], [ALICE])).to.equal(expected);
    const random = new Random(1);
    for (let i = 0; i < 200; i++) {
      const address = getAddress(random.hex(20));
      expect(ours(["address"], [address])).to.equal(coder.encode(["address"], [address]));
    }
  });

  it("throws MerkleLeafEncodingError for a mixed-case address with a wrong checksum, as getAddress", async () => {
    const wrong = ALICE.slice(0, -1) + "c"; // last letter in the other case
    expect(() => getAddress(wrong)).to.throw();
    let caught: unknown;
    await StandardTree.of([[wrong]], ["address"]).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(MerkleLeafEncodingError);
    expect((caught as MerkleLeafEncodingError).problem).to.include("EIP-55 checksum");
    expect((caught as MerkleLeafEncodingError).leafIndex).to.equal(0);
  });

  it("throws MerkleLeafEncodingError for addresses of the wrong length or with bad digits", () => {
    expectEncodingError(["address"], [ALICE.slice(0, -2)], 0, "40 hex digits");
    expectEncodingError(["address"], [ALICE + "00"], 0, "40 hex digits");
    expectEncodingError(["address"], [ALICE.slice(2) + "00"], 0, "40 hex digits");
    expectEncodingError(["address"], ["0x" + "g".repeat(40)], 0, "not a hex digit");
    expectEncodingError(["address"], ["0x" + "0\u00b1".repeat(20)], 0, "not a hex digit"); // not ASCII
    expectEncodingError(["address"], [123], 0, "40 hex digits");
  });

  it("encodes bytes<N> and bool as AbiCoder, and refuses the wrong length", () => {
    const word = "0x" + "ab".repeat(32);
    expect(ours(["bytes32"], [word])).to.equal(coder.encode(["bytes32"], [word]));
    expect(ours(["bytes32"], [word.toUpperCase().replace("0X", "0x")])).to.equal(coder.encode(["bytes32"], [word]));
    expect(ours(["bytes4"], ["0xdeadbeef"])).to.equal(coder.encode(["bytes4"], ["0xdeadbeef"]));
    expect(ours(["bytes1"], [new Uint8Array([7])])).to.equal(coder.encode(["bytes1"], [new Uint8Array([7])]));
    expect(ours(["bool", "bool"], [true, false])).to.equal(coder.encode(["bool", "bool"], [true, false]));
    expectEncodingError(["bytes32"], ["0x" + "ab".repeat(31)], 0, "exactly 64 hex digits");
    expectEncodingError(["bytes32"], ["0x" + "ab".repeat(33)], 0, "exactly 64 hex digits");
    expectEncodingError(["bytes32"], [new Uint8Array(31)], 0, "expected 32 bytes, got 31");
    expectEncodingError(["bytes4"], ["0xdeadbeeg"], 0, "not a hex digit");
    expectEncodingError(["bool"], ["true"], 0, "true or false");
    expectEncodingError(["bool"], [1], 0, "true or false");
  });

  it("encodes whole reward leaves as AbiCoder, and OpenZeppelin hashes them alike", async () => {
    const types = ["uint256", "address", "address", "uint256"];
    const random = new Random(9);
    const values = Array.from({ length: 50 }, () => [
      BigInt(random.u32()),
      random.address(),
      random.address(),
      random.uint(256),
    ]);
    const tree = await StandardTree.of(values, types);
    const oz = StandardMerkleTree.of(values, types);
    for (const value of values) {
      expect(ours(types, value)).to.equal(coder.encode(types, value));
      expect(tree.leafHash(value)).to.equal(oz.leafHash(value));
    }
  });

  it("throws MerkleLeafEncodingError when a leaf is not an array of the right length", () => {
    expectEncodingError(["uint256", "bool"], [1n], 0, "the leaf has 1 fields but the encoding has 2");
    let caught: unknown;
    try {
      encodeLeaf(parseLeafEncoding(["uint256"]), 5n);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(MerkleLeafEncodingError);
  });

  it("throws MerkleUnsupportedTypeError for dynamic and malformed types", () => {
    for (const type of ["string", "bytes", "uint256[]", "(uint256,address)", "uint7", "uint264", "uint0", "uint08"]) {
      expect(() => parseLeafEncoding([type]), type).to.throw(MerkleUnsupportedTypeError);
    }
    for (const type of ["bytes0", "bytes33", "bytes032", "address payable", "function", "fixed128x18"]) {
      expect(() => parseLeafEncoding(["bool", type]), type).to.throw(MerkleUnsupportedTypeError, "position 1");
    }
    expect(() => parseLeafEncoding([])).to.throw(MerkleUnsupportedTypeError);
  });
});
