import type { SandboxResponse } from "../contract.js";
import { jsonResponse } from "../http-util.js";
import { definitionView, parseScopes } from "./field-definitions.js";
import { fieldValuesResponse, patchFieldValues, readFieldValues } from "./field-values.js";
import { badRequest, notFound, pathId, type ApiRoute, type RouteContext } from "./routing.js";

/** Custom field definitions and the device and organization value endpoints (reference §5). */

function listDefinitions(rc: RouteContext): SandboxResponse {
  const parsed = parseScopes(rc.req.query.get("scopes"));
  if (!parsed.ok) return badRequest(rc, parsed.error);
  const scopes = parsed.scopes;
  const defs = rc.world.fieldDefinitions.filter((d) => scopes === "all" || d.definitionScope.some((s) => scopes.has(s)));
  return jsonResponse(200, defs.map(definitionView), { route: rc.route });
}

function deviceValues(rc: RouteContext): SandboxResponse {
  const id = pathId(rc, "id");
  if (typeof id !== "number") return id;
  const device = rc.world.devices.get(id);
  if (device === undefined) return notFound(rc, "Device");
  const inherit = rc.req.query.get("withInheritance") === "true";
  return fieldValuesResponse(readFieldValues(rc.world, "device", id, inherit ? device : undefined), rc.route);
}

function patchDeviceValues(rc: RouteContext): SandboxResponse {
  const id = pathId(rc, "id");
  if (typeof id !== "number") return id;
  if (!rc.world.devices.has(id)) return notFound(rc, "Device");
  return patchFieldValues(rc.world, "device", id, rc.req, rc.ctx.now(), rc.route);
}

function orgValues(rc: RouteContext): SandboxResponse {
  const id = pathId(rc, "id");
  if (typeof id !== "number") return id;
  if (rc.world.liveOrg(id) === undefined) return notFound(rc, "Organization");
  return fieldValuesResponse(readFieldValues(rc.world, "organization", id), rc.route);
}

function patchOrgValues(rc: RouteContext): SandboxResponse {
  const id = pathId(rc, "id");
  if (typeof id !== "number") return id;
  if (rc.world.liveOrg(id) === undefined) return notFound(rc, "Organization");
  return patchFieldValues(rc.world, "organization", id, rc.req, rc.ctx.now(), rc.route);
}

export const customFieldRoutes: ApiRoute[] = [
  { method: "GET", template: "/v2/device-custom-fields", scope: "monitoring", handle: listDefinitions },
  { method: "GET", template: "/v2/device/{id}/custom-fields", scope: "monitoring", handle: deviceValues },
  { method: "PATCH", template: "/v2/device/{id}/custom-fields", scope: "management", handle: patchDeviceValues },
  { method: "GET", template: "/v2/organization/{id}/custom-fields", scope: "monitoring", handle: orgValues },
  { method: "PATCH", template: "/v2/organization/{id}/custom-fields", scope: "management", handle: patchOrgValues },
];
