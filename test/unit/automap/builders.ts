import type { AutomapInput, AutomapPlan, NinjaDevice, RefuseAction, TargetDevice } from "../../../src/jobs/automap/plan/index.js";

/** An input with nothing in it, to spread the case under test over. */
export function input(parts: Partial<AutomapInput>): AutomapInput {
  return { target: "acronis", orgs: [], devices: [], targets: [], targetDevices: [], mappedOrgIds: [], mappedTargetIds: [], ...parts };
}

let nextNinjaId = 10_000;
/** A NinjaOne device whose serialNumber and biosSerialNumber agree, as on most hardware. */
export function ninja(organizationId: number, systemName: string, serial?: string): NinjaDevice {
  const d: NinjaDevice = { id: nextNinjaId++, organizationId, systemName, dnsName: `${systemName.toLowerCase()}.corp.local` };
  if (serial !== undefined) {
    d.serialNumber = serial;
    d.biosSerialNumber = serial;
  }
  return d;
}

let nextTargetDeviceId = 1;
export function remote(targetId: string, name: string, serial?: string): TargetDevice {
  const d: TargetDevice = { id: `td-${nextTargetDeviceId++}`, targetId, name };
  if (serial !== undefined) d.serial = serial;
  return d;
}

/** `count` devices of one organization with serials S<prefix>0001…, and their twins in one tenant. */
export function pairedFleet(organizationId: number, targetId: string, prefix: string, count: number): { devices: NinjaDevice[]; targetDevices: TargetDevice[] } {
  const devices: NinjaDevice[] = [];
  const targetDevices: TargetDevice[] = [];
  for (let i = 1; i <= count; i++) {
    const serial = `S${prefix}${String(i).padStart(4, "0")}`;
    const name = `${prefix}-PC${i}`;
    devices.push(ninja(organizationId, name, serial));
    targetDevices.push(remote(targetId, name, serial));
  }
  return { devices, targetDevices };
}

/** "org:1→target:t1" for each link, for compact assertions. */
export function linkPairs(plan: AutomapPlan): string[] {
  return plan.actions.flatMap((a) => (a.kind === "link" ? [`${a.org.id}→${a.target.id}`] : []));
}

export function refusals(plan: AutomapPlan): RefuseAction[] {
  return plan.actions.filter((a): a is RefuseAction => a.kind === "refuse");
}
