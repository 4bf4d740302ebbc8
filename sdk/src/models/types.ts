import { ZeroAddress, ZeroHash } from "ethers";

import type { IModelRegistry } from "../generated/typechain/ModelRegistry.js";

/**
 * An adapter's status, by code (`IModelRegistry.AdapterStatus`).
 *
 * @example
 * adapterStatuses[3]; // "Active"
 */
export const adapterStatuses = Object.freeze(["None", "Published", "Verified", "Active"] as const);

/**
 * Published → (attest) Verified → (activate) Active ⇄ (deactivate) Verified.
 *
 * @example
 * const status: AdapterStatus = "Verified";
 */
export type AdapterStatus = Exclude<(typeof adapterStatuses)[number], "None">;

/**
 * One published Datanet version a model was trained on.
 *
 * @example
 * const source: DatanetVersionSource = { datanetId: 1n, version: 3n };
 */
export type DatanetVersionSource = { datanetId: bigint; version: bigint };

/**
 * A base model.
 *
 * @example
 * const { name, retired }: BaseModel = await getBaseModel(client, { baseModelId: 1n });
 */
export type BaseModel = {
  id: bigint;
  /** sha256 of the weights file. */
  weightsHash: string;
  /** A retired base model takes no new model; those built on it keep serving. */
  retired: boolean;
  name: string;
  licenseURI: string;
};

/**
 * A model: a builder's fine-tune of a base model on Datanet versions.
 *
 * @example
 * const { builder, sources }: Model = await getModel(client, { modelId: 1n });
 */
export type Model = {
  id: bigint;
  builder: string;
  baseModelId: bigint;
  adapterCount: bigint;
  metadataURI: string;
  /** Sorted by (datanetId, version). */
  sources: DatanetVersionSource[];
};

/**
 * An adapter version of a model.
 *
 * @example
 * const { status, pricePerCall }: Adapter = await getAdapter(client, { adapterId: 1n });
 */
export type Adapter = {
  id: bigint;
  modelId: bigint;
  /** 1, 2, … within the model. */
  version: bigint;
  status: AdapterStatus;
  /** OPEN wei per call; 0 until activated. */
  pricePerCall: bigint;
  /** The verifying trainer's evaluation score (0 until verified). */
  score: bigint;
  /** The verifying trainer; `undefined` until verified. */
  verifiedBy: string | undefined;
  adapterHash: string;
  configHash: string;
  manifestHash: string;
  /** The trainer's evaluation report hash; `undefined` until verified. */
  reportHash: string | undefined;
  uri: string;
};

export function toBaseModel(id: bigint, raw: IModelRegistry.BaseModelStructOutput): BaseModel {
  return { id, weightsHash: raw.weightsHash, retired: raw.retired, name: raw.name, licenseURI: raw.licenseURI };
}

export function toModel(id: bigint, raw: IModelRegistry.ModelStructOutput): Model {
  return {
    id,
    builder: raw.builder,
    baseModelId: raw.baseModelId,
    adapterCount: raw.adapterCount,
    metadataURI: raw.metadataURI,
    sources: raw.sources.map(({ datanetId, version }) => ({ datanetId, version })),
  };
}

export function toAdapter(id: bigint, raw: IModelRegistry.AdapterStructOutput): Adapter {
  return {
    id,
    modelId: raw.modelId,
    version: raw.version,
    status: adapterStatuses[Number(raw.status)] as AdapterStatus,
    pricePerCall: raw.pricePerCall,
    score: raw.score,
    verifiedBy: raw.verifiedBy === ZeroAddress ? undefined : raw.verifiedBy,
    adapterHash: raw.adapterHash,
    configHash: raw.configHash,
    manifestHash: raw.manifestHash,
    reportHash: raw.reportHash === ZeroHash ? undefined : raw.reportHash,
    uri: raw.uri,
  };
}
