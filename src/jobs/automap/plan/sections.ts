import { plural } from "../../../plural.js";
import { TARGET_LABEL, type DeviceEvidence, type LinkAction, type NameEvidence, type SerialNote, type SkipAction, type Subject, type UnmatchedAction } from "./index.js";
import type { ServicePlan } from "./plan-job.js";
import { SERVICE_NAME } from "../../../services.js";

/** One block of the plan as a person reads it; the CLI turns tables into text. */
export interface PlanSection {
  heading: string;
  table?: { head: string[]; rows: string[][] };
  lines?: string[];
  /** How many rows or names were left out for length (all of them are in --json). */
  omitted?: number;
}

/** Rows shown per list before the rest is summarised; --json has everything. */
export const SHOWN = 10;

/**
 * The plan of one service for a terminal: every proposed link and refusal in full (a person
 * acts on each), and the long tails (skipped, unmatched, serial notes) summarised.
 */
export function planSections(sp: ServicePlan): PlanSection[] {
  const { plan } = sp;
  const label = TARGET_LABEL[plan.target];
  const sections: PlanSection[] = [];
  const links = plan.actions.filter((a): a is LinkAction => a.kind === "link");

  sections.push({ heading: `${SERVICE_NAME[sp.service]}: ${summaryLine(sp)}` });
  if (links.length > 0) {
    sections.push({
      heading: "Proposed links",
      table: { head: ["ORGANIZATION", label.toUpperCase(), "MATCHED BY", "EVIDENCE"], rows: links.map((l) => [`${l.org.name} (#${l.org.id})`, l.target.name, matchedBy(l), evidenceText(l.evidence)]) },
    });
  }
  const refusals = plan.actions.filter((a) => a.kind === "refuse");
  if (refusals.length > 0) {
    sections.push({ heading: "Refused, never guessed (link these by hand if you know better)", lines: refusals.map((r) => r.reason) });
  }
  const skipped = plan.actions.filter((a) => a.kind === "skip").map((a) => a.subject);
  if (skipped.length > 0) sections.push(nameList("Already mapped, not candidates", skipped, label));
  const unmatched = plan.actions.filter((a) => a.kind === "unmatched").map((a) => a.subject);
  if (unmatched.length > 0) sections.push(nameList("Nothing matches by name or by devices", unmatched, label));
  if (plan.unmatchedDevices.length > 0 && plan.target === "cipp") {
    // Intune devices without an RMM agent are not a mapping question: they have their own report, with an ignore list.
    sections.push({
      heading: `${label} devices with no NinjaOne device: ${plan.unmatchedDevices.length}`,
      lines: ["not listed here: once the tenant is mapped, `ninja-bridge devices unmanaged` reports them, with an ignore list for known exceptions (--json still lists them)"],
    });
  } else if (plan.unmatchedDevices.length > 0) {
    sections.push({
      heading: `${label} devices with no NinjaOne device (${plan.unmatchedDevices.length})`,
      table: {
        head: ["TENANT", "DEVICE", "SERIAL", "WHY"],
        rows: plan.unmatchedDevices.slice(0, SHOWN).map((d) => [d.targetName, d.name, d.serial ?? "", d.reason]),
      },
      omitted: Math.max(0, plan.unmatchedDevices.length - SHOWN),
    });
  }
  const serialRows = [
    ...plan.serials.junk.map((n) => serialRow("placeholder", n, label)),
    ...plan.serials.virtual.map((n) => serialRow("virtual", n, label)),
    ...plan.serials.duplicates.map((d) => ["duplicate", "NinjaOne", d.devices.map((x) => x.name).join(", "), d.serial, `on ${d.devices.length} NinjaOne devices`]),
  ];
  if (serialRows.length > 0) {
    const { junk, virtual, duplicates } = plan.serials;
    sections.push({
      heading: `Serial numbers not used for matching: ${junk.length} placeholder, ${virtual.length} virtual machine, ${duplicates.length} on several devices`,
      table: { head: ["KIND", "SIDE", "DEVICE", "SERIAL", "WHY"], rows: serialRows.slice(0, SHOWN) },
      omitted: Math.max(0, serialRows.length - SHOWN),
    });
  }
  return sections;
}

export function summaryLine(sp: ServicePlan): string {
  const s = sp.plan.summary;
  // Skipped and unmatched subjects stand on both sides: count organizations and tenants apart.
  const bySide = (kind: "skip" | "unmatched"): string => {
    const subjects = sp.plan.actions.filter((a): a is SkipAction | UnmatchedAction => a.kind === kind).map((a) => a.subject);
    const orgs = subjects.filter((x) => x.side === "org").length;
    return `${plural(orgs, "organization")} and ${plural(subjects.length - orgs, "tenant")}`;
  };
  return `${s.link} to link, ${s.refuse} refused; already mapped: ${bySide("skip")}; unmatched: ${bySide("unmatched")}; ${plural(s.unmatchedDevices, "tenant device")} with no NinjaOne device`;
}

function matchedBy(l: LinkAction): string {
  if (l.evidence.by === "devices") return "devices";
  return l.evidence.match === "exact" ? "exact name" : "normalised name";
}

function evidenceText(e: NameEvidence | DeviceEvidence): string {
  if (e.by === "name") {
    const lost = [...e.similarOrgs, ...e.similarTargets].map((c) => c.name);
    const base = e.match === "exact" ? "same name" : `both read "${e.normalisedName}"`;
    return lost.length > 0 ? `${base}; beat ${lost.join(", ")}` : base;
  }
  const examples = [...e.exampleSerials.map((s) => `serial ${s}`), ...e.exampleHostnames.map((h) => `host ${h}`)].slice(0, 3);
  return `${e.devices} of ${e.matched} matched devices (${Math.round(e.share * 100)}%): ${examples.join(", ")}`;
}

function nameList(heading: string, subjects: readonly Subject[], label: string): PlanSection {
  const orgs = subjects.filter((s) => s.side === "org").map((s) => s.name);
  const targets = subjects.filter((s) => s.side === "target").map((s) => s.name);
  const lines: string[] = [];
  let omitted = 0;
  for (const [what, names] of [["NinjaOne organizations", orgs], [`${label}s`, targets]] as const) {
    if (names.length === 0) continue;
    omitted += Math.max(0, names.length - SHOWN);
    lines.push(`${what} (${names.length}): ${names.slice(0, SHOWN).join(", ")}${names.length > SHOWN ? ", …" : ""}`);
  }
  return { heading, lines, omitted };
}

function serialRow(kind: string, n: SerialNote, label: string): string[] {
  return [kind, n.side === "ninjaone" ? "NinjaOne" : label, n.deviceName, n.value, n.reason];
}
