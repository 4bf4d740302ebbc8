import type { TransactionReceipt } from "ethers";

import type { Client } from "../client/client.js";
import { modelRegistry } from "../client/contracts.js";
import type { SendOptions } from "../client/transaction.js";
import type { EmptyStringError, InvalidIdError } from "../errors/parameters.js";
import { eventsNamed } from "../internal/events.js";
import { send, type SendErrorType } from "../internal/send.js";
import { checkId, checkString, MAX_UINT32, MAX_UINT64 } from "../internal/validate.js";
import { DuplicateSourceError, SourceCountOutOfRangeError } from "./errors.js";
import { parseModelRegistryLogs } from "./parseModelRegistryLogs.js";
import type { DatanetVersionSource } from "./types.js";

/**
 * The most Datanet versions a model may list (`ModelRegistry.MAX_SOURCES`).
 *
 * @example
 * const sources = versions.slice(0, MAX_SOURCES);
 */
export const MAX_SOURCES = 32;

/**
 * What `createModel` takes.
 *
 * @example
 * const run = (parameters: CreateModelParameters) => createModel(client, parameters);
 */
export type CreateModelParameters = {
  /** A live (not retired) base model. */
  baseModelId: bigint;
  /** The published Datanet versions it is trained on, in any order (sorted here), without repeats. */
  sources: readonly DatanetVersionSource[];
  /** The model's description. */
  metadataURI: string;
} & SendOptions;

/**
 * What `createModel` returns.
 *
 * @example
 * const result: CreateModelReturnType = await createModel(client, parameters);
 */
export type CreateModelReturnType = {
  receipt: TransactionReceipt;
  modelId: bigint;
  /** The client's signer. */
  builder: string;
  /** The sources as recorded: sorted by (datanetId, version). */
  sources: DatanetVersionSource[];
};

/**
 * The errors `createModel` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await createModel(client, parameters).catch((e: unknown) => e)) as CreateModelErrorType;
 * if (error instanceof InvalidIdError) console.log(error.shortMessage);
 */
export type CreateModelErrorType =
  InvalidIdError | EmptyStringError | SourceCountOutOfRangeError | DuplicateSourceError | SendErrorType;

/**
 * Creates a model built by the client's signer on a base model and published Datanet versions.
 * The sources are checked and sorted here, as the registry requires.
 *
 * @example
 * const { modelId } = await createModel(builderClient, {
 *   baseModelId: 1n,
 *   sources: [{ datanetId: 2n, version: 1n }, { datanetId: 1n, version: 3n }],
 *   metadataURI: "ipfs://bafy…/model.json",
 * });
 */
export async function createModel(client: Client, parameters: CreateModelParameters): Promise<CreateModelReturnType> {
  const baseModelId = checkId("baseModelId", parameters.baseModelId);
  const metadataURI = checkString("metadataURI", parameters.metadataURI);
  const sources = sortSources(parameters.sources);
  const receipt = await send(
    client,
    modelRegistry,
    (registry) => registry.createModel(baseModelId, sources, metadataURI),
    parameters,
  );
  const [created] = eventsNamed(parseModelRegistryLogs(client, receipt), "ModelCreated");
  return {
    receipt,
    modelId: created!.args.modelId,
    builder: created!.args.builder,
    sources: created!.args.sources.map(({ datanetId, version }) => ({ datanetId, version })),
  };
}

function sortSources(sources: readonly DatanetVersionSource[]): DatanetVersionSource[] {
  if (!Array.isArray(sources) || sources.length === 0 || sources.length > MAX_SOURCES) {
    throw new SourceCountOutOfRangeError(Array.isArray(sources) ? sources.length : 0, MAX_SOURCES);
  }
  const checked = sources.map((source, i) => ({
    datanetId: checkId(`sources[${i}].datanetId`, source?.datanetId, MAX_UINT64),
    version: checkId(`sources[${i}].version`, source?.version, MAX_UINT32),
  }));
  checked.sort((a, b) => compare(a.datanetId, b.datanetId) || compare(a.version, b.version));
  checked.forEach((source, i) => {
    const previous = checked[i - 1];
    if (previous?.datanetId === source.datanetId && previous.version === source.version) {
      throw new DuplicateSourceError(source.datanetId, source.version);
    }
  });
  return checked;
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
