// The CLI's own errors (the usage error is in args.ts). Match them by class.
import { OracleError } from "../errors.ts";

/**
 * The process was asked to stop (SIGINT / SIGTERM) before a one-shot command finished: the store
 * was closed, nothing half-written (every store write is a transaction).
 *
 * @example
 * if (error instanceof InterruptedError) process.exitCode = error.signal === "SIGINT" ? 130 : 143;
 */
export class InterruptedError extends OracleError {
  override name = "InterruptedError";
  /** The signal that stopped it. */
  readonly signal: string;

  constructor(signal: string) {
    super(`interrupted by ${signal}: stopped, nothing half-written`);
    this.signal = signal;
  }
}

/**
 * A file named on the command line (an inference log, an addresses file) cannot be read or parsed.
 *
 * @example
 * if (error instanceof InputFileError) console.error(error.shortMessage);
 */
export class InputFileError extends OracleError {
  override name = "InputFileError";
}
