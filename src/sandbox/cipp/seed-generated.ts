import type { SeedDevice, SeedEstate } from "../contract.js";
import { SKU_LIST } from "./catalogue.js";
import type { ComplianceState } from "./model.js";
import type { CippSeeder, IntuneOs } from "./seed-builder.js";
import { devicesByOrg } from "../seed/devices-by-org.js";

/** Estates at least this big (the large one) hold one tenant past the size CIPP#6379 reports failing. */
const LARGE_ESTATE_ORGS = 500;
export const LARGE_TENANT_USERS = 2_050;

const COMPLIANCE: readonly ComplianceState[] = ["compliant", "compliant", "compliant", "compliant", "noncompliant", "inGracePeriod", "unknown"];

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "").slice(0, 24) || "tenant";
}

function intuneOs(device: SeedDevice): IntuneOs | undefined {
  if (device.nodeClass === "WINDOWS_WORKSTATION") return "Windows";
  if (device.nodeClass === "MAC") return "macOS";
  return undefined;
}

/**
 * The CIPP side of a generated estate: about 60% of NinjaOne organizations have a Microsoft 365
 * tenant (mostly the same name, some lower-cased), and most of their workstations and Macs are
 * Intune devices with the same serial and name, plus a phone or two Intune alone knows.
 */
export function seedGenerated(seeder: CippSeeder, estate: SeedEstate): void {
  const { prng, store } = seeder;
  const byOrg = devicesByOrg(estate);
  for (const org of estate.orgs) {
    if (!prng.chance(0.6)) continue;
    let base = slug(org.name);
    if (store.domainTaken(`${base}.onmicrosoft.com`)) base = `${base}${org.id}`;
    const initial = `${base}.onmicrosoft.com`;
    const tenant = seeder.tenant(prng.chance(0.8) ? org.name : org.name.toLowerCase(), prng.chance(0.5) ? `${base}.com` : initial, initial);
    const sku = prng.pick(SKU_LIST);
    const userCount = prng.int(2, 8);
    seeder.subscribe(tenant, sku, userCount + prng.int(0, 3));
    for (let i = 0; i < userCount; i++) seeder.user(tenant, prng.chance(0.75) ? [sku] : [], prng.chance(0.95));
    for (const device of byOrg.get(org.id) ?? []) {
      const os = intuneOs(device);
      const serial = device.serialNumber ?? device.biosSerialNumber;
      if (os === undefined || serial === undefined || !prng.chance(0.7)) continue;
      seeder.device(tenant, { deviceName: device.systemName, serialNumber: serial, os, compliance: prng.pick(COMPLIANCE) });
    }
    if (prng.chance(0.5)) seeder.device(tenant, { deviceName: `${prng.pick(["iPhone", "Galaxy"])}-${org.id}`, serialNumber: prng.serial(11), os: prng.chance(0.5) ? "iOS" : "Android", compliance: prng.pick(COMPLIANCE) });
  }
  // Last, so the estate's other records keep their seeded values.
  const big = store.tenants.at(-1);
  if (estate.orgs.length >= LARGE_ESTATE_ORGS && big !== undefined) {
    const sku = big.skus[0]?.sku ?? prng.pick(SKU_LIST);
    if (big.skus.length === 0) seeder.subscribe(big, sku, LARGE_TENANT_USERS);
    else big.skus[0] = { sku, total: LARGE_TENANT_USERS + 100 };
    while (big.users.length < LARGE_TENANT_USERS) seeder.user(big, prng.chance(0.8) ? [sku] : [], prng.chance(0.95));
  }
}
