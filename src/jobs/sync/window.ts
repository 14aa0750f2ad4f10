import type { RunWindow } from "../job.js";

/** At most this long before the window's end, writes stop: what is in flight and the jobs after fields still finish. */
const MAX_RESERVE_MS = 60_000;

/**
 * The window of `sync --max-duration`: writes stop a tenth of it (at most a minute) before its
 * end, so the requests in flight, the state's last writes and the jobs still to run end inside
 * it. With a 15-minute cron, `--max-duration 14m` stops writes at 13m and runs never overlap.
 */
export function runWindow(maxDurationMs: number, startedAt: number): RunWindow {
  return { closesAt: startedAt + maxDurationMs - Math.min(MAX_RESERVE_MS, Math.round(maxDurationMs / 10)) };
}

/** Values the window left, over every job's report (a job without a window reports none). */
export function valuesLeft(reports: readonly object[]): number {
  return reports.reduce((n, r) => n + ("left" in r && typeof r.left === "number" ? r.left : 0), 0);
}
