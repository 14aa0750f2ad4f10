import type { Target } from "../../shared/estates/target-estate.js";
import type { Link } from "../../shared/mappings.js";
import type { OrgRef } from "./find-org.js";
import { targetNameOf } from "./find-target.js";
import type { MappingChange } from "./mapping-diff.js";
import { targetLabel } from "./service-names.js";
import { TARGET_SERVICES, type TargetService } from "../../../services.js";
import type { LinkFinding } from "../../shared/devices/links.js";

export type FindingKind =
  | "org-gone"
  | "target-gone"
  | "target-mapped-twice"
  | "org-renamed"
  | "target-renamed"
  | "file-differs"
  | "device-renamed"
  | "device-moved"
  | "device-gone";

export interface Finding {
  kind: FindingKind;
  service: TargetService;
  orgId: number;
  targetId: string;
  detail: string;
}

export interface CheckInput {
  links: Readonly<Record<TargetService, readonly Link[]>>;
  orgs: readonly OrgRef[];
  /** Live targets of the services that could be read; links of a service left out are not checked against it. */
  liveTargets: Partial<Record<TargetService, readonly Target[]>>;
  /** How the mapping file differs from the recorded links, when a file was given. */
  fileChanges?: readonly MappingChange[];
  /** What changed about the recorded device links (renamed, moved, deleted devices). */
  deviceFindings?: readonly LinkFinding[];
}

function describeFileChange(change: MappingChange): string {
  switch (change.kind) {
    case "add":
      return `the file maps it to ${change.after.targetId} ("${change.after.targetName}"); the state does not`;
    case "remove":
      return `the state maps it to ${change.before.targetId} ("${change.before.targetName}"); the file does not`;
    case "change":
      return `the file differs from the state: ${change.reason}`;
  }
}

/**
 * Everything that makes the recorded links untrustworthy: a side that no longer exists, a
 * target held twice (a hand-edited state), names that drifted, a mapping file that is not
 * what the state holds. Sorted by service, organization id, then kind.
 */
export function checkMappings(input: CheckInput): Finding[] {
  const findings: Finding[] = [];
  const orgs = new Map(input.orgs.map((o) => [o.id, o]));
  for (const service of TARGET_SERVICES) {
    const links = input.links[service];
    const live = input.liveTargets[service];
    const targets = live === undefined ? undefined : new Map(live.map((t) => [t.id, t]));
    const holders = new Map<string, number[]>();
    for (const link of links) holders.set(link.targetId, [...(holders.get(link.targetId) ?? []), link.orgId]);

    for (const link of links) {
      const at = { service, orgId: link.orgId, targetId: link.targetId };
      const org = orgs.get(link.orgId);
      if (org === undefined) {
        findings.push({ kind: "org-gone", ...at, detail: `NinjaOne has no organization ${link.orgId} ("${link.orgName}")` });
      } else if (org.name !== link.orgName) {
        findings.push({ kind: "org-renamed", ...at, detail: `recorded as "${link.orgName}", NinjaOne now says "${org.name}"` });
      }
      const target = targets?.get(link.targetId);
      if (targets !== undefined && target === undefined) {
        findings.push({ kind: "target-gone", ...at, detail: `no ${targetLabel(service)} ${link.targetId} ("${link.targetName}")` });
      } else if (target !== undefined && targetNameOf(target) !== link.targetName) {
        findings.push({ kind: "target-renamed", ...at, detail: `recorded as "${link.targetName}", now "${targetNameOf(target)}"` });
      }
      const others = (holders.get(link.targetId) ?? []).filter((id) => id !== link.orgId);
      if (others.length > 0) {
        findings.push({ kind: "target-mapped-twice", ...at, detail: `also mapped to organization ${others.join(", ")}` });
      }
    }
  }
  for (const change of input.fileChanges ?? []) {
    const link = change.kind === "add" ? change.after : change.before;
    findings.push({ kind: "file-differs", service: change.service, orgId: change.orgId, targetId: link.targetId, detail: describeFileChange(change) });
  }
  for (const f of input.deviceFindings ?? []) {
    if (f.kind === "serial-changed") continue;
    findings.push({ kind: `device-${f.kind}`, service: f.service === "intune" ? "cipp" : "acronis", orgId: f.org.id, targetId: f.remoteId, detail: `${f.subject}: ${f.message}` });
  }
  const order = (f: Finding) => TARGET_SERVICES.indexOf(f.service);
  return findings.sort((a, b) => order(a) - order(b) || a.orgId - b.orgId || a.kind.localeCompare(b.kind));
}
