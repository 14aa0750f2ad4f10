import { emptyState, type StateDocument } from "../../../src/state/index.js";
import { parseProvisionSettings, type ProvisionSettings, type ProvisionSettingsInput } from "../../../src/jobs/shared/acronis-customers/settings.js";

export const AT = "2026-01-10T12:00:00.000Z";

export function doc(edit: (d: StateDocument) => void = () => undefined): StateDocument {
  const d = emptyState(new Date(AT), "6f1c2a9e-4b7d-4e2a-9c3f-0a1b2c3d4e5f");
  edit(d);
  return d;
}

export function settings(input: ProvisionSettingsInput = {}): ProvisionSettings {
  return parseProvisionSettings({ adminEmail: "admin+{slug}@msp.example", ...input }, "test");
}

export function mapAcronis(d: StateDocument, orgId: number, orgName: string, tenantId: string, tenantName: string): void {
  d.mappings.acronis[String(orgId)] = { ninjaOrgId: orgId, ninjaOrgName: orgName, acronisTenantId: tenantId, acronisTenantName: tenantName, source: "manual", mappedAt: AT };
}
