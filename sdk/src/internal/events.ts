import { Interface, type InterfaceAbi, type Log, type ParamType, type Result } from "ethers";

// Typed decoding of contract events: the argument types are derived from the generated ABIs
// (`as const`), so an event's `args` are typed by name without a hand-written copy.

type AbiParameter = {
  readonly name: string;
  readonly type: string;
  readonly components?: readonly AbiParameter[];
};
type AbiEvent = { readonly type: "event"; readonly name: string; readonly inputs: readonly AbiParameter[] };
type Abi = readonly { readonly type: string }[];

type PrimitiveValue<T extends string> = T extends `uint${string}` | `int${string}`
  ? bigint
  : T extends "bool"
    ? boolean
    : string; // address (checksummed), bytesN and bytes (hex), string

type ParameterValue<P extends AbiParameter> = P extends { readonly components: infer C extends readonly AbiParameter[] }
  ? P["type"] extends `${string}[]`
    ? ParameterObject<C>[]
    : ParameterObject<C>
  : P["type"] extends `${infer Inner}[]`
    ? PrimitiveValue<Inner>[]
    : PrimitiveValue<P["type"]>;

/** The values of ABI parameters as an object keyed by parameter name. */
export type ParameterObject<Parameters extends readonly AbiParameter[]> = {
  [P in Parameters[number] as P["name"]]: ParameterValue<P>;
};

/** The names of the events of an ABI. */
export type EventName<A extends Abi> = Extract<A[number], AbiEvent>["name"];

/** One decoded event of an ABI, with where it was logged. */
export type DecodedEvent<A extends Abi, Name extends EventName<A>> = {
  eventName: Name;
  args: ParameterObject<Extract<A[number], AbiEvent & { readonly name: Name }>["inputs"]>;
  /** The emitting contract, checksummed. */
  address: string;
  blockNumber: number;
  blockHash: string;
  transactionHash: string;
  /** The log's index in its block. */
  logIndex: number;
};

/** Any decoded event of an ABI: a union discriminated by `eventName`. */
export type AnyDecodedEvent<A extends Abi> = { [Name in EventName<A>]: DecodedEvent<A, Name> }[EventName<A>];

const interfaces = new WeakMap<object, Interface>();

function interfaceOf(abi: Abi): Interface {
  let iface = interfaces.get(abi);
  if (iface === undefined) {
    iface = new Interface(abi as unknown as InterfaceAbi);
    interfaces.set(abi, iface);
  }
  return iface;
}

/**
 * Decodes the logs emitted by `address` that are events of `abi`, in the order given; other logs
 * (other contracts, unknown events) are skipped.
 */
export function decodeEvents<A extends Abi>(abi: A, address: string, logs: readonly Log[]): AnyDecodedEvent<A>[] {
  const iface = interfaceOf(abi);
  const wanted = address.toLowerCase();
  const decoded: AnyDecodedEvent<A>[] = [];
  for (const log of logs) {
    if (log.address.toLowerCase() !== wanted) continue;
    let parsed;
    try {
      parsed = iface.parseLog({ topics: [...log.topics], data: log.data });
    } catch {
      continue; // an event of the contract's address that this ABI cannot decode: not ours to report
    }
    if (parsed === null) continue;
    decoded.push({
      eventName: parsed.name,
      args: toObject(parsed.fragment.inputs, parsed.args),
      address: log.address,
      blockNumber: log.blockNumber,
      blockHash: log.blockHash,
      transactionHash: log.transactionHash,
      logIndex: log.index,
    } as AnyDecodedEvent<A>);
  }
  return decoded;
}

/** The events of one name among decoded events, typed. */
export function eventsNamed<A extends Abi, Name extends EventName<A>>(
  events: readonly AnyDecodedEvent<A>[],
  name: Name,
): DecodedEvent<A, Name>[] {
  return events.filter((event) => event.eventName === name) as unknown as DecodedEvent<A, Name>[];
}

/** The topic filter of an event of `abi`, with `null` for an indexed argument that may be anything. */
export function eventTopics<A extends Abi>(
  abi: A,
  name: EventName<A>,
  indexed: readonly unknown[] = [],
): (string | string[] | null)[] {
  return interfaceOf(abi).encodeFilterTopics(name, [...indexed]);
}

function toObject(parameters: readonly ParamType[], values: Result): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  parameters.forEach((parameter, i) => {
    object[parameter.name] = toPlain(parameter, values[i]);
  });
  return object;
}

function toPlain(parameter: ParamType, value: unknown): unknown {
  if (parameter.isTuple()) return toObject(parameter.components, value as Result);
  if (parameter.isArray()) return Array.from(value as Result, (item) => toPlain(parameter.arrayChildren, item));
  return value;
}
