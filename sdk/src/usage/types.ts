import type { EventLocation } from "../datanets/types.js";
import type { usageLedgerAbi } from "../generated/abis.js";
import type { DecodedEvent } from "../internal/events.js";

/**
 * The ledger's split of every payment in basis points (10,000 = 100%): the builder's and the
 * treasury's parts round down, the attribution pool takes the rest.
 *
 * @example
 * const { builderBps, treasuryBps, attributionBps }: FeeSplitBps = await getFeeSplit(client);
 */
export type FeeSplitBps = { builderBps: bigint; treasuryBps: bigint; attributionBps: bigint };

/**
 * One payment as the ledger's `Paid` event recorded it.
 * `builderAmount + treasuryAmount + attributionAmount === amount === calls * pricePerCall`.
 *
 * @example
 * const { paymentId, amount, attributionAmount }: Payment = await pay(client, { adapterId: 1n, calls: 10n });
 */
export type Payment = {
  /** 1, 2, … in the order payments were made. */
  paymentId: bigint;
  modelId: bigint;
  adapterId: bigint;
  /** Who paid, checksummed. */
  payer: string;
  /** The model's builder, who earned `builderAmount`. */
  builder: string;
  calls: bigint;
  /** OPEN wei charged per call. */
  pricePerCall: bigint;
  /** OPEN wei paid in total. */
  amount: bigint;
  /** Accrued to the builder's earnings (`getEarnings`, `withdrawEarnings`). */
  builderAmount: bigint;
  /** Accrued to the treasury's earnings. */
  treasuryAmount: bigint;
  /** Sent to the AttributionDistributor in the same transaction: the contributors' rewards. */
  attributionAmount: bigint;
};

/**
 * A payment with where its `Paid` event was logged.
 *
 * @example
 * const unwatch = watchPayments(client, { onPayments: (payments: PaymentRecord[]) => console.log(payments) });
 */
export type PaymentRecord = Payment & EventLocation;

export function toPaymentRecord({
  args,
  blockNumber,
  transactionHash,
  logIndex,
}: DecodedEvent<typeof usageLedgerAbi, "Paid">): PaymentRecord {
  return { ...toPayment(args), blockNumber, transactionHash, logIndex };
}

export function toPayment(args: DecodedEvent<typeof usageLedgerAbi, "Paid">["args"]): Payment {
  const { paymentId, modelId, adapterId, payer, builder, calls, pricePerCall, amount } = args;
  const { builderAmount, treasuryAmount, attributionAmount } = args;
  return {
    paymentId,
    modelId,
    adapterId,
    payer,
    builder,
    calls,
    pricePerCall,
    amount,
    builderAmount,
    treasuryAmount,
    attributionAmount,
  };
}
