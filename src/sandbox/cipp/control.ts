import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { z } from "zod";
import { jsonResponse, matchPath, parseJsonBody, parseJsonBodyWith } from "../http-util.js";
import { cippDeviceControl } from "./device-control.js";
import { cippUserControl } from "./user-control.js";
import { COMPLIANCE_STATES, type ComplianceState } from "./model.js";
import type { CippSeeder, IntuneOs } from "./seed-builder.js";

const COMPLIANCE: ReadonlySet<string> = new Set(COMPLIANCE_STATES);
const OSES: ReadonlySet<string> = new Set(["Windows", "macOS", "iOS", "Android"]);

function jsonObject(req: SandboxRequest): Record<string, unknown> | undefined {
  const parsed = parseJsonBody(req);
  return parsed.ok && typeof parsed.value === "object" && parsed.value !== null && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : undefined;
}

const PagingChange = z.strictObject({
  maxPageSize: z.number().int().min(1).max(999).optional(),
  unpagedUserLimit: z.number().int().min(0).optional(),
});

const bad = (error: string) => jsonResponse(400, { error });

/**
 * Loopback control routes under `/control/cipp`: list tenants with their counts, enrol,
 * rename or retire an Intune device, and make ListTenants or one tenant's Graph calls fail the way CIPP reports it.
 */
export function cippControl(seeder: CippSeeder, req: SandboxRequest): SandboxResponse | undefined {
  const { store } = seeder;
  if (req.method === "GET" && req.path === "/tenants") {
    return jsonResponse(200, store.tenants.map((t) => ({ customerId: t.customerId, displayName: t.displayName, defaultDomainName: t.defaultDomainName, initialDomainName: t.initialDomainName, devices: t.devices.length, users: t.users.length, graphError: t.graphError })));
  }
  if (req.method === "PUT" && req.path === "/faults") {
    const body = jsonObject(req);
    if (body === undefined || typeof body["listTenantsFails"] !== "boolean") return bad("body must be {\"listTenantsFails\": boolean}");
    store.listTenantsFails = body["listTenantsFails"];
    return jsonResponse(200, { listTenantsFails: store.listTenantsFails });
  }
  if (req.method === "PUT" && req.path === "/paging") {
    const parsed = parseJsonBodyWith(req, PagingChange);
    if (!parsed.ok) return bad(parsed.error);
    Object.assign(store.paging, parsed.value);
    return jsonResponse(200, store.paging);
  }
  const changed = cippDeviceControl(store, req);
  if (changed !== undefined) return changed;
  const user = cippUserControl(store, req);
  if (user !== undefined) return user;
  const deviceRoute = req.method === "POST" ? matchPath("/tenants/{id}/devices", req.path) : undefined;
  if (deviceRoute !== undefined) {
    const tenant = store.find(deviceRoute["id"] ?? "");
    if (tenant === undefined) return jsonResponse(404, { error: `no tenant ${deviceRoute["id"] ?? ""}` });
    const body = jsonObject(req);
    if (body === undefined) return bad("body must be a JSON object");
    const { deviceName, serialNumber } = body;
    const compliance = body["complianceState"] ?? "compliant";
    const os = body["operatingSystem"] ?? "Windows";
    if (typeof deviceName !== "string" || deviceName === "" || typeof serialNumber !== "string") return bad("deviceName and serialNumber are required strings");
    if (typeof compliance !== "string" || !COMPLIANCE.has(compliance)) return bad(`complianceState must be one of ${[...COMPLIANCE].join(", ")}`);
    if (typeof os !== "string" || !OSES.has(os)) return bad(`operatingSystem must be one of ${[...OSES].join(", ")}`);
    return jsonResponse(201, seeder.device(tenant, { deviceName, serialNumber, os: os as IntuneOs, compliance: compliance as ComplianceState }));
  }
  const errorRoute = req.method === "PUT" ? matchPath("/tenants/{id}/graph-error", req.path) : undefined;
  if (errorRoute !== undefined) {
    const tenant = store.find(errorRoute["id"] ?? "");
    if (tenant === undefined) return jsonResponse(404, { error: `no tenant ${errorRoute["id"] ?? ""}` });
    const body = jsonObject(req);
    const message = body?.["message"];
    if (message !== null && typeof message !== "string") return bad("body must be {\"message\": string | null}");
    tenant.graphError = message;
    return jsonResponse(200, { customerId: tenant.customerId, graphError: tenant.graphError });
  }
  return undefined;
}
