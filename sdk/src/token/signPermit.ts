import { getAddress, Signature } from "ethers";

import { requireSigner, type Client } from "../client/client.js";
import type { InvalidAddressError, RunnerError } from "../client/errors.js";
import { openToken } from "../client/contracts.js";
import type { InvalidAmountError } from "../errors/parameters.js";
import { checkAddress, checkAmount } from "../internal/validate.js";
import { PermitDeadlineError } from "./errors.js";

/**
 * What `signPermit` takes.
 *
 * @example
 * const run = (parameters: SignPermitParameters) => signPermit(client, parameters);
 */
export type SignPermitParameters = {
  /** Who may spend, e.g. `client.addresses.usageLedger`. */
  spender: string;
  /** OPEN wei `spender` may pull. */
  value: bigint;
  /** Last Unix time (seconds) the permit is valid; one hour after the latest block by default. */
  deadline?: bigint | undefined;
};

/**
 * An EIP-2612 permit signed by the client's signer, split as `permit(…, v, r, s)` takes it.
 *
 * @example
 * const result: SignPermitReturnType = await signPermit(client, parameters);
 */
export type SignPermitReturnType = {
  owner: string;
  spender: string;
  value: bigint;
  /** The owner's permit nonce the signature uses (one permit per nonce). */
  nonce: bigint;
  deadline: bigint;
  v: number;
  r: string;
  s: string;
  /** The 65-byte signature, for contracts that take it whole. */
  signature: string;
};

/**
 * The errors `signPermit` can throw; match them by class, never by message.
 *
 * @example
 * const error = (await signPermit(client, parameters).catch((e: unknown) => e)) as SignPermitErrorType;
 * if (error instanceof InvalidAddressError) console.log(error.shortMessage);
 */
export type SignPermitErrorType = InvalidAddressError | InvalidAmountError | PermitDeadlineError | RunnerError;

/** One hour: the default validity of a permit. */
const DEFAULT_PERMIT_LIFETIME = 3600n;

/**
 * Signs an EIP-2612 permit of OPEN with the client's signer (no transaction). The EIP-712 domain
 * is read from the token (ERC-5267 `eip712Domain`: name, version, chain id, address) and the nonce
 * from `nonces(owner)`, so the signature is valid for this token on this chain only.
 *
 * @example
 * const permit = await signPermit(client, { spender: client.addresses.usageLedger, value: 3n * 10n ** 18n });
 * await ledger.payWithPermit(adapterId, calls, maxPrice, permit.value, permit.deadline, permit.v, permit.r, permit.s);
 */
export async function signPermit(client: Client, parameters: SignPermitParameters): Promise<SignPermitReturnType> {
  const spender = checkAddress("spender", parameters.spender);
  const value = checkAmount("value", parameters.value);
  const signer = requireSigner(client);
  const token = openToken(client);
  const owner = getAddress(await signer.getAddress());
  const [latest, domain, nonce] = await Promise.all([
    client.provider.getBlock("latest"),
    token.eip712Domain(),
    token.nonces(owner),
  ]);
  const now = BigInt(latest!.timestamp);
  const deadline = parameters.deadline ?? now + DEFAULT_PERMIT_LIFETIME;
  checkAmount("deadline", deadline);
  if (deadline <= now) throw new PermitDeadlineError(deadline, now);

  const signature = await signer.signTypedData(
    {
      name: domain.name,
      version: domain.version,
      chainId: domain.chainId,
      verifyingContract: domain.verifyingContract,
    },
    PERMIT_TYPES,
    { owner, spender, value, nonce, deadline },
  );
  const { v, r, s } = Signature.from(signature);
  return { owner, spender, value, nonce, deadline, v, r, s, signature };
}

const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};
