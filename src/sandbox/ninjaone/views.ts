import type { DeviceRecord, OrgRecord } from "./world.js";

/** Organization and device JSON as the spec's getOrganizations* and getDevices* return them. */

export function orgBriefView(org: OrgRecord): Record<string, unknown> {
  return {
    id: org.id,
    name: org.name,
    description: org.description,
    nodeApprovalMode: org.nodeApprovalMode,
    userData: { ...org.userData },
  };
}

export function orgDetailedView(org: OrgRecord): Record<string, unknown> {
  return {
    ...orgBriefView(org),
    locations: org.locations.map((l) => ({ ...l, userData: { ...l.userData } })),
    policies: org.policies.map((p) => ({ ...p })),
    settings: JSON.parse(JSON.stringify(org.settings)) as unknown,
  };
}

export function deviceBaseView(d: DeviceRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: d.id,
    uid: d.uid,
    organizationId: d.organizationId,
    locationId: d.locationId,
    nodeClass: d.nodeClass,
    nodeRoleId: d.nodeRoleId,
    rolePolicyId: d.policyId,
    policyId: d.policyId,
    approvalStatus: d.approvalStatus,
    offline: d.offline,
    displayName: d.displayName,
    systemName: d.systemName,
    netbiosName: d.netbiosName,
    created: d.created,
    lastContact: d.lastContact,
    lastUpdate: d.lastUpdate,
    userData: {},
    tags: [],
  };
  if (d.dnsName !== undefined) view.dnsName = d.dnsName;
  return view;
}

/** Agent devices in the detailed lists carry `system` with the serial numbers automap matches on. */
export function deviceDetailedView(d: DeviceRecord): Record<string, unknown> {
  const system: Record<string, unknown> = {
    name: d.systemName,
    manufacturer: d.manufacturer,
    model: d.model,
    domain: d.domain,
    domainRole: d.nodeClass === "WINDOWS_SERVER" ? "MEMBER_SERVER" : "MEMBER_WORKSTATION",
    numberOfProcessors: 1,
    totalPhysicalMemory: 17179869184,
    virtualMachine: d.virtualMachine,
    chassisType: d.nodeClass === "WINDOWS_WORKSTATION" ? "DESKTOP" : "UNKNOWN",
  };
  if (d.serialNumber !== undefined) system.serialNumber = d.serialNumber;
  if (d.biosSerialNumber !== undefined) system.biosSerialNumber = d.biosSerialNumber;
  return {
    ...deviceBaseView(d),
    ipAddresses: [d.ipAddress],
    macAddresses: [d.macAddress],
    publicIP: d.publicIP,
    notes: [],
    deviceType: "AGENT",
    system,
    os: { name: d.osName, buildNumber: d.osBuild, architecture: "64-bit", needsReboot: false },
    lastLoggedInUser: d.lastLoggedInUser,
  };
}
