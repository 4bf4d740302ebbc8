// The whole OpenAttribution suite, with its roles wired from deployment parameters.
//
// Who is admin: account 0 of the network (the deployer) signs every transaction of this module
// (`from` is set on each future, so `--default-sender` cannot split deployer and admin) and is
// the initial DEFAULT_ADMIN of ModelRegistry, AttributionDistributor and UsageLedger — it has to
// be, to grant the roles below in the same deployment. On a local chain it stays admin. On a
// real network deploy `AdminHandover.ts` instead: it deploys this module and then begins the
// two-step, 2-day-delayed admin transfer to the configured admin (see that file).
//
// Parameters (module id "OpenAttribution"; see deploy/parameters/*.json):
// - openRecipient  receives the whole fixed OPEN supply at deployment (a treasury or vesting safe)
// - treasury       UsageLedger's protocol treasury (its share of every usage fee)
// - oracle         ORACLE_ROLE on AttributionDistributor (proposes reward roots)
// - guardian       GUARDIAN_ROLE on AttributionDistributor (vetoes roots, pauses claims)
// - registrar      REGISTRAR_ROLE on ModelRegistry (adds and retires base models)
// - trainer        TRAINER_ROLE on ModelRegistry (verifies adapters)
// - challengePeriod seconds a proposed root waits before it can be accepted (1 hour to 30 days)
// - builderBps, treasuryBps  UsageLedger's fee split in basis points (≤ 8,000, ≤ 2,000, sum ≤ 9,000;
//                  the rest, at least 1,000, goes to attribution)
//
// The futures are named by contract name, so `deployed_addresses.json` holds
// `OpenAttribution#<ContractName>`, which `npm run generate` turns into the SDK's deployments.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

export default buildModule("OpenAttribution", (m) => {
  const deployer = m.getAccount(0);
  const from = { from: deployer };

  const openRecipient = m.getParameter<string>("openRecipient");
  const treasury = m.getParameter<string>("treasury");
  const oracle = m.getParameter<string>("oracle");
  const guardian = m.getParameter<string>("guardian");
  const registrar = m.getParameter<string>("registrar");
  const trainer = m.getParameter<string>("trainer");
  const challengePeriod = m.getParameter<number>("challengePeriod");
  const builderBps = m.getParameter<number>("builderBps");
  const treasuryBps = m.getParameter<number>("treasuryBps");

  const openToken = m.contract("OpenToken", [openRecipient], from);
  const datanetRegistry = m.contract("DatanetRegistry", [openToken], from);
  const modelRegistry = m.contract("ModelRegistry", [datanetRegistry, deployer], from);
  const attributionDistributor = m.contract("AttributionDistributor", [openToken, deployer, challengePeriod], from);
  const usageLedger = m.contract(
    "UsageLedger",
    [openToken, modelRegistry, attributionDistributor, treasury, builderBps, treasuryBps, deployer],
    from,
  );

  // Role ids are read from the contracts rather than recomputed here.
  const oracleRole = m.staticCall(attributionDistributor, "ORACLE_ROLE", [], 0, from);
  const guardianRole = m.staticCall(attributionDistributor, "GUARDIAN_ROLE", [], 0, from);
  const registrarRole = m.staticCall(modelRegistry, "REGISTRAR_ROLE", [], 0, from);
  const trainerRole = m.staticCall(modelRegistry, "TRAINER_ROLE", [], 0, from);
  m.call(attributionDistributor, "grantRole", [oracleRole, oracle], { ...from, id: "grantOracleRole" });
  m.call(attributionDistributor, "grantRole", [guardianRole, guardian], { ...from, id: "grantGuardianRole" });
  m.call(modelRegistry, "grantRole", [registrarRole, registrar], { ...from, id: "grantRegistrarRole" });
  m.call(modelRegistry, "grantRole", [trainerRole, trainer], { ...from, id: "grantTrainerRole" });

  return { openToken, datanetRegistry, modelRegistry, attributionDistributor, usageLedger };
});
