import type { Client } from "../client/client.js";
import { usageLedger } from "../client/contracts.js";
import type { InvalidAmountError, InvalidIdError } from "../errors/parameters.js";
import { checkAmount, checkId } from "../internal/validate.js";
import { checkCalls } from "./internal.js";

/**
 * What `encodePay` takes.
 *
 * @example
 * const run = (parameters: EncodePayParameters) => encodePay(client, parameters);
 */
export type EncodePayParameters = {
  adapterId: bigint;
  /** Calls to pay for, 1 to 2^128 - 1. */
  calls: bigint;
  /** The most OPEN wei per call the payer accepts, e.g. `(await quote(…)).pricePerCall`. */
  maxPricePerCall: bigint;
};

/**
 * A transaction request for the payer to send (e.g. through a multisig, after approving the ledger).
 *
 * @example
 * const result: EncodePayReturnType = encodePay(client, parameters);
 */
export type EncodePayReturnType = { to: string; data: string };

/**
 * The errors `encodePay` can throw; match them by class, never by message.
 *
 * @example
 * let error: EncodePayErrorType | undefined;
 * try { encodePay(client, parameters); } catch (e) { error = e as EncodePayErrorType; }
 * if (error instanceof InvalidAmountError) console.log(error.shortMessage);
 */
export type EncodePayErrorType = InvalidIdError | InvalidAmountError;

/**
 * Builds the calldata of the ledger's `pay(adapterId, calls, maxPricePerCall)`, without reading
 * or sending anything. The sender must have approved the ledger for `calls` times the price.
 *
 * @example
 * const { pricePerCall, amount } = await quote(client, { adapterId: 1n, calls: 100n });
 * const approval = encodeApprove(client, { spender: client.addresses.usageLedger, amount });
 * const payment = encodePay(client, { adapterId: 1n, calls: 100n, maxPricePerCall: pricePerCall });
 */
export function encodePay(client: Client, parameters: EncodePayParameters): EncodePayReturnType {
  const data = usageLedger(client).interface.encodeFunctionData("pay", [
    checkId("adapterId", parameters.adapterId),
    checkCalls(parameters.calls),
    checkAmount("maxPricePerCall", parameters.maxPricePerCall),
  ]);
  return { to: client.addresses.usageLedger, data };
}
