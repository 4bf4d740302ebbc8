// The command line of oa-oracle, parsed without I/O.
import { expect } from "chai";

import { COMMANDS, parseArgs, USAGE, UsageError } from "../../../oracle/src/cli/args.js";

function usageError(argv: string[]): UsageError {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).to.be.instanceOf(UsageError);
    expect((error as UsageError).shortMessage).to.not.include("\n");
    return error as UsageError;
  }
  return expect.fail(`expected a UsageError for ${argv.join(" ")}`);
}

describe("oa-oracle command line", function () {
  it("parses a command with its flags, in any order, and --flag=value", function () {
    const args = parseArgs(["--config", "o.json", "build", "--epoch=3", "--log-level", "debug", "--json"]);
    expect(args).to.include({
      command: "build",
      config: "o.json",
      configGiven: true,
      epoch: 3n,
      logLevel: "debug",
      json: true,
    });
    const ingest = parseArgs(["ingest", "logs/a.jsonl", "--source", "https://logs.example/a.jsonl"]);
    expect(ingest).to.include({ command: "ingest", source: "https://logs.example/a.jsonl", configGiven: false });
    expect(ingest.positionals).to.deep.equal(["logs/a.jsonl"]);
    expect(ingest.config).to.equal("oracle.config.json");
    const verify = parseArgs([
      "verify",
      "--epoch",
      "12",
      "--rpc",
      "https://rpc.example",
      "--addresses",
      "suite.json",
      "--content-dir",
      "data",
    ]);
    expect(verify).to.include({
      command: "verify",
      epoch: 12n,
      rpc: "https://rpc.example",
      addresses: "suite.json",
      contentDir: "data",
    });
    expect(parseArgs(["run", "--once", "--interval", "5"])).to.include({
      command: "run",
      once: true,
      intervalSeconds: 5,
    });
    expect(parseArgs(["attribute", "--epoch", "1", "--force"])).to.include({ force: true });
  });

  it("help and version win over everything else", function () {
    expect(parseArgs([]).command).to.equal("help");
    expect(parseArgs(["help"]).command).to.equal("help");
    expect(parseArgs(["build", "-h"]).command).to.equal("help");
    expect(parseArgs(["--version"]).command).to.equal("version");
    for (const command of COMMANDS) expect(USAGE).to.include(`  ${command}`);
  });

  it("refuses unknown commands and flags, flags of other commands, missing or bad values", function () {
    expect(usageError(["frob"]).shortMessage).to.equal('unknown command "frob"');
    expect(usageError(["index", "--frob"]).shortMessage).to.equal("unknown option --frob");
    expect(usageError(["index", "--epoch", "1"]).shortMessage).to.equal("index does not take --epoch");
    expect(usageError(["build"]).shortMessage).to.equal("build needs --epoch N");
    expect(usageError(["build", "--epoch"]).shortMessage).to.equal("--epoch needs a value");
    expect(usageError(["build", "--epoch", "--json"]).shortMessage).to.equal("--epoch needs a value");
    for (const bad of ["0", "-1", "1.5", "01", "x", "1e3"]) {
      expect(usageError(["build", "--epoch", bad]).shortMessage).to.equal(
        `--epoch must be a whole number from 1, got "${bad}"`,
      );
    }
    expect(usageError(["status", "--log-level", "loud"]).shortMessage).to.match(/^--log-level must be one of/);
    expect(usageError(["verify", "--epoch", "1", "--rpc", "ws://x"]).shortMessage).to.match(
      /^--rpc must be an http\(s\) URL/,
    );
    expect(usageError(["verify", "--epoch", "1", "--addresses", "a.json"]).shortMessage).to.equal(
      "--addresses goes with --rpc (without it, the config's are used)",
    );
    expect(usageError(["run", "--interval", "0"]).shortMessage).to.match(/^--interval must be/);
    expect(usageError(["ingest"]).shortMessage).to.equal("ingest needs exactly one file: ingest <file>");
    expect(usageError(["ingest", "a", "b"]).shortMessage).to.equal("ingest needs exactly one file: ingest <file>");
    expect(usageError(["status", "extra"]).shortMessage).to.equal('status takes no argument, got "extra"');
    expect(usageError(["status", "--json=yes"]).shortMessage).to.equal("--json takes no value");
  });
});
