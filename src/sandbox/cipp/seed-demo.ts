import { SKUS } from "./catalogue.js";
import type { CippSeeder } from "./seed-builder.js";

/**
 * The CIPP side of the demo estate (seed/demo-estate.ts has the NinjaOne side): "Contoso" is an
 * exact name match, "fabrikam" differs by case and suffix, "Tailspin" matches only through the
 * serial numbers of its Intune devices (one of them a NinjaOne BIOS serial), and "Litware"
 * matches nothing. Junk serials and Intune-only phones are there on purpose.
 */
export function seedDemo(seeder: CippSeeder): void {
  const contoso = seeder.tenant("Contoso", "contoso.onmicrosoft.com", "contoso.onmicrosoft.com");
  seeder.subscribe(contoso, SKUS.businessPremium, 10);
  seeder.subscribe(contoso, SKUS.businessBasic, 5);
  const ada = seeder.user(contoso, [SKUS.businessPremium]);
  seeder.user(contoso, [SKUS.businessPremium]);
  seeder.user(contoso, [SKUS.businessBasic]);
  seeder.user(contoso, []);
  seeder.user(contoso, [], false);
  seeder.device(contoso, { deviceName: "CONTOSO-WS01", serialNumber: "5CG0011XYZ", os: "Windows", compliance: "compliant", user: ada });
  seeder.device(contoso, { deviceName: "CONTOSO-WS02", serialNumber: "To Be Filled By O.E.M.", os: "Windows", compliance: "noncompliant" });
  seeder.device(contoso, { deviceName: "CONTOSO-MAC01", serialNumber: "C02XK0AAJG5H", os: "macOS", compliance: "compliant" });
  seeder.device(contoso, { deviceName: "Ada's iPhone", serialNumber: "F2LXK1ABCD7Q", os: "iOS", compliance: "compliant", user: ada });

  const fabrikam = seeder.tenant("fabrikam", "fabrikam.com", "fabrikam.onmicrosoft.com");
  seeder.subscribe(fabrikam, SKUS.businessStandard, 4);
  seeder.user(fabrikam, [SKUS.businessStandard]);
  seeder.user(fabrikam, [SKUS.businessStandard]);
  seeder.user(fabrikam, []);
  seeder.device(fabrikam, { deviceName: "FAB-LT01", serialNumber: "PF2ABC12", os: "Windows", compliance: "inGracePeriod" });
  seeder.device(fabrikam, { deviceName: "FAB-LT02", serialNumber: "Default string", os: "Windows", compliance: "unknown" });
  seeder.device(fabrikam, { deviceName: "Galaxy S24", serialNumber: "R5CX21ABCDE", os: "Android", compliance: "noncompliant" });

  const tailspin = seeder.tenant("Tailspin", "tailspintoys.com", "tailspintoys.onmicrosoft.com");
  seeder.subscribe(tailspin, SKUS.e3, 25);
  seeder.user(tailspin, [SKUS.e3]);
  seeder.user(tailspin, [SKUS.e3]);
  seeder.user(tailspin, []);
  // Intune knows this machine by its OOBE name; only the serial links it to TST-WS01.
  seeder.device(tailspin, { deviceName: "DESKTOP-7H2K9QX", serialNumber: "TSP0000401", os: "Windows", compliance: "compliant" });
  seeder.device(tailspin, { deviceName: "TST-WS02", serialNumber: "TSP0000402", os: "Windows", compliance: "noncompliant" });
  seeder.device(tailspin, { deviceName: "TST-WS03", serialNumber: "TSPBIOS404", os: "Windows", compliance: "compliant" });
  seeder.device(tailspin, { deviceName: "TST-LT09", serialNumber: "TSP0000999", os: "Windows", compliance: "unknown" });

  const litware = seeder.tenant("Litware, Inc.", "litware.com", "litwareinc.onmicrosoft.com");
  seeder.subscribe(litware, SKUS.businessBasic, 3);
  seeder.user(litware, [SKUS.businessBasic]);
  seeder.user(litware, []);
  seeder.device(litware, { deviceName: "LIT-WS01", serialNumber: "LIT0000001", os: "Windows", compliance: "compliant" });
  seeder.device(litware, { deviceName: "LIT-MAC01", serialNumber: "C02LIT0001", os: "macOS", compliance: "inGracePeriod" });
}
