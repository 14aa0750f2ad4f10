import type { TargetService } from "../../../services.js";
import type { FieldScope } from "./types.js";


/** How a source's value is shaped before it meets a field type. */
export type SourceValueKind = "text" | "timestamp" | "html";

export interface FieldSource {
  /** Stable kebab-case id, `<service>.<name>`; stored in mappings, so never renamed. */
  id: string;
  label: string;
  service: TargetService;
  scope: FieldScope;
  valueKind: SourceValueKind;
  /** NinjaOne AttributeType names a field must have to take this value. */
  acceptedTypes: readonly string[];
  description: string;
}

/**
 * Text statuses take TEXT or TEXT_MULTILINE: both are written as a plain JSON string
 * (reference ninjaone-api §5), and several plan names read better on separate lines.
 */
const TEXT_TYPES = ["TEXT", "TEXT_MULTILINE"] as const;

/**
 * Times take DATE_TIME, and DATE too: the reference documents DATE as integer epoch ms of
 * midnight UTC, so an operator who only wants the day can choose a DATE field. DATE_TIME's
 * encoding is UNVERIFIED (probably epoch ms like DATE), so it is written the same way.
 */
const TIME_TYPES = ["DATE_TIME", "DATE"] as const;

/** CIPP writes every summary as WYSIWYG `{ html }` (cipp-and-peers §2d). */
const HTML_TYPES = ["WYSIWYG"] as const;

function source(
  id: string,
  label: string,
  scope: FieldScope,
  valueKind: SourceValueKind,
  description: string,
): FieldSource {
  const service: TargetService = id.startsWith("acronis.") ? "acronis" : "cipp";
  const acceptedTypes = valueKind === "text" ? TEXT_TYPES : valueKind === "timestamp" ? TIME_TYPES : HTML_TYPES;
  return { id, label, service, scope, valueKind, acceptedTypes, description };
}

export const FIELD_SOURCES: readonly FieldSource[] = [
  source("acronis.agent-version", "Acronis agent version", "device", "text", "The Cyber Protect agent version installed on the workload, e.g. 15.0.26355."),
  source("acronis.protection-status", "Acronis protection status", "device", "text", "The workload's aggregate protection status (OK, warning, error, not protected, …)."),
  source("acronis.protection-plan", "Acronis protection plan", "device", "text", "The name of the protection plan(s) applied to the workload."),
  source("acronis.last-backup", "Acronis last backup", "device", "timestamp", "When the last successful backup of the workload finished."),
  source("acronis.next-backup", "Acronis next backup", "device", "timestamp", "When the next scheduled backup of the workload starts."),
  source("acronis.last-antimalware-scan", "Acronis last anti-malware scan", "device", "timestamp", "When the last successful anti-malware scan of the workload finished."),
  source("acronis.next-antimalware-scan", "Acronis next anti-malware scan", "device", "timestamp", "When the next scheduled anti-malware scan of the workload starts."),
  source("cipp.tenant-links", "Microsoft 365 tenant links", "organization", "html", "Links to the tenant's Microsoft 365, Exchange, Entra, Intune, SharePoint, Teams and security admin centres, and to CIPP."),
  source("cipp.tenant-summary", "Microsoft 365 tenant summary", "organization", "html", "Tenant details, user counts, device compliance and licences."),
  source("cipp.user-summary", "Microsoft 365 user summary", "organization", "html", "A table of the tenant's users (the first 100, optionally licensed users only) with their licences."),
  source("cipp.device-links", "Microsoft 365 device links", "device", "html", "Links to the device in Intune, Entra and CIPP."),
  source("cipp.device-summary", "Microsoft 365 device summary", "device", "html", "The device as Intune knows it: user, enrolment, hardware, operating system and compliance."),
  source("cipp.device-compliance", "Intune device compliance", "device", "text", "Compliant, Noncompliant (with reasons when Intune gives them), In grace period, Unknown or Not in Intune."),
];

/** A source by its id, or undefined; ids are compared case-insensitively because people type them. */
export function findSource(id: string): FieldSource | undefined {
  const wanted = id.trim().toLowerCase();
  return FIELD_SOURCES.find((s) => s.id === wanted);
}
