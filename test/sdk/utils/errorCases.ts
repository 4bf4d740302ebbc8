// The table of test/sdk/errors.test.ts: for every custom error in the SDK's merged `errorsAbi`, how
// to make the real contracts raise it on the in-process chain, and the arguments it must decode to.
// Each row starts from `errorsFixture` (loaded with `loadFixture`, so a row may change the chain:
// the next row starts from the same snapshot again).
//
// How a row reaches its error (`reach`):
// - "sdk": through an SDK action, the path an integrator uses;
// - "contract": a direct contract call, sent through the SDK's `sendAndWait` (transactions) or
//   `withDecodedReverts` (views): for checks the SDK's own parameter validation stops earlier, the
//   areas without SDK actions yet (usage, rewards), and two real contracts deployed on a hostile token;
// - "call": a raw `eth_call` (e.g. from the zero address), its revert decoded by `withDecodedReverts`;
// - "deploy": a constructor that reverts (`ethers.deployContract`), decoded by `withDecodedReverts`;
// - "crafted": the real contract reverts on-chain, but only after the row writes a state no
//   transaction can produce (`hardhat_setStorageAt`); `why` says which and why;
// - "encoded": unreachable with the real contracts (`why` says why): the row only checks that the
//   error's ABI encoding decodes, through `decodeRevertData`.
//
// Mocha loads every .ts file under test/: this module has no side effect.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import {
  AbiCoder,
  getAddress,
  id,
  keccak256,
  Signature,
  toBeHex,
  zeroPadValue,
  type ContractTransactionResponse,
  type TransactionRequest,
} from "ethers";

import {
  acceptDatanetOwnership,
  activateAdapter,
  addBaseModel,
  approve,
  attest,
  attestWithSignature,
  buildAttestation,
  buildRewardTree,
  commitContribution,
  computeCommitment,
  contribute,
  createClient,
  createDatanet,
  createModel,
  getAdapter,
  getDatanet,
  getVersion,
  hashAdapterWeights,
  hashContent,
  publishAdapter,
  publishVersion,
  retireBaseModel,
  revealContribution,
  review,
  rewardClaim,
  sendAndWait,
  setCurator,
  setMetadataURI,
  setTreasury,
  withDecodedReverts,
  withdrawStake,
  type Client,
  type ContractErrorName,
  type RewardTree,
} from "../../../sdk/src/index.js";
import { deploySuite } from "./deploy.js";

/** OPEN wei staked per contribution in Datanet 1. */
const STAKE = 10n ** 18n;
/** Adapter 1's price per call, and the calls the fixture's payment buys. */
const PRICE = 10n ** 15n;
const CALLS = 1_000n;
const REVIEW_PERIOD = 3_600n;
const CHALLENGE_PERIOD = 3_600n; // SUITE_CHALLENGE_PERIOD
const OPEN = 10n ** 18n;
const MAX_UINT96 = 2n ** 96n - 1n;
const MAX_UINT128 = 2n ** 128n - 1n;
const MAX_UINT40 = 2n ** 40n - 1n;
/** secp256k1's group order n: an `s` above n / 2 is a malleable signature ECDSA refuses. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const ZERO = "0x0000000000000000000000000000000000000000";
const ZERO_HASH = "0x" + "00".repeat(32);
const ONE_HASH = "0x" + "00".repeat(31) + "01";
const PERMIT_FIELDS = [
  { name: "owner", type: "address" },
  { name: "spender", type: "address" },
  { name: "value", type: "uint256" },
  { name: "nonce", type: "uint256" },
  { name: "deadline", type: "uint256" },
];

const bytes = (text: string) => new TextEncoder().encode(text);
const BASE_WEIGHTS = bytes("errors test: base model weights");
const ADAPTER_WEIGHTS = [bytes("errors test: adapter 1"), bytes("errors test: adapter 2")] as const;

/**
 * The chain every row starts from, made through the SDK where it has the action:
 * - Datanet 1 (owner `owner`, stake 1 OPEN, curators bob and alice) with alice's contributions in
 *   every state: W withdrawn, A accepted, R rejected, P pending (contributed last, so the fixture's
 *   time jumps leave its review period open); version 1 published (A).
 * - Datanet 2 (owner `owner`, no stake, no contribution).
 * - Base model 1, model 1 of `builder` on Datanet 1 version 1, adapter 1 verified and active at
 *   `PRICE`, adapter 2 only published.
 * - One payment of `CALLS` calls to adapter 1 by `payer`: builder and treasury earnings, and the
 *   distributor funded with the attribution share (20%).
 * - Distributor: epoch 1 accepted (alice 0.1 OPEN, bob 0.05 OPEN), epoch 2 pending (alice 0.15,
 *   bob 0.05: the whole pool); no dispute bond.
 * - alice, bob and payer hold 100 OPEN; stranger holds none and has no role.
 */
export async function errorsFixture(ethers: HardhatEthers, networkHelpers: NetworkHelpers) {
  const [admin, treasury, owner, alice, bob, stranger, registrar, trainer, builder, oracle, guardian, payer] =
    await ethers.getSigners();
  const suite = await deploySuite(ethers, { admin, treasury });
  const { token, datanets, models, distributor, ledger, addresses } = suite;
  const client = (runner: HardhatEthersSigner) => createClient({ runner, addresses });
  const clients = {
    admin: await client(admin),
    owner: await client(owner),
    alice: await client(alice),
    bob: await client(bob),
    stranger: await client(stranger),
    registrar: await client(registrar),
    trainer: await client(trainer),
    builder: await client(builder),
    payer: await client(payer),
    reader: await createClient({ runner: ethers.provider, addresses }),
  };
  const { chainId } = clients.reader;

  await models.grantRole(await models.REGISTRAR_ROLE(), registrar.address);
  await models.grantRole(await models.TRAINER_ROLE(), trainer.address);
  await distributor.grantRole(await distributor.ORACLE_ROLE(), oracle.address);
  await distributor.grantRole(await distributor.GUARDIAN_ROLE(), guardian.address);
  for (const account of [alice, bob, payer]) await token.transfer(account.address, 100n * OPEN);

  // Datanets.
  const datanetParams = { metadataURI: "ipfs://datanet", license: "CC-BY-4.0", reviewPeriod: REVIEW_PERIOD };
  await createDatanet(clients.owner, { ...datanetParams, stake: STAKE, treasury: treasury.address });
  await createDatanet(clients.owner, { ...datanetParams, stake: 0n, treasury: treasury.address });
  await setCurator(clients.owner, { datanetId: 1n, account: bob.address, allowed: true });
  await setCurator(clients.owner, { datanetId: 1n, account: alice.address, allowed: true });
  const content = (name: string) => ({ bytes: bytes(`errors test: ${name}`), uri: `ipfs://${name}` });
  const [W, A, R, P] = ["withdrawn", "accepted", "rejected", "pending"].map(content) as [
    ReturnType<typeof content>,
    ReturnType<typeof content>,
    ReturnType<typeof content>,
    ReturnType<typeof content>,
  ];
  const contributeAs = (who: Client, contents: ReturnType<typeof content>[]) =>
    contribute(who, { datanetId: 1n, contents, onCommitted: () => networkHelpers.mine() });
  await contributeAs(clients.alice, [W]);
  await networkHelpers.time.increase(REVIEW_PERIOD + 1n);
  await withdrawStake(clients.alice, { datanetId: 1n, contentHashes: [hashContent(W.bytes)] });
  const { contributions } = await contributeAs(clients.alice, [A, R]);
  const hashes = { W: hashContent(W.bytes), A: hashContent(A.bytes), R: hashContent(R.bytes), P: hashContent(P.bytes) };
  await review(clients.bob, {
    datanetId: 1n,
    reviews: [
      { contentHash: hashes.A, verdict: "Accept" },
      { contentHash: hashes.R, verdict: "LowQuality" },
    ],
  });
  await publishVersion(clients.owner, { datanetId: 1n, manifestURI: "ipfs://datanet-1/v1" });

  // Models.
  const baseWeightsHash = await hashAdapterWeights(BASE_WEIGHTS);
  await addBaseModel(clients.registrar, { name: "base", weightsHash: baseWeightsHash, licenseURI: "https://l" });
  await createModel(clients.builder, {
    baseModelId: 1n,
    sources: [{ datanetId: 1n, version: 1n }],
    metadataURI: "ipfs://model",
  });
  const adapterHashes: string[] = [];
  for (const weights of ADAPTER_WEIGHTS) {
    const published = await publishAdapter(clients.builder, {
      modelId: 1n,
      weights,
      configHash: id("config"),
      manifestHash: id("manifest"),
      uri: "ipfs://adapter",
    });
    adapterHashes.push(published.adapterHash);
  }
  await attest(clients.trainer, { adapterId: 1n, score: 90n, reportHash: id("report") });
  await activateAdapter(clients.builder, { adapterId: 1n, pricePerCall: PRICE });

  // One payment: 1 OPEN, of which 0.2 OPEN funds the distributor.
  await approve(clients.payer, { spender: addresses.usageLedger, amount: CALLS * PRICE });
  await sendAndWait(() => ledger.connect(payer).pay(1n, CALLS, PRICE));
  const funded = await distributor.totalFunded();

  // Rewards: epoch 1 accepted, epoch 2 pending.
  const tree = (amounts: [HardhatEthersSigner, bigint][]) =>
    buildRewardTree(chainId, addresses.attributionDistributor, new Map(amounts.map(([s, a]) => [s.address, a])));
  const tree1 = await tree([
    [alice, funded / 2n],
    [bob, funded / 4n],
  ]);
  const total1 = (funded * 3n) / 4n;
  await distributor.connect(oracle).proposeRoot(1n, tree1.root, total1, id("tree 1"), "ipfs://tree-1");
  await networkHelpers.time.increase(CHALLENGE_PERIOD);
  await distributor.acceptRoot();
  const tree2 = await tree([
    [alice, (funded * 3n) / 4n],
    [bob, funded / 4n],
  ]);
  await distributor.connect(oracle).proposeRoot(2n, tree2.root, funded, id("tree 2"), "ipfs://tree-2");
  const pending = await distributor.pendingRoot();

  // Last, after every time jump above: P, pending well before its deadline.
  await contributeAs(clients.alice, [P]);
  const pendingDeadline = BigInt((await datanets.getContribution(1n, hashes.P)).deadline);

  return {
    ethers,
    networkHelpers,
    ...suite,
    clients,
    signers: { admin, treasury, owner, alice, bob, stranger, registrar, trainer, builder, oracle, guardian, payer },
    chainId,
    hashes,
    ids: { A: contributions[0]!.contributionId },
    pendingDeadline,
    baseWeightsHash,
    adapterHashes,
    funded,
    rewards: { tree1, total1, tree2, validAt: BigInt(pending.validAt) },
  };
}

export type ErrorsFixture = Awaited<ReturnType<typeof errorsFixture>>;

/** Values a row's trigger learns on the way (a deployed address, a time) for its expected args. */
export type RowVars = Record<string, unknown>;

/** An expected argument that is not known exactly in advance: a named predicate. */
export class Matcher {
  constructor(
    readonly label: string,
    readonly test: (value: unknown) => boolean,
  ) {}
}

const above = (bound: bigint) => new Matcher(`> ${bound}`, (v) => typeof v === "bigint" && v > bound);
const atLeast = (bound: bigint) => new Matcher(`>= ${bound}`, (v) => typeof v === "bigint" && v >= bound);

export type SuiteContract =
  "OpenToken" | "DatanetRegistry" | "ModelRegistry" | "UsageLedger" | "AttributionDistributor";

export type Reach = "sdk" | "contract" | "call" | "deploy" | "crafted" | "encoded";

export type ErrorCase = {
  name: ContractErrorName;
  /** What the row does, as the test title says it. */
  when: string;
  reach: Reach;
  /** For a nested call: the contract called, and the one under it whose code raised the error. */
  nested?: { called: SuiteContract; raisedIn: SuiteContract };
  /**
   * Required for "crafted" and "encoded" rows: why the error cannot be reached otherwise. For
   * other rows, anything unusual about how the error is reached.
   */
  why?: string;
  /** Provokes the error; must reject. Absent for "encoded" rows. */
  trigger?: (f: ErrorsFixture, vars: RowVars) => Promise<unknown>;
  /** The decoded arguments, in order (bigint and addresses exactly), or matchers. */
  args: (f: ErrorsFixture, vars: RowVars) => readonly unknown[];
};

// ---------------------------------------------------------------- helpers of the triggers

/** A transaction through the SDK's sender: a revert in its simulation becomes a ContractRevertError. */
const tx = (send: () => Promise<ContractTransactionResponse>) => sendAndWait(send);
/** A view call, its revert decoded like the SDK's getters do. */
const view = <T>(call: () => Promise<T>) => withDecodedReverts(call);
/** A deployment whose constructor reverts, decoded the same way. */
const constructed = <T>(deploy: () => Promise<T>) => withDecodedReverts(deploy);

/** Deploys raw creation code for `runtime` (hex, no 0x) and returns the contract's address. */
async function deployRuntime(f: ErrorsFixture, runtime: string): Promise<string> {
  const length = (runtime.length / 2).toString(16).padStart(2, "0");
  // PUSH1 len PUSH1 0x0c PUSH1 0 CODECOPY PUSH1 len PUSH1 0 RETURN, then the runtime (12-byte header).
  const initcode = `0x60${length}600c60003960${length}6000f3${runtime}`;
  const receipt = await (await f.signers.admin.sendTransaction({ data: initcode })).wait();
  return getAddress(receipt!.contractAddress!);
}

/** A "token" whose every function returns 32 zero bytes: `transferFrom` returns false, `balanceOf` 0. */
const FALSE_TOKEN_RUNTIME = "60206000f3"; // PUSH1 32 PUSH1 0 RETURN

/**
 * A hostile token: any call to it calls `fund(1)` back on its caller and reverts with what that
 * returned, as a hook token re-entering the distributor would.
 */
function reentrantTokenRuntime(): string {
  const fund = id("fund(uint256)").slice(2, 10);
  return [
    `63${fund}60e01b`, // PUSH4 selector PUSH1 224 SHL
    "600052", // PUSH1 0 MSTORE: selector at memory 0..4
    "6001600452", // PUSH1 1 PUSH1 4 MSTORE: amount 1 at memory 4..36
    "60006000602460006000335af1", // CALL(gas, caller, 0, 0, 36, 0, 0)
    "50", // POP
    "3d600060003e", // RETURNDATACOPY(0, 0, returndatasize)
    "3d6000fd", // REVERT(0, returndatasize)
  ].join("");
}

/**
 * A reveal needs a later timestamp than its commitment. Hardhat's chain gives each block a new
 * second; anvil may mine several blocks within one: move on one second.
 */
async function revealable(f: ErrorsFixture): Promise<void> {
  await f.networkHelpers.time.increase(1);
}

/** Commits `contentHashes` for alice on `datanetId` directly and returns the salt (revealable). */
async function commitDirect(f: ErrorsFixture, datanetId: bigint, contentHashes: string[]): Promise<string> {
  const salt = id(`salt ${contentHashes.join()}`);
  const commitment = await f.datanets.commitmentOf(f.signers.alice.address, datanetId, contentHashes, salt);
  await tx(() => f.datanets.connect(f.signers.alice).commit(commitment));
  await revealable(f);
  return salt;
}

/** alice's EIP-712 signature of a delegation, in OPEN's domain. */
async function signDelegation(f: ErrorsFixture, nonce: bigint, expiry: bigint) {
  const domain = await f.token.eip712Domain();
  const signature = await f.signers.alice.signTypedData(
    {
      name: domain.name,
      version: domain.version,
      chainId: domain.chainId,
      verifyingContract: domain.verifyingContract,
    },
    {
      Delegation: [
        { name: "delegatee", type: "address" },
        { name: "nonce", type: "uint256" },
        { name: "expiry", type: "uint256" },
      ],
    },
    { delegatee: f.signers.alice.address, nonce, expiry },
  );
  return Signature.from(signature);
}

const FAR_FUTURE = 2n ** 40n;
const vetoPending = (f: ErrorsFixture) => tx(() => f.distributor.connect(f.signers.guardian).vetoRoot());
const claimAlice = (f: ErrorsFixture) => {
  const { cumulativeAmount, proof } = rewardClaim(f.rewards.tree1, f.signers.alice.address);
  return tx(() => f.distributor.claim(f.signers.alice.address, cumulativeAmount, proof));
};
const aliceAmount = (tree: RewardTree, f: ErrorsFixture) => rewardClaim(tree, f.signers.alice.address).cumulativeAmount;
async function openDispute(f: ErrorsFixture, approveBond: boolean) {
  await tx(() => f.distributor.setDisputeBond(OPEN));
  if (approveBond) await approve(f.clients.alice, { spender: f.addresses.attributionDistributor, amount: OPEN });
  return tx(() => f.distributor.connect(f.signers.alice).dispute("the tree double-counts alice"));
}
async function attestation(f: ErrorsFixture, overrides: { adapterHash?: string; deadline?: bigint } = {}) {
  const now = BigInt(await f.networkHelpers.time.latest());
  return buildAttestation(f.clients.reader, {
    adapterId: 2n,
    adapterHash: overrides.adapterHash ?? f.adapterHashes[1]!,
    score: 80n,
    reportHash: id("report 2"),
    deadline: overrides.deadline ?? now + 3_600n,
  });
}

// ---------------------------------------------------------------- the table

export const errorCases: readonly ErrorCase[] = [
  // ------------------------------------------------ OpenZeppelin access control (ModelRegistry)
  {
    name: "AccessControlBadConfirmation",
    when: "a stranger renounces the trainer's role for them",
    reach: "contract",
    trigger: async (f) =>
      tx(async () =>
        f.models.connect(f.signers.stranger).renounceRole(await f.models.TRAINER_ROLE(), f.signers.trainer.address),
      ),
    args: () => [],
  },
  {
    name: "AccessControlEnforcedDefaultAdminDelay",
    when: "the new default admin accepts before the 2-day delay",
    reach: "contract",
    trigger: async (f, vars) => {
      await tx(() => f.models.beginDefaultAdminTransfer(f.signers.owner.address));
      vars.schedule = (await f.models.pendingDefaultAdmin()).schedule;
      return tx(() => f.models.connect(f.signers.owner).acceptDefaultAdminTransfer());
    },
    args: (_, vars) => [vars.schedule],
  },
  {
    name: "AccessControlEnforcedDefaultAdminRules",
    when: "the admin grants DEFAULT_ADMIN_ROLE directly",
    reach: "contract",
    trigger: (f) => tx(() => f.models.grantRole(ZERO_HASH, f.signers.owner.address)),
    args: () => [],
  },
  {
    name: "AccessControlInvalidDefaultAdmin",
    when: "a stranger accepts a default-admin transfer not made to them",
    reach: "contract",
    trigger: (f) => tx(() => f.models.connect(f.signers.stranger).acceptDefaultAdminTransfer()),
    args: (f) => [f.signers.stranger.address],
  },
  {
    name: "AccessControlInvalidDefaultAdmin",
    when: "ModelRegistry is deployed with the zero admin",
    reach: "deploy",
    trigger: (f) => constructed(() => f.ethers.deployContract("ModelRegistry", [f.addresses.datanetRegistry, ZERO])),
    args: () => [ZERO],
  },
  {
    name: "AccessControlUnauthorizedAccount",
    when: "a stranger adds a base model",
    reach: "sdk",
    trigger: (f) =>
      addBaseModel(f.clients.stranger, { name: "x", weightsHash: id("other weights"), licenseURI: "https://l" }),
    args: (f) => [f.signers.stranger.address, id("REGISTRAR_ROLE")],
  },

  // ------------------------------------------------ OpenZeppelin token internals (OpenToken)
  {
    name: "CheckpointUnorderedInsertion",
    when: "alice transfers after her vote checkpoint was moved into the future",
    reach: "crafted",
    why:
      "timestamps never go back, so ERC20Votes always appends checkpoints in order; the row " +
      "writes a future key into alice's last checkpoint (hardhat_setStorageAt), then the real token reverts",
    trigger: async (f) => {
      const { alice, bob } = f.signers;
      const receipt = await tx(() => f.token.connect(alice).delegate(alice.address));
      const at = BigInt((await receipt.getBlock()).timestamp);
      const slot = await findCheckpointSlot(f, alice.address, at);
      const word = BigInt(await f.networkHelpers.getStorageAt(f.addresses.openToken, slot));
      const futureKey = at + 1_000_000n; // Checkpoint208: key in the low 48 bits, value above
      await f.networkHelpers.setStorageAt(f.addresses.openToken, slot, ((word >> 48n) << 48n) | futureKey);
      return tx(() => f.token.connect(alice).transfer(bob.address, 1n));
    },
    args: () => [],
  },
  {
    name: "ERC20ExceededSafeSupply",
    when: "OPEN would mint past ERC20Votes' cap",
    reach: "encoded",
    why: "OPEN mints its fixed 10^27 wei once, in its constructor, far below 2^208 - 1, and has no other mint",
    args: () => [2n ** 208n, 2n ** 208n - 1n],
  },
  {
    name: "ERC20InsufficientAllowance",
    when: "alice pays for calls without approving the ledger",
    reach: "contract",
    nested: { called: "UsageLedger", raisedIn: "OpenToken" },
    trigger: (f) => tx(() => f.ledger.connect(f.signers.alice).pay(1n, 10n, PRICE)),
    args: (f) => [f.addresses.usageLedger, 0n, 10n * PRICE],
  },
  {
    name: "ERC20InsufficientAllowance",
    when: "bob reveals a batch without approving its stakes",
    reach: "contract",
    nested: { called: "DatanetRegistry", raisedIn: "OpenToken" },
    trigger: async (f) => {
      const contentHashes = [id("bob 1"), id("bob 2")];
      const { salt } = await commitContribution(f.clients.bob, { datanetId: 1n, contentHashes });
      await revealable(f);
      return tx(() =>
        f.datanets.connect(f.signers.bob).contributeBatch(1n, contentHashes, ["ipfs://1", "ipfs://2"], salt),
      );
    },
    args: (f) => [f.addresses.datanetRegistry, 0n, 2n * STAKE],
  },
  {
    name: "ERC20InsufficientAllowance",
    when: "alice disputes a root without approving the bond",
    reach: "contract",
    nested: { called: "AttributionDistributor", raisedIn: "OpenToken" },
    trigger: (f) => openDispute(f, false),
    args: (f) => [f.addresses.attributionDistributor, 0n, OPEN],
  },
  {
    name: "ERC20InsufficientBalance",
    when: "a stranger with no OPEN pays for calls",
    reach: "contract",
    nested: { called: "UsageLedger", raisedIn: "OpenToken" },
    trigger: async (f) => {
      await approve(f.clients.stranger, { spender: f.addresses.usageLedger, amount: 10n * PRICE });
      return tx(() => f.ledger.connect(f.signers.stranger).pay(1n, 10n, PRICE));
    },
    args: (f) => [f.signers.stranger.address, 0n, 10n * PRICE],
  },
  {
    name: "ERC20InsufficientBalance",
    when: "a stranger with no OPEN reveals a staked contribution",
    reach: "contract",
    nested: { called: "DatanetRegistry", raisedIn: "OpenToken" },
    trigger: async (f) => {
      await approve(f.clients.stranger, { spender: f.addresses.datanetRegistry, amount: STAKE });
      const { salt } = await commitContribution(f.clients.stranger, { datanetId: 1n, contentHashes: [id("s")] });
      await revealable(f);
      return tx(() => f.datanets.connect(f.signers.stranger).contribute(1n, id("s"), "ipfs://s", salt));
    },
    args: (f) => [f.signers.stranger.address, 0n, STAKE],
  },
  {
    name: "ERC20InvalidApprover",
    when: "alice spends a zero allowance of the zero address",
    reach: "contract",
    trigger: (f) => tx(() => f.token.connect(f.signers.alice).transferFrom(ZERO, f.signers.bob.address, 0n)),
    args: () => [ZERO],
  },
  {
    name: "ERC20InvalidReceiver",
    when: "alice transfers OPEN to the zero address",
    reach: "contract",
    trigger: (f) => tx(() => f.token.connect(f.signers.alice).transfer(ZERO, 1n)),
    args: () => [ZERO],
  },
  {
    name: "ERC20InvalidSender",
    when: "a transfer is simulated from the zero address",
    reach: "call",
    trigger: (f) =>
      rawCall(f, {
        from: ZERO,
        to: f.addresses.openToken,
        data: f.token.interface.encodeFunctionData("transfer", [f.signers.bob.address, 0n]),
      }),
    args: () => [ZERO],
  },
  {
    name: "ERC20InvalidSpender",
    when: "alice approves the zero address",
    reach: "sdk",
    trigger: (f) => approve(f.clients.alice, { spender: ZERO, amount: 1n }),
    args: () => [ZERO],
  },
  {
    name: "ERC2612ExpiredSignature",
    when: "a permit is submitted after its deadline",
    reach: "contract",
    trigger: (f) =>
      tx(() => f.token.permit(f.signers.alice.address, f.signers.bob.address, 1n, 1n, 27, ONE_HASH, ONE_HASH)),
    args: () => [1n],
  },
  {
    name: "ERC2612InvalidSigner",
    when: "alice signs a permit naming bob as the owner",
    reach: "contract",
    trigger: async (f) => {
      const { alice, bob, stranger } = f.signers;
      const domain = await f.token.eip712Domain();
      const deadline = FAR_FUTURE;
      const signature = await alice.signTypedData(
        {
          name: domain.name,
          version: domain.version,
          chainId: domain.chainId,
          verifyingContract: domain.verifyingContract,
        },
        { Permit: PERMIT_FIELDS },
        { owner: bob.address, spender: stranger.address, value: 1n, nonce: 0n, deadline },
      );
      const { v, r, s } = Signature.from(signature);
      return tx(() => f.token.permit(bob.address, stranger.address, 1n, deadline, v, r, s));
    },
    args: (f) => [f.signers.alice.address, f.signers.bob.address],
  },
  {
    name: "ERC5805FutureLookup",
    when: "past votes are read at a future time",
    reach: "contract",
    trigger: async (f, vars) => {
      vars.now = BigInt(await f.networkHelpers.time.latest());
      return view(() => f.token.getPastVotes(f.signers.alice.address, FAR_FUTURE));
    },
    args: (_, vars) => [FAR_FUTURE, atLeast(vars.now as bigint)],
  },
  {
    name: "InvalidAccountNonce",
    when: "alice's delegation signature carries nonce 5 instead of 0",
    reach: "contract",
    trigger: async (f) => {
      const { v, r, s } = await signDelegation(f, 5n, FAR_FUTURE);
      return tx(() => f.token.delegateBySig(f.signers.alice.address, 5n, FAR_FUTURE, v, r, s));
    },
    args: (f) => [f.signers.alice.address, 0n],
  },
  {
    name: "VotesExpiredSignature",
    when: "a delegation signature is submitted after its expiry",
    reach: "contract",
    trigger: (f) => tx(() => f.token.delegateBySig(f.signers.alice.address, 0n, 1n, 27, ONE_HASH, ONE_HASH)),
    args: () => [1n],
  },
  {
    name: "ECDSAInvalidSignature",
    when: "a delegation signature has v = 29 (ecrecover finds no signer)",
    reach: "contract",
    trigger: async (f) => {
      const { r, s } = await signDelegation(f, 0n, FAR_FUTURE);
      return tx(() => f.token.delegateBySig(f.signers.alice.address, 0n, FAR_FUTURE, 29, r, s));
    },
    args: () => [],
  },
  {
    name: "ECDSAInvalidSignatureLength",
    when: "a byte signature of the wrong length reaches ECDSA.recover",
    reach: "encoded",
    why:
      "only ECDSA.recover(hash, bytes) raises it: OPEN's permit and delegateBySig take (v, r, s), and " +
      "ModelRegistry checks signatures with SignatureChecker (tryRecover: a bad length is ModelInvalidSignature)",
    args: () => [64n],
  },
  {
    name: "ECDSAInvalidSignatureS",
    when: "a delegation signature has its malleable twin s' = n - s",
    reach: "contract",
    trigger: async (f, vars) => {
      const { v, r, s } = await signDelegation(f, 0n, FAR_FUTURE);
      vars.s = toBeHex(SECP256K1_N - BigInt(s), 32);
      return tx(() =>
        f.token.delegateBySig(f.signers.alice.address, 0n, FAR_FUTURE, v === 27 ? 28 : 27, r, vars.s as string),
      );
    },
    args: (_, vars) => [vars.s],
  },
  {
    name: "InvalidShortString",
    when: "a malformed ShortString is read",
    reach: "encoded",
    why: "ShortStrings.toString raises it on a malformed value; the EIP-712 names of OPEN and ModelRegistry are short constants set in their constructors",
    args: () => [],
  },
  {
    name: "StringTooLong",
    when: "a string of 32 bytes or more is made a ShortString",
    reach: "encoded",
    why: "EIP712 stores its name with toShortStringWithFallback, which keeps long names in storage instead of reverting; both names are short constants",
    args: () => ["a name of more than thirty-one bytes"],
  },
  {
    name: "ReentrancyGuardReentrantCall",
    when: "a hostile token re-enters AttributionDistributor.fund while fund pulls it",
    reach: "contract",
    why: "OPEN has no hook, so the row deploys a real AttributionDistributor on a 40-byte hostile token (raw bytecode)",
    trigger: async (f) => {
      const hostile = await deployRuntime(f, reentrantTokenRuntime());
      const target = await f.ethers.deployContract("AttributionDistributor", [
        hostile,
        f.signers.admin.address,
        CHALLENGE_PERIOD,
      ]);
      return tx(() => target.fund(1n));
    },
    args: () => [],
  },
  {
    name: "SafeCastOverflowedUintDowncast",
    when: "a root is proposed when block.timestamp + challenge period passes 2^40 - 1",
    reach: "contract",
    trigger: async (f) => {
      await vetoPending(f);
      await f.networkHelpers.time.increaseTo(MAX_UINT40 - 10n);
      return tx(() =>
        f.distributor.connect(f.signers.oracle).proposeRoot(2n, id("root"), f.rewards.total1, id("t"), "ipfs://t"),
      );
    },
    args: () => [40n, above(MAX_UINT40)],
  },
  {
    name: "SafeERC20FailedOperation",
    when: "a distributor's token returns false from transferFrom",
    reach: "contract",
    why: "OPEN never returns false, so the row deploys a real AttributionDistributor on a token that always does (raw bytecode)",
    trigger: async (f, vars) => {
      vars.token = await deployRuntime(f, FALSE_TOKEN_RUNTIME);
      const target = await f.ethers.deployContract("AttributionDistributor", [
        vars.token as string,
        f.signers.admin.address,
        CHALLENGE_PERIOD,
      ]);
      return tx(() => target.fund(1n));
    },
    args: (_, vars) => [vars.token],
  },

  // ------------------------------------------------ DatanetRegistry
  {
    name: "DatanetBadBatch",
    when: "a curator sends one content hash and no verdict",
    reach: "contract",
    trigger: (f) => tx(() => f.datanets.connect(f.signers.bob).review(1n, [f.hashes.P], [])),
    args: () => [1n, 0n],
  },
  {
    name: "DatanetCommitmentTooRecent",
    when: "alice reveals in the very block of her commitment",
    reach: "sdk",
    trigger: async (f, vars) => {
      const contentHash = id("too recent");
      const salt = id("salt too recent");
      const commitment = computeCommitment({
        contributor: f.signers.alice.address,
        datanetId: 2n,
        contentHashes: [contentHash],
        salt,
      });
      vars.commitment = commitment;
      vars.at = BigInt(await f.networkHelpers.time.latest()) + 10n;
      // The commitment waits in the mempool; the reveal is simulated on the pending block that holds it.
      await f.ethers.provider.send("evm_setAutomine", [false]);
      try {
        await f.networkHelpers.time.setNextBlockTimestamp(vars.at as bigint);
        await f.datanets.connect(f.signers.alice).commit(commitment);
        return await revealContribution(f.clients.alice, {
          datanetId: 2n,
          contents: [{ contentHash, uri: "ipfs://too-recent" }],
          salt,
        });
      } finally {
        await f.ethers.provider.send("evm_setAutomine", [true]);
        await f.networkHelpers.mine();
      }
    },
    args: (_, vars) => [vars.commitment, vars.at],
  },
  {
    name: "DatanetDuplicateContent",
    when: "alice commits and reveals content already accepted",
    reach: "sdk",
    trigger: async (f) => {
      const contents = [{ contentHash: f.hashes.A, uri: "ipfs://again" }];
      const { salt } = await commitContribution(f.clients.alice, { datanetId: 1n, contentHashes: [f.hashes.A] });
      await revealable(f);
      return revealContribution(f.clients.alice, { datanetId: 1n, contents, salt });
    },
    args: (f) => [1n, f.hashes.A, f.ids.A],
  },
  {
    name: "DatanetEmptyString",
    when: "a Datanet is created without a metadata URI",
    reach: "contract",
    trigger: (f) =>
      tx(() =>
        f.datanets.createDatanet({
          metadataURI: "",
          license: "CC0",
          stake: 0n,
          reviewPeriod: REVIEW_PERIOD,
          treasury: f.signers.treasury.address,
        }),
      ),
    args: () => [],
  },
  {
    name: "DatanetInvalidVerdict",
    when: "a curator gives verdict code 6",
    reach: "contract",
    trigger: (f) => tx(() => f.datanets.connect(f.signers.bob).review(1n, [f.hashes.P], [6])),
    args: () => [6n],
  },
  {
    name: "DatanetNotCommitted",
    when: "alice reveals without committing",
    reach: "sdk",
    trigger: (f) =>
      revealContribution(f.clients.alice, {
        datanetId: 1n,
        contents: [{ contentHash: id("uncommitted"), uri: "ipfs://u" }],
        salt: id("salt"),
      }),
    args: (f) => [
      computeCommitment({
        contributor: f.signers.alice.address,
        datanetId: 1n,
        contentHashes: [id("uncommitted")],
        salt: id("salt"),
      }),
    ],
  },
  {
    name: "DatanetNotContributor",
    when: "bob withdraws the stake of alice's contribution",
    reach: "sdk",
    trigger: (f) => withdrawStake(f.clients.bob, { datanetId: 1n, contentHashes: [f.hashes.P] }),
    args: (f) => [1n, f.hashes.P, f.signers.bob.address],
  },
  {
    name: "DatanetNotCurator",
    when: "a stranger reviews",
    reach: "sdk",
    trigger: (f) =>
      review(f.clients.stranger, { datanetId: 1n, reviews: [{ contentHash: f.hashes.P, verdict: "Accept" }] }),
    args: (f) => [1n, f.signers.stranger.address],
  },
  {
    name: "DatanetNotOwner",
    when: "a stranger sets a Datanet's metadata URI",
    reach: "sdk",
    trigger: (f) => setMetadataURI(f.clients.stranger, { datanetId: 1n, metadataURI: "ipfs://mine" }),
    args: (f) => [1n, f.signers.stranger.address],
  },
  {
    name: "DatanetNotPending",
    when: "a curator reviews an accepted contribution again",
    reach: "sdk",
    trigger: (f) => review(f.clients.bob, { datanetId: 1n, reviews: [{ contentHash: f.hashes.A, verdict: "Other" }] }),
    args: (f) => [1n, f.hashes.A, 2n],
  },
  {
    name: "DatanetNotPendingOwner",
    when: "a stranger accepts a Datanet handed to nobody",
    reach: "sdk",
    trigger: (f) => acceptDatanetOwnership(f.clients.stranger, { datanetId: 1n }),
    args: (f) => [1n, f.signers.stranger.address],
  },
  {
    name: "DatanetReviewPeriodNotOver",
    when: "alice withdraws a pending stake before its deadline",
    reach: "sdk",
    trigger: (f) => withdrawStake(f.clients.alice, { datanetId: 1n, contentHashes: [f.hashes.P] }),
    args: (f) => [1n, f.hashes.P, f.pendingDeadline],
  },
  {
    name: "DatanetReviewPeriodOutOfRange",
    when: "a Datanet is created with a one-minute review period",
    reach: "contract",
    trigger: (f) =>
      tx(() =>
        f.datanets.createDatanet({
          metadataURI: "ipfs://d",
          license: "CC0",
          stake: 0n,
          reviewPeriod: 60n,
          treasury: f.signers.treasury.address,
        }),
      ),
    args: () => [60n, 3_600n, 90n * 86_400n],
  },
  {
    name: "DatanetReviewPeriodOver",
    when: "a curator reviews after the deadline",
    reach: "sdk",
    trigger: async (f) => {
      await f.networkHelpers.time.increaseTo(f.pendingDeadline + 1n);
      return review(f.clients.bob, { datanetId: 1n, reviews: [{ contentHash: f.hashes.P, verdict: "Accept" }] });
    },
    args: (f) => [1n, f.hashes.P, f.pendingDeadline],
  },
  {
    name: "DatanetSelfReview",
    when: "alice, a curator, reviews her own contribution",
    reach: "sdk",
    trigger: (f) =>
      review(f.clients.alice, { datanetId: 1n, reviews: [{ contentHash: f.hashes.P, verdict: "Accept" }] }),
    args: (f) => [1n, f.hashes.P, f.signers.alice.address],
  },
  {
    name: "DatanetTokenHasNoCode",
    when: "DatanetRegistry is deployed with an account as its token",
    reach: "deploy",
    trigger: (f) => constructed(() => f.ethers.deployContract("DatanetRegistry", [f.signers.stranger.address])),
    args: (f) => [f.signers.stranger.address],
  },
  {
    name: "DatanetUnknown",
    when: "Datanet 99 is read",
    reach: "sdk",
    trigger: (f) => getDatanet(f.clients.reader, { datanetId: 99n }),
    args: () => [99n],
  },
  {
    name: "DatanetUnknownContribution",
    when: "alice withdraws the stake of content never contributed",
    reach: "sdk",
    trigger: (f) => withdrawStake(f.clients.alice, { datanetId: 1n, contentHashes: [id("never")] }),
    args: () => [1n, id("never")],
  },
  {
    name: "DatanetUnknownVersion",
    when: "version 99 of Datanet 1 is read",
    reach: "sdk",
    trigger: (f) => getVersion(f.clients.reader, { datanetId: 1n, version: 99n }),
    args: () => [1n, 99n],
  },
  {
    name: "DatanetVersionCountOutOfRange",
    when: "the owner publishes a version of 5 contributions with 1 accepted",
    reach: "contract",
    trigger: (f) => tx(() => f.datanets.connect(f.signers.owner).publishVersion(1n, id("root"), 5n, "ipfs://v")),
    args: () => [5n, 1n],
  },
  {
    name: "DatanetZeroAddress",
    when: "the owner sets the zero treasury",
    reach: "sdk",
    trigger: (f) => setTreasury(f.clients.owner, { datanetId: 1n, treasury: ZERO }),
    args: () => [],
  },
  {
    name: "DatanetZeroContentHash",
    when: "alice commits and reveals the zero content hash",
    reach: "contract",
    trigger: async (f) => {
      const salt = await commitDirect(f, 2n, [ZERO_HASH]);
      return tx(() => f.datanets.connect(f.signers.alice).contribute(2n, ZERO_HASH, "ipfs://zero", salt));
    },
    args: () => [],
  },
  {
    name: "DatanetZeroRoot",
    when: "the owner publishes the zero root",
    reach: "contract",
    trigger: (f) => tx(() => f.datanets.connect(f.signers.owner).publishVersion(1n, ZERO_HASH, 1n, "ipfs://v")),
    args: () => [],
  },
  {
    name: "PaginationInvalidPage",
    when: "Datanets are listed from id 0",
    reach: "contract",
    trigger: (f) => view(() => f.datanets.getDatanets(0n, 10n)),
    args: () => [0n, 10n, 100n],
  },

  // ------------------------------------------------ ModelRegistry
  {
    name: "ModelAttestationExpired",
    when: "an attestation signed with deadline 1 is relayed",
    reach: "sdk",
    trigger: async (f) =>
      attestWithSignature(f.clients.stranger, {
        attestation: { ...(await attestation(f)).message, deadline: 1n },
        trainer: f.signers.trainer.address,
        signature: "0x01",
      }),
    args: () => [1n],
  },
  {
    name: "ModelAttestationHashMismatch",
    when: "an attestation names other weights than adapter 2's",
    reach: "sdk",
    trigger: async (f) =>
      attestWithSignature(f.clients.stranger, {
        attestation: (await attestation(f, { adapterHash: id("other weights") })).message,
        trainer: f.signers.trainer.address,
        signature: "0x01",
      }),
    args: (f) => [2n, f.adapterHashes[1], id("other weights")],
  },
  {
    name: "ModelBaseModelRetired",
    when: "a model is created on a retired base model",
    reach: "sdk",
    trigger: async (f) => {
      await retireBaseModel(f.clients.registrar, { baseModelId: 1n });
      return createModel(f.clients.builder, {
        baseModelId: 1n,
        sources: [{ datanetId: 1n, version: 1n }],
        metadataURI: "ipfs://m",
      });
    },
    args: () => [1n],
  },
  {
    name: "ModelDatanetRegistryHasNoCode",
    when: "ModelRegistry is deployed with an account as its Datanet registry",
    reach: "deploy",
    trigger: (f) =>
      constructed(() =>
        f.ethers.deployContract("ModelRegistry", [f.signers.stranger.address, f.signers.admin.address]),
      ),
    args: (f) => [f.signers.stranger.address],
  },
  {
    name: "ModelDuplicateAdapter",
    when: "the builder publishes adapter 1's weights again",
    reach: "sdk",
    trigger: (f) =>
      publishAdapter(f.clients.builder, {
        modelId: 1n,
        weights: ADAPTER_WEIGHTS[0],
        configHash: id("config"),
        manifestHash: id("manifest"),
        uri: "ipfs://again",
      }),
    args: (f) => [f.adapterHashes[0], 1n],
  },
  {
    name: "ModelDuplicateBaseModel",
    when: "the registrar adds base model 1's weights again",
    reach: "sdk",
    trigger: (f) =>
      addBaseModel(f.clients.registrar, { name: "again", weightsHash: f.baseWeightsHash, licenseURI: "https://l" }),
    args: (f) => [f.baseWeightsHash, 1n],
  },
  {
    name: "ModelEmptyString",
    when: "the registrar adds a base model without a name",
    reach: "contract",
    trigger: (f) => tx(() => f.models.connect(f.signers.registrar).addBaseModel("", id("w"), "https://l")),
    args: () => [],
  },
  {
    name: "ModelInvalidSignature",
    when: "a stranger's signature is relayed as the trainer's",
    reach: "sdk",
    trigger: async (f) => {
      const typed = await attestation(f);
      const signature = await f.signers.stranger.signTypedData(typed.domain, typed.types, typed.message);
      return attestWithSignature(f.clients.stranger, {
        attestation: typed.message,
        trainer: f.signers.trainer.address,
        signature,
      });
    },
    args: (f) => [f.signers.trainer.address],
  },
  {
    name: "ModelInvalidSignature",
    when: "the trainer's signature is relayed cut to 64 bytes (no ECDSAInvalidSignatureLength)",
    reach: "sdk",
    trigger: async (f) => {
      const typed = await attestation(f);
      const signature = await f.signers.trainer.signTypedData(typed.domain, typed.types, typed.message);
      return attestWithSignature(f.clients.stranger, {
        attestation: typed.message,
        trainer: f.signers.trainer.address,
        signature: signature.slice(0, 2 + 128),
      });
    },
    args: (f) => [f.signers.trainer.address],
  },
  {
    name: "ModelNotBuilder",
    when: "a stranger publishes an adapter of model 1",
    reach: "sdk",
    trigger: (f) =>
      publishAdapter(f.clients.stranger, {
        modelId: 1n,
        weights: bytes("stranger weights"),
        configHash: id("config"),
        manifestHash: id("manifest"),
        uri: "ipfs://s",
      }),
    args: (f) => [1n, f.signers.stranger.address],
  },
  {
    name: "ModelNotTrainer",
    when: "an attestation is relayed in a stranger's name",
    reach: "sdk",
    trigger: async (f) =>
      attestWithSignature(f.clients.stranger, {
        attestation: (await attestation(f)).message,
        trainer: f.signers.stranger.address,
        signature: "0x01",
      }),
    args: (f) => [f.signers.stranger.address],
  },
  {
    name: "ModelSourceCountOutOfRange",
    when: "a model is created without sources",
    reach: "contract",
    trigger: (f) => tx(() => f.models.connect(f.signers.builder).createModel(1n, [], "ipfs://m")),
    args: () => [0n, 32n],
  },
  {
    name: "ModelSourcesNotSorted",
    when: "a model lists Datanet 1 version 1 twice",
    reach: "contract",
    trigger: (f) =>
      tx(() =>
        f.models.connect(f.signers.builder).createModel(
          1n,
          [
            { datanetId: 1n, version: 1n },
            { datanetId: 1n, version: 1n },
          ],
          "ipfs://m",
        ),
      ),
    args: () => [1n],
  },
  {
    name: "ModelUnknownAdapter",
    when: "adapter 99 is read",
    reach: "sdk",
    trigger: (f) => getAdapter(f.clients.reader, { adapterId: 99n }),
    args: () => [99n],
  },
  {
    name: "ModelUnknownAdapter",
    when: "payer pays for adapter 99",
    reach: "contract",
    nested: { called: "UsageLedger", raisedIn: "ModelRegistry" },
    trigger: (f) => tx(() => f.ledger.connect(f.signers.payer).pay(99n, 1n, PRICE)),
    args: () => [99n],
  },
  {
    name: "ModelUnknownBaseModel",
    when: "a model is created on base model 99",
    reach: "sdk",
    trigger: (f) =>
      createModel(f.clients.builder, {
        baseModelId: 99n,
        sources: [{ datanetId: 1n, version: 1n }],
        metadataURI: "ipfs://m",
      }),
    args: () => [99n],
  },
  {
    name: "ModelUnknownDatanetVersion",
    when: "a model is built on Datanet 1 version 99 (ModelRegistry reads DatanetRegistry.versionCount)",
    reach: "sdk",
    trigger: (f) =>
      createModel(f.clients.builder, {
        baseModelId: 1n,
        sources: [{ datanetId: 1n, version: 99n }],
        metadataURI: "ipfs://m",
      }),
    args: () => [1n, 99n],
  },
  {
    name: "ModelUnknownModel",
    when: "an adapter is published for model 99",
    reach: "sdk",
    trigger: (f) =>
      publishAdapter(f.clients.builder, {
        modelId: 99n,
        weights: bytes("weights of nothing"),
        configHash: id("config"),
        manifestHash: id("manifest"),
        uri: "ipfs://n",
      }),
    args: () => [99n],
  },
  {
    name: "ModelWrongAdapterStatus",
    when: "the builder activates adapter 2, published but not verified",
    reach: "sdk",
    trigger: (f) => activateAdapter(f.clients.builder, { adapterId: 2n, pricePerCall: PRICE }),
    args: () => [2n, 1n],
  },
  {
    name: "ModelWrongAdapterStatus",
    when: "payer pays for adapter 2, not active",
    reach: "contract",
    nested: { called: "UsageLedger", raisedIn: "ModelRegistry" },
    trigger: (f) => tx(() => f.ledger.connect(f.signers.payer).pay(2n, 1n, PRICE)),
    args: () => [2n, 1n],
  },
  {
    name: "ModelZeroHash",
    when: "the trainer attests with the zero report hash",
    reach: "contract",
    trigger: (f) => tx(() => f.models.connect(f.signers.trainer).attest(2n, 80n, ZERO_HASH)),
    args: () => [],
  },
  {
    name: "ModelZeroPrice",
    when: "the builder activates adapter 1 at price 0",
    reach: "contract",
    trigger: (f) => tx(() => f.models.connect(f.signers.builder).activateAdapter(1n, 0n)),
    args: () => [],
  },

  // ------------------------------------------------ UsageLedger
  {
    name: "UsageBadAddress",
    when: "the builder withdraws earnings to the zero address",
    reach: "contract",
    trigger: (f) => tx(() => f.ledger.connect(f.signers.builder).withdrawEarnings(ZERO)),
    args: () => [ZERO],
  },
  {
    name: "UsageFeeSplitOutOfBounds",
    when: "the admin gives builders 90%",
    reach: "contract",
    trigger: (f) => tx(() => f.ledger.setFeeSplit(9_000n, 0n)),
    args: () => [9_000n, 0n],
  },
  {
    name: "UsageNothingToWithdraw",
    when: "a stranger withdraws earnings",
    reach: "contract",
    trigger: (f) => tx(() => f.ledger.connect(f.signers.stranger).withdrawEarnings(f.signers.stranger.address)),
    args: (f) => [f.signers.stranger.address],
  },
  {
    name: "UsagePriceAboveMax",
    when: "payer accepts at most PRICE - 1 per call",
    reach: "contract",
    trigger: (f) => tx(() => f.ledger.connect(f.signers.payer).pay(1n, 1n, PRICE - 1n)),
    args: () => [1n, PRICE, PRICE - 1n],
  },
  {
    name: "UsageTokenMismatch",
    when: "UsageLedger is deployed with another token than the distributor's",
    reach: "deploy",
    trigger: async (f, vars) => {
      const other = await f.ethers.deployContract("OpenToken", [f.signers.admin.address]);
      vars.other = await other.getAddress();
      return constructed(() =>
        f.ethers.deployContract("UsageLedger", [
          vars.other as string,
          f.addresses.modelRegistry,
          f.addresses.attributionDistributor,
          f.signers.treasury.address,
          7_000n,
          1_000n,
          f.signers.admin.address,
        ]),
      );
    },
    args: (f, vars) => [vars.other, f.addresses.openToken],
  },
  {
    name: "UsageTooManyCalls",
    when: "a quote is asked for 2^128 calls",
    reach: "contract",
    trigger: (f) => view(() => f.ledger.quote(1n, MAX_UINT128 + 1n)),
    args: () => [MAX_UINT128 + 1n],
  },
  {
    name: "UsageZeroCalls",
    when: "payer pays for zero calls",
    reach: "contract",
    trigger: (f) => tx(() => f.ledger.connect(f.signers.payer).pay(1n, 0n, PRICE)),
    args: () => [],
  },

  // ------------------------------------------------ AttributionDistributor
  {
    name: "DistributorAmountOverflow",
    when: "the admin sets a dispute bond of 2^96",
    reach: "contract",
    trigger: (f) => tx(() => f.distributor.setDisputeBond(MAX_UINT96 + 1n)),
    args: () => [MAX_UINT96 + 1n, MAX_UINT96],
  },
  {
    name: "DistributorBatchPaidNothing",
    when: "claimMany repeats alice's claim already paid",
    reach: "contract",
    trigger: async (f) => {
      await claimAlice(f);
      const claim = rewardClaim(f.rewards.tree1, f.signers.alice.address);
      return tx(() => f.distributor.claimMany([claim]));
    },
    args: () => [1n],
  },
  {
    name: "DistributorChallengePeriodOutOfRange",
    when: "the admin sets a one-minute challenge period",
    reach: "contract",
    trigger: (f) => tx(() => f.distributor.setChallengePeriod(60n)),
    args: () => [60n, 3_600n, 30n * 86_400n],
  },
  {
    name: "DistributorChallengeWindowClosed",
    when: "alice disputes after the challenge window",
    reach: "contract",
    trigger: async (f) => {
      await f.networkHelpers.time.increaseTo(f.rewards.validAt);
      return openDispute(f, true);
    },
    args: (f) => [f.rewards.validAt],
  },
  {
    name: "DistributorChallengeWindowOpen",
    when: "the pending root is accepted during its window",
    reach: "contract",
    trigger: (f) => tx(() => f.distributor.acceptRoot()),
    args: (f) => [f.rewards.validAt],
  },
  {
    name: "DistributorDisputeBondNotSet",
    when: "alice disputes while disputes are disabled",
    reach: "contract",
    trigger: (f) => tx(() => f.distributor.connect(f.signers.alice).dispute("wrong")),
    args: () => [],
  },
  {
    name: "DistributorInsolvent",
    when: "the oracle proposes a total above what was funded",
    reach: "contract",
    trigger: async (f) => {
      await vetoPending(f);
      return tx(() =>
        f.distributor.connect(f.signers.oracle).proposeRoot(2n, id("root"), f.funded + 1n, id("t"), "ipfs://t"),
      );
    },
    args: (f) => [f.funded + 1n, f.funded],
  },
  {
    name: "DistributorInvalidProof",
    when: "alice claims one wei more than her leaf",
    reach: "contract",
    trigger: (f) => {
      const { cumulativeAmount, proof } = rewardClaim(f.rewards.tree1, f.signers.alice.address);
      return tx(() => f.distributor.claim(f.signers.alice.address, cumulativeAmount + 1n, proof));
    },
    args: (f) => [f.signers.alice.address, aliceAmount(f.rewards.tree1, f) + 1n],
  },
  {
    name: "DistributorNoPendingRoot",
    when: "a vetoed root is accepted",
    reach: "contract",
    trigger: async (f) => {
      await vetoPending(f);
      return tx(() => f.distributor.acceptRoot());
    },
    args: () => [],
  },
  {
    name: "DistributorNoRoot",
    when: "alice claims from a distributor that never accepted a root",
    reach: "contract",
    trigger: async (f) => {
      const fresh = await f.ethers.deployContract("AttributionDistributor", [
        f.addresses.openToken,
        f.signers.admin.address,
        CHALLENGE_PERIOD,
      ]);
      return tx(() => fresh.claim(f.signers.alice.address, 1n, []));
    },
    args: () => [],
  },
  {
    name: "DistributorNotDisputed",
    when: "the admin resolves a dispute nobody opened",
    reach: "contract",
    trigger: (f) => tx(() => f.distributor.resolveDispute(true)),
    args: () => [],
  },
  {
    name: "DistributorNothingToClaim",
    when: "alice claims epoch 1 twice",
    reach: "contract",
    trigger: async (f) => {
      await claimAlice(f);
      return claimAlice(f);
    },
    args: (f) => [f.signers.alice.address, aliceAmount(f.rewards.tree1, f), aliceAmount(f.rewards.tree1, f)],
  },
  {
    name: "DistributorNotPaused",
    when: "the admin unpauses claims not paused",
    reach: "contract",
    trigger: (f) => tx(() => f.distributor.unpause()),
    args: () => [],
  },
  {
    name: "DistributorPaused",
    when: "alice claims while a guardian paused claims",
    reach: "contract",
    trigger: async (f) => {
      await tx(() => f.distributor.connect(f.signers.guardian).pause());
      return claimAlice(f);
    },
    args: () => [],
  },
  {
    name: "DistributorRootAlreadyPending",
    when: "the oracle proposes another root while epoch 2 is pending",
    reach: "contract",
    trigger: (f) =>
      tx(() => f.distributor.connect(f.signers.oracle).proposeRoot(2n, id("other"), f.funded, id("t"), "ipfs://t")),
    args: (f) => [2n, f.rewards.tree2.root],
  },
  {
    name: "DistributorRootDisputed",
    when: "a disputed root is accepted",
    reach: "contract",
    trigger: async (f) => {
      await openDispute(f, true);
      await f.networkHelpers.time.increaseTo(f.rewards.validAt);
      return tx(() => f.distributor.acceptRoot());
    },
    args: (f) => [2n, f.signers.alice.address],
  },
  {
    name: "DistributorTokenHasNoCode",
    when: "AttributionDistributor is deployed with an account as its token",
    reach: "deploy",
    trigger: (f) =>
      constructed(() =>
        f.ethers.deployContract("AttributionDistributor", [
          f.signers.stranger.address,
          f.signers.admin.address,
          CHALLENGE_PERIOD,
        ]),
      ),
    args: (f) => [f.signers.stranger.address],
  },
  {
    name: "DistributorTotalDecreased",
    when: "the oracle proposes a total below the accepted one",
    reach: "contract",
    trigger: async (f) => {
      await vetoPending(f);
      return tx(() =>
        f.distributor.connect(f.signers.oracle).proposeRoot(2n, id("root"), f.rewards.total1 - 1n, id("t"), "ipfs://t"),
      );
    },
    args: (f) => [f.rewards.total1 - 1n, f.rewards.total1],
  },
  {
    name: "DistributorWrongEpoch",
    when: "the oracle proposes epoch 5 after epoch 1",
    reach: "contract",
    trigger: async (f) => {
      await vetoPending(f);
      return tx(() =>
        f.distributor.connect(f.signers.oracle).proposeRoot(5n, id("root"), f.funded, id("t"), "ipfs://t"),
      );
    },
    args: () => [5n, 2n],
  },
  {
    name: "DistributorZeroAmount",
    when: "the pool is funded with nothing",
    reach: "contract",
    trigger: (f) => tx(() => f.distributor.fund(0n)),
    args: () => [],
  },
  {
    name: "DistributorZeroRoot",
    when: "the oracle proposes the zero root",
    reach: "contract",
    trigger: async (f) => {
      await vetoPending(f);
      return tx(() =>
        f.distributor.connect(f.signers.oracle).proposeRoot(2n, ZERO_HASH, f.funded, id("t"), "ipfs://t"),
      );
    },
    args: () => [],
  },
];

// ---------------------------------------------------------------- internals

/** A raw `eth_call`, its revert decoded by the SDK. */
function rawCall(f: ErrorsFixture, request: TransactionRequest) {
  return withDecodedReverts(() => f.ethers.provider.call(request));
}

/**
 * The storage slot of `account`'s first vote checkpoint in OPEN, found rather than hard-coded:
 * the checkpoints mapping is the one whose array for `account` has length 1 and whose first
 * element has key `at` (Checkpoint208 packs the 48-bit key in the low bits).
 */
async function findCheckpointSlot(f: ErrorsFixture, account: string, at: bigint): Promise<string> {
  const coder = AbiCoder.defaultAbiCoder();
  for (let mappingSlot = 0n; mappingSlot < 32n; mappingSlot++) {
    const arraySlot = keccak256(coder.encode(["address", "uint256"], [account, mappingSlot]));
    if (BigInt(await f.networkHelpers.getStorageAt(f.addresses.openToken, arraySlot)) !== 1n) continue;
    const element = keccak256(zeroPadValue(arraySlot, 32));
    const word = BigInt(await f.networkHelpers.getStorageAt(f.addresses.openToken, element));
    if ((word & (2n ** 48n - 1n)) === at) return element;
  }
  throw new Error(`no vote checkpoint of ${account} at ${at} in OPEN's storage`);
}
