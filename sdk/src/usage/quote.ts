import type { Client } from "../client/client.js";
import { modelRegistry, usageLedger } from "../client/contracts.js";
import type { InvalidAmountError, InvalidIdError } from "../errors/parameters.js";
import { type ContractRevertError, withDecodedReverts } from "../errors/revert.js";
import { checkId } from "../internal/validate.js";
import { adapterStatuses, type AdapterStatus } from "../models/types.js";
import { checkCalls, splitAmount } from "./internal.js";
import type { FeeSplitBps } from "./types.js";

/**
 * What `quote` takes.
 *
 * @example
 * const run = (parameters: QuoteParameters) => quote(client, parameters);
 */
export type QuoteParameters = {
  adapterId: bigint;
  /** Calls to price, 1 to 2^128 - 1. */
  calls: bigint;
};

/**
 * What `calls` calls to an adapter cost now and how the payment would split, all read at one block.
 * For an active adapter the price, amount and parts are the ledger's `quote` view's, which is
 * exactly what `pay` charges in that block.
 *
 * @example
 * const result: QuoteReturnType = await quote(client, parameters);
 */
export type QuoteReturnType = {
  adapterId: bigint;
  modelId: bigint;
  /** The model's builder, who earns `builderAmount`. */
  builder: string;
  calls: bigint;
  status: AdapterStatus;
  /** `true` when the adapter is active: the ledger takes payments for it. */
  payable: boolean;
  /** OPEN wei per call. Not payable: the adapter's last price (0 if it was never activated). */
  pricePerCall: bigint;
  /** `calls * pricePerCall`, in OPEN wei. */
  amount: bigint;
  builderAmount: bigint;
  treasuryAmount: bigint;
  /** What the contributors get (the attribution pool); takes the rounding dust. */
  attributionAmount: bigint;
  /** The ledger's split in basis points. */
  feeSplit: FeeSplitBps;
  /** The block every value was read at. */
  blockNumber: number;
};

/**
 * The errors `quote` can throw; match them by class, never by message.
 * `ContractRevertError` `ModelUnknownAdapter` when no adapter has the id.
 *
 * @example
 * const error = (await quote(client, parameters).catch((e: unknown) => e)) as QuoteErrorType;
 * if (error instanceof InvalidAmountError) console.log(error.shortMessage);
 */
export type QuoteErrorType = InvalidIdError | InvalidAmountError | ContractRevertError;

/**
 * Prices `calls` calls to an adapter: the ledger's `quote` (price, amount, builder / treasury /
 * attribution parts) with the builder, the adapter's status and whether it is payable, read at one
 * block so the values agree. An adapter that is not active is quoted at its last price with the
 * ledger's rounding, for display; `pay` refuses it (`AdapterNotPayableError`).
 *
 * @example
 * const q = await quote(client, { adapterId: 1n, calls: 100n });
 * if (q.payable) console.log(`${q.amount} wei, ${q.attributionAmount} of it to contributors`);
 */
export async function quote(client: Client, parameters: QuoteParameters): Promise<QuoteReturnType> {
  const adapterId = checkId("adapterId", parameters.adapterId);
  const calls = checkCalls(parameters.calls);
  const registry = modelRegistry(client);
  const ledger = usageLedger(client);
  return withDecodedReverts(async () => {
    const blockNumber = await client.provider.getBlockNumber();
    const at = { blockTag: blockNumber };
    const [adapter, [builderBps, treasuryBps, attributionBps]] = await Promise.all([
      registry.getAdapter(adapterId, at),
      ledger.feeSplit(at),
    ]);
    const status = adapterStatuses[Number(adapter.status)] as AdapterStatus;
    const feeSplit = { builderBps, treasuryBps, attributionBps };
    const common = { adapterId, calls, status, feeSplit, blockNumber };
    if (status === "Active") {
      // The ledger's own reads: servingTerms for the builder (as `pay` does), quote for the amounts.
      const [[modelId, builder], [pricePerCall, amount, builderAmount, treasuryAmount, attributionAmount]] =
        await Promise.all([registry.servingTerms(adapterId, at), ledger.quote(adapterId, calls, at)]);
      const parts = { builderAmount, treasuryAmount, attributionAmount };
      return { ...common, modelId, builder, payable: true, pricePerCall, amount, ...parts };
    }
    const { builder } = await registry.getModel(adapter.modelId, at);
    const pricePerCall: bigint = adapter.pricePerCall;
    const amount = calls * pricePerCall;
    const parts = splitAmount(amount, feeSplit);
    return { ...common, modelId: adapter.modelId, builder, payable: false, pricePerCall, amount, ...parts };
  });
}
