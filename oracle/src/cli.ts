#!/usr/bin/env node
// oa-oracle: the operator's command line (issue #6). Runs as TypeScript on Node ≥ 24 (type
// stripping). `oa-oracle --help` lists the commands; oracle/README.md is the operator's guide.
import { main, processIo } from "./cli/main.ts";

const io = processIo();
const code = await main(process.argv.slice(2), io);
process.exitCode = code;
// Interrupted: whatever is still pending (an RPC call in flight) must not keep the process alive.
if (io.signal.aborted) process.exit(code);
