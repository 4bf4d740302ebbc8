import { InvalidInferenceLogLineError } from "./errors.js";
import { checkAdapterIdString, checkOutput, checkPayer, checkRequestId, checkTimestamp, describe } from "./internal.js";
import { INFERENCE_LOG_FIELDS, type InferenceLogRecord } from "./types.js";

/**
 * What `parseInferenceLogLine` takes: one line of the log, without its "\n".
 *
 * @example
 * const run = (line: ParseInferenceLogLineParameters) => parseInferenceLogLine(line);
 */
export type ParseInferenceLogLineParameters = string;

/**
 * What `parseInferenceLogLine` returns: the record, its payer checksummed.
 *
 * @example
 * const { requestId, adapterId }: ParseInferenceLogLineReturnType = parseInferenceLogLine(line);
 */
export type ParseInferenceLogLineReturnType = InferenceLogRecord;

/**
 * The errors `parseInferenceLogLine` can throw; match them by class and fields, never by message.
 *
 * @example
 * let error: ParseInferenceLogLineErrorType | undefined;
 * try { parseInferenceLogLine(line); } catch (e) { error = e as ParseInferenceLogLineErrorType; }
 * if (error instanceof InvalidInferenceLogLineError) console.log(error.field, error.reason);
 */
export type ParseInferenceLogLineErrorType = InvalidInferenceLogLineError;

/**
 * Reads one line of an inference log (JSON Lines, format in `inference/types.ts`): checks every
 * member in the order `requestId, adapterId, payer, timestamp, output` and returns the record, or
 * throws `InvalidInferenceLogLineError` naming the first member at fault and why. Members other
 * than the five are ignored. Pure.
 *
 * @example
 * const record = parseInferenceLogLine(
 *   '{"requestId":"r-1","adapterId":"12","payer":"0xab5801a7d398351b8be11c439e05c5b3259aec9b","timestamp":1732500000,"output":"hi"}',
 * );
 * record.adapterId; // 12n
 * record.payer; // "0xAb5801a7D398351b8bE11C439e05C5B3259aeC9B"
 */
export function parseInferenceLogLine(line: ParseInferenceLogLineParameters): ParseInferenceLogLineReturnType {
  if (typeof line !== "string") {
    throw new InvalidInferenceLogLineError(undefined, "malformed", `must be a string, got ${describe(line)}`, line);
  }
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    const reason = line.trim() === "" ? "is empty" : `is not valid JSON (${(error as Error).message})`;
    throw new InvalidInferenceLogLineError(undefined, "malformed", reason, line, error);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new InvalidInferenceLogLineError(undefined, "malformed", `is not a JSON object but ${describe(json)}`, line);
  }
  const object = json as Record<string, unknown>;
  for (const field of INFERENCE_LOG_FIELDS) {
    if (!Object.hasOwn(object, field)) {
      throw new InvalidInferenceLogLineError(field, "missing", "is missing", undefined);
    }
  }
  return {
    requestId: checkRequestId(object.requestId),
    adapterId: checkAdapterIdString(object.adapterId),
    payer: checkPayer(object.payer),
    timestamp: checkTimestamp(object.timestamp),
    output: checkOutput(object.output),
  };
}
