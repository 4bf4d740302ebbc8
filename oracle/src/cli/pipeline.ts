// The CLI's view of the pipeline (oracle/src/pipeline/, the epoch steps). Loaded on demand, so
// the commands that stand on the store alone (index, ingest, status) start without it, and a
// pipeline that cannot load is one clear error line.
import type * as Pipeline from "../pipeline/index.ts";
import { OracleError } from "../errors.ts";
import type { ApiReads } from "../http/data.ts";

/** What every pipeline step takes. */
export type StepContext = Pipeline.PipelineContext;

/** The pipeline module. */
export type PipelineApi = typeof Pipeline;

/** The pipeline cannot be loaded (missing from this build, or a module of it fails to load). */
export class PipelineUnavailableError extends OracleError {
  override name = "PipelineUnavailableError";
}

/**
 * Loads the pipeline module.
 *
 * @throws {PipelineUnavailableError} when it cannot be loaded.
 * @example
 * const pipeline = await loadPipeline();
 */
export async function loadPipeline(): Promise<PipelineApi> {
  try {
    return await import("../pipeline/index.ts");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND";
    const reason = missing
      ? "is not in this build"
      : `cannot be loaded: ${String((error as Error).message).split("\n")[0]}`;
    throw new PipelineUnavailableError(`the epoch pipeline (oracle/src/pipeline) ${reason}`, { cause: error });
  }
}

/**
 * The API's reads from the pipeline.
 *
 * @example
 * const reads = apiReads(await loadPipeline());
 */
export function apiReads(pipeline: PipelineApi): ApiReads {
  return {
    getRewardsOf: pipeline.getRewardsOf,
    getEpochInfo: pipeline.getEpochInfo,
    getAttributionOf: pipeline.getAttributionOf,
  };
}
