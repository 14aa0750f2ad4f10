import { expect, it } from "vitest";
import { planAutomap, type NinjaDevice, type TargetDevice } from "../../../src/jobs/automap/plan/index.js";

/**
 * A generated estate of thousands of devices. Matching indexes serials and hostnames, so this
 * runs in well under the test timeout; a pairwise comparison of every device on both sides
 * would not. Only the results are asserted.
 */
const ORGS = 500;
const DEVICES_PER_ORG = 10;

function estate() {
  const orgs = [];
  const targets = [];
  const devices: NinjaDevice[] = [];
  const targetDevices: TargetDevice[] = [];
  for (let i = 1; i <= ORGS; i++) {
    orgs.push({ id: i, name: `Customer ${i}` });
    targets.push({ id: `t${i}`, name: `Backup account ${i}` });
    for (let j = 1; j <= DEVICES_PER_ORG; j++) {
      // The last two machines of each customer have placeholder serials: only their hostnames link them.
      const serial = j > DEVICES_PER_ORG - 2 ? "Default string" : `SN${i}X${j}`;
      devices.push({ id: i * 100 + j, organizationId: i, systemName: `C${i}-PC${j}`, dnsName: `c${i}-pc${j}.corp.local`, serialNumber: serial, biosSerialNumber: serial });
      targetDevices.push({ id: `w${i}-${j}`, targetId: `t${i}`, name: `C${i}-PC${j}.corp.local`, serial });
    }
    targetDevices.push({ id: `w${i}-phone`, targetId: `t${i}`, name: `PHONE-${i}`, serial: `PH${i}X0` });
  }
  const mapped = Array.from({ length: ORGS / 50 }, (_, k) => (k + 1) * 50);
  return { orgs, targets, devices, targetDevices, mappedOrgIds: mapped, mappedTargetIds: mapped.map((i) => `t${i}`) };
}

it("links every customer of an estate of thousands of devices to its own tenant by devices", () => {
  const input = estate();
  const plan = planAutomap({ target: "acronis", ...input });
  const links = plan.actions.flatMap((a) => (a.kind === "link" ? [a] : []));
  expect(links).toHaveLength(ORGS - ORGS / 50);
  for (const link of links) {
    expect(link.target.id).toBe(`t${link.org.id}`);
    expect(link.evidence).toMatchObject({ by: "devices", devices: DEVICES_PER_ORG, matched: DEVICES_PER_ORG, bySerial: DEVICES_PER_ORG - 2, byHostname: 2 });
  }
  expect(plan.summary).toEqual({ link: ORGS - ORGS / 50, refuse: 0, skip: (2 * ORGS) / 50, unmatched: 0, unmatchedDevices: ORGS });
  // Two placeholder machines per customer, noted once on each side (serialNumber and BIOS serial agree).
  expect(plan.serials.junk).toHaveLength(ORGS * 2 * 2);
});
