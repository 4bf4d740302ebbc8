// The models tests' starting point: the suite, roles granted, and two Datanets with published
// versions (Datanet 1: versions 1 and 2; Datanet 2: version 1), all made through the SDK.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { id } from "ethers";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";

import {
  addBaseModel,
  contribute,
  createClient,
  createDatanet,
  createModel,
  hashAdapterWeights,
  hashContent,
  publishAdapter,
  publishVersion,
  review,
  type Client,
  type DatanetVersionSource,
} from "../../../sdk/src/index.js";
import { deploySuite } from "../utils/deploy.js";

export const BASE_WEIGHTS = new TextEncoder().encode("base model weights");
export const ADAPTER_WEIGHTS = new TextEncoder().encode("adapter weights v1");

export async function modelsFixture(ethers: HardhatEthers, networkHelpers: NetworkHelpers) {
  const [admin, treasury, registrar, builder, trainer, relayer, stranger] = await ethers.getSigners();
  const suite = await deploySuite(ethers, { admin, treasury });
  await suite.models.connect(admin).grantRole(await suite.models.REGISTRAR_ROLE(), registrar.address);
  await suite.models.connect(admin).grantRole(await suite.models.TRAINER_ROLE(), trainer.address);
  const client = (runner: typeof admin) => createClient({ runner, addresses: suite.addresses });
  const clients = {
    registrar: await client(registrar),
    builder: await client(builder),
    trainer: await client(trainer),
    relayer: await client(relayer),
    stranger: await client(stranger),
    reader: await createClient({ runner: ethers.provider, addresses: suite.addresses }),
  };

  // The builder owns and curates the Datanets (no stake) and publishes their versions; the data
  // comes from another account, since nobody reviews their own contribution.
  const owner: Client = clients.builder;
  const publish = async (datanetId: bigint, item: string) => {
    const contents = [{ bytes: new TextEncoder().encode(item), uri: `ipfs://${item}` }];
    await contribute(clients.relayer, { datanetId, contents, onCommitted: () => networkHelpers.mine() });
    const contentHash = hashContent(contents[0]!.bytes);
    await review(owner, { datanetId, reviews: [{ contentHash, verdict: "Accept" }] });
    await publishVersion(owner, { datanetId, manifestURI: `ipfs://manifest/${datanetId}/${item}` });
  };
  for (const datanetId of [1n, 2n]) {
    await createDatanet(owner, {
      metadataURI: `ipfs://datanet/${datanetId}`,
      license: "CC-BY-4.0",
      stake: 0n,
      reviewPeriod: 3600n,
      treasury: treasury.address,
    });
  }
  await publish(1n, "d1-a");
  await publish(1n, "d1-b");
  await publish(2n, "d2-a");
  return { ...suite, ...clients, signers: { admin, treasury, registrar, builder, trainer, relayer, stranger } };
}

export type ModelsFixture = Awaited<ReturnType<typeof modelsFixture>>;

/** Registers base model 1, with the weights BASE_WEIGHTS. */
export async function addTestBaseModel({ registrar }: ModelsFixture): Promise<void> {
  const weightsHash = await hashAdapterWeights(BASE_WEIGHTS);
  await addBaseModel(registrar, { name: "Qwen2.5-0.5B", weightsHash, licenseURI: "https://apache.org/l" });
}

/** Base model 1, the builder's model 1 on `source`, and one adapter per weights file; returns their hashes. */
export async function addTestModel(
  fixture: ModelsFixture,
  source: DatanetVersionSource,
  adapterWeights: readonly Uint8Array[],
): Promise<string[]> {
  await addTestBaseModel(fixture);
  await createModel(fixture.builder, { baseModelId: 1n, sources: [source], metadataURI: "ipfs://m" });
  const hashes: string[] = [];
  for (const weights of adapterWeights) {
    const { adapterHash } = await publishAdapter(fixture.builder, {
      modelId: 1n,
      weights,
      configHash: id("config"),
      manifestHash: id("manifest"),
      uri: "ipfs://adapter",
    });
    hashes.push(adapterHash);
  }
  return hashes;
}
