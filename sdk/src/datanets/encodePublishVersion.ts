import type { Client } from "../client/client.js";
import { datanetRegistry } from "../client/contracts.js";
import type { EmptyStringError, InvalidHashError, InvalidIdError } from "../errors/parameters.js";
import { checkHash, checkId, checkString } from "../internal/validate.js";

/**
 * What `encodePublishVersion` takes.
 *
 * @example
 * const run = (parameters: EncodePublishVersionParameters) => encodePublishVersion(client, parameters);
 */
export type EncodePublishVersionParameters = {
  datanetId: bigint;
  /** The version tree's root (`VersionTree.root`). */
  root: string;
  /** Its number of leaves (`VersionTree.length`). */
  count: bigint;
  /** Where its manifest (`VersionTree.dump()`) is published. */
  manifestURI: string;
};

/**
 * A transaction request for the Datanet's owner to send (e.g. through a multisig).
 *
 * @example
 * const result: EncodePublishVersionReturnType = encodePublishVersion(client, parameters);
 */
export type EncodePublishVersionReturnType = { to: string; data: string };

/**
 * The errors `encodePublishVersion` can throw; match them by class, never by message.
 *
 * @example
 * let error: EncodePublishVersionErrorType | undefined;
 * try { encodePublishVersion(client, parameters); } catch (e) { error = e as EncodePublishVersionErrorType; }
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type EncodePublishVersionErrorType = InvalidIdError | InvalidHashError | EmptyStringError;

/**
 * Builds the calldata of `publishVersion`, without sending anything.
 *
 * @example
 * const tree = await buildVersionTree(1n, accepted);
 * const { to, data } = encodePublishVersion(client, {
 *   datanetId: 1n, root: tree.root, count: BigInt(tree.length), manifestURI: "ipfs://bafy…",
 * });
 */
export function encodePublishVersion(
  client: Client,
  parameters: EncodePublishVersionParameters,
): EncodePublishVersionReturnType {
  const data = datanetRegistry(client).interface.encodeFunctionData("publishVersion", [
    checkId("datanetId", parameters.datanetId),
    checkHash("root", parameters.root, "root of the version tree"),
    checkId("count", parameters.count),
    checkString("manifestURI", parameters.manifestURI),
  ]);
  return { to: client.addresses.datanetRegistry, data };
}
