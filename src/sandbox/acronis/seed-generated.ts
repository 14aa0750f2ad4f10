import type { SeedDevice, SeedEstate } from "../contract.js";
import { ALERT_TYPES } from "./catalogue.js";
import type { Tenant, Workload } from "./model.js";
import type { AcronisSeeder, ProtectionState } from "./seed-builder.js";
import { devicesByOrg } from "../seed/devices-by-org.js";

const STATES: readonly ProtectionState[] = ["ok", "ok", "ok", "ok", "ok", "warning", "failed", "not_protected", "no_plan", "running"];
const UNMATCHED_WORDS = ["Harbor", "Summit", "Granite", "Beacon", "Cedar", "Meridian", "Atlas", "Juniper"];

/** Network devices and hypervisor hosts carry no backup agent. */
function protectable(device: SeedDevice): boolean {
  return !device.nodeClass.startsWith("NMS_") && device.nodeClass !== "VMWARE_VM_HOST";
}

/** A name that automap can still match after normalising (case, punctuation, legal suffix). */
function variantName(name: string, pick: number): string {
  if (pick === 0) return name.toUpperCase();
  if (pick === 1) return `${name.replace(/[.,]/g, "")} LLC`;
  return `${name.replace(/[.,]/g, "")}, Inc.`;
}

/**
 * The Acronis side of a generated estate: most NinjaOne organizations get a customer tenant
 * (same name, a normalised variant, or now and then an unrelated name), a share of their
 * devices become workloads, and `alerts` alerts are spread over the workloads; a few customers
 * keep one machine in a unit.
 */
export function seedGenerated(seeder: AcronisSeeder, estate: SeedEstate, partner: Tenant, alertCount: number): void {
  const { prng, store } = seeder;
  const byOrg = devicesByOrg(estate);

  const withWorkloads: { tenant: Tenant; workloads: Workload[] }[] = [];
  for (const org of estate.orgs) {
    if (!prng.chance(0.85)) continue;
    const roll = prng.next();
    let name = roll < 0.7 ? org.name : roll < 0.92 ? variantName(org.name, prng.int(0, 2)) : `${prng.pick(UNMATCHED_WORDS)} ${prng.pick(UNMATCHED_WORDS)} ${org.id}`;
    if (store.tenantNamed(name) !== undefined) name = `${name} (${org.id})`;
    const tenant = seeder.tenant(partner, name, "customer", prng.chance(0.8) ? "production" : "trial");
    if (prng.chance(0.3)) tenant.internalTag = `ninja-org:${org.id}`;
    const workloads: Workload[] = [];
    for (const device of byOrg.get(org.id) ?? []) {
      if (protectable(device) && prng.chance(0.7)) workloads.push(seeder.workloadForDevice(tenant, device, prng.pick(STATES)));
    }
    if (workloads.length > 0) withWorkloads.push({ tenant, workloads });
  }

  if (withWorkloads.length === 0) return;
  for (let i = 0; i < alertCount; i++) {
    const { tenant, workloads } = prng.pick(withWorkloads);
    const type = prng.pick(ALERT_TYPES);
    const workload = type.id === "StorageQuotaExceeded" ? undefined : prng.pick(workloads);
    seeder.alert(tenant, type.id, workload, prng.int(1, 240), prng.chance(0.1));
  }
  // After everything else, so the rest of the estate keeps its seeded ids: every tenth customer
  // with two or more workloads keeps its first in a unit, the rest (and its alerts) in itself.
  withWorkloads.forEach(({ tenant, workloads }, i) => {
    const [first] = workloads;
    if (i % 10 === 5 && workloads.length >= 2 && first !== undefined) seeder.unitWith(tenant, `${tenant.name} Branch`, [first]);
  });
}
