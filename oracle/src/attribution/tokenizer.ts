// The tokenizer of the span-match method: gpt-tokenizer's o200k_base encoding, imported alone so
// only its rank table loads (about 270 ms and 60 MB once per process).
//
// Why o200k_base rather than cl100k_base: it is the encoding of the models adapters are built
// from today (GPT-4o, GPT-4.1, GPT-5, o-series, gpt-oss uses its superset), its 200k vocabulary
// spells text, code and non-English scripts in fewer tokens (so k = 8 tokens is a longer, more
// distinctive piece of text), and the package pins it byte for byte (gpt-tokenizer 4.0.0, exact in
// oracle/package.json; a version change changes the method's `tokenizer` parameter).
import { encode } from "gpt-tokenizer/encoding/o200k_base";

/** Special-token text ("<|endoftext|>"…) in a contribution or an output is ordinary text. */
const NO_SPECIAL_TOKENS = new Set<string>();

/**
 * The o200k_base token ids of `text`, as the corpus and the outputs are tokenized (`TOKENIZER`).
 * Special-token markers are encoded as plain text, never as special tokens, and never refused.
 *
 * @example
 * tokenize("Hello world"); // Uint32Array [13225, 2375]
 */
export function tokenize(text: string): Uint32Array {
  return Uint32Array.from(encode(text, { disallowedSpecial: NO_SPECIAL_TOKENS }));
}
