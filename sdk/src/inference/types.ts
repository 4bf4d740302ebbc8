// The inference log: what an inference gateway (OpenLoRA-style, issue #7) records for every call
// it serves and the oracle attributes (issue #6). This file and its parser/formatter are the ONLY
// thing the gateway and the oracle share.
//
// Wire format: JSON Lines (https://jsonlines.org), UTF-8, one record per line, lines separated by
// "\n" (a "\r\n" ending is tolerated: JSON allows the "\r"), the file ending with "\n". Each line is
// a JSON object with these members (`formatInferenceLogLine` writes them in this order):
//
//   {"requestId":"7f3c…","adapterId":"12","payer":"0xAb5801a7D398351b8bE11C439e05C5B3259aeC9B","timestamp":1732500000,"output":"…"}
//
// - requestId: a JSON string of 1 to 256 UTF-16 code units, unique per served call (a UUID, say).
//   A reader keeps the first line of a request id and ignores later ones.
// - adapterId:  a JSON string holding the adapter id in decimal: digits only, no sign, no leading
//   zero, 1 ≤ id < 2^256. A string, not a JSON number: JSON numbers lose precision above 2^53.
// - payer:      a JSON string, the address that paid for the call: "0x" and 40 hex digits, all
//   lower case, all upper case or EIP-55 checksummed (a mixed-case address must checksum); not the
//   zero address. Readers return it checksummed.
// - timestamp:  a JSON number, the Unix time in whole SECONDS (not milliseconds) when the call was
//   served: an integer from 0 to 2^40 − 1 (the contracts' uint40 timestamps), which also catches
//   a millisecond timestamp by mistake (≥ 2^40 until the year 36812).
// - output:     a JSON string, the text the adapter returned (may be empty). JSON escapes every
//   "\n" and "\r" inside it, so a record is always one line.
//
// Other members are ignored by readers (a newer gateway may add some); a line that is not a JSON
// object, or lacks one of the five members, or has one of the wrong type or range, is invalid.

/**
 * The names of an inference log line's members, in the order `formatInferenceLogLine` writes them
 * and `parseInferenceLogLine` checks them.
 *
 * @example
 * INFERENCE_LOG_FIELDS.includes("payer"); // true
 */
export const INFERENCE_LOG_FIELDS = Object.freeze(["requestId", "adapterId", "payer", "timestamp", "output"] as const);

/**
 * One member of an inference log line.
 *
 * @example
 * const field: InferenceLogField = "adapterId";
 */
export type InferenceLogField = (typeof INFERENCE_LOG_FIELDS)[number];

/**
 * The longest request id a line may carry, in UTF-16 code units.
 *
 * @example
 * const ok = requestId.length <= INFERENCE_LOG_MAX_REQUEST_ID_LENGTH;
 */
export const INFERENCE_LOG_MAX_REQUEST_ID_LENGTH = 256;

/**
 * The largest timestamp a line may carry: 2^40 − 1 seconds (the contracts' uint40 timestamps).
 *
 * @example
 * const ok = Number.isInteger(timestamp) && timestamp <= INFERENCE_LOG_MAX_TIMESTAMP;
 */
export const INFERENCE_LOG_MAX_TIMESTAMP = 2 ** 40 - 1;

/**
 * One served inference call, as the gateway records it and the oracle reads it.
 *
 * @example
 * const record: InferenceLogRecord = {
 *   requestId: "b9d2c7e0-3f1e-4a51-9d6b-2f0c5a8e4d11",
 *   adapterId: 12n,
 *   payer: "0xAb5801a7D398351b8bE11C439e05C5B3259aeC9B",
 *   timestamp: 1732500000,
 *   output: "A Datanet is a community dataset…",
 * };
 */
export type InferenceLogRecord = {
  /** Unique per served call; the first line of an id wins. */
  requestId: string;
  /** The adapter that served the call (ModelRegistry adapter id). */
  adapterId: bigint;
  /** The account that paid for the call, checksummed. */
  payer: string;
  /** Unix time in whole seconds when the call was served. */
  timestamp: number;
  /** The text the adapter returned. */
  output: string;
};

/**
 * One line of the log as JSON, before `parseInferenceLogLine` checks and converts it: what
 * `JSON.parse` gives for a valid line (the adapter id is a decimal string on the wire).
 *
 * @example
 * const wire: InferenceLogLine = JSON.parse(line) as InferenceLogLine;
 */
export type InferenceLogLine = {
  requestId: string;
  /** Decimal digits, e.g. "12". */
  adapterId: string;
  payer: string;
  /** Integer seconds. */
  timestamp: number;
  output: string;
};
