import type { Client } from "../client/client.js";
import type { InvalidBlockRangeError, InvalidHashError } from "../errors/parameters.js";
import type { BlockRangeParameters } from "../internal/logs.js";
import { checkHash } from "../internal/validate.js";
import type {
  MerkleInvalidDumpError,
  MerkleKeccakUnavailableError,
  MerkleUnsupportedTypeError,
} from "../merkle/errors.js";
import { REWARD_LEAF_TYPES, type RewardLeafValues, type RewardTree } from "../merkle/rewards.js";
import { StandardTree, type StandardTreeDump } from "../merkle/standard-tree.js";
import {
  NoAcceptedRootError,
  NoPendingRootError,
  RewardTreeFileError,
  RewardTreeHashMismatchError,
  RewardTreeLeafEncodingError,
  RewardTreeRootMismatchError,
  RewardTreeUnsupportedURIError,
  type RewardTreeWrongDistributorError,
  RootProposalNotFoundError,
} from "./errors.js";
import {
  checkTreeIsFor,
  findRootProposals,
  isZeroRoot,
  pendingMatch,
  proposalKey,
  readSnapshot,
  sumLeaves,
} from "./internal.js";
import { hashRewardTreeFile } from "./rewardTreeFile.js";
import type { RootProposal } from "./types.js";

/**
 * What fetches a tree file: the global `fetch` by default, or one given in `loadRewardTree`'s
 * `fetch` (e.g. mapping `ipfs://` to a gateway).
 *
 * @example
 * const viaGateway: FetchLike = (uri) => fetch(uri.replace("ipfs://", "https://ipfs.io/ipfs/"));
 */
export type FetchLike = (uri: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/**
 * A published tree file: its JSON text, its raw bytes, its parsed JSON (the `dump()` object),
 * or an `http(s)`/`data` URL (string or `URL`) to fetch it from.
 *
 * @example
 * const source: RewardTreeSource = "https://rewards.example/epoch-4.json";
 */
export type RewardTreeSource = string | URL | Uint8Array | StandardTreeDump<unknown[]>;

/**
 * What `loadRewardTree` takes.
 *
 * @example
 * const run = (parameters: LoadRewardTreeParameters) => loadRewardTree(client, parameters);
 */
export type LoadRewardTreeParameters = {
  /**
   * The tree file. By default, fetched from the `treeURI` the oracle posted with the root (found
   * in the `RootProposed` event).
   */
  source?: RewardTreeSource | undefined;
  /** Which on-chain root the tree must have: `"accepted"` (default; what claims use) or `"pending"`. */
  against?: "accepted" | "pending" | undefined;
  /**
   * The keccak256 the file's bytes must have; by default the `treeHash` of the root's
   * `RootProposed` event. `false` skips the check. Checked only when the bytes are known (a parsed
   * object has none), and skipped when the oracle posted the zero hash.
   */
  treeHash?: string | false | undefined;
  /** Fetches URIs instead of the global `fetch` (for `ipfs://` and other schemes). */
  fetch?: FetchLike | undefined;
} & Omit<BlockRangeParameters, "toBlock">;

/**
 * The tree, verified, and what it was verified against.
 *
 * @example
 * const { tree, epoch }: LoadRewardTreeReturnType = await loadRewardTree(client);
 */
export type LoadRewardTreeReturnType = {
  /** Pass it to `getClaimable`, `claim` and `claimMany`. */
  tree: RewardTree;
  against: "accepted" | "pending";
  /** The tree's root, equal to the on-chain root checked against. */
  root: string;
  /** The epoch of that root. */
  epoch: bigint;
  /** The sum of the leaves' cumulative amounts. */
  totalCumulative: bigint;
  /** keccak256 of the file's bytes; `undefined` when given a parsed object. */
  treeHash: string | undefined;
  /** Whether `treeHash` was compared with the posted (or given) hash and matched. */
  treeHashChecked: boolean;
  /** Where the file was fetched from (a URI source or the posted `treeURI`); `undefined` otherwise. */
  treeURI: string | undefined;
  /** For a pending tree: the first chain timestamp at which its root can be accepted. */
  validAt: bigint | undefined;
};

/**
 * The errors `loadRewardTree` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await loadRewardTree(client).catch((e: unknown) => e)) as LoadRewardTreeErrorType;
 * if (error instanceof RewardTreeRootMismatchError) console.log(error.expected, error.actual, error.pending);
 */
export type LoadRewardTreeErrorType =
  | RewardTreeRootMismatchError
  | RewardTreeWrongDistributorError
  | RewardTreeHashMismatchError
  | RewardTreeLeafEncodingError
  | RewardTreeFileError
  | RewardTreeUnsupportedURIError
  | RootProposalNotFoundError
  | NoAcceptedRootError
  | NoPendingRootError
  | MerkleInvalidDumpError
  | MerkleUnsupportedTypeError
  | MerkleKeccakUnavailableError
  | InvalidHashError
  | InvalidBlockRangeError;

/**
 * Loads a published reward tree and verifies it against the chain before anything relies on it:
 * the file is a complete, self-consistent `StandardMerkleTree` dump (every node recomputed) of
 * reward leaves; every leaf is for the client's chain id and distributor; its root is the
 * accepted root (or, with `against: "pending"`, the pending one); and, when the file's bytes are
 * known, their keccak256 is the `treeHash` the oracle posted (see `hashRewardTreeFile`).
 *
 * With no `source`, the file is fetched from the `treeURI` of the root's `RootProposed` event,
 * which is searched from `fromBlock` (0 by default: pass the distributor's deployment block on a
 * long chain). Browser-safe: fetches with the global `fetch`; no `node:` import.
 *
 * @example
 * const { tree } = await loadRewardTree(client); // the accepted epoch's tree, from the posted URI
 * const { tree: next, validAt } = await loadRewardTree(client, { against: "pending" });
 * const fromDisk = await loadRewardTree(client, { source: await readFile("epoch-4.json") });
 */
export async function loadRewardTree(
  client: Client,
  parameters: LoadRewardTreeParameters = {},
): Promise<LoadRewardTreeReturnType> {
  const { source, against = "accepted", fetch: fetcher, treeHash: givenHash, ...range } = parameters;
  const expectedHash =
    givenHash === undefined || givenHash === false
      ? givenHash
      : checkHash("treeHash", givenHash, "keccak256 of the tree file's bytes");

  const snapshot = await readSnapshot(client);
  let target: { root: string; epoch: bigint; validAt: bigint | undefined };
  if (against === "pending") {
    if (snapshot.pending === undefined) throw new NoPendingRootError(snapshot.epoch);
    target = { root: snapshot.pending.root, epoch: snapshot.pending.epoch, validAt: snapshot.pending.validAt };
  } else {
    target = { root: snapshot.root, epoch: snapshot.epoch, validAt: undefined };
    if (isZeroRoot(target.root) && source === undefined) {
      throw new NoAcceptedRootError(snapshot.pending === undefined ? undefined : pendingMatch(snapshot.pending));
    }
  }

  let proposal: RootProposal | undefined;
  let proposalSearched = false;
  const findProposal = async (): Promise<RootProposal | undefined> => {
    if (!proposalSearched && !isZeroRoot(target.root)) {
      const found = await findRootProposals(client, [target], { ...range, toBlock: snapshot.blockNumber });
      proposal = found.get(proposalKey(target.epoch, target.root));
    }
    proposalSearched = true;
    return proposal;
  };

  // The file: bytes when known (to hash), then the parsed dump.
  let bytes: Uint8Array | undefined;
  let dump: unknown;
  let treeURI: string | undefined;
  if (source === undefined) {
    const found = await findProposal();
    if (found === undefined) throw new RootProposalNotFoundError(target.epoch, target.root);
    treeURI = found.treeURI;
    bytes = await fetchBytes(treeURI, fetcher);
  } else if (source instanceof Uint8Array) {
    bytes = source;
  } else if (source instanceof URL || (typeof source === "string" && !/^\s*[[{]/.test(source))) {
    treeURI = String(source);
    bytes = await fetchBytes(treeURI, fetcher);
  } else if (typeof source === "string") {
    bytes = new TextEncoder().encode(source);
  } else {
    dump = source;
  }
  if (bytes !== undefined) dump = parseJson(bytes, treeURI);

  const tree = await loadRewardLeaves(dump);
  checkTreeIsFor(client, tree);

  const root = tree.root;
  if (root !== target.root) {
    const otherIsPending = against === "accepted" && snapshot.pending !== undefined && snapshot.pending.root === root;
    const otherIsAccepted = against === "pending" && !isZeroRoot(snapshot.root) && snapshot.root === root;
    throw new RewardTreeRootMismatchError(
      against,
      target.root,
      target.epoch,
      root,
      otherIsPending ? pendingMatch(snapshot.pending!) : undefined,
      otherIsAccepted ? snapshot.epoch : undefined,
    );
  }

  const treeHash = bytes === undefined ? undefined : hashRewardTreeFile(bytes);
  let treeHashChecked = false;
  if (treeHash !== undefined && expectedHash !== false) {
    let expected = expectedHash;
    if (expected === undefined) {
      const found = await findProposal();
      if (found === undefined) throw new RootProposalNotFoundError(target.epoch, target.root);
      treeURI ??= found.treeURI;
      expected = isZeroRoot(found.treeHash) ? undefined : found.treeHash.toLowerCase();
    }
    if (expected !== undefined) {
      if (treeHash !== expected) throw new RewardTreeHashMismatchError(expected, treeHash, treeURI);
      treeHashChecked = true;
    }
  }
  return {
    tree,
    against,
    root,
    epoch: target.epoch,
    totalCumulative: sumLeaves(tree),
    treeHash,
    treeHashChecked,
    treeURI,
    validAt: target.validAt,
  };
}

/** `StandardTree.load` of a dump whose leaf encoding is the reward leaf's. */
async function loadRewardLeaves(dump: unknown): Promise<RewardTree> {
  const encoding = (dump as { leafEncoding?: unknown } | null)?.leafEncoding;
  if (
    Array.isArray(encoding) &&
    encoding.every((type) => typeof type === "string") &&
    (encoding.length !== REWARD_LEAF_TYPES.length || encoding.some((type, i) => type !== REWARD_LEAF_TYPES[i]))
  ) {
    throw new RewardTreeLeafEncodingError(encoding as string[]);
  }
  return StandardTree.load<RewardLeafValues>(dump as StandardTreeDump<RewardLeafValues>);
}

function parseJson(bytes: Uint8Array, uri: string | undefined): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new RewardTreeFileError("the file is not UTF-8 JSON", uri, error);
  }
}

const FETCHED_SCHEMES = new Set(["http", "https", "data"]);

async function fetchBytes(uri: string, fetcher: FetchLike | undefined): Promise<Uint8Array> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (fetcher === undefined && (scheme === undefined || !FETCHED_SCHEMES.has(scheme))) {
    throw new RewardTreeUnsupportedURIError(uri);
  }
  const fetchFile = fetcher ?? (globalThis as { fetch?: FetchLike }).fetch;
  if (fetchFile === undefined) {
    throw new RewardTreeFileError("this runtime has no global fetch; pass `fetch`, or the file as `source`", uri);
  }
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchFile(uri);
  } catch (error) {
    throw new RewardTreeFileError("the request failed", uri, error);
  }
  if (!response.ok) throw new RewardTreeFileError(`the server answered HTTP ${response.status}`, uri);
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new RewardTreeFileError("reading the response failed", uri, error);
  }
}
