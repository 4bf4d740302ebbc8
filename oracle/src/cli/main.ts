// `oa-oracle`'s entry: parse the command line, run the command, print its result as JSON on
// stdout, and turn every failure into ONE line on stderr (`oa-oracle: <shortMessage>`) and an exit
// code: 0 done, 1 failed (or a check/verify that did not pass), 2 bad command line, 130 / 143
// interrupted by SIGINT / SIGTERM. SIGINT and
// SIGTERM stop gracefully: a one-shot command closes the store and exits (every store write is a
// transaction, so nothing is half-written); `serve` and `run` finish the step in progress, close
// the server and the store. A second signal exits at once.
import { readFileSync } from "node:fs";

import { createLog, type Log } from "../log.ts";
import { parseArgs, USAGE, UsageError } from "./args.ts";
import { InterruptedError } from "./errors.ts";

/** What the CLI writes to and reads from; the process's by default (tests pass their own). */
export type CliIo = {
  stdout: (text: string) => void;
  stderr: (line: string) => void;
  /** Aborted when the process is asked to stop. */
  signal: AbortSignal;
  /** Replaces the log built from the flags (tests). */
  log?: Log | undefined;
};

/** A command's outcome: its result (printed as JSON) and whether it succeeded. */
export type CommandOutcome = {
  result: unknown;
  /** A failure that still has a result to show (check, verify): printed on stderr, exit code 1. */
  failure?: string | undefined;
};

/**
 * Runs `oa-oracle` with `argv` (without the node and script paths) and resolves to the exit code.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), processIo());
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`oa-oracle: ${error.shortMessage}`);
    io.stderr(USAGE);
    return 2;
  }
  if (args.command === "help") {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (args.command === "version") {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const log =
    io.log ??
    createLog({
      level: args.logLevel,
      write: (line) => io.stderr(line),
      ...(args.json ? { format: "json" as const } : {}),
    });
  try {
    // Loaded here, so --help and usage errors need none of the command modules.
    const { runCommand } = await import("./commands.ts");
    const outcome = await runCommand({ ...args, command: args.command }, { log, signal: io.signal, stdout: io.stdout });
    if (outcome.result !== undefined) io.stdout(`${toJson(outcome.result)}\n`);
    if (outcome.failure !== undefined) {
      io.stderr(`oa-oracle: ${oneLine(outcome.failure)}`);
      return 1;
    }
    return 0;
  } catch (error) {
    io.stderr(`oa-oracle: ${describe(error)}`);
    log({ level: "debug", msg: "error detail", error: String((error as Error)?.stack ?? error) });
    if (error instanceof InterruptedError) return error.signal === "SIGINT" ? 130 : 143;
    return 1;
  }
}

/** The error's one-line `shortMessage` (oracle and SDK errors), else its message's first line. */
export function describe(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const short = (error as { shortMessage?: unknown }).shortMessage;
    if (typeof short === "string" && short !== "") return oneLine(short);
    const message = (error as { message?: unknown }).message;
    if (typeof message === "string" && message !== "") return oneLine(message);
  }
  return oneLine(String(error));
}

function oneLine(text: string): string {
  return text.split("\n")[0]!.trim();
}

function toJson(value: unknown): string {
  return JSON.stringify(value, (_, inner: unknown) => (typeof inner === "bigint" ? inner.toString() : inner), 2);
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

/**
 * The process's standard streams and a signal aborted by the first SIGINT or SIGTERM; a second
 * one exits at once (code 130 / 143).
 *
 * @example
 * const io = processIo();
 */
export function processIo(): CliIo {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === "SIGINT" ? 130 : 143);
    controller.abort(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
    signal: controller.signal,
  };
}
