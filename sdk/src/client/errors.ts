import { SdkError } from "../errors/base.js";

/** No deployment of OpenAttribution is known for the chain, and no addresses were given. */
export class UnknownChainError extends SdkError {
  override name = "UnknownChainError";
  constructor(readonly chainId: bigint) {
    super(`No OpenAttribution deployment is known for chain ${chainId}; pass \`addresses\` to createClient.`);
  }
}

/** An address given to the SDK is not an address. */
export class InvalidAddressError extends SdkError {
  override name = "InvalidAddressError";
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field} is not an address: ${String(value)}. Pass a 0x-prefixed 20-byte hex address.`);
  }
}

/** The runner cannot do what was asked: reads need a provider, transactions a signer. */
export class RunnerError extends SdkError {
  override name = "RunnerError";
  constructor(readonly needed: "provider" | "signer") {
    super(
      needed === "provider"
        ? "The client's runner has no provider; connect the signer to a provider, or pass a provider."
        : "Sending a transaction needs a signer; create the client with a signer (e.g. a Wallet connected to a provider).",
    );
  }
}
