// Node-only entry of the merkle area: worker threads for the builder's hot loops. The main
// entry (`index.ts`) stays browser-safe and never imports this file.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

import type { ChecksumList } from "./encode.js";
import { MerkleKeccakUnavailableError } from "./errors.js";
import { type HashLeavesJob, LEAF_CHUNK, type MerkleExecutor } from "./executor.js";
import { loadKeccak } from "./keccak.js";
import {
  CONTROL_ABORT,
  CONTROL_BAD,
  CONTROL_DONE,
  CONTROL_READY,
  CONTROL_WORDS,
  helpLeafJob,
  type KeccakCore,
  type LeafJob,
  NO_BAD_LEAF,
  runSubtreeJob,
  type SubtreeJob,
  type WasmModule,
} from "./kernels.js";
import type { WorkerMessage, WorkerReply } from "./worker.js";

/** Options of `createWorkerExecutor`. */
export type WorkerExecutorOptions = {
  /** Worker threads besides the calling one. Default: available cores − 1, at least 1. */
  workers?: number;
};

/** A `MerkleExecutor` on worker threads. */
export type WorkerExecutor = MerkleExecutor & {
  /** Resolves when every worker has started (jobs do not need to wait for it). */
  ready(): Promise<void>;
  /** Terminates the workers. The executor must not be used afterwards. */
  close(): Promise<void>;
};

/**
 * Starts worker threads that share the builder's hot loops (leaf hashing, checksums, subtrees)
 * with the calling thread, through `SharedArrayBuffer`s. Node only (`node:worker_threads`);
 * the trees it builds are identical to the single-threaded ones.
 *
 * Resolves at once: the calling thread starts every job alone and each worker joins when it has
 * started (about 50–100 ms), taking whatever work is left. Reuse one executor for many trees and
 * `close()` it at the end (idle workers do not keep the process alive).
 *
 * @example
 * import { createWorkerExecutor } from "@openattribution/sdk/merkle/node";
 *
 * const executor = await createWorkerExecutor();
 * try {
 *   const tree = await StandardTree.of(values, REWARD_LEAF_TYPES, { executor });
 * } finally {
 *   await executor.close();
 * }
 */
export async function createWorkerExecutor(options: WorkerExecutorOptions = {}): Promise<WorkerExecutor> {
  const keccak = await loadKeccak();
  if (keccak.module === undefined) {
    throw new MerkleKeccakUnavailableError("the raw hash-wasm module is not available to share with workers");
  }
  const workerCount = Math.max(1, options.workers ?? availableParallelism() - 1);
  const here = import.meta.url;
  const url = new URL(here.endsWith(".ts") ? "./worker.ts" : "./worker.js", here);
  const workers = Array.from({ length: workerCount }, () => startWorker(url, keccak.module!));
  return new PoolExecutor(keccak.core, workers);
}

type PooledWorker = {
  worker: Worker;
  /** Resolves on the worker's "ready", rejects if it fails first. */
  started: Promise<void>;
  /** The first failure reported by or about the worker, if any. */
  failure: string | undefined;
};

function startWorker(url: URL, module: WasmModule): PooledWorker {
  // From TypeScript sources (this repository), Node's own type stripping loads worker.ts and
  // kernels.ts: faster to start than inheriting a loader such as tsx, and enough for them.
  const execArgv = url.pathname.endsWith(".ts") ? [] : undefined;
  const worker = new Worker(url, { workerData: { module }, execArgv });
  worker.unref(); // idle workers never keep the process alive; jobs ref them while they run
  let resolveStarted!: () => void;
  let rejectStarted!: (error: Error) => void;
  const started = new Promise<void>((resolve, reject) => {
    resolveStarted = resolve;
    rejectStarted = reject;
  });
  started.catch(() => undefined); // reported by the job that meets it, or by ready()
  const pooled: PooledWorker = { worker, started, failure: undefined };
  const fail = (message: string) => {
    pooled.failure ??= message;
    rejectStarted(new MerkleKeccakUnavailableError(`a worker failed: ${message}`));
  };
  worker.on("message", (reply: WorkerReply) => {
    if (reply.type === "ready") resolveStarted();
    else fail(reply.message);
  });
  worker.on("error", (error) => fail(String(error)));
  worker.on("exit", (code) => fail(`the worker exited (code ${code})`));
  return pooled;
}

/** `Atomics.waitAsync` (ES2024, in Node since 16), which the repository's es2023 lib does not declare. */
type AtomicsWithWaitAsync = {
  waitAsync(
    array: Int32Array,
    index: number,
    value: number,
    timeout: number,
  ): { async: boolean; value: "not-equal" | "timed-out" | Promise<"ok" | "timed-out"> };
};

/** Resolves when `array[index]` is no longer `value` (or after `timeout` ms), without blocking. */
async function waitAsync(array: Int32Array, index: number, value: number, timeout: number): Promise<void> {
  const { value: result } = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(array, index, value, timeout);
  if (typeof result !== "string") await result;
}

class PoolExecutor implements WorkerExecutor {
  readonly threads: number;
  readonly #core: KeccakCore;
  readonly #workers: PooledWorker[];
  #closed = false;

  constructor(core: KeccakCore, workers: PooledWorker[]) {
    this.#core = core;
    this.#workers = workers;
    this.threads = workers.length + 1;
  }

  allocate(byteLength: number): Uint8Array {
    return new Uint8Array(new SharedArrayBuffer(byteLength));
  }

  async ready(): Promise<void> {
    await Promise.all(this.#workers.map(({ started }) => started));
  }

  async hashLeaves({ count, bytesPerLeaf, addressFields, hashes, encode }: HashLeavesJob): Promise<number | undefined> {
    const chunk = LEAF_CHUNK;
    const chunks = Math.ceil(count / chunk);
    const slots = Math.min(chunks, 4 * this.threads);
    const checksPerSlot = chunk * addressFields;
    const control = this.#newControl();
    const job: LeafJob = {
      control,
      encoded: this.allocate(slots * chunk * bytesPerLeaf),
      hashes,
      checks: new Uint32Array(new SharedArrayBuffer(Math.max(16, 16 * slots * checksPerSlot))),
      slotChecks: new Int32Array(new SharedArrayBuffer(4 * slots)),
      slotDone: new Int32Array(new SharedArrayBuffer(4 * slots)),
      count,
      bytesPerLeaf,
      chunk,
      slots,
      checksPerSlot,
    };
    this.#post({ type: "leaves", job });
    try {
      // Encode here, chunk by chunk into the ring, while the workers hash the chunks already
      // encoded; when the ring is full, hash a chunk here instead of waiting.
      for (let c = 0; c < chunks; c++) {
        const slot = c % slots;
        if (c >= slots) {
          for (let done = Atomics.load(job.slotDone, slot); done !== c - slots + 1;) {
            this.#throwIfFailed(control);
            // Nothing left to hash here: a worker is hashing the chunk in this slot. Wait without
            // blocking the event loop, which reports a worker that died.
            if (!helpLeafJob(this.#core, job)) await waitAsync(job.slotDone, slot, done, 5);
            done = Atomics.load(job.slotDone, slot);
          }
        }
        const from = c * chunk;
        const list: ChecksumList = {
          entries: job.checks.subarray(4 * slot * checksPerSlot, 4 * (slot + 1) * checksPerSlot),
          length: 0,
        };
        encode(from, Math.min(count, from + chunk), job.encoded, from - slot * chunk, list);
        job.slotChecks[slot] = list.length;
        Atomics.store(control, CONTROL_READY, c + 1);
        Atomics.notify(control, CONTROL_READY);
      }
      while (helpLeafJob(this.#core, job));
      await this.#finish(control, chunks);
    } catch (error) {
      Atomics.store(control, CONTROL_ABORT, 1);
      Atomics.notify(control, CONTROL_READY);
      throw error;
    } finally {
      this.#release();
    }
    const bad = Atomics.load(control, CONTROL_BAD);
    return bad === NO_BAD_LEAF ? undefined : bad;
  }

  async hashSubtrees(tree: Uint8Array, firstRoot: number, count: number, lastInner: number): Promise<void> {
    const job: SubtreeJob = { control: this.#newControl(), tree, firstRoot, count, lastInner };
    this.#post({ type: "subtrees", job });
    try {
      runSubtreeJob(this.#core, job);
      await this.#finish(job.control, count);
    } catch (error) {
      Atomics.store(job.control, CONTROL_ABORT, 1);
      throw error;
    } finally {
      this.#release();
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
  }

  #newControl(): Int32Array {
    if (this.#closed) throw new MerkleKeccakUnavailableError("the worker executor is closed");
    const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS));
    control[CONTROL_BAD] = NO_BAD_LEAF;
    return control;
  }

  /** Sends a job to every worker (a worker still starting gets it when it is ready). */
  #post(message: WorkerMessage): void {
    for (const { worker } of this.#workers) {
      worker.ref(); // keep the process alive while a job runs
      worker.postMessage(message);
    }
  }

  #release(): void {
    for (const { worker } of this.#workers) worker.unref();
  }

  /** Waits, without blocking the event loop, until `total` units of the job are done. */
  async #finish(control: Int32Array, total: number): Promise<void> {
    for (let done = Atomics.load(control, CONTROL_DONE); done < total; done = Atomics.load(control, CONTROL_DONE)) {
      this.#throwIfFailed(control);
      await waitAsync(control, CONTROL_DONE, done, 50);
    }
  }

  #throwIfFailed(control: Int32Array): void {
    const failed = this.#workers.find(({ failure }) => failure !== undefined);
    if (failed !== undefined || Atomics.load(control, CONTROL_ABORT) !== 0) {
      throw new MerkleKeccakUnavailableError(`a worker failed: ${failed?.failure ?? "the job was abandoned"}`);
    }
  }
}
