// The operator's one config file (JSON), validated completely before anything runs: an unknown
// key, a missing field or a wrong type stops the oracle with one line naming the file and field.
import { readFile } from "node:fs/promises";
import path from "node:path";

import { getAddress, isAddress } from "ethers";

import { OracleError } from "../errors.ts";

/** The five contracts, as the SDK names them. */
export type OracleAddresses = {
  openToken: string;
  datanetRegistry: string;
  modelRegistry: string;
  usageLedger: string;
  attributionDistributor: string;
};

/** Where the oracle's key comes from; the key itself is never in the config file. */
export type SignerConfig =
  /** A hex private key in this environment variable. */
  | { privateKeyEnv: string }
  /** An encrypted JSON keystore (ethers / geth v3) and the environment variable holding its password. */
  | { keystore: string; passwordEnv: string };

/** The validated configuration; paths are absolute (resolved against the config file's folder). */
export type OracleConfig = {
  /** The config file this came from. */
  file: string;
  /** The node's JSON-RPC URL (http or https). */
  rpcUrl: string;
  /** The chain the oracle serves; the node must report the same id. */
  chainId: bigint;
  /** The suite's addresses; by default the SDK's known deployment of `chainId`. */
  addresses: OracleAddresses | undefined;
  /** Where epoch 1 starts: the block the suite was deployed in. */
  startBlock: number;
  /** Blocks per epoch: epoch n covers [startBlock + (n-1)·epochBlocks, startBlock + n·epochBlocks - 1]. */
  epochBlocks: number;
  /** Blocks a block must be buried under before the oracle reads it. */
  confirmations: number;
  /** The oracle's key, for the commands that post (`post`, `accept`, `run`). */
  signer: SignerConfig | undefined;
  /** The store (`oracle.sqlite`) and working files. */
  dataDir: string;
  /** Published files (tree, epoch metadata, explanations): written to `dir`, announced as `baseURI` + name. */
  publish: { dir: string; baseURI: string };
  /** Contribution content: relative URIs resolve against `baseDir`; larger files are excluded. */
  content: { baseDir: string; maxBytes: number };
  /** The HTTP API (`serve`, `run`). */
  http: { host: string; port: number };
};

/** The config file is missing, not JSON, or a field is wrong: one line names the file and field. */
export class ConfigError extends OracleError {
  override name = "ConfigError";
  /** The config file. */
  readonly file: string;
  /** The dotted field at fault, if one is. */
  readonly field: string | undefined;

  constructor(file: string, field: string | undefined, problem: string) {
    super(`config ${file}${field === undefined ? "" : `: ${field}`}: ${problem}`);
    this.file = file;
    this.field = field;
  }
}

const KEYS = [
  "rpcUrl",
  "chainId",
  "addresses",
  "startBlock",
  "epochBlocks",
  "confirmations",
  "signer",
  "dataDir",
  "publish",
  "content",
  "http",
] as const;

const ADDRESS_KEYS = [
  "openToken",
  "datanetRegistry",
  "modelRegistry",
  "usageLedger",
  "attributionDistributor",
] as const;

/**
 * Reads and validates the config file.
 *
 * @throws {ConfigError} for a missing or unreadable file, bad JSON, an unknown key or a bad value.
 * @example
 * const config = await loadConfig("oracle.config.json");
 */
export async function loadConfig(file: string): Promise<OracleConfig> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    const problem = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot be read";
    throw new ConfigError(file, undefined, `${problem} (pass --config <file>)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, undefined, `not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(json, absolute);
}

/**
 * Validates a parsed config object; relative paths resolve against the folder of `file`.
 *
 * @throws {ConfigError} for an unknown key or a bad value.
 * @example
 * const config = parseConfig(JSON.parse(text), "/etc/oracle.config.json");
 */
export function parseConfig(json: unknown, file: string): OracleConfig {
  const fail = (field: string | undefined, problem: string): never => {
    throw new ConfigError(file, field, problem);
  };
  const root = object(json, undefined, fail);
  unknownKeys(root, KEYS, undefined, fail);
  const folder = path.dirname(file);
  const resolve = (value: string) => path.resolve(folder, value);

  const rpcUrl = string(root.rpcUrl, "rpcUrl", fail);
  if (!/^https?:\/\/./.test(rpcUrl)) fail("rpcUrl", `expected an http(s) URL, got "${rpcUrl}"`);
  const dataDir = resolve(root.dataDir === undefined ? "oracle-data" : string(root.dataDir, "dataDir", fail));

  const publishJson = root.publish === undefined ? {} : object(root.publish, "publish", fail);
  unknownKeys(publishJson, ["dir", "baseURI"], "publish", fail);
  const publishDir =
    publishJson.dir === undefined
      ? path.join(dataDir, "public")
      : resolve(string(publishJson.dir, "publish.dir", fail));
  const httpJson = root.http === undefined ? {} : object(root.http, "http", fail);
  unknownKeys(httpJson, ["host", "port"], "http", fail);
  const host = httpJson.host === undefined ? "127.0.0.1" : string(httpJson.host, "http.host", fail);
  const port = httpJson.port === undefined ? 8787 : integer(httpJson.port, "http.port", 0, 65_535, fail);
  const baseURI =
    publishJson.baseURI === undefined
      ? `http://${host}:${port}/files/`
      : string(publishJson.baseURI, "publish.baseURI", fail);
  if (!baseURI.endsWith("/")) fail("publish.baseURI", `must end with "/", got "${baseURI}"`);

  const contentJson = root.content === undefined ? {} : object(root.content, "content", fail);
  unknownKeys(contentJson, ["baseDir", "maxBytes"], "content", fail);

  return {
    file,
    rpcUrl,
    chainId: BigInt(integer(root.chainId, "chainId", 1, Number.MAX_SAFE_INTEGER, fail)),
    addresses: root.addresses === undefined ? undefined : addresses(root.addresses, fail),
    startBlock:
      root.startBlock === undefined ? 0 : integer(root.startBlock, "startBlock", 0, Number.MAX_SAFE_INTEGER, fail),
    epochBlocks: integer(root.epochBlocks, "epochBlocks", 1, Number.MAX_SAFE_INTEGER, fail),
    confirmations: root.confirmations === undefined ? 2 : integer(root.confirmations, "confirmations", 0, 10_000, fail),
    signer: root.signer === undefined ? undefined : signer(root.signer, resolve, fail),
    dataDir,
    publish: { dir: publishDir, baseURI },
    content: {
      baseDir:
        contentJson.baseDir === undefined ? folder : resolve(string(contentJson.baseDir, "content.baseDir", fail)),
      maxBytes:
        contentJson.maxBytes === undefined
          ? 16 * 1024 * 1024
          : integer(contentJson.maxBytes, "content.maxBytes", 1, 1024 * 1024 * 1024, fail),
    },
    http: { host, port },
  };
}

type Fail = (field: string | undefined, problem: string) => never;

function object(value: unknown, field: string | undefined, fail: Fail): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(field, "expected an object");
  return value as Record<string, unknown>;
}

function unknownKeys(value: Record<string, unknown>, known: readonly string[], field: string | undefined, fail: Fail) {
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      fail(field === undefined ? key : `${field}.${key}`, `unknown key (known: ${known.join(", ")})`);
  }
}

function string(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== "string" || value === "")
    fail(field, value === undefined ? "missing" : "expected a non-empty string");
  return value as string;
}

function integer(value: unknown, field: string, min: number, max: number, fail: Fail): number {
  if (value === undefined) fail(field, "missing");
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(field, `expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value as number;
}

function addresses(value: unknown, fail: Fail): OracleAddresses {
  const json = object(value, "addresses", fail);
  unknownKeys(json, ADDRESS_KEYS, "addresses", fail);
  const result = {} as OracleAddresses;
  for (const key of ADDRESS_KEYS) {
    const address = json[key];
    if (typeof address !== "string" || !isAddress(address)) {
      fail(`addresses.${key}`, address === undefined ? "missing" : `not an address: ${JSON.stringify(address)}`);
    }
    result[key] = getAddress(address as string);
  }
  return result;
}

function signer(value: unknown, resolve: (file: string) => string, fail: Fail): SignerConfig {
  const json = object(value, "signer", fail);
  if ("privateKeyEnv" in json) {
    unknownKeys(json, ["privateKeyEnv"], "signer", fail);
    return { privateKeyEnv: string(json.privateKeyEnv, "signer.privateKeyEnv", fail) };
  }
  if ("keystore" in json) {
    unknownKeys(json, ["keystore", "passwordEnv"], "signer", fail);
    return {
      keystore: resolve(string(json.keystore, "signer.keystore", fail)),
      passwordEnv: string(json.passwordEnv, "signer.passwordEnv", fail),
    };
  }
  return fail("signer", 'expected { "privateKeyEnv": "<VAR>" } or { "keystore": "<file>", "passwordEnv": "<VAR>" }');
}
