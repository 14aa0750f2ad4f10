import type { NinjaDevice } from "../../../src/clients/ninjaone/devices.js";
import type { NinjaEstate } from "../../../src/jobs/shared/estates/ninja-estate.js";
import type { TargetEstate } from "../../../src/jobs/shared/estates/target-estate.js";

/** A NinjaOne device as the client returns it, with only what a test cares about set. */
export function clientDevice(id: number, organizationId: number, systemName: string | null, serial: string | null, dnsName: string | null = null): NinjaDevice {
  return {
    id,
    organizationId,
    nodeClass: "WINDOWS_WORKSTATION",
    displayName: null,
    systemName,
    dnsName,
    serialNumber: serial,
    biosSerialNumber: serial,
    manufacturer: null,
    model: null,
    virtualMachine: null,
    offline: null,
  };
}

/** Two organizations, one named like a tenant and one known to it only by three machines. */
export function smallNinja(): NinjaEstate {
  return {
    orgs: [
      { id: 1, name: "Contoso", description: null },
      { id: 2, name: "Tailspin Toys", description: null },
    ],
    devices: [clientDevice(21, 2, "TST-01", "TSP001"), clientDevice(22, 2, "TST-02", "TSP002"), clientDevice(23, 2, null, null, "tst-03.corp.local")],
  };
}

export function cippEstate(): TargetEstate {
  return {
    service: "cipp",
    targets: [
      { id: "m-contoso", name: "Contoso", domain: "contoso.onmicrosoft.com", enabled: true },
      { id: "m-tst", name: "TST Holdings", domain: "tst.onmicrosoft.com", enabled: true },
    ],
    devices: [
      { id: "d1", targetId: "m-tst", name: "DESKTOP-1", serial: "TSP001" },
      { id: "d2", targetId: "m-tst", name: "DESKTOP-2", serial: "TSP002" },
      { id: "d3", targetId: "m-tst", name: "TST-03", serial: null },
    ],
    unreadable: [],
  };
}
