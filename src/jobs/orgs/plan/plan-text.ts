import type { Link } from "../../shared/mappings.js";
import type { Finding } from "./check-mappings.js";
import type { OrgRow } from "./list-rows.js";
import type { MapPlan } from "./map-plan.js";
import type { MappingChange } from "./mapping-diff.js";
import { targetLabel } from "./service-names.js";

export type Row = Array<string | number>;

export const LIST_HEAD = ["ID", "ORGANIZATION", "DEVICES", "ACRONIS", "M365", "EXCLUDED FROM", "FLAGS"];
export const CHANGE_HEAD = ["CHANGE", "SERVICE", "ORGANIZATION", "BEFORE", "AFTER"];
export const FINDING_HEAD = ["FINDING", "SERVICE", "ORGANIZATION", "TARGET", "DETAIL"];

const SERVICE_COLUMN = { acronis: "acronis", cipp: "m365" } as const;

export function listRow(row: OrgRow): Row {
  return [row.id, row.name, row.devices ?? "-", row.acronis?.targetName ?? "-", row.m365?.targetName ?? "-", row.excluded.join(", ") || "-", row.flags.join(", ")];
}

function targetOf(link: Link): string {
  return `${link.targetName} (${link.targetId})`;
}

/** "Contoso (#1) → Acronis tenant Contoso (uuid)". */
export function linkText(link: Link): string {
  return `${link.orgName} (#${link.orgId}) → ${targetLabel(link.service)} ${targetOf(link)}`;
}

/** What `orgs map` will do, one line per effect, for the plan and the dry run. */
export function mapPlanLines(plan: MapPlan): string[] {
  switch (plan.kind) {
    case "unchanged":
      return [`already mapped: ${linkText(plan.link)}`];
    case "refused":
      return [`refused: ${targetLabel(plan.link.service)} ${targetOf(plan.link)} is mapped to ${plan.heldBy.orgName} (#${plan.heldBy.orgId})`];
    case "link": {
      const lines = [`map ${linkText(plan.link)}`];
      if (plan.replaces) lines.push(`replaces its link to ${targetOf(plan.replaces)}`);
      if (plan.unlinks) lines.push(`unlinks ${plan.unlinks.orgName} (#${plan.unlinks.orgId}) from ${targetOf(plan.unlinks)} (--force)`);
      return lines;
    }
  }
}

export function changeRow(change: MappingChange): Row {
  const link = change.kind === "add" ? change.after : change.before;
  return [
    change.kind,
    SERVICE_COLUMN[change.service],
    `${link.orgName} (#${change.orgId})`,
    change.kind === "add" ? "-" : targetOf(change.before),
    change.kind === "remove" ? "-" : change.kind === "change" ? `${targetOf(change.after)}: ${change.reason}` : targetOf(change.after),
  ];
}

export function findingRow(finding: Finding): Row {
  return [finding.kind, SERVICE_COLUMN[finding.service], finding.orgId, finding.targetId, finding.detail];
}
