import { SdkError } from "../errors/base.js";
import type { AdapterStatus } from "../models/types.js";

/**
 * The adapter is not active: the ledger takes no payment for it (nothing was sent).
 *
 * @example
 * const error = await pay(client, { adapterId: 2n, calls: 10n }).catch((e) => e);
 * if (error instanceof AdapterNotPayableError) console.log(error.adapterId, error.status); // 2n "Verified"
 */
export class AdapterNotPayableError extends SdkError {
  override name = "AdapterNotPayableError";
  constructor(
    readonly adapterId: bigint,
    readonly status: Exclude<AdapterStatus, "Active">,
  ) {
    super(
      `Adapter ${adapterId} is ${status === "Published" ? "published but not verified" : "verified but not active"}, ` +
        "so it cannot be paid for (nothing was sent); pick an active adapter of the model (getModelAdapters, getAdapter).",
    );
  }
}

/**
 * The payer holds less OPEN than the payment (nothing was sent).
 *
 * @example
 * const error = await pay(client, { adapterId: 1n, calls: 10n }).catch((e) => e);
 * if (error instanceof InsufficientPaymentBalanceError) console.log("short by", error.needed - error.balance);
 */
export class InsufficientPaymentBalanceError extends SdkError {
  override name = "InsufficientPaymentBalanceError";
  constructor(
    readonly account: string,
    /** What the account holds, in OPEN wei. */
    readonly balance: bigint,
    /** What the payment costs, in OPEN wei. */
    readonly needed: bigint,
  ) {
    super(
      `${account} holds ${balance} OPEN wei but the payment costs ${needed}; ` +
        "fund the account or pay for fewer calls (nothing was sent).",
    );
  }
}

/**
 * The adapter's current price is above the `maxPricePerCall` given (nothing was sent). A price
 * raised after this check is still refused on-chain (`UsagePriceAboveMax`).
 *
 * @example
 * const error = await pay(client, { adapterId: 1n, calls: 10n, maxPricePerCall: 1n }).catch((e) => e);
 * if (error instanceof PriceAboveMaxError) console.log(error.pricePerCall, ">", error.maxPricePerCall);
 */
export class PriceAboveMaxError extends SdkError {
  override name = "PriceAboveMaxError";
  constructor(
    readonly adapterId: bigint,
    readonly pricePerCall: bigint,
    readonly maxPricePerCall: bigint,
  ) {
    super(
      `Adapter ${adapterId} costs ${pricePerCall} OPEN wei per call, above the maximum ${maxPricePerCall} ` +
        "(nothing was sent); quote again and pay with a higher maxPricePerCall if you accept the price.",
    );
  }
}
