// Preloaded into each CLI process `npm run bench` starts (node --import): records the
// process's peak resident set size when it exits, since a parent cannot read it in Node, and
// the peak of each sync job, sampled while it runs (sync publishes each job's start and end).
import diagnostics from "node:diagnostics_channel";
import { writeFileSync } from "node:fs";

const file = process.env.NINJA_BRIDGE_BENCH_RSS_FILE;
if (file) {
  const SAMPLE_MS = 20;
  const jobs = {};
  let current;
  let timer;
  const sample = () => {
    if (current !== undefined) jobs[current] = Math.max(jobs[current] ?? 0, process.memoryUsage.rss());
  };
  diagnostics.subscribe("ninja-bridge:sync-job", ({ job, phase }) => {
    sample();
    clearInterval(timer);
    current = phase === "start" ? job : undefined;
    if (current !== undefined) {
      sample();
      timer = setInterval(sample, SAMPLE_MS).unref();
    }
  });
  process.on("exit", () => {
    const peakKb = process.resourceUsage().maxRSS;
    const perJobMb = Object.fromEntries(Object.entries(jobs).map(([job, bytes]) => [job, bytes / 1024 / 1024]));
    writeFileSync(file, JSON.stringify({ peakMb: peakKb / 1024, perJobMb }));
  });
}
