/** What every SDK error takes besides its short message. */
export type SdkErrorOptions = {
  /** More context: values involved, what was expected. */
  details?: string | undefined;
  /** The error this one wraps (an RPC error, a decoded revert, …). */
  cause?: unknown;
};

/**
 * The base class of every error the SDK throws. Match errors by class (`instanceof`) or by
 * `name`, never by message text.
 *
 * - `shortMessage`: one sentence saying what went wrong and what to do.
 * - `details`: the values involved, when there are any.
 * - `cause`: the wrapped error, when there is one; `walk()` follows the chain.
 *
 * @example
 * try {
 *   await claim(...);
 * } catch (error) {
 *   if (error instanceof SdkError) console.error(error.shortMessage);
 *   const revert = error instanceof SdkError ? error.walk((e) => e instanceof ContractRevertError) : undefined;
 * }
 */
export class SdkError extends Error {
  override name = "SdkError";
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(shortMessage: string, options: SdkErrorOptions = {}) {
    const message = options.details === undefined ? shortMessage : `${shortMessage}\n\nDetails: ${options.details}`;
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }

  /**
   * Follows `cause` from this error: returns the first error in the chain (this one included)
   * that satisfies `predicate`, or, without a predicate, the innermost error.
   */
  walk(predicate?: (error: unknown) => boolean): unknown {
    return walkCauses(this, predicate);
  }
}

function walkCauses(error: unknown, predicate?: (error: unknown) => boolean): unknown {
  let current = error;
  for (let depth = 0; depth < 100; depth++) {
    if (predicate?.(current)) return current;
    const next = current instanceof Error ? current.cause : undefined;
    if (next === undefined) return predicate === undefined ? current : undefined;
    current = next;
  }
  return undefined; // a cycle of causes: give up rather than loop
}
