import { readFileSync } from "node:fs";

import { expect } from "chai";

import { parseRewards, RewardsFileError } from "../scripts/demo/rewards.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit the sample file freely
type Json = any;

const sample = JSON.parse(readFileSync(new URL("../scripts/demo/rewards.json", import.meta.url), "utf8"));

/** The sample file with `edit` applied to a copy, parsed. */
function parseEdited(edit: (json: Json) => void) {
  const json = structuredClone(sample);
  edit(json);
  return () => parseRewards(JSON.stringify(json), "rewards.json");
}

describe("parseRewards (demo rewards file)", function () {
  it("parses the sample: checksummed accounts and amounts in OPEN wei", function () {
    const { challengePeriod, rewards } = parseRewards(JSON.stringify(sample), "rewards.json");
    expect(challengePeriod).to.equal(3600n);
    expect(rewards).to.have.length(6);
    expect(rewards[0]).to.deep.equal({
      name: "alice (datanet curator)",
      account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      amount: 1250_500000000000000000n,
    });
  });

  const bad: [string, (json: Json) => void, string][] = [
    [
      "an amount that is not a decimal string",
      (j) => (j.rewards[2].amount = "12.x"),
      'rewards[2] (carol (model builder)): amount "12.x" is not a decimal OPEN string',
    ],
    [
      "an amount with more than 18 decimals",
      (j) => (j.rewards[0].amount = "1." + "0".repeat(18) + "1"),
      "at most 18 decimals",
    ],
    ["an amount given as a number", (j) => (j.rewards[0].amount = 5), "amount 5 is not a decimal OPEN string"],
    [
      "a zero amount",
      (j) => (j.rewards[1].amount = "0.0"),
      "rewards[1] (bob (data contributor)): amount must be more than 0",
    ],
    ["a malformed address", (j) => (j.rewards[0].account = "0x1234"), 'account "0x1234" is not an address'],
    [
      "an address with a wrong checksum",
      (j) => (j.rewards[1].account = j.rewards[1].account.replace(/C$/, "c")),
      "wrong checksum",
    ],
    ["a duplicate account", (j) => (j.rewards[5].account = j.rewards[0].account), "is listed twice"],
    ["a fractional challenge period", (j) => (j.challengePeriodSeconds = 1.5), "challengePeriodSeconds must be whole"],
  ];
  for (const [what, edit, message] of bad) {
    it(`reports ${what} in one line naming the file`, function () {
      expect(parseEdited(edit)).to.throw(RewardsFileError, message);
      expect(parseEdited(edit)).to.throw(/^rewards\.json: [^\n]+$/);
    });
  }
});
