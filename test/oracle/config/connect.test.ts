// The oracle's start-up checks against a real node (anvil, the suite deployed by the production
// Ignition module): the wrong chain, the wrong addresses or a signer without ORACLE_ROLE refuse to
// start with one line.
import { expect } from "chai";
import { encryptKeystoreJson, Wallet } from "ethers";

import { parseConfig, type OracleConfig } from "../../../oracle/src/config/config.js";
import { connect, StartupError } from "../../../oracle/src/config/connect.js";
import { freePort, startAnvilSuite, type AnvilSuite } from "../../utils/anvil.js";

/** The default accounts' roles in deploy/parameters/localhost.json. */
const ORACLE = 2;
const STRANGER = 7;

describe("oracle start-up checks", function () {
  this.timeout(60_000);
  let chain: AnvilSuite;
  const env = "OA_TEST_ORACLE_KEY";

  before(async function () {
    chain = await startAnvilSuite();
  });
  after(async function () {
    delete process.env[env];
    await chain?.stop();
  });

  function config(overrides: Record<string, unknown> = {}): OracleConfig {
    const json = {
      rpcUrl: chain.url,
      chainId: Number(chain.chainId),
      epochBlocks: 10,
      addresses: chain.addresses,
      signer: { privateKeyEnv: env },
      ...overrides,
    };
    return parseConfig(json, "/tmp/oracle.config.json");
  }

  async function refusal(promise: Promise<unknown>): Promise<StartupError> {
    const error = await promise.then(
      () => expect.fail("expected a StartupError"),
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(StartupError);
    expect((error as StartupError).shortMessage).to.not.include("\n");
    return error as StartupError;
  }

  it("connects read-only, and with the oracle's key when it holds ORACLE_ROLE", async function () {
    const readOnly = await connect(config());
    expect(readOnly.signer).to.equal(undefined);
    expect(readOnly.client.addresses).to.deep.equal(chain.addresses);
    readOnly.provider.destroy();
    process.env[env] = chain.wallets[ORACLE]!.privateKey;
    const withSigner = await connect(config(), { signer: true });
    expect(await withSigner.signer?.getAddress()).to.equal(chain.wallets[ORACLE]!.address);
    withSigner.provider.destroy();
  });

  it("refuses a node of another chain", async function () {
    const error = await refusal(connect(config({ chainId: 1 })));
    expect(error.shortMessage).to.equal(`the node at ${chain.url} is chain 31337, the config says 1`);
  });

  it("refuses a node that does not answer", async function () {
    const port = await freePort();
    const error = await refusal(connect(config({ rpcUrl: `http://127.0.0.1:${port}` }), { timeoutSeconds: 2 }));
    expect(error.shortMessage).to.match(new RegExp(`^cannot reach the node at http://127\\.0\\.0\\.1:${port}`));
  });

  it("refuses addresses that are not one deployment: swapped, or without code", async function () {
    const { usageLedger, attributionDistributor } = chain.addresses;
    const swapped = await refusal(
      connect(
        config({
          addresses: { ...chain.addresses, usageLedger: attributionDistributor, attributionDistributor: usageLedger },
        }),
      ),
    );
    expect(swapped.shortMessage).to.match(
      /^usageLedger\.distributor\(\) cannot be read|^usageLedger\.distributor\(\) is /,
    );
    const empty = Wallet.createRandom().address;
    const missing = await refusal(connect(config({ addresses: { ...chain.addresses, modelRegistry: empty } })));
    expect(missing.shortMessage).to.equal(`no contract at modelRegistry ${empty} on chain 31337`);
  });

  it("refuses a signer without ORACLE_ROLE, an unset key variable and a malformed key", async function () {
    process.env[env] = chain.wallets[STRANGER]!.privateKey;
    const stranger = await refusal(connect(config(), { signer: true }));
    expect(stranger.shortMessage).to.equal(
      `the signer ${chain.wallets[STRANGER]!.address} does not hold ORACLE_ROLE on the distributor ${chain.addresses.attributionDistributor}`,
    );
    delete process.env[env];
    const unset = await refusal(connect(config(), { signer: true }));
    expect(unset.shortMessage).to.equal(`the environment variable ${env} (signer.privateKeyEnv) is not set`);
    process.env[env] = "0x1234";
    const malformed = await refusal(connect(config(), { signer: true }));
    expect(malformed.shortMessage).to.equal(`${env} does not hold a valid private key`);
  });

  it("loads an encrypted keystore with its password", async function () {
    const { mkdtemp, rm, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const folder = await mkdtemp(path.join(tmpdir(), "oracle-keystore-"));
    try {
      const keystore = path.join(folder, "oracle.json");
      const { address, privateKey } = chain.wallets[ORACLE]!;
      await writeFile(keystore, await encryptKeystoreJson({ address, privateKey }, "secret", { scrypt: { N: 2 } }));
      process.env.OA_TEST_ORACLE_PASSWORD = "secret";
      const signer = { keystore, passwordEnv: "OA_TEST_ORACLE_PASSWORD" };
      const connection = await connect(config({ signer }), { signer: true });
      expect(await connection.signer?.getAddress()).to.equal(chain.wallets[ORACLE]!.address);
      connection.provider.destroy();
      process.env.OA_TEST_ORACLE_PASSWORD = "wrong";
      const wrong = await refusal(connect(config({ signer }), { signer: true }));
      expect(wrong.shortMessage).to.equal(`cannot decrypt the keystore ${keystore} with OA_TEST_ORACLE_PASSWORD`);
    } finally {
      delete process.env.OA_TEST_ORACLE_PASSWORD;
      await rm(folder, { recursive: true, force: true });
    }
  });
});
