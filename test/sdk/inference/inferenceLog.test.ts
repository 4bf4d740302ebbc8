// The inference log line format shared by the gateway and the oracle: the exact wire form,
// round trips (seeded property test), and every way a line can be invalid, each naming its field.
import { expect } from "chai";
import { getAddress } from "ethers";

import {
  formatInferenceLogLine,
  INFERENCE_LOG_FIELDS,
  INFERENCE_LOG_MAX_REQUEST_ID_LENGTH,
  INFERENCE_LOG_MAX_TIMESTAMP,
  type InferenceLogField,
  type InferenceLogProblem,
  type InferenceLogRecord,
  InvalidInferenceLogLineError,
  parseInferenceLogLine,
  SdkError,
} from "../../../sdk/src/index.js";
import { Random } from "../merkle/fixtures.js";

const PAYER = "0xAb5801a7D398351b8bE11C439e05C5B3259aeC9B";
const RECORD: InferenceLogRecord = {
  requestId: "b9d2c7e0-3f1e-4a51-9d6b-2f0c5a8e4d11",
  adapterId: 12n,
  payer: PAYER,
  timestamp: 1_732_500_000,
  output: "A Datanet is a community dataset.\nSecond line.",
};
const WIRE = {
  requestId: RECORD.requestId,
  adapterId: "12",
  payer: PAYER,
  timestamp: RECORD.timestamp,
  output: RECORD.output,
};

/** `WIRE` with `changes` applied (`undefined` removes a member), as a line. */
function line(changes: Record<string, unknown>): string {
  const object: Record<string, unknown> = { ...WIRE, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete object[key];
  return JSON.stringify(object);
}

function parseError(text: string): InvalidInferenceLogLineError {
  try {
    parseInferenceLogLine(text);
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidInferenceLogLineError);
    return error as InvalidInferenceLogLineError;
  }
  expect.fail(`parsed ${text}`);
}

function expectInvalid(text: string, field: InferenceLogField | undefined, problem: InferenceLogProblem) {
  const error = parseError(text);
  expect({ field: error.field, problem: error.problem }).to.deep.equal({ field, problem });
  expect(error).to.be.instanceOf(SdkError);
  expect(error.reason).to.be.a("string").and.not.equal("");
  return error;
}

describe("inference log", function () {
  describe("formatInferenceLogLine", function () {
    it("writes the members in order, the adapter id as a decimal string and the payer checksummed", function () {
      const text = formatInferenceLogLine({ ...RECORD, payer: PAYER.toLowerCase() });
      expect(text).to.equal(
        '{"requestId":"b9d2c7e0-3f1e-4a51-9d6b-2f0c5a8e4d11","adapterId":"12",' +
          `"payer":"${PAYER}","timestamp":1732500000,"output":"A Datanet is a community dataset.\\nSecond line."}`,
      );
      expect(Object.keys(JSON.parse(text) as object)).to.deep.equal([...INFERENCE_LOG_FIELDS]);
    });

    it("always writes one line, whatever the output holds", function () {
      const output = "a\nb\r\nc\u2028d\u0000e\ud800";
      const text = formatInferenceLogLine({ ...RECORD, output });
      expect(text).to.not.match(/[\n\r]/);
      expect(parseInferenceLogLine(text).output).to.equal(output);
    });

    it("refuses a record that would not read back, naming the field", function () {
      const cases: [Partial<Record<keyof InferenceLogRecord, unknown>>, InferenceLogField][] = [
        [{ requestId: "" }, "requestId"],
        [{ adapterId: 0n }, "adapterId"],
        [{ adapterId: 12 }, "adapterId"],
        [{ adapterId: 2n ** 256n }, "adapterId"],
        [{ payer: "0x0000000000000000000000000000000000000000" }, "payer"],
        [{ payer: "0x12" }, "payer"],
        [{ timestamp: 1.5 }, "timestamp"],
        [{ timestamp: Date.UTC(2024, 10, 25) }, "timestamp"],
        [{ output: undefined }, "output"],
      ];
      for (const [changes, field] of cases) {
        const record = { ...RECORD, ...changes } as InferenceLogRecord;
        const error = (() => {
          try {
            formatInferenceLogLine(record);
          } catch (e) {
            return e;
          }
        })();
        expect(
          error,
          JSON.stringify(changes, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)),
        )
          .to.be.instanceOf(InvalidInferenceLogLineError)
          .and.include({ field, problem: "invalid" });
      }
      expect(() => formatInferenceLogLine(null as unknown as InferenceLogRecord))
        .to.throw(InvalidInferenceLogLineError)
        .with.property("problem", "malformed");
    });
  });

  describe("parseInferenceLogLine", function () {
    it("reads a line into the record, the payer checksummed", function () {
      expect(parseInferenceLogLine(line({ payer: PAYER.toLowerCase() }))).to.deep.equal(RECORD);
      expect(parseInferenceLogLine(line({ payer: PAYER.toUpperCase().replace("0X", "0x") })).payer).to.equal(PAYER);
    });

    it("ignores members other than the five, tolerates a \\r ending and surrounding spaces", function () {
      expect(parseInferenceLogLine(line({ latencyMs: 42, model: "m" }))).to.deep.equal(RECORD);
      expect(parseInferenceLogLine(`  ${line({})}\r`)).to.deep.equal(RECORD);
    });

    it("accepts the bounds: adapter id 2^256 - 1, timestamps 0 and 2^40 - 1, request ids of 256 characters, empty output", function () {
      const max = 2n ** 256n - 1n;
      expect(parseInferenceLogLine(line({ adapterId: max.toString() })).adapterId).to.equal(max);
      expect(parseInferenceLogLine(line({ timestamp: 0 })).timestamp).to.equal(0);
      expect(parseInferenceLogLine(line({ timestamp: INFERENCE_LOG_MAX_TIMESTAMP })).timestamp).to.equal(2 ** 40 - 1);
      const longId = "r".repeat(INFERENCE_LOG_MAX_REQUEST_ID_LENGTH);
      expect(parseInferenceLogLine(line({ requestId: longId })).requestId).to.equal(longId);
      expect(parseInferenceLogLine(line({ output: "" })).output).to.equal("");
    });

    it("rejects a line that is not a JSON object as malformed, with no field", function () {
      for (const text of ["", "   ", "{", "not json", '{"requestId":"a",}', "[]", "null", "42", '"text"']) {
        expectInvalid(text, undefined, "malformed");
      }
    });

    it("rejects a line missing a member, naming the first one missing", function () {
      for (const field of INFERENCE_LOG_FIELDS) expectInvalid(line({ [field]: undefined }), field, "missing");
      expectInvalid("{}", "requestId", "missing");
      expectInvalid(line({ payer: undefined, output: undefined }), "payer", "missing");
    });

    it("rejects a member of the wrong type or range, naming it", function () {
      const cases: [Record<string, unknown>, InferenceLogField][] = [
        [{ requestId: null }, "requestId"],
        [{ requestId: 7 }, "requestId"],
        [{ requestId: "" }, "requestId"],
        [{ requestId: "r".repeat(INFERENCE_LOG_MAX_REQUEST_ID_LENGTH + 1) }, "requestId"],
        [{ adapterId: 12 }, "adapterId"],
        [{ adapterId: "0" }, "adapterId"],
        [{ adapterId: "012" }, "adapterId"],
        [{ adapterId: "-1" }, "adapterId"],
        [{ adapterId: "+1" }, "adapterId"],
        [{ adapterId: "1e3" }, "adapterId"],
        [{ adapterId: "0x0c" }, "adapterId"],
        [{ adapterId: " 12" }, "adapterId"],
        [{ adapterId: (2n ** 256n).toString() }, "adapterId"],
        [{ adapterId: "9".repeat(100) }, "adapterId"],
        [{ payer: 1 }, "payer"],
        [{ payer: "0x12" }, "payer"],
        [{ payer: PAYER.slice(2) + "00" }, "payer"],
        [{ payer: PAYER.replace("Ab58", "aB58") }, "payer"], // mixed case, wrong checksum
        [{ payer: "0x0000000000000000000000000000000000000000" }, "payer"],
        [{ payer: "vitalik.eth" }, "payer"],
        [{ timestamp: "1732500000" }, "timestamp"],
        [{ timestamp: 1732500000.5 }, "timestamp"],
        [{ timestamp: -1 }, "timestamp"],
        [{ timestamp: INFERENCE_LOG_MAX_TIMESTAMP + 1 }, "timestamp"],
        [{ timestamp: 1_732_500_000_000 }, "timestamp"], // milliseconds by mistake
        [{ output: null }, "output"],
        [{ output: ["a"] }, "output"],
        [{ output: { text: "a" } }, "output"],
      ];
      for (const [changes, field] of cases) {
        const error = expectInvalid(line(changes), field, "invalid");
        expect(error.value, field).to.deep.equal(changes[field]);
      }
    });

    it("names the first invalid member in the order requestId, adapterId, payer, timestamp, output", function () {
      expectInvalid(line({ adapterId: 1, payer: 2, timestamp: "x" }), "adapterId", "invalid");
      expectInvalid(line({ timestamp: "x", output: 3 }), "timestamp", "invalid");
    });
  });

  describe("round trip", function () {
    it("parse(format(record)) is the record and format(parse(line)) the line, on 2,000 random records (seeded)", function () {
      const random = new Random(0x1f0);
      const alphabet = ["a", "Z", "0", " ", "\n", "\r", "\t", '"', "\\", "é", "€", "😀", "\u2028", "\u0000", "{", "}"];
      const text = (max: number) =>
        Array.from({ length: random.below(max) }, () => alphabet[random.below(alphabet.length)]).join("");
      for (let i = 0; i < 2000; i++) {
        const record: InferenceLogRecord = {
          requestId: `${i}-${text(40)}`,
          adapterId: 1n + random.uint(random.below(2) === 0 ? 32 : 255),
          payer: getAddress(random.hex(20)),
          timestamp: random.below(INFERENCE_LOG_MAX_TIMESTAMP + 1),
          output: text(200),
        };
        if (record.payer === "0x0000000000000000000000000000000000000000") continue;
        const written = formatInferenceLogLine(record);
        expect(written).to.not.include("\n");
        expect(parseInferenceLogLine(written)).to.deep.equal(record);
        expect(formatInferenceLogLine(parseInferenceLogLine(written))).to.equal(written);
      }
    });
  });
});
