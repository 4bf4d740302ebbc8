import { getAddress, type TransactionReceipt } from "ethers";

import { requireSigner, type Client } from "../client/client.js";
import { usageLedger } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { InvalidAmountError, InvalidIdError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkAmount, checkId } from "../internal/validate.js";
import { approve, type ApproveReturnType } from "../token/approve.js";
import type { PermitDeadlineError } from "../token/errors.js";
import { getAllowance } from "../token/getAllowance.js";
import { getBalance } from "../token/getBalance.js";
import { signPermit, type SignPermitReturnType } from "../token/signPermit.js";
import { AdapterNotPayableError, InsufficientPaymentBalanceError, PriceAboveMaxError } from "./errors.js";
import { checkCalls } from "./internal.js";
import { parseUsageLedgerLogs } from "./parseUsageLedgerLogs.js";
import { quote, type QuoteReturnType } from "./quote.js";
import { type Payment, toPayment } from "./types.js";

/**
 * What `pay` takes.
 *
 * @example
 * const run = (parameters: PayParameters) => pay(client, parameters);
 */
export type PayParameters = {
  adapterId: bigint;
  /** Calls to pay for, 1 to 2^128 - 1. */
  calls: bigint;
  /**
   * The most OPEN wei per call the payer accepts. By default the price just quoted, so a price
   * raised between the quote and the payment makes the payment revert instead of charging more.
   */
  maxPricePerCall?: bigint | undefined;
  /**
   * How to let the ledger pull the payment when its allowance is short: `true` (or an object
   * with the permit's `deadline`, a Unix time in seconds) signs an EIP-2612 permit and calls
   * `payWithPermit` (one transaction); `false` (default) sends an `approve` of the amount first.
   */
  permit?: boolean | { deadline?: bigint | undefined } | undefined;
} & SendOptions;

/**
 * The payment as the ledger's `Paid` event recorded it, with the receipt and how the allowance
 * was given.
 *
 * @example
 * const result: PayReturnType = await pay(client, parameters);
 */
export type PayReturnType = Payment & {
  receipt: TransactionReceipt;
  /** The quote the payment was checked against (and priced with, without `maxPricePerCall`). */
  quote: QuoteReturnType;
  /** The approval sent first, when the allowance was short and `permit` was not asked. */
  approval: ApproveReturnType | undefined;
  /** The permit signed, when the allowance was short and `permit` was asked. */
  permit: SignPermitReturnType | undefined;
};

/**
 * The errors `pay` can throw; match them by class, never by message. `ContractRevertError`
 * (in `SendErrorType`): `ModelUnknownAdapter` for an unknown adapter (nothing sent),
 * `UsagePriceAboveMax` when the price rose after the quote.
 *
 * @example
 * const error = (await pay(client, parameters).catch((e: unknown) => e)) as PayErrorType;
 * if (error instanceof InsufficientPaymentBalanceError) console.log(error.needed - error.balance);
 */
export type PayErrorType =
  | InvalidIdError
  | InvalidAmountError
  | AdapterNotPayableError
  | PriceAboveMaxError
  | InsufficientPaymentBalanceError
  | PermitDeadlineError
  | SendErrorType;

/**
 * Pays for `calls` calls to an active adapter from the client's signer. Quotes first and checks,
 * before sending anything, that the adapter is active, that its price is within `maxPricePerCall`
 * (the quoted price by default) and that the payer holds the amount. If the ledger's allowance is
 * short, approves the exact amount first, or signs a permit (`permit`) and pays with it in one
 * transaction. `onSent` is called for each transaction.
 *
 * @example
 * const payment = await pay(client, { adapterId: 1n, calls: 100n, permit: true });
 * console.log(payment.paymentId, payment.amount, payment.attributionAmount);
 */
export async function pay(client: Client, parameters: PayParameters): Promise<PayReturnType> {
  const adapterId = checkId("adapterId", parameters.adapterId);
  const calls = checkCalls(parameters.calls);
  const maxPrice =
    parameters.maxPricePerCall === undefined ? undefined : checkAmount("maxPricePerCall", parameters.maxPricePerCall);
  const usePermit = parameters.permit !== undefined && parameters.permit !== false;
  const deadline = typeof parameters.permit === "object" ? parameters.permit.deadline : undefined;
  const payer = getAddress(await requireSigner(client).getAddress());

  const quoted = await quote(client, { adapterId, calls });
  if (quoted.status !== "Active") throw new AdapterNotPayableError(adapterId, quoted.status);
  const maxPricePerCall = maxPrice ?? quoted.pricePerCall;
  if (quoted.pricePerCall > maxPricePerCall) {
    throw new PriceAboveMaxError(adapterId, quoted.pricePerCall, maxPricePerCall);
  }
  const spender = client.addresses.usageLedger;
  const [balance, allowance] = await Promise.all([
    getBalance(client, { account: payer }),
    getAllowance(client, { owner: payer, spender }),
  ]);
  if (balance < quoted.amount) throw new InsufficientPaymentBalanceError(payer, balance, quoted.amount);

  let approval: ApproveReturnType | undefined;
  let permit: SignPermitReturnType | undefined;
  if (allowance < quoted.amount) {
    // The exact amount, as quoted: nothing is left approved once paid.
    if (usePermit) permit = await signPermit(client, { spender, value: quoted.amount, deadline });
    else approval = await approve(client, { ...sendOptions(parameters), spender, amount: quoted.amount });
  }
  const receipt = await send(
    client,
    usageLedger,
    (ledger) => {
      if (permit === undefined) return ledger.pay(adapterId, calls, maxPricePerCall);
      const { value, v, r, s } = permit;
      return ledger.payWithPermit(adapterId, calls, maxPricePerCall, value, permit.deadline, v, r, s);
    },
    parameters,
  );
  const [paid] = eventsNamed(parseUsageLedgerLogs(client, receipt), "Paid");
  return { ...toPayment(paid!.args), receipt, quote: quoted, approval, permit };
}

function sendOptions({ onSent, confirmations }: SendOptions): SendOptions {
  return { onSent, confirmations };
}
