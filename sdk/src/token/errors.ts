import { SdkError } from "../errors/base.js";

/**
 * A permit's deadline is not after the latest block: the token would refuse the signature.
 *
 * @example
 * const error = await signPermit(client, { spender, value, deadline: 0n }).catch((e) => e);
 * if (error instanceof PermitDeadlineError) console.log(error.latestTimestamp);
 */
export class PermitDeadlineError extends SdkError {
  override name = "PermitDeadlineError";
  constructor(
    readonly deadline: bigint,
    readonly latestTimestamp: bigint,
  ) {
    super(
      `The permit deadline ${deadline} is not after the latest block's timestamp ${latestTimestamp}; ` +
        "pass a later deadline (a Unix time in seconds), or omit it for one hour from now.",
    );
  }
}
