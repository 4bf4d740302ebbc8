// Start-up checks against the chain: the node's chain id, the suite's contracts and the signer's
// role. Any mismatch refuses to start with one line (`StartupError`), never a warning.
import { readFile } from "node:fs/promises";

import {
  attributionDistributor,
  type Client,
  createClient,
  datanetRegistry,
  modelRegistry,
  UnknownChainError,
  usageLedger,
} from "@openattribution/sdk";
import { FetchRequest, JsonRpcProvider, Network, type Signer, Wallet } from "ethers";

import { OracleError } from "../errors.ts";
import type { OracleConfig } from "./config.ts";

/** The oracle cannot start: wrong chain, wrong addresses, unreachable node or a signer without the role. */
export class StartupError extends OracleError {
  override name = "StartupError";
}

/** What `connect` gives the commands: a client (with the signer when asked) and the provider. */
export type Connection = { client: Client; provider: JsonRpcProvider; signer: Signer | undefined };

/** The options of `connect`. */
export type ConnectOptions = {
  /** Load the signer and require `ORACLE_ROLE` (commands that post). */
  signer?: boolean;
  /** Seconds to wait for each RPC answer; 30 by default. */
  timeoutSeconds?: number;
};

/**
 * Connects to the configured node and checks, before anything else runs: the node answers and
 * reports `config.chainId`; every address holds the expected contract and they point at each
 * other (ledger → distributor and registry, model registry → Datanet registry, distributor →
 * OPEN); with `signer`, the key loads and holds `ORACLE_ROLE`.
 *
 * @throws {StartupError} with one line saying what is wrong.
 * @example
 * const { client } = await connect(config, { signer: true });
 */
export async function connect(config: OracleConfig, options: ConnectOptions = {}): Promise<Connection> {
  const request = new FetchRequest(config.rpcUrl);
  request.timeout = (options.timeoutSeconds ?? 30) * 1000;
  let chainId: bigint;
  try {
    chainId = await readChainId(request.clone());
  } catch (error) {
    throw new StartupError(`cannot reach the node at ${config.rpcUrl}: ${(error as Error).message.split("\n")[0]}`, {
      cause: error,
    });
  }
  // staticNetwork: the chain id is checked here once; cacheTimeout -1: two transactions sent back
  // to back must not share a cached nonce read.
  const provider = new JsonRpcProvider(request, Network.from(chainId), {
    staticNetwork: true,
    cacheTimeout: -1,
    batchMaxCount: 1,
  });
  const refuse = (message: string, cause?: unknown): never => {
    provider.destroy();
    throw new StartupError(message, { cause });
  };
  if (chainId !== config.chainId)
    refuse(`the node at ${config.rpcUrl} is chain ${chainId}, the config says ${config.chainId}`);

  const signer = options.signer
    ? await loadSigner(config, provider).catch((error: unknown) => refuse((error as Error).message, error))
    : undefined;
  let client: Client;
  try {
    client = await createClient({ runner: signer ?? provider, addresses: config.addresses });
  } catch (error) {
    if (error instanceof UnknownChainError)
      refuse(`no known deployment on chain ${chainId}: set "addresses" in ${config.file}`, error);
    return refuse((error as Error).message, error);
  }
  await checkSuite(client).catch((error: unknown) => refuse((error as Error).message, error));
  if (signer !== undefined) {
    const distributor = attributionDistributor(client);
    const account = await signer.getAddress();
    if (!(await distributor.hasRole(await distributor.ORACLE_ROLE(), account))) {
      refuse(
        `the signer ${account} does not hold ORACLE_ROLE on the distributor ${client.addresses.attributionDistributor}`,
      );
    }
  }
  return { client, provider, signer };
}

/** `eth_chainId`, with the request's timeout and no retry (a provider would retry forever). */
async function readChainId(request: FetchRequest): Promise<bigint> {
  request.body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] });
  request.setHeader("content-type", "application/json");
  const response = await request.send();
  response.assertOk();
  const body = response.bodyJson as { result?: string; error?: { message?: string } };
  if (typeof body.result !== "string") throw new Error(body.error?.message ?? "eth_chainId returned no result");
  return BigInt(body.result);
}

async function loadSigner(config: OracleConfig, provider: JsonRpcProvider): Promise<Signer> {
  const source = config.signer;
  if (source === undefined) throw new Error(`this command posts: set "signer" in ${config.file}`);
  if ("privateKeyEnv" in source) {
    const key = process.env[source.privateKeyEnv];
    if (key === undefined || key === "")
      throw new Error(`the environment variable ${source.privateKeyEnv} (signer.privateKeyEnv) is not set`);
    try {
      return new Wallet(key.startsWith("0x") ? key : `0x${key}`, provider);
    } catch {
      throw new Error(`${source.privateKeyEnv} does not hold a valid private key`);
    }
  }
  const password = process.env[source.passwordEnv];
  if (password === undefined)
    throw new Error(`the environment variable ${source.passwordEnv} (signer.passwordEnv) is not set`);
  let json: string;
  try {
    json = await readFile(source.keystore, "utf8");
  } catch {
    throw new Error(`cannot read the keystore ${source.keystore}`);
  }
  try {
    return (await Wallet.fromEncryptedJson(json, password)).connect(provider);
  } catch {
    throw new Error(`cannot decrypt the keystore ${source.keystore} with ${source.passwordEnv}`);
  }
}

/** Every address holds code and the contracts point at each other. */
async function checkSuite(client: Client): Promise<void> {
  const { addresses, provider } = client;
  for (const [name, address] of Object.entries(addresses)) {
    if ((await provider.getCode(address)) === "0x")
      throw new Error(`no contract at ${name} ${address} on chain ${client.chainId}`);
  }
  const mismatch = (what: string, actual: string, expected: string) =>
    new Error(`${what} is ${actual}, the config's is ${expected}: the addresses are not one deployment`);
  const read = async (what: string, call: () => Promise<string>) => {
    try {
      return await call();
    } catch {
      throw new Error(`${what} cannot be read: the address is not that contract`);
    }
  };
  const ledger = usageLedger(client);
  const ledgerDistributor = await read("usageLedger.distributor()", () => ledger.distributor());
  if (ledgerDistributor !== addresses.attributionDistributor) {
    throw mismatch("usageLedger.distributor()", ledgerDistributor, addresses.attributionDistributor);
  }
  const ledgerModels = await read("usageLedger.models()", () => ledger.models());
  if (ledgerModels !== addresses.modelRegistry)
    throw mismatch("usageLedger.models()", ledgerModels, addresses.modelRegistry);
  const modelsDatanets = await read("modelRegistry.datanets()", () => modelRegistry(client).datanets());
  if (modelsDatanets !== addresses.datanetRegistry) {
    throw mismatch("modelRegistry.datanets()", modelsDatanets, addresses.datanetRegistry);
  }
  const token = await read("attributionDistributor.token()", () => attributionDistributor(client).token());
  if (token !== addresses.openToken) throw mismatch("attributionDistributor.token()", token, addresses.openToken);
  const stakeToken = await read("datanetRegistry.token()", () => datanetRegistry(client).token());
  if (stakeToken !== addresses.openToken) throw mismatch("datanetRegistry.token()", stakeToken, addresses.openToken);
}
