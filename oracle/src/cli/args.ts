// The command line of `oa-oracle`, parsed without I/O: a command, its positional arguments and
// the flags it accepts. Anything else is a `UsageError` (exit code 2, with the usage text).
import { OracleError } from "../errors.ts";
import type { LogLevel } from "../log.ts";

/** The commands, in the order the usage text lists them. */
export const COMMANDS = [
  "index",
  "ingest",
  "attribute",
  "build",
  "check",
  "post",
  "accept",
  "verify",
  "serve",
  "run",
  "status",
] as const;

/** A command of `oa-oracle`. */
export type Command = (typeof COMMANDS)[number];

/** The parsed command line. */
export type CliArgs = {
  command: Command | "help" | "version";
  /** Positional arguments after the command (`ingest <file>`). */
  positionals: string[];
  /** `--config`; `oracle.config.json` (in the working directory) by default. */
  config: string;
  /** Whether `--config` was given (verify runs without a config unless asked). */
  configGiven: boolean;
  epoch: bigint | undefined;
  /** `--json`: log events as JSON lines (the default when standard error is not a terminal). */
  json: boolean;
  logLevel: LogLevel;
  /** `verify --rpc URL`. */
  rpc: string | undefined;
  /** `verify --addresses <file>`: the suite's five addresses (JSON), when the SDK does not know the chain's deployment. */
  addresses: string | undefined;
  /** `verify --content-dir <dir>`: where contributions that are files (relative paths, file://) are read from. */
  contentDir: string | undefined;
  /** `verify --metadata URI`: the epoch metadata file, when it is not next to the tree file. */
  metadata: string | undefined;
  /** `ingest --source URI`: where the log is published (recorded and committed to). */
  source: string | undefined;
  /** `attribute --force`: recompute an epoch already attributed. */
  force: boolean;
  /** `run --once`: one pass of the daemon's loop, then exit. */
  once: boolean;
  /** `run --interval S`: seconds between passes of the daemon (30 by default). */
  intervalSeconds: number | undefined;
};

/** A bad command line: the CLI prints it with the usage text and exits with code 2. */
export class UsageError extends OracleError {
  override name = "UsageError";
}

/** The flags each command accepts besides the common ones (--config, --json, --log-level, --help). */
const COMMAND_FLAGS: Record<Command, readonly string[]> = {
  index: [],
  ingest: ["--source"],
  attribute: ["--epoch", "--force"],
  build: ["--epoch"],
  check: ["--epoch"],
  post: ["--epoch"],
  accept: [],
  verify: ["--epoch", "--rpc", "--addresses", "--content-dir", "--metadata"],
  serve: [],
  run: ["--once", "--interval"],
  status: [],
};

/** Commands that take `--epoch N`, which is then required. */
const EPOCH_REQUIRED: readonly Command[] = ["attribute", "build", "check", "post", "verify"];

const BOOLEAN_FLAGS = new Set(["--json", "--force", "--once", "--help", "-h", "--version"]);
const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** The usage text (`oa-oracle --help`). */
export const USAGE = `Usage: oa-oracle <command> [options]

Commands:
  index                      follow the protocol's events into the store (resumable, reorg-safe)
  ingest <file>              read an inference log (JSON Lines) into the store; bad lines reported
  attribute --epoch N        attribute epoch N's payments to contributions (stored)
  build --epoch N            write epoch N's cumulative tree, metadata and explanations
  check --epoch N            run the certificate on epoch N's tree against the chain
  post --epoch N             check, then propose epoch N's root (idempotent)
  accept                     accept the pending root once its challenge window has passed
  verify --epoch N           recompute epoch N from its published files and the chain
  serve                      serve the HTTP API (config "http", 127.0.0.1:8787 by default)
  run                        the daemon: index, attribute, build, check, post, accept; serve the API
  status                     what the store holds and where the chain is

Options:
  --config <file>            the config file (default: oracle.config.json)
  --epoch <N>                the epoch (1, 2, …)
  --json                     log events as JSON lines on stderr (default when stderr is not a terminal)
  --log-level <level>        debug | info | warn | error (default: info)
  --source <uri>             ingest: where the log is published (default: the file's file:// URL)
  --force                    attribute: recompute an epoch already attributed
  --rpc <url>                verify: the node to read (then no config file is needed)
  --addresses <file>         verify --rpc: the suite's addresses (JSON: openToken, datanetRegistry,
                             modelRegistry, usageLedger, attributionDistributor) if the SDK does not
                             know the chain's deployment
  --content-dir <dir>        verify --rpc: where contributions stored as files are read from
  --metadata <uri>           verify: the epoch metadata file, if not next to the tree file
  --once                     run: one pass, then exit
  --interval <seconds>       run: seconds between passes (default: 30)
  -h, --help                 this text
  --version                  the oracle's version

Results are JSON on stdout; logs go to stderr. An error prints one line "oa-oracle: …" on stderr
and exits with 1; a bad command line exits with 2.`;

/**
 * Parses `argv` (without the node and script paths).
 *
 * @throws {UsageError} for an unknown command or flag, a missing or bad value.
 * @example
 * const args = parseArgs(["build", "--epoch", "3", "--config", "oracle.config.json"]);
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    command: "help",
    positionals: [],
    config: "oracle.config.json",
    configGiven: false,
    epoch: undefined,
    json: false,
    logLevel: "info",
    rpc: undefined,
    addresses: undefined,
    contentDir: undefined,
    metadata: undefined,
    source: undefined,
    force: false,
    once: false,
    intervalSeconds: undefined,
  };
  let command: string | undefined;
  const flags: string[] = [];
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    if (raw === "--") {
      args.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!raw.startsWith("-") || raw === "-") {
      if (command === undefined) command = raw;
      else args.positionals.push(raw);
      continue;
    }
    const eq = raw.indexOf("=");
    const flag = raw.startsWith("--") && eq !== -1 ? raw.slice(0, eq) : raw;
    let inline = raw.startsWith("--") && eq !== -1 ? raw.slice(eq + 1) : undefined;
    flags.push(flag);
    if (BOOLEAN_FLAGS.has(flag)) {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
      if (flag === "--help" || flag === "-h") help = true;
      else if (flag === "--version") version = true;
      else if (flag === "--json") args.json = true;
      else if (flag === "--force") args.force = true;
      else args.once = true;
      continue;
    }
    const value = (): string => {
      if (inline !== undefined) {
        const v = inline;
        inline = undefined;
        if (v === "") throw new UsageError(`${flag} needs a value`);
        return v;
      }
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("--") && next.length > 2))
        throw new UsageError(`${flag} needs a value`);
      i++;
      return next;
    };
    switch (flag) {
      case "--config":
        args.config = value();
        args.configGiven = true;
        break;
      case "--epoch":
        args.epoch = parseEpoch(value());
        break;
      case "--log-level": {
        const level = value();
        if (!LOG_LEVELS.includes(level as LogLevel)) {
          throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}, got "${level}"`);
        }
        args.logLevel = level as LogLevel;
        break;
      }
      case "--rpc":
        args.rpc = value();
        if (!/^https?:\/\/./.test(args.rpc)) throw new UsageError(`--rpc must be an http(s) URL, got "${args.rpc}"`);
        break;
      case "--addresses":
        args.addresses = value();
        break;
      case "--content-dir":
        args.contentDir = value();
        break;
      case "--metadata":
        args.metadata = value();
        break;
      case "--source":
        args.source = value();
        break;
      case "--interval": {
        const text = value();
        const seconds = Number(text);
        if (!/^\d+$/.test(text) || !Number.isSafeInteger(seconds) || seconds < 1 || seconds > 86_400) {
          throw new UsageError(`--interval must be a whole number of seconds from 1 to 86400, got "${text}"`);
        }
        args.intervalSeconds = seconds;
        break;
      }
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (version) return { ...args, command: "version" };
  if (help || command === undefined || command === "help") return { ...args, command: "help" };
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}"`);
  const known = command as Command;
  const common = ["--config", "--json", "--log-level"];
  for (const flag of flags) {
    if (!common.includes(flag) && !COMMAND_FLAGS[known].includes(flag)) {
      throw new UsageError(`${known} does not take ${flag}`);
    }
  }
  if (EPOCH_REQUIRED.includes(known) && args.epoch === undefined) throw new UsageError(`${known} needs --epoch N`);
  if ((args.addresses !== undefined || args.contentDir !== undefined) && args.rpc === undefined) {
    throw new UsageError(
      `${args.addresses !== undefined ? "--addresses" : "--content-dir"} goes with --rpc (without it, the config's are used)`,
    );
  }
  if (known === "ingest" && args.positionals.length !== 1)
    throw new UsageError("ingest needs exactly one file: ingest <file>");
  if (known !== "ingest" && args.positionals.length > 0) {
    throw new UsageError(`${known} takes no argument, got "${args.positionals[0]}"`);
  }
  return { ...args, command: known };
}

function parseEpoch(text: string): bigint {
  if (!/^[1-9]\d{0,17}$/.test(text)) throw new UsageError(`--epoch must be a whole number from 1, got "${text}"`);
  return BigInt(text);
}
