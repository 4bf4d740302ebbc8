// What every pipeline function gets: the config, a client (with the signer for post/accept), the
// open store, the log, and optionally the `fetch` http(s) contributions go through.
import type { Client } from "@openattribution/sdk";

import type { OracleConfig } from "../config/config.ts";
import type { ContributionFetch } from "../content/fetchContribution.ts";
import type { Log } from "../log.ts";
import type { Store } from "../store/db.ts";

/**
 * The context of the pipeline functions.
 *
 * @example
 * const ctx: PipelineContext = { config, client, store: openStore(config.dataDir), log: createLog() };
 */
export type PipelineContext = {
  config: OracleConfig;
  client: Client;
  store: Store;
  log: Log;
  /** Fetches http(s) contribution URIs; the global `fetch` by default. */
  fetch?: typeof fetch | ContributionFetch | undefined;
};
