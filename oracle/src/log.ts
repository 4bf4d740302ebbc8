// Structured logs and progress for the operator. One event per line: JSON when the output is not a
// terminal (or OA_LOG=json), `time level message key=value…` otherwise. Every long step reports
// progress as `{ msg: "<step> progress", done, total }` events, which the terminal view shows as a
// percentage.

/** The severity of a log event. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** One log event: a message and flat fields (bigints are written as decimal strings). */
export type LogEvent = { level: LogLevel; msg: string } & Record<string, unknown>;

/** Where the oracle's code sends its events; every module takes one as `log`. */
export type Log = (event: LogEvent) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The options of `createLog`. */
export type CreateLogOptions = {
  /** Events below this level are dropped; `info` by default. */
  level?: LogLevel;
  /** `json` (one object per line) or `pretty`; by default `pretty` on a terminal, else `json`. */
  format?: "json" | "pretty";
  /** Where lines go; standard error by default (standard output stays for command results). */
  write?: (line: string) => void;
  /** The clock, for tests. */
  now?: () => Date;
};

/**
 * A logger writing one line per event.
 *
 * @example
 * const log = createLog({ level: "debug" });
 * log({ level: "info", msg: "indexed", fromBlock: 1, toBlock: 90 });
 */
export function createLog(options: CreateLogOptions = {}): Log {
  const threshold = LEVELS[options.level ?? "info"];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const format =
    options.format ??
    (process.env.OA_LOG === "json"
      ? "json"
      : process.env.OA_LOG === "pretty" || process.stderr.isTTY
        ? "pretty"
        : "json");
  const now = options.now ?? (() => new Date());
  return (event) => {
    if (LEVELS[event.level] < threshold) return;
    const time = now().toISOString();
    if (format === "json") {
      write(
        JSON.stringify({ time, ...event }, (_, value: unknown) =>
          typeof value === "bigint" ? value.toString() : value,
        ),
      );
      return;
    }
    const { level, msg, ...fields } = event;
    const progress =
      typeof fields.done === "number" && typeof fields.total === "number" && fields.total > 0
        ? ` ${Math.floor((100 * fields.done) / fields.total)}%`
        : "";
    const rest = Object.entries(fields)
      .map(([key, value]) => `${key}=${typeof value === "string" ? value : stringify(value)}`)
      .join(" ");
    write(`${time} ${level.padEnd(5)} ${msg}${progress}${rest === "" ? "" : ` ${rest}`}`);
  };
}

/** A logger that drops everything (the default of library functions). */
export const silentLog: Log = () => {};

function stringify(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Error) return JSON.stringify(value.message);
  return (
    JSON.stringify(value, (_, inner: unknown) => (typeof inner === "bigint" ? inner.toString() : inner)) ?? "undefined"
  );
}
