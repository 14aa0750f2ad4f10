#!/usr/bin/env node
import { existsSync } from "node:fs";

// A git checkout has no dist/ until it is built (the npm package ships it built).
if (!existsSync(new URL("../dist/cli/main.js", import.meta.url))) {
  process.stderr.write("✗ dist/ is missing: run `npm run build` in the ninja-bridge folder first\n");
  process.exit(1);
}
const { run } = await import("../dist/cli/main.js");
await run();
