import type { ServiceReport } from "./service-report.js";

function expiry(r: ServiceReport): string {
  if (r.expiryStated === false) return "not stated";
  if (r.expiresAt === undefined) return "-";
  return r.tokenReused === true ? `${r.expiresAt} (reused)` : r.expiresAt;
}

/** Rows of the `auth status` table: service / instance / auth method / expires / checks. */
export function statusRows(reports: readonly ServiceReport[]): string[][] {
  return reports.map((r) => {
    if (!r.configured) return [r.service, "-", "-", "-", "not configured"];
    const checks = r.checks.map((c) => `${c.ok ? "✓" : c.severity === "warning" ? "!" : "✗"} ${c.name}`).join("  ");
    return [r.service, r.instance ?? "-", r.authMethod ?? "-", expiry(r), checks];
  });
}

/** One line per failed check with its fix, for stderr under the table. */
export function problemLines(reports: readonly ServiceReport[]): Array<{ severity: "error" | "warning"; text: string; fix?: string }> {
  const lines: Array<{ severity: "error" | "warning"; text: string; fix?: string }> = [];
  for (const r of reports) {
    for (const c of r.checks) {
      if (c.ok) continue;
      lines.push({ severity: c.severity, text: `${r.service} ${c.name}: ${c.detail ?? "failed"}`, ...(c.fix === undefined ? {} : { fix: c.fix }) });
    }
  }
  return lines;
}
