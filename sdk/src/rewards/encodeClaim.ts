import type { Client } from "../client/client.js";
import { attributionDistributor } from "../client/contracts.js";
import type { InvalidAddressError } from "../client/errors.js";
import type { InvalidAmountError } from "../errors/parameters.js";
import { checkAddress } from "../internal/validate.js";
import type { MerkleInvalidProofError } from "../merkle/errors.js";
import type { RewardTree } from "../merkle/rewards.js";
import type { AccountNotInRewardTreeError, RewardTreeWrongDistributorError } from "./errors.js";
import { type ClaimInput, claimFromTree, claimFromValues } from "./internal.js";
import type { RewardClaimInput } from "./types.js";

/**
 * What `encodeClaim` takes: a tree and the account, or the claim's values.
 *
 * @example
 * const run = (parameters: EncodeClaimParameters) => encodeClaim(client, parameters);
 */
export type EncodeClaimParameters =
  | { tree: RewardTree; account: string; cumulativeAmount?: undefined; proof?: undefined }
  | ({ tree?: undefined } & RewardClaimInput);

/**
 * A transaction request anyone can send (a relayer, a multisig, a wallet's batch).
 *
 * @example
 * const result: EncodeClaimReturnType = encodeClaim(client, parameters);
 */
export type EncodeClaimReturnType = {
  to: string;
  data: string;
  /** The claim encoded, account checksummed. */
  account: string;
  cumulativeAmount: bigint;
  proof: string[];
};

/**
 * The errors `encodeClaim` can throw; match them by class, never by message.
 *
 * @example
 * let error: EncodeClaimErrorType | undefined;
 * try { encodeClaim(client, parameters); } catch (e) { error = e as EncodeClaimErrorType; }
 * if (error instanceof AccountNotInRewardTreeError) console.log(error.shortMessage);
 */
export type EncodeClaimErrorType =
  | InvalidAddressError
  | InvalidAmountError
  | MerkleInvalidProofError
  | AccountNotInRewardTreeError
  | RewardTreeWrongDistributorError;

/**
 * Builds the calldata of `claim(account, cumulativeAmount, proof)` on the distributor, without
 * reading the chain or sending anything: no pre-check beyond the inputs (use `claim` for those).
 *
 * @example
 * const { to, data } = encodeClaim(client, { tree, account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" });
 * await relayer.sendTransaction({ to, data });
 */
export function encodeClaim(client: Client, parameters: EncodeClaimParameters): EncodeClaimReturnType {
  const input: ClaimInput =
    parameters.tree !== undefined
      ? claimFromTree(client, parameters.tree, checkAddress("account", parameters.account))
      : claimFromValues(undefined, parameters);
  const { account, cumulativeAmount, proof } = input;
  const data = attributionDistributor(client).interface.encodeFunctionData("claim", [account, cumulativeAmount, proof]);
  return { to: client.addresses.attributionDistributor, data, account, cumulativeAmount, proof };
}
