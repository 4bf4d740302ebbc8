// Production deployment: the OpenAttribution module, then the start of the admin handover.
//
// The deployer (account 0) deployed the suite as its admin and granted the roles; this module
// then calls `beginDefaultAdminTransfer(admin)` on ModelRegistry, AttributionDistributor and
// UsageLedger (each AccessControlDefaultAdminRules with a 2-day delay). The handover completes
// when `admin` itself calls `acceptDefaultAdminTransfer()` on each of the three contracts, at
// least 2 days later; until then the deployer is still admin and can cancel with
// `cancelDefaultAdminTransfer()`. Ignition does not send the acceptance: `admin` is meant to be a
// multisig whose key the deployer does not hold. OpenToken and DatanetRegistry have no admin.
//
// Parameters: module "AdminHandover" takes `admin`; module "OpenAttribution" takes the rest (see
// OpenAttribution.ts). Addresses land under `OpenAttribution#<ContractName>` as with that module.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import OpenAttribution from "./OpenAttribution.js";

export default buildModule("AdminHandover", (m) => {
  const from = { from: m.getAccount(0) };
  const admin = m.getParameter<string>("admin");
  const suite = m.useModule(OpenAttribution);

  m.call(suite.modelRegistry, "beginDefaultAdminTransfer", [admin], { ...from, id: "ModelRegistry_handover" });
  m.call(suite.attributionDistributor, "beginDefaultAdminTransfer", [admin], {
    ...from,
    id: "AttributionDistributor_handover",
  });
  m.call(suite.usageLedger, "beginDefaultAdminTransfer", [admin], { ...from, id: "UsageLedger_handover" });

  return suite;
});
