import { SdkError } from "../errors/base.js";

/** A permit's deadline is not after the latest block: the token would refuse the signature. */
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
