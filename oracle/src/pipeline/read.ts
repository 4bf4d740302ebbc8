// The reads behind the HTTP API, from the store only (no chain call): an account's cumulative
// amount and proof, an epoch's figures and files, an account's explanation with span texts. The
// HTTP layer adds what needs the chain (claimed, claimable).
import { MerkleLeafNotFoundError, parseInferenceLogLine, rewardClaim, type RewardTree } from "@openattribution/sdk";
import { decode } from "gpt-tokenizer/encoding/o200k_base";
import { getAddress, isAddress } from "ethers";

import { tokenize } from "../attribution/tokenizer.ts";
import type { AccountExplanation, ExplainedOutput, ExplainedSpan } from "../attribution/types.ts";
import { getPostIntent } from "../chain/poster.ts";
import { type EpochMetadata, parseEpochMetadata } from "../epoch/metadata.ts";
import { readRewardTreeFile } from "../epoch/tree.ts";
import { getChainBinding } from "../store/chain.ts";
import type { Store } from "../store/db.ts";
import { listRootProposals, type RootProposalStatus } from "../store/protocol.ts";
import { toEpoch } from "./epochs.ts";
import { getAttribution, getBuild, listBuilds, type StoredBuild } from "./tables.ts";

/**
 * Where an epoch is: `attributed` (not built), `built` (not posted), `posting` (a transaction
 * sent, not seen on-chain yet), then the indexed proposal's status: `pending`, `disputed`,
 * `accepted`, `vetoed`, `discarded`.
 */
export type EpochStatus = "attributed" | "built" | "posting" | RootProposalStatus;

function statusOf(store: Store, build: StoredBuild): EpochStatus {
  const proposal = listRootProposals(store).findLast(
    (p) => p.epoch === build.epoch && p.root === build.root.toLowerCase(),
  );
  if (proposal !== undefined) return proposal.status;
  const binding = getChainBinding(store);
  if (binding !== undefined) {
    const intent = getPostIntent(store.db, {
      chainId: binding.chainId,
      distributor: binding.addresses.attributionDistributor,
      epoch: build.epoch,
    });
    if (intent !== undefined && intent.root === build.root.toLowerCase() && intent.status !== "planned")
      return "posting";
  }
  return "built";
}

const trees = new Map<string, Promise<RewardTree>>();

/** The tree of a build, kept for the two latest tree hashes (trees are expensive to load). */
function treeOf(build: StoredBuild): Promise<RewardTree> {
  let tree = trees.get(build.treeHash);
  if (tree === undefined) {
    tree = readRewardTreeFile(build.treeFile).then((read) => read.tree);
    trees.set(build.treeHash, tree);
    if (trees.size > 2) trees.delete(trees.keys().next().value!);
  }
  return tree;
}

/** One account's leaf in one epoch's tree. */
export type RewardPosition = {
  epoch: bigint;
  root: string;
  status: EpochStatus;
  /** Everything the account earned up to this epoch (what `claim` pays up to). */
  cumulative: bigint;
  proof: string[];
};

/** What `getRewardsOf` returns. */
export type GetRewardsOfReturnType = {
  account: string;
  /** In the latest accepted epoch's tree (what can be claimed now); undefined when not in it or none accepted. */
  accepted: RewardPosition | undefined;
  /** In the latest built epoch's tree when it is newer than the accepted one (claimable once accepted). */
  latest: RewardPosition | undefined;
};

/**
 * An account's cumulative amount and Merkle proof in the latest accepted epoch (as indexed) and
 * in the latest built one; `undefined` when the account is in neither.
 *
 * @throws {TypeError} when `account` is not an address.
 * @example
 * const rewards = await getRewardsOf(store, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
 * if (rewards?.accepted) await claim(client, { account: rewards.account, cumulativeAmount: rewards.accepted.cumulative, proof: rewards.accepted.proof });
 */
export async function getRewardsOf(store: Store, account: string): Promise<GetRewardsOfReturnType | undefined> {
  if (typeof account !== "string" || !isAddress(account)) throw new TypeError(`not an address: ${String(account)}`);
  const checksummed = getAddress(account);
  const builds = listBuilds(store.db);
  const statuses = builds.map((build) => statusOf(store, build));
  const acceptedIndex = statuses.lastIndexOf("accepted");
  const position = async (i: number): Promise<RewardPosition | undefined> => {
    if (i < 0) return undefined;
    const build = builds[i]!;
    try {
      const leaf = rewardClaim(await treeOf(build), checksummed);
      return {
        epoch: build.epoch,
        root: build.root,
        status: statuses[i]!,
        cumulative: leaf.cumulativeAmount,
        proof: [...leaf.proof],
      };
    } catch (error) {
      if (error instanceof MerkleLeafNotFoundError) return undefined;
      throw error;
    }
  };
  const accepted = await position(acceptedIndex);
  const latest = builds.length - 1 > acceptedIndex ? await position(builds.length - 1) : undefined;
  if (accepted === undefined && latest === undefined) return undefined;
  return { account: checksummed, accepted, latest };
}

/** What `getEpochInfo` returns. */
export type GetEpochInfoReturnType = {
  epoch: bigint;
  status: EpochStatus;
  /** Undefined while only attributed. */
  root: string | undefined;
  totalCumulative: bigint | undefined;
  epochTotal: bigint | undefined;
  accounts: number;
  /** The posted tree URI (anchored with the metadata's hash). */
  treeURI: string | undefined;
  treeFile: { uri: string; hash: string } | undefined;
  metadata: EpochMetadata | undefined;
  inputsDigest: string | undefined;
};

/**
 * An epoch's figures, files and status; `undefined` when it is not even attributed.
 *
 * @example
 * const info = getEpochInfo(store, 3);
 * console.log(info?.status, info?.root, info?.treeFile?.uri);
 */
export function getEpochInfo(store: Store, epoch: number | bigint): GetEpochInfoReturnType | undefined {
  const n = toEpoch(epoch);
  const build = getBuild(store.db, n);
  if (build === undefined) {
    const attribution = getAttribution(store.db, n);
    if (attribution === undefined) return undefined;
    return {
      epoch: n,
      status: "attributed",
      root: undefined,
      totalCumulative: undefined,
      epochTotal: undefined,
      accounts: attribution.rewards.length,
      treeURI: undefined,
      treeFile: undefined,
      metadata: undefined,
      inputsDigest: undefined,
    };
  }
  const metadata = parseEpochMetadata(build.metadata);
  return {
    epoch: n,
    status: statusOf(store, build),
    root: build.root,
    totalCumulative: build.totalCumulative,
    epochTotal: build.epochTotal,
    accounts: (JSON.parse(build.treeFile) as { values: unknown[] }).values.length,
    treeURI: build.treeURI,
    treeFile: metadata.treeFile,
    metadata,
    inputsDigest: metadata.inputsDigest,
  };
}

/** A span with its text. */
export type SpanWithText = ExplainedSpan & { text: string };

/** What `getAttributionOf` returns: the explanation, each span with the text it matched. */
export type GetAttributionOfReturnType = Omit<AccountExplanation, "outputs"> & {
  epoch: bigint;
  outputs: (Omit<ExplainedOutput, "spans"> & { spans: SpanWithText[] })[];
};

/**
 * What an account earned in an epoch, output by output, with each span's text (the output's
 * tokens decoded); `undefined` when the epoch is not attributed or the account earned nothing.
 *
 * @throws {TypeError} when `account` is not an address.
 * @example
 * const explanation = getAttributionOf(store, 3, account);
 * for (const output of explanation?.outputs ?? []) for (const span of output.spans) console.log(output.requestId, span.text);
 */
export function getAttributionOf(
  store: Store,
  epoch: number | bigint,
  account: string,
): GetAttributionOfReturnType | undefined {
  if (typeof account !== "string" || !isAddress(account)) throw new TypeError(`not an address: ${String(account)}`);
  const attribution = getAttribution(store.db, toEpoch(epoch));
  if (attribution === undefined) return undefined;
  const lower = account.toLowerCase();
  const explanation = attribution.explanations.find((e) => e.account.toLowerCase() === lower);
  if (explanation === undefined) return undefined;
  const wanted = new Set(explanation.outputs.map((o) => o.requestId));
  const texts = new Map<string, string>();
  for (const line of attribution.inferenceLog.split("\n")) {
    if (line === "") continue;
    const record = parseInferenceLogLine(line);
    if (wanted.has(record.requestId) && !texts.has(record.requestId)) texts.set(record.requestId, record.output);
  }
  return {
    ...explanation,
    epoch: attribution.epoch,
    outputs: explanation.outputs.map((output) => {
      const tokens = tokenize(texts.get(output.requestId) ?? "");
      return {
        ...output,
        spans: output.spans.map((span) => ({ ...span, text: decode(tokens.subarray(span.start, span.end)) })),
      };
    }),
  };
}
