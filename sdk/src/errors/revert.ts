import { Interface, type Result } from "ethers";

import { errorsAbi } from "../generated/abis.js";
import { SdkError } from "./base.js";

/** The name of every custom error the contracts can revert with (one merged ABI). */
export type ContractErrorName = (typeof errorsAbi)[number]["name"];

const errors = new Interface(errorsAbi);

/** What to do about the reverts users hit most; the rest get the decoded error alone. */
const HINTS: Partial<Record<ContractErrorName, string>> = {
  ERC20InsufficientAllowance: "Approve the contract for the amount first, or use the permit variant.",
  ERC20InsufficientBalance: "The account does not hold enough OPEN for this.",
  DatanetNotCommitted: "Commit first (commitmentOf → commit) from the contributing account, then reveal.",
  DatanetCommitmentTooRecent: "Wait for a block at least one second after the commitment, then reveal.",
  DatanetDuplicateContent: "This content is already in the Datanet; it cannot be contributed again.",
  DatanetReviewPeriodNotOver: "The stake can be withdrawn only after the review deadline.",
  DistributorInvalidProof: "The proof does not match the accepted root; fetch the tree of the accepted epoch.",
  DistributorNothingToClaim: "Everything earned so far has already been claimed.",
  UsagePriceAboveMax: "The adapter's price rose; quote again and pay with a higher maximum if you accept it.",
};

/**
 * A contract call reverted with a custom error, a `Panic` or a reason string, decoded against
 * the merged ABI of every contract — also when the revert came from a nested call that the
 * outer contract bubbled up. Match on `errorName`, never on the message.
 *
 * @example
 * try {
 *   await contribute(client, parameters);
 * } catch (error) {
 *   const revert = error instanceof SdkError ? error.walk((e) => e instanceof ContractRevertError) : undefined;
 *   if (revert instanceof ContractRevertError && revert.errorName === "DatanetDuplicateContent") {
 *     console.log("already contributed as", revert.args.contributionId);
 *   }
 * }
 */
export class ContractRevertError extends SdkError {
  override name = "ContractRevertError";
  /** The custom error's name; `Panic` or `Error` for a panic or a reason string; `Unknown` if undecodable. */
  readonly errorName: ContractErrorName | "Panic" | "Error" | "Unknown";
  /** Decoded arguments, by position and by name (a name an array already has, like `length`, by position only). */
  readonly args: Record<string, unknown> & readonly unknown[];
  /** The raw revert data. */
  readonly data: string;

  constructor(
    errorName: ContractRevertError["errorName"],
    args: ContractRevertError["args"],
    data: string,
    cause?: unknown,
  ) {
    const shown = errorName === "Unknown" ? `unknown error ${data.slice(0, 10)}` : `${errorName}(${formatArgs(args)})`;
    const hint = errorName in HINTS ? ` ${HINTS[errorName as ContractErrorName]}` : "";
    super(`The contract reverted with ${shown}.${hint}`, { details: `revert data ${data}`, cause });
    this.errorName = errorName;
    this.args = args;
    this.data = data;
  }
}

/** Decodes revert data; `undefined` when `data` is not revert data (empty or not hex). */
export function decodeRevertData(data: string, cause?: unknown): ContractRevertError | undefined {
  if (!/^0x[0-9a-fA-F]*$/.test(data) || data.length < 10) return undefined;
  const selector = data.slice(0, 10).toLowerCase();
  if (selector === "0x08c379a0" || selector === "0x4e487b71") {
    const [value] = errors
      .getAbiCoder()
      .decode([selector === "0x08c379a0" ? "string" : "uint256"], "0x" + data.slice(10));
    return new ContractRevertError(selector === "0x08c379a0" ? "Error" : "Panic", toArgs([value]), data, cause);
  }
  try {
    const parsed = errors.parseError(data);
    if (parsed !== null)
      return new ContractRevertError(parsed.name as ContractErrorName, toArgs(parsed.args), data, cause);
  } catch {
    // Not decodable against our ABI: reported as Unknown below.
  }
  return new ContractRevertError("Unknown", toArgs([]), data, cause);
}

/**
 * Finds revert data in an error thrown by ethers (or a provider) and decodes it; `undefined` if
 * the error is not a revert (a network failure, a rejected signature, …).
 */
export function decodeRevert(error: unknown): ContractRevertError | undefined {
  for (const data of revertDataCandidates(error)) {
    const decoded = decodeRevertData(data, error);
    if (decoded !== undefined) return decoded;
  }
  return undefined;
}

/** Rethrows `error` as a `ContractRevertError` when it is a revert; otherwise as it is. */
export function rethrowDecoded(error: unknown): never {
  throw decodeRevert(error) ?? error;
}

/** Runs `action`, turning any revert it throws into a `ContractRevertError`. */
export async function withDecodedReverts<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    return rethrowDecoded(error);
  }
}

/** Revert data can sit at several depths of an ethers / JSON-RPC error; look breadth-first. */
function revertDataCandidates(error: unknown): string[] {
  const found: string[] = [];
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length > 0 && seen.size < 50) {
    const current = queue.shift();
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    if (typeof record.data === "string") found.push(record.data);
    for (const key of ["error", "info", "cause", "data", "revert"]) queue.push(record[key]);
  }
  return found;
}

function toArgs(result: Result | unknown[]): ContractRevertError["args"] {
  const args = [...result] as Record<string, unknown> & unknown[];
  const named = result as Partial<Result>;
  if (typeof named.toObject !== "function") return args;
  let object: Record<string, unknown>;
  try {
    object = named.toObject();
  } catch {
    return args; // unnamed values only: positions are enough
  }
  // One by one: a name an array already has (`length` in `DatanetBadBatch(length, otherLength)`)
  // stays readable by position only, and the other names are still set.
  for (const [name, value] of Object.entries(object)) if (!(name in args)) args[name] = value;
  return args;
}

function formatArgs(args: readonly unknown[]): string {
  return args.map((value) => (typeof value === "bigint" ? value.toString() : String(value))).join(", ");
}
