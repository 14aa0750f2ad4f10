import type { AcronisWorkloadStatus } from "../../../clients/acronis/statuses.js";
import type { SourceValue } from "./field-values.js";
import { parseTimestamp } from "./timestamps.js";

const STATUS_TEXT: Readonly<Record<string, string>> = {
  idle: "OK",
  scheduled: "OK (scheduled)",
  running: "Running",
  cancelling: "Cancelling",
  warning: "Warning",
  error: "Error",
  critical: "Critical",
  interaction_required: "Interaction required",
  no_policies_applied: "Not protected (no plan applied)",
  not_protected: "Not protected",
};

/** Anti-malware runs: Acronis' own scanner, and the Defender/MSE policies it manages (acronis-api §5). */
const ANTIMALWARE_TYPES = new Set([
  "policy.security.antimalware_protection",
  "policy.security.windows_defender",
  "policy.security.microsoft_security_essentials",
]);

/**
 * The Acronis source values of one workload, keyed by source id. Times stay raw here and
 * are encoded for the target field by `fieldValueFor`. An unknown status is shown as sent.
 */
export function acronisSourceValues(workload: AcronisWorkloadStatus): Record<string, SourceValue> {
  const backups = workload.policies.filter((p) => p.type.startsWith("policy.backup."));
  const scans = workload.policies.filter((p) => ANTIMALWARE_TYPES.has(p.type));
  const status = (workload.status ?? "").trim();
  return {
    "acronis.agent-version": workload.agentVersion,
    "acronis.protection-status": status === "" ? null : (STATUS_TEXT[status.toLowerCase()] ?? status),
    "acronis.protection-plan": planNames(workload.planNames),
    "acronis.last-backup": latest(backups.map((p) => p.lastSuccessRunTime)),
    "acronis.next-backup": earliest(backups.map((p) => p.nextRunTime)),
    "acronis.last-antimalware-scan": latest(scans.map((p) => p.lastSuccessRunTime)),
    "acronis.next-antimalware-scan": earliest(scans.map((p) => p.nextRunTime)),
  };
}

/** Several plans arrive `;`-separated (UNVERIFIED); they are listed as "A; B" either way. */
function planNames(raw: string | null): string | null {
  const names = (raw ?? "").split(";").map((n) => n.trim()).filter((n) => n !== "");
  return names.length === 0 ? null : names.join("; ");
}

type RawTime = string | number | null | undefined;

/** The most recent of several times: the last success of any backup plan. */
function latest(times: readonly RawTime[]): SourceValue {
  return pick(times, Math.max);
}

/** The soonest of several times: the next run of any plan. */
function earliest(times: readonly RawTime[]): SourceValue {
  return pick(times, Math.min);
}

/**
 * One time chosen from several. When none can be read, the first raw one is passed on, so
 * formatting reports it as invalid instead of the field silently going unwritten.
 */
function pick(times: readonly RawTime[], choose: (...values: number[]) => number): SourceValue {
  const present = times.filter((t): t is string | number => t !== null && t !== undefined && t !== "");
  const ms: number[] = [];
  for (const t of present) {
    const p = parseTimestamp(t);
    if (p.ok) ms.push(p.epochMs);
  }
  if (ms.length > 0) return new Date(choose(...ms));
  return present[0] ?? null;
}
