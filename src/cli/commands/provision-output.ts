import type { OfferingItem } from "../../clients/acronis/tenant-admin.js";
import type { DeprovisionResult } from "../../jobs/provision/deprovision-job.js";
import type { DeprovisionAction, DeprovisionPlan } from "../../jobs/provision/plan-deprovision.js";
import type { ProvisionAction } from "../../jobs/provision/plan-provision.js";
import type { ProvisionResult } from "../../jobs/provision/provision-org.js";
import type { ProvisionSettings } from "../../jobs/provision/settings.js";
import { renderTable } from "../table.js";
import { plural } from "../../plural.js";

/** Tables and JSON documents of provision and deprovision: stable shapes, named fields. */

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

export function provisionJson(dryRun: boolean, actions: readonly ProvisionAction[], services: readonly OfferingItem[], results: readonly ProvisionResult[] | null) {
  return {
    dryRun,
    services: services.map((i) => i.name),
    plan: actions.map((a) => ({
      org: a.org,
      action: a.kind,
      tenant: a.tenant,
      mode: a.mode,
      adminEmail: a.adminEmail,
      mfa: a.mfa,
      steps: a.steps,
      reason: a.reason,
      ...(a.candidates === undefined ? {} : { candidates: a.candidates }),
    })),
    results:
      results === null
        ? null
        : results.map((r) => ({
            org: r.action.org,
            action: r.action.kind,
            result: r.result,
            tenant: { id: r.tenantId, name: r.action.tenant.name },
            steps: r.done,
            notes: r.notes,
            ...(r.failedStep === undefined ? {} : { failedStep: r.failedStep }),
            ...(r.error === undefined ? {} : { error: r.error }),
          })),
  };
}

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

export function deprovisionJson(dryRun: boolean, plan: DeprovisionPlan, results: readonly DeprovisionResult[] | null) {
  return {
    dryRun,
    stopped: plan.stop ?? null,
    plan: plan.actions.map((a) => ({
      org: a.org,
      action: a.kind,
      tenant: a.tenant,
      reason: a.reason,
      ...(a.disabledAt === undefined ? {} : { disabledAt: a.disabledAt }),
      ...(a.deleteFrom === undefined ? {} : { deleteFrom: a.deleteFrom }),
    })),
    results: results === null ? null : results.map((r) => ({ org: r.action.org, action: r.action.kind, tenant: r.action.tenant, result: r.result, ...(r.error === undefined ? {} : { error: r.error }) })),
  };
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
