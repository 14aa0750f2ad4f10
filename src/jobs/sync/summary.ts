import type { JobOutcome } from "./run-sync.js";

/** The summary table of a sync run: plain rows, so the CLI renders them and tests read them. */
export function summaryRows(outcomes: readonly JobOutcome[]): { head: string[]; rows: string[][] } {
  return {
    head: ["JOB", "STATUS", "PLANNED", "APPLIED", "FAILED", "SKIPPED", "DURATION", "REQUESTS"],
    rows: outcomes.map((s) => [
      s.job,
      s.status,
      String(s.counts.planned),
      String(s.counts.applied),
      String(s.counts.failed),
      String(s.counts.skipped),
      formatDuration(s.durationMs),
      formatRequests(s.requests),
    ]),
  };
}

/** Lines under the table: why a job failed or was skipped, and what each job wants a person to know. */
export function summaryNotes(outcomes: readonly JobOutcome[]): string[] {
  const lines: string[] = [];
  for (const s of outcomes) {
    if (s.error) lines.push(`${s.job}: ${s.error.message}${s.error.hint ? ` (${s.error.hint})` : ""}`);
    for (const note of s.notes) lines.push(`${s.job}: ${note}`);
  }
  return lines;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function formatRequests(requests: Record<string, number>): string {
  const parts = Object.entries(requests)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, n]) => `${service} ${n}`);
  return parts.length === 0 ? "0" : parts.join(", ");
}
