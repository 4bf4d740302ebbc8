// `ingest`: reads an inference log (JSON Lines, the SDK's format: inference/types.ts) into the
// store, reporting every line it does not keep.
//
// Rules, line by line (line numbers from 1, counting every line of the file):
// - a blank line (only whitespace) is skipped silently: it carries nothing, so nothing is lost;
// - a line that is not valid UTF-8, or that `parseInferenceLogLine` refuses (malformed JSON, a
//   missing member, a bad adapterId / payer / timestamp …) is rejected with its reason;
// - a line whose requestId is already in the store (from an earlier ingest or an earlier line of
//   this log) is a duplicate: ignored and counted — the first one ingested wins — and reported as
//   `conflicting` when its record differs from the one kept (a gateway bug or a forged line);
// - a line whose adapter is not in the indexed store is rejected with the reason
//   "unknown adapter N": the oracle cannot attribute a call to an adapter it does not know (its
//   model and Datanet versions decide the corpus). Index first: such a line is accepted by a
//   later ingest of the same log once the adapter is indexed, since rejected lines are not kept.
//   The check is made at ingest time only: a record stays if a reorg later removes its adapter,
//   so readers join records to `findAdapter` and skip those whose adapter is gone.
//
// Every ingest is recorded with its source (path or URI) and the keccak256 of the log's bytes,
// which the epoch metadata commits to. The whole ingest is one transaction: a crash keeps nothing
// of it, and running it again gives the same store.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import {
  type InferenceLogField,
  type InferenceLogProblem,
  type InferenceLogRecord,
  InvalidInferenceLogLineError,
  parseInferenceLogLine,
} from "@openattribution/sdk";
import { keccak256 } from "ethers";

import type { Log } from "../log.ts";
import { MAX_SQL_INTEGER, type StoreLike, transaction } from "./sqlite.ts";

/**
 * Why a line was rejected: the SDK's `malformed` / `missing` / `invalid`, `encoding` (not UTF-8),
 * or `unknown-adapter`.
 *
 * @example
 * const problem: IngestProblem = "unknown-adapter";
 */
export type IngestProblem = InferenceLogProblem | "encoding" | "unknown-adapter";

/**
 * A rejected line.
 *
 * @example
 * const { line, reason }: IngestRejection = report.rejected[0]!;
 */
export type IngestRejection = {
  /** Line number, from 1. */
  line: number;
  /** Why, in words: "adapterId must be …", "unknown adapter 9", "line is not valid JSON (…)". */
  reason: string;
  problem: IngestProblem;
  /** The member at fault, when one is. */
  field?: InferenceLogField | undefined;
};

/**
 * A line ignored because its request id was already ingested.
 *
 * @example
 * const conflicts = report.duplicateLines.filter((d: IngestDuplicate) => d.conflicting);
 */
export type IngestDuplicate = {
  line: number;
  requestId: string;
  /** Its record differs from the one kept (adapter, payer, timestamp or output). */
  conflicting: boolean;
};

/**
 * What `ingestInferenceLog` takes: the store, where the log is, and its content as the file's
 * bytes (preferred: hashed as they are), as text (hashed as UTF-8) or as lines (hashed as the
 * file of those lines, each ended by "\n").
 *
 * @example
 * const parameters: IngestInferenceLogParameters = { store, source: "file:///var/log/gateway.jsonl", bytes };
 */
export type IngestInferenceLogParameters = {
  store: StoreLike;
  /** Where the log is (a path, file://, http(s)://): recorded with the ingest. */
  source: string;
  /** Unix seconds of the ingest; the clock by default. */
  now?: (() => number) | undefined;
  log?: Log | undefined;
} & ({ bytes: Uint8Array } | { text: string } | { lines: readonly string[] });

/**
 * What `ingestInferenceLog` returns: the ingest's report.
 *
 * @example
 * const { accepted, duplicates, rejected }: IngestInferenceLogReturnType = await ingestInferenceLogFile({ store, path });
 */
export type IngestInferenceLogReturnType = {
  ingestId: number;
  source: string;
  /** keccak256 of the log's bytes. */
  logHash: string;
  bytes: number;
  /** Lines in the log, blank ones included. */
  lines: number;
  /** Blank lines, skipped. */
  blank: number;
  /** Records kept. */
  accepted: number;
  /** Lines ignored because their request id was already ingested. */
  duplicates: number;
  duplicateLines: IngestDuplicate[];
  /** Every rejected line, by line number. */
  rejected: IngestRejection[];
};

/**
 * Ingests an inference log into the store (rules at the top of this file) in one transaction and
 * reports what it kept, ignored and rejected, line by line. Never throws for a bad line.
 *
 * @example
 * const report = ingestInferenceLog({ store, source: "gateway-2024-11-25.jsonl", text });
 * for (const { line, reason } of report.rejected) console.error(`line ${line}: ${reason}`);
 */
export function ingestInferenceLog(parameters: IngestInferenceLogParameters): IngestInferenceLogReturnType {
  const { store, source, now = () => Math.floor(Date.now() / 1000), log } = parameters;
  const { db } = store;
  const content = readContent(parameters);
  const logHash = keccak256(content.bytes);

  const report = transaction(db, () => {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO inference_ingests (source, log_hash, bytes, lines, accepted, duplicates, rejected, ingested_at)
         VALUES (?, ?, ?, ?, 0, 0, 0, ?)`,
      )
      .run(source, logHash, content.bytes.length, content.lines.length, now());
    const ingestId = Number(lastInsertRowid);
    const findRecord = db.prepare(
      "SELECT adapter_id, payer, timestamp, output FROM inference_records WHERE request_id = ?",
    );
    findRecord.setReadBigInts(true);
    const countDuplicate = db.prepare("UPDATE inference_records SET duplicates = duplicates + 1 WHERE request_id = ?");
    const insertRecord = db.prepare(
      `INSERT INTO inference_records (request_id, adapter_id, payer, timestamp, output, ingest_id, line)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const adapterExists = db.prepare("SELECT 1 FROM adapters WHERE adapter_id = ?");
    const known = new Map<bigint, boolean>();
    const isKnownAdapter = (id: bigint) => {
      let found = known.get(id);
      if (found === undefined) {
        found = id <= MAX_SQL_INTEGER && adapterExists.get(id) !== undefined;
        known.set(id, found);
      }
      return found;
    };

    let accepted = 0;
    let blank = 0;
    const rejected: IngestRejection[] = [];
    const duplicateLines: IngestDuplicate[] = [];
    content.lines.forEach((text, i) => {
      const line = i + 1;
      if (text !== undefined && text.trim() === "") {
        blank++;
        return;
      }
      if (text === undefined) {
        rejected.push({ line, reason: "line is not valid UTF-8", problem: "encoding" });
        return;
      }
      let record: InferenceLogRecord;
      try {
        record = parseInferenceLogLine(text);
      } catch (error) {
        if (!(error instanceof InvalidInferenceLogLineError)) throw error;
        rejected.push({
          line,
          reason: `${error.field ?? "line"} ${error.reason}`,
          problem: error.problem,
          field: error.field,
        });
        return;
      }
      const existing = findRecord.get(record.requestId) as
        { adapter_id: bigint; payer: string; timestamp: bigint; output: string } | undefined;
      if (existing !== undefined) {
        countDuplicate.run(record.requestId);
        const conflicting =
          existing.adapter_id !== record.adapterId ||
          existing.payer !== record.payer ||
          Number(existing.timestamp) !== record.timestamp ||
          existing.output !== record.output;
        duplicateLines.push({ line, requestId: record.requestId, conflicting });
        return;
      }
      if (!isKnownAdapter(record.adapterId)) {
        rejected.push({
          line,
          reason: `unknown adapter ${record.adapterId}`,
          problem: "unknown-adapter",
          field: "adapterId",
        });
        return;
      }
      insertRecord.run(
        record.requestId,
        record.adapterId,
        record.payer,
        record.timestamp,
        record.output,
        ingestId,
        line,
      );
      accepted++;
    });

    const insertRejection = db.prepare("INSERT INTO inference_rejections (ingest_id, line, reason) VALUES (?, ?, ?)");
    for (const { line, reason } of rejected) insertRejection.run(ingestId, line, reason);
    db.prepare("UPDATE inference_ingests SET accepted = ?, duplicates = ?, rejected = ? WHERE ingest_id = ?").run(
      accepted,
      duplicateLines.length,
      rejected.length,
      ingestId,
    );
    return {
      ingestId,
      source,
      logHash,
      bytes: content.bytes.length,
      lines: content.lines.length,
      blank,
      accepted,
      duplicates: duplicateLines.length,
      duplicateLines,
      rejected,
    };
  });

  log?.({
    level: report.rejected.length > 0 ? "warn" : "info",
    msg: "ingested inference log",
    source,
    logHash,
    lines: report.lines,
    accepted: report.accepted,
    duplicates: report.duplicates,
    rejected: report.rejected.length,
  });
  return report;
}

/**
 * What `ingestInferenceLogFile` takes.
 *
 * @example
 * const parameters: IngestInferenceLogFileParameters = { store, path: "logs/gateway.jsonl" };
 */
export type IngestInferenceLogFileParameters = {
  store: StoreLike;
  /** The log file. */
  path: string;
  /** Where the log is published, recorded with the ingest; the file's `file://` URL by default. */
  source?: string | undefined;
  now?: (() => number) | undefined;
  log?: Log | undefined;
};

/**
 * Reads a log file and ingests its bytes (`ingestInferenceLog`).
 *
 * @example
 * const report = await ingestInferenceLogFile({ store, path: "logs/gateway.jsonl" });
 * console.log(`${report.accepted} kept, ${report.duplicates} duplicates, ${report.rejected.length} rejected`);
 */
export async function ingestInferenceLogFile({
  store,
  path: file,
  source,
  now,
  log,
}: IngestInferenceLogFileParameters): Promise<IngestInferenceLogReturnType> {
  const bytes = new Uint8Array(await readFile(file));
  return ingestInferenceLog({ store, bytes, source: source ?? pathToFileURL(path.resolve(file)).href, now, log });
}

/** The log's bytes (what is hashed) and its lines (`undefined` for a line that is not UTF-8). */
function readContent(parameters: IngestInferenceLogParameters): { bytes: Uint8Array; lines: (string | undefined)[] } {
  const encoder = new TextEncoder();
  if ("lines" in parameters) {
    return {
      bytes: encoder.encode(parameters.lines.map((line) => `${line}\n`).join("")),
      lines: [...parameters.lines],
    };
  }
  if ("text" in parameters) {
    const text = parameters.text.startsWith("\uFEFF") ? parameters.text.slice(1) : parameters.text;
    return { bytes: encoder.encode(parameters.text), lines: splitLines(text) };
  }
  const { bytes } = parameters;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const lines: (string | undefined)[] = [];
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(0x0a, start);
    const last = end === -1;
    if (last && start === bytes.length) break; // the file ends with "\n" (or is empty)
    try {
      lines.push(decoder.decode(bytes.subarray(start, last ? bytes.length : end)));
    } catch {
      lines.push(undefined);
    }
    if (last) break;
    start = end + 1;
  }
  return { bytes, lines };
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop(); // the file ends with "\n"
  return lines;
}
