import { jsonResponse } from "../http-util.js";
import { SANDBOX_USERS } from "./apps.js";
import { badRequest, type ApiRoute, type RouteContext } from "./routing.js";

/** `GET /v2/users` (getUsers): a bare array of technicians and end users, `userType` filters. */
function listUsers(rc: RouteContext) {
  const type = rc.req.query.get("userType");
  if (type !== null && type !== "TECHNICIAN" && type !== "END_USER") return badRequest(rc, `Invalid userType: ${type}`);
  const users = SANDBOX_USERS.filter((u) => type === null || u.userType === type).map((u) => ({ ...u }));
  return jsonResponse(200, users, { route: rc.route });
}

/** The device roles the seeds give devices (servers 2, every other device 1); role custom fields name the roles that carry them. */
export const DEVICE_ROLES = [
  { id: 1, name: "Windows Desktop", description: "", nodeClass: "WINDOWS_WORKSTATION", custom: false, chassisType: "DESKTOP", created: 1704067200, nodeRoleParentId: null, icon: "fa-desktop" },
  { id: 2, name: "Windows Server", description: "", nodeClass: "WINDOWS_SERVER", custom: false, chassisType: "UNKNOWN", created: 1704067200, nodeRoleParentId: null, icon: "fa-server" },
] as const;

/** `GET /v2/roles` (getNodeRoles_1): a bare array of device roles. Which custom fields a role has, no documented route says. */
function listRoles(rc: RouteContext) {
  return jsonResponse(200, DEVICE_ROLES.map((r) => ({ ...r })), { route: rc.route });
}

export const userRoutes: ApiRoute[] = [
  { method: "GET", template: "/v2/users", scope: "monitoring", handle: listUsers },
  { method: "GET", template: "/v2/roles", scope: "monitoring", handle: listRoles },
];
