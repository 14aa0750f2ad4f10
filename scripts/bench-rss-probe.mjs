// Preloaded into each CLI process `npm run bench` starts (node --import): records the
// process's peak resident set size when it exits, since a parent cannot read it in Node.
import { writeFileSync } from "node:fs";

const file = process.env.NINJA_BRIDGE_BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
