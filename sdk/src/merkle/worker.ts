// Node-only: one hashing thread of `createWorkerExecutor` (node.ts). `new Worker(url)` loads it
// as TypeScript (Node's type stripping, or tsx when the parent runs under tsx) or as compiled
// JavaScript, so it imports nothing relative but the import-free kernels, by an explicit URL.
import { parentPort, workerData } from "node:worker_threads";

import type * as Kernels from "./kernels.js";

/** A job for a worker: which loop to run on which shared buffers. */
export type WorkerMessage = { type: "leaves"; job: Kernels.LeafJob } | { type: "subtrees"; job: Kernels.SubtreeJob };

/** A worker's messages: started, or failed (jobs report progress in their shared control words). */
export type WorkerReply = { type: "ready" } | { type: "error"; message: string };

const here = import.meta.url;
const kernelsUrl = new URL(here.endsWith(".ts") ? "./kernels.ts" : "./kernels.js", here);
const kernels = (await import(kernelsUrl.href)) as typeof Kernels;
const { module } = workerData as { module: Kernels.WasmModule };
const core = kernels.coreFromInstance(new (kernels.webAssembly()!.Instance)(module, {}));
const port = parentPort!;
const reply = (message: WorkerReply) => port.postMessage(message);

if (core === undefined) {
  reply({ type: "error", message: "the Keccak module failed its test vectors in a worker" });
} else {
  port.on("message", ({ type, job }: WorkerMessage) => {
    try {
      if (type === "leaves") kernels.runLeafJob(core, job);
      else kernels.runSubtreeJob(core, job);
    } catch (error) {
      Atomics.store(job.control, kernels.CONTROL_ABORT, 1);
      reply({ type: "error", message: String(error) });
    }
  });
  reply({ type: "ready" });
}
