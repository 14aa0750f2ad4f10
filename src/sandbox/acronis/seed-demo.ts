import type { SeedDevice, SeedEstate } from "../contract.js";
import type { Tenant } from "./model.js";
import type { AcronisSeeder, ProtectionState } from "./seed-builder.js";

/**
 * The Acronis side of the demo estate. Customer names exercise automap's name rules against
 * the NinjaOne organizations in seed/demo-estate.ts ("Contoso" exact, "Fabrikam Inc" and
 * "NORTHWIND TRADERS LLC" after normalising, "Adatum GmbH" + "ADATUM" a tie, "Woodgrove Bank"
 * nothing), and "TST Holdings" holds Tailspin's machines so only hostnames/serials link them.
 * Northwind keeps one machine in a unit ("Northwind Warehouse"), as customers with sites do.
 */
export function seedDemo(seeder: AcronisSeeder, estate: SeedEstate, partner: Tenant): void {
  const devices = new Map<string, SeedDevice>(estate.devices.map((d) => [d.systemName, d]));
  const protect = (tenant: Tenant, hostname: string, state: ProtectionState, shortSpelling = false) => {
    const device = devices.get(hostname);
    if (device === undefined) throw new Error(`demo estate has no device ${hostname}`);
    return seeder.workloadForDevice(tenant, device, state, shortSpelling);
  };

  const contoso = seeder.tenant(partner, "Contoso", "customer", "production");
  contoso.contact = { email: "it@contoso.example", firstname: "Ada", lastname: "Li" };
  const dc = protect(contoso, "CONTOSO-DC01", "ok");
  const ws1 = protect(contoso, "CONTOSO-WS01", "warning");
  const ws2 = protect(contoso, "CONTOSO-WS02", "failed");
  protect(contoso, "CONTOSO-MAC01", "ok", true);
  seeder.user(contoso, "contoso-admin", "it@contoso.example", true, "company_admin");

  const fabrikam = seeder.tenant(partner, "Fabrikam Inc", "customer", "production");
  const fabSrv = protect(fabrikam, "FAB-SRV01", "failed");
  protect(fabrikam, "FAB-LT01", "ok");
  protect(fabrikam, "FAB-LT02", "running");

  const northwind = seeder.tenant(partner, "NORTHWIND TRADERS LLC", "customer", "trial");
  const nwLt1 = protect(northwind, "NW-LT01", "ok");
  const nwLt2 = protect(northwind, "NW-LT02", "ok");
  protect(northwind, "NW-SRV01", "not_protected");

  const tst = seeder.tenant(partner, "TST Holdings", "customer", "production");
  const tstWs1 = protect(tst, "TST-WS01", "ok");
  protect(tst, "TST-WS02", "warning");
  const tstSrv = protect(tst, "TST-SRV01", "failed");
  const tstWs3 = protect(tst, "TST-WS03", "ok");

  const adatumGmbh = seeder.tenant(partner, "Adatum GmbH", "customer", "production");
  protect(adatumGmbh, "ADATUM-WS01", "no_plan");
  const adatum = seeder.tenant(partner, "ADATUM", "customer", "trial");

  const woodgrove = seeder.tenant(partner, "Woodgrove Bank", "customer", "trial");
  seeder.workload(woodgrove, { hostname: "WGB-SRV01", nodeClass: "WINDOWS_SERVER", serialNumber: "WGB7781SRV", state: "ok" });
  const wgbWs = seeder.workload(woodgrove, { hostname: "WGB-WS01", nodeClass: "WINDOWS_WORKSTATION", serialNumber: "WGB7782WS", state: "warning", online: false });

  seeder.alert(contoso, "BackupFailed", ws2, 5);
  seeder.alert(contoso, "NoBackupForXDays", ws1, 30);
  seeder.alert(contoso, "MalwareDetected", dc, 2);
  seeder.alert(fabrikam, "BackupFailed", fabSrv, 9);
  seeder.alert(northwind, "MalwareDetected", nwLt2, 20);
  seeder.alert(tst, "BackupDidNotStart", tstSrv, 14);
  seeder.alert(tst, "BackupFailed", tstWs1, 72, true);
  seeder.alert(tst, "MachineIsOffline", tstWs3, 40);
  seeder.alert(adatum, "StorageQuotaExceeded", undefined, 50);
  seeder.alert(woodgrove, "MachineIsOffline", wgbWs, 26);
  // Seeded last, so every record above keeps its seeded ids: Northwind's first listed workload sits in a unit.
  seeder.unitWith(northwind, "Northwind Warehouse", [nwLt1]);
}
