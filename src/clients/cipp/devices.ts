import { ApiError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import { collect, mapConcurrent } from "../async-lists.js";
import { type ManagedDeviceBody, cippListOf, managedDeviceSchema } from "./schemas.js";

/** An Intune managed device of one tenant, as CIPP returns it from Graph. */
export interface IntuneDevice {
  id: string;
  deviceName: string;
  serialNumber: string | null;
  /** compliant, noncompliant, inGracePeriod, unknown, configManager, error; kept open. */
  complianceState: string | null;
  azureADDeviceId: string | null;
  operatingSystem: string | null;
  osVersion: string | null;
  manufacturer: string | null;
  model: string | null;
  userPrincipalName: string | null;
  lastSyncAt: Date | null;
}

export interface ListIntuneDevicesOfTenantsOptions {
  /** Tenants read at the same time; default 4. */
  concurrency?: number;
}

/**
 * One tenant's devices, or why CIPP could not read them. CIPP reports a tenant's Graph failure
 * (no Intune licence, consent missing, tenant unknown) as a 403 for that tenant alone; a 500
 * after the retries costs that tenant too. Either is kept as a result and the other tenants
 * are still read.
 */
export type TenantIntuneDevices = { tenantId: string; devices: IntuneDevice[] } | { tenantId: string; error: ApiError };

const PATH = "/api/ListDevices";
const DEFAULT_CONCURRENCY = 4;
const listSchema = cippListOf(managedDeviceSchema);

function toDevice(body: ManagedDeviceBody): IntuneDevice {
  const synced = Date.parse(body.lastSyncDateTime ?? "");
  return {
    id: body.id,
    deviceName: body.deviceName,
    serialNumber: body.serialNumber ?? null,
    complianceState: body.complianceState ?? null,
    azureADDeviceId: body.azureADDeviceId ?? null,
    operatingSystem: body.operatingSystem ?? null,
    osVersion: body.osVersion ?? null,
    manufacturer: body.manufacturer ?? null,
    model: body.model ?? null,
    userPrincipalName: body.userPrincipalName ?? null,
    lastSyncAt: Number.isNaN(synced) ? null : new Date(synced),
  };
}

/** A tenant's Intune managed devices; CIPP pages Graph itself, so this is one request. */
export async function* listIntuneDevices(http: HttpClient, tenantId: string): AsyncGenerator<IntuneDevice> {
  const devices = await http.request({ method: "GET", path: PATH, query: { tenantFilter: tenantId }, schema: listSchema });
  for (const body of devices) yield toDevice(body);
}

/**
 * The Intune devices of many tenants, a few at a time, yielded per tenant in the order given.
 * A tenant whose read fails with an API error is yielded with it; anything else (a bug) ends the listing.
 */
export function listIntuneDevicesOfTenants(
  http: HttpClient,
  tenantIds: Iterable<string>,
  options: ListIntuneDevicesOfTenantsOptions = {},
): AsyncGenerator<TenantIntuneDevices> {
  return mapConcurrent(tenantIds, options.concurrency ?? DEFAULT_CONCURRENCY, async (tenantId): Promise<TenantIntuneDevices> => {
    try {
      return { tenantId, devices: await collect(listIntuneDevices(http, tenantId)) };
    } catch (error) {
      if (error instanceof ApiError) return { tenantId, error };
      throw error;
    }
  });
}
