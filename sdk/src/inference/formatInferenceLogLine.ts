import { InvalidInferenceLogLineError } from "./errors.js";
import { checkAdapterId, checkOutput, checkPayer, checkRequestId, checkTimestamp, describe } from "./internal.js";
import type { InferenceLogLine, InferenceLogRecord } from "./types.js";

/**
 * What `formatInferenceLogLine` takes: a record (the payer in any valid address case).
 *
 * @example
 * const run = (record: FormatInferenceLogLineParameters) => formatInferenceLogLine(record);
 */
export type FormatInferenceLogLineParameters = InferenceLogRecord;

/**
 * One line of JSON without its "\n": append "\n" to each line written to the log.
 *
 * @example
 * const line: FormatInferenceLogLineReturnType = formatInferenceLogLine(record);
 */
export type FormatInferenceLogLineReturnType = string;

/**
 * The errors `formatInferenceLogLine` can throw; match them by class and fields, never by message.
 *
 * @example
 * let error: FormatInferenceLogLineErrorType | undefined;
 * try { formatInferenceLogLine(record); } catch (e) { error = e as FormatInferenceLogLineErrorType; }
 * if (error instanceof InvalidInferenceLogLineError) console.log(error.field, error.reason);
 */
export type FormatInferenceLogLineErrorType = InvalidInferenceLogLineError;

/**
 * Writes a record as one line of the inference log (format in `inference/types.ts`): the members
 * in the order `requestId, adapterId, payer, timestamp, output`, the adapter id as a decimal
 * string, the payer checksummed. Checks the record first, with the rules `parseInferenceLogLine`
 * applies, so every line it writes reads back as the same record. Pure.
 *
 * @example
 * import { appendFile } from "node:fs/promises";
 *
 * const line = formatInferenceLogLine({ requestId, adapterId: 12n, payer, timestamp: Math.floor(Date.now() / 1000), output });
 * await appendFile("inference.jsonl", line + "\n");
 */
export function formatInferenceLogLine(record: FormatInferenceLogLineParameters): FormatInferenceLogLineReturnType {
  if (typeof record !== "object" || record === null) {
    throw new InvalidInferenceLogLineError(
      undefined,
      "malformed",
      `must be a record object, got ${describe(record)}`,
      record,
    );
  }
  const line: InferenceLogLine = {
    requestId: checkRequestId(record.requestId),
    adapterId: checkAdapterId(record.adapterId).toString(),
    payer: checkPayer(record.payer),
    timestamp: checkTimestamp(record.timestamp),
    output: checkOutput(record.output),
  };
  return JSON.stringify(line);
}
