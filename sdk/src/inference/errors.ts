import { SdkError } from "../errors/base.js";
import type { InferenceLogField } from "./types.js";

/**
 * What is wrong with an inference log line:
 * - `malformed`: the line is not JSON, or not a JSON object (`field` is undefined);
 * - `missing`: a required member is absent;
 * - `invalid`: a member has the wrong type or is out of range.
 *
 * @example
 * const problem: InferenceLogProblem = "missing";
 */
export type InferenceLogProblem = "malformed" | "missing" | "invalid";

/**
 * An inference log line cannot be read (`parseInferenceLogLine`), or a record cannot be written
 * as one (`formatInferenceLogLine`). `field` names the member at fault (undefined when the whole
 * line is malformed), `problem` says what kind of fault, `reason` says it in words and `value` is
 * the offending value. Match by class and by `field`/`problem`, never by message.
 *
 * @example
 * try {
 *   parseInferenceLogLine(line);
 * } catch (error) {
 *   if (error instanceof InvalidInferenceLogLineError) console.log(error.field, error.problem, error.reason);
 * }
 */
export class InvalidInferenceLogLineError extends SdkError {
  override name = "InvalidInferenceLogLineError";
  constructor(
    readonly field: InferenceLogField | undefined,
    readonly problem: InferenceLogProblem,
    /** What is wrong, in words, e.g. "must be a decimal string of digits, got number". */
    readonly reason: string,
    readonly value: unknown,
    cause?: unknown,
  ) {
    super(
      `Invalid inference log line: ${field === undefined ? "the line" : field} ${reason}. ` +
        "Write lines with formatInferenceLogLine (see the format in @openattribution/sdk's inference/types.ts).",
      { cause },
    );
  }
}
