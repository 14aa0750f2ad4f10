import type { DeprovisionResult } from "../../../jobs/deprovision/apply.js";
import type { DeprovisionAction } from "../../../jobs/deprovision/plan/plan-deprovision.js";
import { renderTable } from "../../table.js";

/** The tables of deprovision (its --json document is the job's report, jobs/deprovision/report.ts). */

const DEPROVISION_WORDS: Readonly<Record<DeprovisionAction["kind"], string>> = {
  disable: "disable",
  delete: "delete",
  reenable: "re-enable",
  wait: "keep disabled",
  hold: "delete (held)",
  gone: "nothing",
};

export function deprovisionPlanTable(actions: readonly DeprovisionAction[]): string {
  const rows = actions.map((a) => [`${a.org.name} (${a.org.id})`, DEPROVISION_WORDS[a.kind], a.tenant.name, a.disabledAt?.slice(0, 10) ?? "", a.reason]);
  return renderTable(["Org", "Action", "Tenant", "Disabled", "Why"], rows);
}

export function deprovisionResultTable(results: readonly DeprovisionResult[]): string {
  const rows = results.map((r) => [`${r.action.org.name} (${r.action.org.id})`, DEPROVISION_WORDS[r.action.kind], r.action.tenant.name, r.result === "applied" ? "done" : `failed: ${r.error ?? ""}`]);
  return renderTable(["Org", "Action", "Tenant", "Result"], rows);
}
