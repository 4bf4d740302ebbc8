// Runs as the root `postinstall` script, under Node 24 (npm puts node_modules/.bin first on PATH
// and the repo pins `node` as a devDependency).
//
// Why: when npm itself runs under an older Node (20 on some machines), it checks optional
// dependencies' `engines` against that Node and silently skips Hardhat's EDR native package
// (it needs Node >= 22); Hardhat then fails with HHE27. If that happened, this repeats the
// install with npm running under Node 24, which adds just the skipped packages. The lockfile
// already lists every platform's package, so it is not changed.
import { spawnSync } from "node:child_process";

// Checked in a child process: a failed native load can't be retried in the same process.
function edrLoads() {
  const check = spawnSync(process.execPath, ["-e", 'require("@nomicfoundation/edr")'], { stdio: "ignore" });
  return check.status === 0;
}

if (!edrLoads()) {
  const npmCli = process.env.npm_execpath;
  if (!npmCli) {
    console.error(
      "postinstall: Hardhat's EDR native package is missing and npm's path is unknown; run `npx -y node@24 $(which npm) install`.",
    );
    process.exit(1);
  }
  console.log(
    `postinstall: npm ran under an older Node; re-running the install under Node ${process.versions.node} to add Hardhat's EDR native package.`,
  );
  const result = spawnSync(process.execPath, [npmCli, "install", "--no-audit", "--no-fund", "--ignore-scripts"], {
    stdio: "inherit",
  });
  if (result.status !== 0 || !edrLoads()) {
    console.error("postinstall: could not install Hardhat's EDR native package under Node 24.");
    process.exit(1);
  }
}
