// The tokenizer: golden o200k_base ids, special-token text as plain text, and the installed
// gpt-tokenizer being the version the method's parameters name.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

import { expect } from "chai";

import { TOKENIZER } from "../../../oracle/src/attribution/method.js";
import { tokenize } from "../../../oracle/src/attribution/tokenizer.js";

describe("tokenize", () => {
  it("gives o200k_base ids (golden vectors)", () => {
    expect([...tokenize("Hello world")]).to.deep.equal([13225, 2375]);
    expect([...tokenize("")]).to.deep.equal([]);
    const text = "Datanets pay contributors when models echo their data.";
    const tokens = tokenize(text);
    expect(tokens).to.be.instanceOf(Uint32Array);
    expect(tokens.length).to.be.within(8, 14);
  });

  it("encodes special-token markers as ordinary text instead of refusing them", () => {
    const tokens = tokenize("<|endoftext|>");
    expect([...tokens]).to.deep.equal([27, 91, 419, 1440, 919, 91, 29]);
    expect(tokens.every((t) => t < 200_000)).to.equal(true);
  });

  it("is the gpt-tokenizer version the method names", async () => {
    const require = createRequire(import.meta.url);
    const path = require.resolve("gpt-tokenizer/package.json");
    const { version } = JSON.parse(await readFile(path, "utf8")) as { version: string };
    expect(TOKENIZER).to.equal(`gpt-tokenizer@${version}/o200k_base`);
  });
});
