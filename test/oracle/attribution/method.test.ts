// The method description: its canonical JSON (what the epoch metadata hashes) and the validation
// of its parameters.
import { expect } from "chai";

import { InvalidMethodParamsError } from "../../../oracle/src/attribution/errors.js";
import {
  methodJson,
  SPAN_MATCH_V1,
  TOKENIZER,
  validateMethod,
  validateParams,
} from "../../../oracle/src/attribution/method.js";
import type { AttributionMethod, SpanMatchParams } from "../../../oracle/src/attribution/types.js";

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("method", () => {
  it("serialises span-match v1 canonically: sorted keys, no whitespace, whatever the key order", () => {
    expect(methodJson(SPAN_MATCH_V1)).to.equal(
      '{"name":"span-match","params":{"commonDocuments":64,"k":8,"maxOccurrences":4096,' +
        '"nearDuplicateCoverageBps":5000,"tokenizer":"gpt-tokenizer@4.0.0/o200k_base","weightScale":1048576},"version":1}',
    );
    const reordered = {
      version: 1,
      params: Object.fromEntries(Object.entries(SPAN_MATCH_V1.params).reverse()),
      name: "span-match",
    } as unknown as AttributionMethod;
    expect(methodJson(reordered)).to.equal(methodJson(SPAN_MATCH_V1));
    expect(Object.isFrozen(SPAN_MATCH_V1.params)).to.equal(true);
    expect(SPAN_MATCH_V1.params.tokenizer).to.equal(TOKENIZER);
  });

  it("accepts parameters in range and refuses each one out of range, naming it", () => {
    expect(validateParams(SPAN_MATCH_V1.params)).to.equal(SPAN_MATCH_V1.params);
    const bad: [Partial<Record<keyof SpanMatchParams, unknown>>, string][] = [
      [{ k: 0 }, "k"],
      [{ k: 1.5 }, "k"],
      [{ k: 1025 }, "k"],
      [{ tokenizer: "gpt-tokenizer@4.0.0/cl100k_base" }, "tokenizer"],
      [{ nearDuplicateCoverageBps: 0 }, "nearDuplicateCoverageBps"],
      [{ nearDuplicateCoverageBps: 10_001 }, "nearDuplicateCoverageBps"],
      [{ commonDocuments: 0 }, "commonDocuments"],
      [{ maxOccurrences: 63 }, "maxOccurrences"], // below commonDocuments
      [{ weightScale: 0 }, "weightScale"],
      [{ weightScale: 2 ** 31 }, "weightScale"],
    ];
    for (const [change, parameter] of bad) {
      const error = caught(() => validateParams({ ...SPAN_MATCH_V1.params, ...change } as SpanMatchParams));
      expect(error, parameter).to.be.instanceOf(InvalidMethodParamsError);
      expect(error).to.include({ parameter });
    }
    const extra = caught(() => validateParams({ ...SPAN_MATCH_V1.params, seed: 1 } as SpanMatchParams));
    expect(extra).to.include({ parameter: "params", value: "seed" });
  });

  it("refuses another method name or version", () => {
    const name = caught(() => validateMethod({ ...SPAN_MATCH_V1, name: "other" } as unknown as AttributionMethod));
    expect(name).to.include({ parameter: "name", value: "other" });
    const version = caught(() => methodJson({ ...SPAN_MATCH_V1, version: 2 } as unknown as AttributionMethod));
    expect(version).to.include({ parameter: "version", value: 2 });
  });
});
