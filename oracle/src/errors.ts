// The base of the oracle's errors: a one-line `shortMessage` the CLI prints as it is, optional
// `details`, and the `cause`. Match them by class, never by message.

/** The options of `OracleError`. */
export type OracleErrorOptions = { details?: string | undefined; cause?: unknown };

/**
 * Any error the oracle raises on purpose.
 *
 * @example
 * if (error instanceof OracleError) console.error(error.shortMessage);
 */
export class OracleError extends Error {
  override name = "OracleError";
  /** One line saying what is wrong and what to do. */
  readonly shortMessage: string;
  /** More context, when there is any. */
  readonly details: string | undefined;

  constructor(shortMessage: string, options: OracleErrorOptions = {}) {
    super(options.details === undefined ? shortMessage : `${shortMessage}\n\nDetails: ${options.details}`, {
      cause: options.cause,
    });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}
