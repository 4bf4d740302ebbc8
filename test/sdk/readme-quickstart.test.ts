// The README's SDK quick start runs as written: this test extracts the ```ts block under
// "### Quick start: read what you earned, and claim", points its `@openattribution/sdk` import at
// the SDK's source, gives it the two values it names (`wallet`, `addresses`) and runs it against a
// chain where the oracle published, proposed and got accepted a reward tree; then checks that the
// claim paid the right amount.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { expect } from "chai";

import { connectTestChain } from "./utils/chain.js";
import { OPEN, publishEpoch, rewardsFixture, startTreeServer } from "./rewards/fixture.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const HEADING = "### Quick start: read what you earned, and claim";
/** Where the snippet is written to run: under cache/ (ignored by git, tsc and eslint). */
const RUN_DIR = path.join(ROOT, "cache", "readme-quickstart");

const { ethers, networkHelpers } = await connectTestChain();
const server = await startTreeServer();
after(() => server.close());

/** The README lost its quick start: `missing` says whether the heading or the code block under it. */
class QuickStartMissingError extends Error {
  constructor(readonly missing: "heading" | "block") {
    super(
      missing === "heading"
        ? `README.md has no "${HEADING}" heading: the SDK quick start is missing`
        : `README.md has no \`\`\`ts block under "${HEADING}"`,
    );
  }
}

/** The ```ts block right under `HEADING`, before any other heading; throws if there is none. */
function extractQuickStart(readme: string): string {
  const start = readme.indexOf(`\n${HEADING}\n`);
  if (start < 0) throw new QuickStartMissingError("heading");
  const rest = readme.slice(start + HEADING.length + 2);
  const nextHeading = rest.search(/^#{1,6} /m);
  const section = nextHeading < 0 ? rest : rest.slice(0, nextHeading);
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(section);
  if (block === null) throw new QuickStartMissingError("block");
  return block[1]!;
}

/** Epoch 1 (alice 100 OPEN, bob 50, carol 25) published on the tree server, proposed and accepted. */
async function fixture() {
  const f = await rewardsFixture(ethers);
  await publishEpoch(f, networkHelpers, f.trees.epoch1, { uri: server.publish(f.trees.epoch1) });
  return f;
}

describe("README SDK quick start", function () {
  it("is a short ts block importing only @openattribution/sdk and ethers", async function () {
    const snippet = extractQuickStart(await readFile(path.join(ROOT, "README.md"), "utf8"));
    const lines = snippet.trimEnd().split("\n");
    expect(lines.length, "lines in the quick start").to.be.at.most(14);
    const sources = [...snippet.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
    expect(sources).to.include("@openattribution/sdk");
    expect(sources.every((source) => source === "@openattribution/sdk" || source === "ethers")).to.equal(true);
  });

  it("runs as written and claims what the account earned", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const { alice } = f.signers;
    const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
    const snippet = extractQuickStart(readme);
    const sdk = pathToFileURL(path.join(ROOT, "sdk/src/index.ts")).href;
    const rewritten = snippet.replaceAll(`from "@openattribution/sdk"`, `from ${JSON.stringify(sdk)}`);
    expect(rewritten).to.not.equal(snippet);
    const injected =
      "// What the README's snippet names: an ethers Signer with a provider, and the suite's addresses.\n" +
      "const { wallet, addresses } = (globalThis as Record<string, any>).readmeQuickstart;\n";

    await mkdir(RUN_DIR, { recursive: true });
    const file = path.join(RUN_DIR, `quickstart-${process.pid}-${Date.now()}.ts`);
    await writeFile(file, injected + rewritten);
    const globals = globalThis as Record<string, unknown>;
    globals.readmeQuickstart = { wallet: alice, addresses: f.addresses };
    const logged: string[] = [];
    const log = console.log;
    console.log = (...values: unknown[]) => void logged.push(values.map(String).join(" "));
    try {
      await import(pathToFileURL(file).href);
    } finally {
      console.log = log;
      delete globals.readmeQuickstart;
      await rm(file, { force: true });
    }

    expect(await f.token.balanceOf(alice.address)).to.equal(100n * OPEN);
    expect(await f.distributor.claimed(alice.address)).to.equal(100n * OPEN);
    expect(logged).to.deep.equal(["epoch 1: 100.0 OPEN to claim", "claimed 100.0 OPEN"]);
  });

  it("fails loudly when the heading or its block is missing", function () {
    const missing = (readme: string) => {
      try {
        extractQuickStart(readme);
      } catch (error) {
        if (error instanceof QuickStartMissingError) return error.missing;
        throw error;
      }
      return undefined;
    };
    expect(missing("# Project\n\n## SDK\n")).to.equal("heading");
    expect(missing(`## SDK\n\n${HEADING}\n\nNo code.\n\n## Deploy\n\n\`\`\`ts\nx\n\`\`\`\n`)).to.equal("block");
    expect(missing(`## SDK\n\n${HEADING}\n\n\`\`\`ts\nx\n\`\`\`\n`)).to.equal(undefined);
  });
});
