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
  CONTROL_NEXT,
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

/** A `MerkleExecutor` on worker threads; `close()` ends the workers. */
export type WorkerExecutor = MerkleExecutor & {
  /** Terminates the workers. The executor must not be used afterwards. */
  close(): Promise<void>;
};

/**
 * Starts worker threads that share the builder's hot loops (leaf hashing, checksums, subtrees)
 * with the calling thread, through `SharedArrayBuffer`s. Node only (`node:worker_threads`);
 * the trees it builds are identical to the single-threaded ones. Reuse one executor for many
 * trees and `close()` it at the end (idle workers do not keep the process alive).
 *
 * @throws {MerkleKeccakUnavailableError} when a worker cannot instantiate Keccak.
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
  const workers = await Promise.all(Array.from({ length: workerCount }, () => startWorker(url, keccak.module!)));
  return new PoolExecutor(keccak.core, workers);
}

type PooledWorker = { worker: Worker; next: () => Promise<WorkerReply> };

async function startWorker(url: URL, module: WasmModule): Promise<PooledWorker> {
  // From TypeScript sources (this repository), Node's own type stripping loads worker.ts and
  // kernels.ts: faster to start than inheriting a loader such as tsx, and enough for them.
  const execArgv = url.pathname.endsWith(".ts") ? [] : undefined;
  const worker = new Worker(url, { workerData: { module }, execArgv });
  const replies: WorkerReply[] = [];
  const waiting: Array<(reply: WorkerReply) => void> = [];
  const deliver = (reply: WorkerReply) => {
    const resolve = waiting.shift();
    if (resolve === undefined) replies.push(reply);
    else resolve(reply);
  };
  worker.on("message", deliver);
  worker.on("error", (error) => deliver({ type: "error", message: String(error) }));
  worker.on("exit", (code) => deliver({ type: "error", message: `worker exited with code ${code}` }));
  const next = () =>
    new Promise<WorkerReply>((resolve) => {
      const reply = replies.shift();
      if (reply === undefined) waiting.push(resolve);
      else resolve(reply);
    });
  const first = await next();
  if (first.type !== "ready") {
    await worker.terminate();
    throw new MerkleKeccakUnavailableError(first.type === "error" ? first.message : "the worker did not start");
  }
  worker.unref();
  return { worker, next };
}

class PoolExecutor implements WorkerExecutor {
  readonly threads: number;
  readonly #core: KeccakCore;
  readonly #workers: PooledWorker[];

  constructor(core: KeccakCore, workers: PooledWorker[]) {
    this.#core = core;
    this.#workers = workers;
    this.threads = workers.length + 1;
  }

  allocate(byteLength: number): Uint8Array {
    return new Uint8Array(new SharedArrayBuffer(byteLength));
  }

  async hashLeaves({ count, bytesPerLeaf, addressFields, hashes, encode }: HashLeavesJob): Promise<number | undefined> {
    const chunk = LEAF_CHUNK;
    const chunks = Math.ceil(count / chunk);
    const slots = Math.min(chunks, 4 * this.threads);
    const checksPerSlot = chunk * addressFields;
    const control = newControl();
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
    const finished = this.#start({ type: "leaves", job });
    // Encode here, chunk by chunk into the ring, while the workers hash the chunks already
    // encoded; when the ring is full, hash a chunk here too instead of waiting.
    try {
      for (let c = 0; c < chunks; c++) {
        const slot = c % slots;
        if (c >= slots) {
          for (let done = Atomics.load(job.slotDone, slot); done !== c - slots + 1;) {
            if (!helpLeafJob(this.#core, job)) Atomics.wait(job.slotDone, slot, done, 1);
            done = Atomics.load(job.slotDone, slot);
            if (Atomics.load(control, CONTROL_ABORT) !== 0) break;
          }
        }
        if (Atomics.load(control, CONTROL_ABORT) !== 0) break;
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
    } catch (error) {
      Atomics.store(control, CONTROL_ABORT, 1);
      Atomics.notify(control, CONTROL_READY);
      await finished.catch(() => undefined);
      throw error;
    }
    while (helpLeafJob(this.#core, job));
    await finished;
    const bad = Atomics.load(control, CONTROL_BAD);
    return bad === NO_BAD_LEAF ? undefined : bad;
  }

  async hashSubtrees(tree: Uint8Array, firstRoot: number, count: number, lastInner: number): Promise<void> {
    const job: SubtreeJob = { control: newControl(), tree, firstRoot, count, lastInner };
    const finished = this.#start({ type: "subtrees", job });
    runSubtreeJob(this.#core, job);
    await finished;
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
  }

  /** Posts one job to every worker; resolves when all are done, rejects if one failed. */
  async #start(message: WorkerMessage): Promise<void> {
    const replies = this.#workers.map(({ worker, next }) => {
      worker.ref(); // a running job keeps the process alive
      worker.postMessage(message);
      return next().finally(() => worker.unref());
    });
    for (const reply of await Promise.all(replies)) {
      if (reply.type === "error") {
        Atomics.store(message.job.control, CONTROL_ABORT, 1);
        throw new MerkleKeccakUnavailableError(`a worker failed: ${reply.message}`);
      }
    }
  }
}

function newControl(): Int32Array {
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS));
  control[CONTROL_NEXT] = 0;
  control[CONTROL_BAD] = NO_BAD_LEAF;
  return control;
}
