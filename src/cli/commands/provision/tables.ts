import type { ProvisionAction } from "../../../jobs/provision/plan/plan-provision.js";
import type { ProvisionResult } from "../../../jobs/provision/apply.js";
import type { ProvisionSettings } from "../../../jobs/shared/acronis-customers/settings.js";
import { renderTable } from "../../table.js";
import { plural } from "../../../plural.js";

/** The tables of provision and of `provision config` (its --json documents are the job's report, jobs/provision/report.ts). */

const ACTION_WORDS: Readonly<Record<ProvisionAction["kind"], string>> = {
  create: "create",
  resume: "resume",
  adopt: "adopt",
  refuse: "refused",
  skip: "skip",
};

export function provisionPlanTable(actions: readonly ProvisionAction[]): string {
  const rows = actions.map((a) => [
    `${a.org.name} (${a.org.id})`,
    ACTION_WORDS[a.kind],
    a.tenant.id === null ? `${a.tenant.name} (new)` : a.tenant.name,
    a.kind === "refuse" || a.kind === "skip" ? "" : a.mode,
    a.kind === "refuse" || a.kind === "skip" ? "" : (a.adminEmail ?? "(not set)"),
    a.kind === "refuse" || a.kind === "skip" ? "" : a.mfa ? "on" : "off",
  ]);
  const notes = actions.filter((a) => a.kind !== "create").map((a) => `  ${a.org.name}: ${a.reason}`);
  return [renderTable(["Org", "Action", "Tenant", "Mode", "Admin e-mail", "2FA"], rows), ...notes].join("\n");
}

export function provisionResultTable(results: readonly ProvisionResult[]): string {
  const rows = results.map((r) => [
    `${r.action.org.name} (${r.action.org.id})`,
    r.result === "applied" ? "provisioned" : `failed at ${r.failedStep ?? "start"}`,
    r.action.tenant.name,
    r.result === "applied" ? `${plural(r.done.length, "step")}` : (r.error ?? ""),
  ]);
  const notes = results.flatMap((r) => r.notes.map((note) => `  ${r.action.org.name}: ${note}`));
  return [renderTable(["Org", "Result", "Tenant", "Detail"], rows), ...notes].join("\n");
}

/** The settings as `provision config show` lists them. */
export function settingsRows(settings: ProvisionSettings): Array<[string, string]> {
  const onOff = (value: boolean) => (value ? "on" : "off");
  return [
    ["mode", settings.mode],
    ["admin-email", settings.adminEmail ?? "(not set)"],
    ["mfa", onOff(settings.mfa)],
    ["auto-provision", onOff(settings.autoProvision)],
    ["edition", settings.edition === "*" ? "* (every edition the partner offers)" : settings.edition],
    ["offering-items", settings.offeringItems.length === 0 ? "all of the edition" : settings.offeringItems.join(", ")],
    ["deprovision-disable", onOff(settings.deprovision.disable)],
    ["delete-after-days", settings.deprovision.deleteAfterDays === null ? "off" : String(settings.deprovision.deleteAfterDays)],
    ["max-deprovision", String(settings.deprovision.maxPerRun)],
  ];
}
