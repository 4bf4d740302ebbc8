// The oracle's config file: every mistake stops it with one line naming the file and the field.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import { ConfigError, loadConfig, parseConfig } from "../../../oracle/src/config/config.js";

const FILE = "/srv/oracle/oracle.config.json";
const MINIMAL = { rpcUrl: "http://127.0.0.1:8545", chainId: 31337, epochBlocks: 100 };

function refusal(json: unknown): ConfigError {
  try {
    parseConfig(json, FILE);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  return expect.fail("expected a ConfigError");
}

describe("oracle config", function () {
  it("fills the defaults of a minimal file, resolving paths against the file's folder", function () {
    const config = parseConfig(MINIMAL, FILE);
    expect(config).to.deep.include({
      rpcUrl: "http://127.0.0.1:8545",
      chainId: 31337n,
      addresses: undefined,
      startBlock: 0,
      epochBlocks: 100,
      confirmations: 2,
      signer: undefined,
      dataDir: "/srv/oracle/oracle-data",
      publish: { dir: "/srv/oracle/oracle-data/public", baseURI: "http://127.0.0.1:8787/files/" },
      content: { baseDir: "/srv/oracle", maxBytes: 16 * 1024 * 1024 },
      http: { host: "127.0.0.1", port: 8787 },
    });
  });

  it("reads every field, checksums addresses and resolves the keystore path", function () {
    const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
    const config = parseConfig(
      {
        ...MINIMAL,
        addresses: {
          openToken: address(1),
          datanetRegistry: address(2),
          modelRegistry: address(3),
          usageLedger: address(4),
          attributionDistributor: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        },
        startBlock: 7,
        confirmations: 0,
        signer: { keystore: "keys/oracle.json", passwordEnv: "ORACLE_PASSWORD" },
        dataDir: "/var/lib/oracle",
        publish: { dir: "public", baseURI: "https://files.example/epochs/" },
        content: { baseDir: "data", maxBytes: 1024 },
        http: { host: "0.0.0.0", port: 9000 },
      },
      FILE,
    );
    expect(config.addresses?.attributionDistributor).to.equal("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(config.signer).to.deep.equal({ keystore: "/srv/oracle/keys/oracle.json", passwordEnv: "ORACLE_PASSWORD" });
    expect(config.publish).to.deep.equal({ dir: "/srv/oracle/public", baseURI: "https://files.example/epochs/" });
    expect(config.content).to.deep.equal({ baseDir: "/srv/oracle/data", maxBytes: 1024 });
    expect([config.startBlock, config.confirmations, config.dataDir]).to.deep.equal([7, 0, "/var/lib/oracle"]);
  });

  const cases: [string, unknown, string | undefined][] = [
    ["a non-object", [1], undefined],
    ["an unknown key (a typo)", { ...MINIMAL, confirmation: 3 }, "confirmation"],
    ["a missing rpcUrl", { chainId: 1, epochBlocks: 1 }, "rpcUrl"],
    ["an rpcUrl that is not http(s)", { ...MINIMAL, rpcUrl: "ws://x" }, "rpcUrl"],
    ["a chain id as a string", { ...MINIMAL, chainId: "31337" }, "chainId"],
    ["a zero epoch length", { ...MINIMAL, epochBlocks: 0 }, "epochBlocks"],
    ["a fractional confirmation depth", { ...MINIMAL, confirmations: 1.5 }, "confirmations"],
    ["a malformed address", { ...MINIMAL, addresses: { openToken: "0x12" } }, "addresses.openToken"],
    ["a missing address", { ...MINIMAL, addresses: { openToken: `0x${"1".repeat(40)}` } }, "addresses.datanetRegistry"],
    ["a signer with neither key source", { ...MINIMAL, signer: { key: "0xabc" } }, "signer"],
    ["a keystore without its password variable", { ...MINIMAL, signer: { keystore: "k.json" } }, "signer.passwordEnv"],
    ["a port out of range", { ...MINIMAL, http: { port: 70000 } }, "http.port"],
    ["a base URI without a trailing slash", { ...MINIMAL, publish: { baseURI: "https://x/files" } }, "publish.baseURI"],
    ["an unknown nested key", { ...MINIMAL, content: { maxbytes: 5 } }, "content.maxbytes"],
  ];
  for (const [what, json, field] of cases) {
    it(`refuses ${what} with one line naming ${field ?? "the file"}`, function () {
      const error = refusal(json);
      expect(error.field).to.equal(field);
      expect(error.file).to.equal(FILE);
      expect(error.shortMessage).to.match(
        new RegExp(`^config ${FILE}${field === undefined ? "" : `: ${field.replace(".", "\\.")}`}: `),
      );
      expect(error.shortMessage).to.not.include("\n");
    });
  }

  describe("loadConfig", function () {
    let folder: string;
    before(async function () {
      folder = await mkdtemp(path.join(tmpdir(), "oracle-config-"));
    });
    after(async function () {
      await rm(folder, { recursive: true, force: true });
    });

    it("reads a file", async function () {
      const file = path.join(folder, "ok.json");
      await writeFile(file, JSON.stringify(MINIMAL));
      expect((await loadConfig(file)).dataDir).to.equal(path.join(folder, "oracle-data"));
    });

    it("refuses a missing file and a file that is not JSON", async function () {
      const missing = await loadConfig(path.join(folder, "nope.json")).catch((e: unknown) => e);
      expect(missing).to.be.instanceOf(ConfigError);
      expect((missing as ConfigError).shortMessage).to.include("no such file");
      const file = path.join(folder, "bad.json");
      await writeFile(file, "{ rpcUrl: ");
      const bad = await loadConfig(file).catch((e: unknown) => e);
      expect((bad as ConfigError).shortMessage).to.include("not valid JSON");
    });
  });
});
