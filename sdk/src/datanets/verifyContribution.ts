import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { type ContractRevertError, withDecodedReverts } from "../errors/revert.js";
import { checkHash, checkId } from "../internal/validate.js";
import { CONTENT_HASH } from "./internal.js";

/**
 * What `verifyContribution` takes.
 *
 * @example
 * const run = (parameters: VerifyContributionParameters) => verifyContribution(client, parameters);
 */
export type VerifyContributionParameters = {
  datanetId: bigint;
  version: bigint;
  /** keccak256 of the content's raw bytes. */
  contentHash: string;
  /** The contribution's proof in the version tree (`VersionTree.getProof`). */
  proof: readonly string[];
};

/**
 * True if the contribution is accepted and in the version under `proof`.
 *
 * @example
 * const result: VerifyContributionReturnType = await verifyContribution(client, parameters);
 */
export type VerifyContributionReturnType = boolean;

/**
 * `ContractRevertError` `DatanetUnknownVersion` when the version is not published.
 *
 * @example
 * const error = (await verifyContribution(client, parameters).catch((e: unknown) => e)) as VerifyContributionErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type VerifyContributionErrorType = InvalidIdError | InvalidHashError | ContractRevertError;

/**
 * Asks the registry whether a contribution is in a published version (the check models and
 * rewards rely on): accepted, and its leaf proven under the version's root.
 *
 * @example
 * const tree = await loadVersionTree(await (await fetch(version.manifestURI)).json());
 * const ok = await verifyContribution(client, {
 *   datanetId: 1n, version: 1n, contentHash, proof: tree.getProof(contributionId),
 * });
 */
export async function verifyContribution(
  client: Client,
  parameters: VerifyContributionParameters,
): Promise<VerifyContributionReturnType> {
  const datanetId = checkId("datanetId", parameters.datanetId);
  const version = checkId("version", parameters.version);
  const contentHash = checkHash("contentHash", parameters.contentHash, CONTENT_HASH);
  const proof = parameters.proof.map((node, i) => checkHash(`proof[${i}]`, node, "a node of the version tree"));
  return withDecodedReverts(() => datanetRegistry(client).verifyContribution(datanetId, version, contentHash, proof));
}
