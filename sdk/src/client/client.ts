import { type ContractRunner, type Provider, type Signer, getAddress, isAddress } from "ethers";

import { deployments } from "../generated/deployments.js";
import { InvalidAddressError, RunnerError, UnknownChainError } from "./errors.js";

/** The addresses of one deployment of the suite. */
export type Addresses = {
  openToken: string;
  datanetRegistry: string;
  modelRegistry: string;
  usageLedger: string;
  attributionDistributor: string;
};

/** What every SDK action takes first: who talks (runner), to which chain, to which contracts. */
export type Client = {
  readonly runner: ContractRunner;
  readonly provider: Provider;
  readonly chainId: bigint;
  readonly addresses: Readonly<Addresses>;
};

export type CreateClientParameters = {
  /** A provider (reads only) or a signer connected to a provider (reads and transactions). */
  runner: ContractRunner;
  /** Addresses to use instead of, or on top of, the known deployment of the chain. */
  addresses?: Partial<Addresses> | undefined;
};

export type CreateClientReturnType = Client;
export type CreateClientErrorType = UnknownChainError | InvalidAddressError | RunnerError;

/**
 * Creates a client: reads the chain id from the runner's provider and resolves the suite's
 * addresses from the known deployments of that chain, overridden by `addresses`.
 *
 * @example
 * import { JsonRpcProvider, Wallet } from "ethers";
 * import { createClient } from "@openattribution/sdk";
 *
 * const provider = new JsonRpcProvider("http://127.0.0.1:8545");
 * const client = await createClient({ runner: new Wallet(privateKey, provider) });
 */
export async function createClient({ runner, addresses }: CreateClientParameters): Promise<CreateClientReturnType> {
  const provider = runner.provider ?? (isProvider(runner) ? runner : undefined);
  if (provider === undefined || provider === null) throw new RunnerError("provider");
  const { chainId } = await provider.getNetwork();
  const known = deployments[chainId.toString()];
  const merged = { ...known, ...definedOnly(addresses ?? {}) };
  const resolved = {} as Addresses;
  for (const field of ADDRESS_FIELDS) {
    const value = merged[field];
    if (value === undefined) throw new UnknownChainError(chainId);
    if (typeof value !== "string" || !isAddress(value)) throw new InvalidAddressError(`addresses.${field}`, value);
    resolved[field] = getAddress(value);
  }
  return Object.freeze({ runner, provider, chainId, addresses: Object.freeze(resolved) });
}

/** The client's signer; throws `RunnerError` when the client was made with a bare provider. */
export function requireSigner(client: Client): Signer {
  const runner = client.runner as Partial<Signer>;
  if (typeof runner.sendTransaction !== "function" || typeof runner.getAddress !== "function") {
    throw new RunnerError("signer");
  }
  return client.runner as Signer;
}

const ADDRESS_FIELDS = [
  "openToken",
  "datanetRegistry",
  "modelRegistry",
  "usageLedger",
  "attributionDistributor",
] as const satisfies readonly (keyof Addresses)[];

function isProvider(runner: ContractRunner): runner is Provider {
  return typeof (runner as Partial<Provider>).getNetwork === "function";
}

function definedOnly(addresses: Partial<Addresses>): Partial<Addresses> {
  return Object.fromEntries(Object.entries(addresses).filter(([, value]) => value !== undefined));
}
