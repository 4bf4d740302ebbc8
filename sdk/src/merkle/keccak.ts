import { createKeccak, type IHasher } from "hash-wasm";

import { MerkleKeccakUnavailableError } from "./errors.js";
import {
  coreFromInstance,
  KECCAK_CORE_MAX_INPUT,
  type KeccakCore,
  passesTestVectors,
  type WasmInstance,
  type WasmModule,
  type WebAssemblyApi,
  webAssembly,
} from "./kernels.js";

/**
 * Keccak-256 from hash-wasm, initialised once per JavaScript realm.
 *
 * - `core` hashes raw bytes in place (input and digest in one preallocated buffer): the
 *   builder's hot loops use it, with no allocation, hex string or bigint per hash.
 * - `module` is hash-wasm's compiled WebAssembly module, so a worker can make its own instance
 *   (`undefined` on the fallback path, see `loadKeccak`).
 * - `hash(bytes)` returns a new 32-byte array, for one-off hashes.
 */
export type Keccak = {
  readonly core: KeccakCore;
  readonly module: WasmModule | undefined;
  hash(data: Uint8Array): Uint8Array;
};

let loading: Promise<Keccak> | undefined;

/**
 * Loads Keccak-256 (hash-wasm's WebAssembly) once; later calls return the same instance.
 * Tree builders are async because of this one step.
 *
 * hash-wasm's public hasher costs two extra WebAssembly calls and a 32-byte allocation per
 * digest, about 60% more than the hash itself on 64-byte inputs. So while `createKeccak`
 * instantiates its module, we observe `WebAssembly.instantiate` to keep the module and
 * instance, and call the instance's one-shot `Hash_Calculate` directly. The instance is used
 * only if it gives the Keccak-256 test vectors; otherwise (another hash-wasm version, a
 * sandbox that forbids the observation) the public hasher backs the same `KeccakCore`, slower
 * but identical in results.
 *
 * @throws {MerkleKeccakUnavailableError} when WebAssembly is missing or neither path gives the
 *   test vectors.
 * @example
 * const keccak = await loadKeccak();
 * keccak.hash(new TextEncoder().encode("ORACLE_ROLE")); // 32 bytes
 */
export function loadKeccak(): Promise<Keccak> {
  loading ??= initialise().catch((error: unknown) => {
    loading = undefined; // let a later call try again
    throw error;
  });
  return loading;
}

async function initialise(): Promise<Keccak> {
  const wasm = webAssembly();
  if (wasm === undefined) throw new MerkleKeccakUnavailableError("WebAssembly is not defined");
  let hasher: IHasher;
  let raw: { module: WasmModule; core: KeccakCore } | undefined;
  try {
    const observed = await observeInstantiation(wasm, () => createKeccak(256));
    hasher = observed.result;
    for (const { module, instance } of observed.instances) {
      const core = coreFromInstance(instance);
      if (core !== undefined) raw = { module, core };
    }
  } catch (error) {
    throw new MerkleKeccakUnavailableError("hash-wasm's createKeccak failed", error);
  }
  const core = raw?.core ?? coreFromHasher(hasher);
  if (!passesTestVectors(core)) throw new MerkleKeccakUnavailableError("Keccak-256 test vectors failed");
  return {
    core,
    module: raw?.module,
    hash(data) {
      if (data.length > KECCAK_CORE_MAX_INPUT) return hasher.init().update(data).digest("binary");
      core.memory.set(data, core.offset);
      core.calculate(data.length);
      return core.memory.slice(core.offset, core.offset + 32);
    },
  };
}

type Instantiated = { module: WasmModule; instance: WasmInstance };

/** Runs `create` while recording every `WebAssembly.instantiate(module, …)` it makes. */
async function observeInstantiation<R>(
  api: WebAssemblyApi,
  create: () => Promise<R>,
): Promise<{ result: R; instances: Instantiated[] }> {
  const original = api.instantiate;
  const instances: Instantiated[] = [];
  try {
    api.instantiate = function (...args: unknown[]) {
      const promise = original.apply(api, args);
      const [source] = args;
      if (source instanceof api.Module) {
        promise.then(
          (instance) => {
            if (instance instanceof api.Instance) instances.push({ module: source, instance });
          },
          () => undefined,
        );
      }
      return promise;
    };
  } catch {
    return { result: await create(), instances }; // a frozen WebAssembly: use the public hasher
  }
  try {
    return { result: await create(), instances };
  } finally {
    api.instantiate = original;
  }
}

/**
 * A `KeccakCore` on hash-wasm's public hasher: same results as the raw instance, two more calls
 * and a copy per hash. `loadKeccak` falls back to it.
 *
 * @example
 * const core = coreFromHasher(await createKeccak(256));
 */
export function coreFromHasher(hasher: IHasher): KeccakCore {
  const memory = new Uint8Array(KECCAK_CORE_MAX_INPUT);
  return {
    memory,
    words: new Int32Array(memory.buffer),
    offset: 0,
    calculate(length) {
      memory.set(hasher.init().update(memory.subarray(0, length)).digest("binary"), 0);
    },
  };
}
