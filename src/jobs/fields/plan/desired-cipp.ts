import type { IntuneDevice } from "../../../clients/cipp/devices.js";
import type { CippLicense } from "../../../clients/cipp/licenses.js";
import type { CippUser } from "../../../clients/cipp/users.js";
import type { NinjaDevice } from "../../../clients/ninjaone/devices.js";
import { complianceText, deviceLinksHtml, deviceSummaryHtml, tenantLinksHtml, tenantSummaryHtml, userSummaryHtml, type DesiredEntityFields, type SourceValue, type SummaryTenant } from "./index.js";
import type { ActiveMapping } from "./active-mappings.js";
import { NO_LINKS, type DesiredFields, type LinkContext } from "./desired-acronis.js";
import { encodeFields } from "./encode-fields.js";
import { deviceNamer } from "./entity-names.js";
import { matcherDevices } from "../../shared/devices/device.js";
import { resolveDevicePairs, type LinkChange, type LinkFinding } from "../../shared/devices/links.js";
import type { SyncProblem } from "./problems.js";
import { DEVICE_EXTRAS, USER_EXTRAS, userActivityFacts, type CippExtras, type ExtraRead } from "../../shared/cipp-extras.js";

/** One mapped organization and what CIPP holds of its Microsoft 365 tenant; lists are empty when not needed. */
export interface CippTenantData {
  org: { id: number; name: string };
  tenant: SummaryTenant;
  users: readonly CippUser[];
  licenses: readonly CippLicense[];
  devices: readonly IntuneDevice[];
  /** The reads beyond those; one left undefined was not read, and what it feeds is not written. */
  extras?: CippExtras;
}

export interface CippFieldOptions {
  licensedUsersOnly: boolean;
  /** Licences (names or SKU ids, any case) left out of the unused count (CIPP#4878). */
  unusedLicenceExclusions?: readonly string[];
}

/** What each CIPP source needs read, so a run reads only what its mappings use. */
export function cippReadsNeeded(mappings: readonly ActiveMapping[]): { users: boolean; licenses: boolean; devices: boolean; extras: ExtraRead[] } {
  const ids = new Set(mappings.map((m) => m.source.id));
  const userSummary = ids.has("cipp.user-summary");
  return {
    users: ids.has("cipp.tenant-summary") || userSummary,
    // Licences name each user's SKUs; the user summary's devices column needs the devices.
    licenses: ids.has("cipp.tenant-summary") || userSummary,
    devices: ids.has("cipp.tenant-summary") || userSummary || ["cipp.device-links", "cipp.device-summary", "cipp.device-compliance"].some((id) => ids.has(id)),
    extras: [...(userSummary ? USER_EXTRAS : []), ...(ids.has("cipp.device-summary") ? DEVICE_EXTRAS : [])],
  };
}

/** Whether every read in `reads` landed. */
function allRead(extras: CippExtras | undefined, reads: readonly ExtraRead[]): extras is CippExtras {
  return extras !== undefined && reads.every((r) => extras[r] !== undefined);
}

/**
 * The CIPP fields of every mapped organization: tenant links and summaries on the
 * organization; device links, summary and compliance on each NinjaOne device an Intune
 * device is linked to or matches (recorded link, Entra device id, serial, then unique name,
 * never across organizations). A device of the
 * organization that no Intune device matches reads "Not in Intune".
 */
export function desiredCippFields(tenants: readonly CippTenantData[], ninjaDevices: readonly NinjaDevice[], mappings: readonly ActiveMapping[], options: CippFieldOptions, context: LinkContext = NO_LINKS): DesiredFields {
  const cipp = mappings.filter((m) => m.source.service === "cipp");
  const orgMappings = cipp.filter((m) => m.source.scope === "organization");
  const deviceMappings = cipp.filter((m) => m.source.scope === "device");
  const desired: DesiredEntityFields[] = [];
  const problems: SyncProblem[] = [];
  const findings: LinkFinding[] = [];
  const linkChanges: LinkChange[] = [];
  const devices = matcherDevices(ninjaDevices);
  const deviceName = deviceNamer(ninjaDevices);
  for (const data of tenants) {
    const { org, tenant } = data;
    if (orgMappings.length > 0) {
      const values = lazyValues(orgMappings, {
        "cipp.tenant-links": () => tenantLinksHtml(tenant),
        "cipp.tenant-summary": () => tenantSummaryHtml({ tenant, users: data.users, devices: data.devices, licenses: data.licenses, unusedExclusions: options.unusedLicenceExclusions ?? [] }),
        // Written only with every column read: a summary without them would blank what the last run wrote.
        "cipp.user-summary": () => {
          const { extras } = data;
          if (!allRead(extras, USER_EXTRAS)) return undefined;
          return userSummaryHtml({ tenant, users: data.users.map((u) => ({ ...u, ...userActivityFacts(u, extras, data.devices) })), licensedOnly: options.licensedUsersOnly });
        },
      });
      desired.push(entity("organization", org.id, org.name, values, orgMappings, problems, org));
    }
    if (deviceMappings.length === 0) continue;
    const remotes = data.devices.map((d) => ({ id: d.id, name: d.deviceName, serial: d.serialNumber, device: d }));
    const matches = resolveDevicePairs({
      service: "intune",
      org,
      orgNames: context.orgNames,
      devices,
      remotes,
      links: context.links,
      ...(context.apart === undefined ? {} : { apart: context.apart }),
      now: context.now,
      ...(context.entraIds === undefined ? {} : { entraIds: context.entraIds, remoteEntraId: (r: (typeof remotes)[number]) => r.device.azureADDeviceId }),
    });
    findings.push(...matches.findings);
    linkChanges.push(...matches.changes);
    for (const miss of matches.unmatched) {
      problems.push({ service: "cipp", kind: "unmatched", org, subject: `Intune device "${miss.remote.name}" of ${tenant.defaultDomainName}`, reason: miss.reason });
    }
    for (const c of matches.contested) problems.push({ service: "cipp", kind: "contested", org, subject: `device "${deviceName(c.ninja.id)}"`, reason: c.reason });
    for (const { remote, ninja } of matches.matched) {
      const device = remote.device;
      const values = lazyValues(deviceMappings, {
        "cipp.device-links": () => deviceLinksHtml(tenant, device),
        "cipp.device-summary": () => {
          const { extras } = data;
          if (!allRead(extras, DEVICE_EXTRAS)) return undefined;
          return deviceSummaryHtml({
            device,
            groups: device.azureADDeviceId === null ? [] : (extras.groups?.get(device.azureADDeviceId.toLowerCase()) ?? []),
            policies: extras.policies?.get(device.deviceName.trim().toLowerCase()) ?? [],
          });
        },
        "cipp.device-compliance": () => complianceText(device),
      });
      desired.push(entity("device", ninja.id, deviceName(ninja.id), values, deviceMappings, problems, org));
    }
    const compliance = deviceMappings.filter((m) => m.source.id === "cipp.device-compliance");
    if (compliance.length === 0) continue;
    for (const ninja of matches.unclaimed) {
      desired.push(entity("device", ninja.id, deviceName(ninja.id), { "cipp.device-compliance": complianceText(null) }, compliance, problems, org));
    }
  }
  return { desired, problems, findings, linkChanges };
}

/** Builds only the values some mapping will write: summaries are HTML worth not building for nothing. */
function lazyValues(mappings: readonly ActiveMapping[], builders: Readonly<Record<string, () => SourceValue | undefined>>): Record<string, SourceValue> {
  const values: Record<string, SourceValue> = {};
  const built = new Set<string>();
  for (const { source } of mappings) {
    const build = builders[source.id];
    if (build === undefined || built.has(source.id)) continue;
    built.add(source.id);
    // Undefined: a read it needs failed (reported with the read), so the field keeps its value.
    const value = build();
    if (value !== undefined) values[source.id] = value;
  }
  return values;
}

function entity(
  scope: DesiredEntityFields["scope"],
  entityId: number,
  entityName: string,
  values: Readonly<Record<string, SourceValue>>,
  mappings: readonly ActiveMapping[],
  problems: SyncProblem[],
  org: SyncProblem["org"],
): DesiredEntityFields {
  const { fields, invalid } = encodeFields(values, mappings);
  for (const i of invalid) problems.push({ service: "cipp", kind: "invalid-value", org, subject: `${i.sourceId} of ${entityName}`, reason: i.reason });
  return { scope, entityId, entityName, fields };
}
