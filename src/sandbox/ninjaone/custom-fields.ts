import { z } from "zod";
import type { SandboxResponse } from "../contract.js";
import { jsonResponse, parseJsonBodyWith } from "../http-util.js";
import { appError } from "./errors.js";
import { definitionView, FIELD_TYPES, parseScopes } from "./field-definitions.js";
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
  const device = rc.world.devices.get(id);
  if (device === undefined) return notFound(rc, "Device");
  return patchFieldValues(rc.world, "device", id, rc.req, rc.ctx.now(), rc.route, rc.options, device.nodeRoleId);
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
  return patchFieldValues(rc.world, "organization", id, rc.req, rc.ctx.now(), rc.route, rc.options);
}

const PERMISSION = z.enum(["NONE", "READ_ONLY", "WRITE_ONLY", "READ_WRITE"]);

/**
 * The body of createNodeAttribute as the spec gives it. The spec requires only `label` and
 * `fieldName`; what NinjaOne does without a type or a scope is not documented, so the least
 * kind reading refuses both, and any key the spec does not list.
 */
const NewFieldSchema = z.strictObject({
  label: z.string().trim().min(1, "must not be empty"),
  fieldName: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, "must be letters and digits, starting with a letter"),
  description: z.string().optional(),
  type: z.enum(FIELD_TYPES),
  technicianPermission: z.enum(["NONE", "EDITABLE", "READ_ONLY"]).optional(),
  scriptPermission: PERMISSION.optional(),
  apiPermission: PERMISSION.optional(),
  defaultValue: z.string().optional(),
  content: z.object({}).passthrough().optional(),
  scope: z.enum(["NODE_GLOBAL", "NODE_ROLE", "NODE_CLASS"]).optional(),
  definitionScope: z.array(z.enum(["NODE", "END_USER", "LOCATION", "ORGANIZATION"])).min(1, "must name at least one scope").refine((s) => new Set(s).size === s.length, "must not repeat a scope"),
  groupId: z.number().int().optional(),
  addToDefaultTab: z.boolean().optional(),
});

/** `POST /v2/custom-fields`: a new definition, 200 with it as a read shows it; a name or label in use is refused (the answer is UNVERIFIED: a 400 FAILURE). */
function createDefinition(rc: RouteContext): SandboxResponse {
  const parsed = parseJsonBodyWith(rc.req, NewFieldSchema);
  if (!parsed.ok) return { ...appError(400, parsed.error), route: rc.route };
  const body = parsed.value;
  const taken = rc.world.fieldDefinitions.find((d) => d.name.toLowerCase() === body.fieldName.toLowerCase() || d.label.toLowerCase() === body.label.toLowerCase());
  if (taken !== undefined) return { ...appError(400, `ATTRIBUTE_ALREADY_EXISTS: '${taken.name}'`), route: rc.route };
  const now = rc.ctx.now() / 1000;
  const scope = body.scope === "NODE_ROLE" ? "NODE_ROLE" : "NODE_GLOBAL";
  const apiPermission = body.apiPermission ?? "NONE";
  const def = {
    name: body.fieldName,
    label: body.label,
    description: body.description ?? "",
    type: body.type,
    definitionScope: body.definitionScope,
    scope,
    apiPermission,
    scriptPermission: body.scriptPermission ?? "NONE",
    technicianPermission: body.technicianPermission ?? "EDITABLE",
    options: [],
    required: false,
    createTime: now,
    updateTime: now,
  } as const;
  rc.world.fieldDefinitions.push({ ...def, definitionScope: [...def.definitionScope], options: [] });
  return jsonResponse(200, definitionView({ ...def, definitionScope: [...def.definitionScope], options: [] }), { route: rc.route });
}

export const customFieldRoutes: ApiRoute[] = [
  { method: "POST", template: "/v2/custom-fields", scope: "management", handle: createDefinition },
  { method: "GET", template: "/v2/device-custom-fields", scope: "monitoring", handle: listDefinitions },
  { method: "GET", template: "/v2/device/{id}/custom-fields", scope: "monitoring", handle: deviceValues },
  { method: "PATCH", template: "/v2/device/{id}/custom-fields", scope: "management", handle: patchDeviceValues },
  { method: "GET", template: "/v2/organization/{id}/custom-fields", scope: "monitoring", handle: orgValues },
  { method: "PATCH", template: "/v2/organization/{id}/custom-fields", scope: "management", handle: patchOrgValues },
];
