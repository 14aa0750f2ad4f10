import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { SandboxResponse } from "../contract.js";
import { describeZodError, emptyResponse, jsonResponse, parseJsonBody, parseJsonBodyWith } from "../http-util.js";
import { SANDBOX_USERS, type SandboxUserRecord } from "./apps.js";
import { badRequest, notFound, pathId, type ApiRoute, type RouteContext } from "./routing.js";
import type { NinjaWorld, RoleRecord } from "./world.js";

/**
 * Users and user roles as the spec gives them: `/v2/users`, `/v2/user/technicians`,
 * `/v2/user/end-users` (list, create, delete), `/v2/organization/{id}/end-users`,
 * `/v2/user/roles` and the role membership PATCHes. The spec declares 403 "Forbidden" on every
 * one of these, so a token without the scope a route needs is answered 403 here (see index.ts),
 * not the 401 `insufficient_privileges` other routes give.
 */

/** The demo tenant's roles: one per kind of access an MSP grants, the administrator role held by one technician. */
export function seedUsers(world: NinjaWorld): void {
  for (const u of SANDBOX_USERS) world.users.set(u.id, { ...u });
  world.nextUserId = Math.max(...SANDBOX_USERS.map((u) => u.id)) + 1;
  const roles: RoleRecord[] = [
    { id: 1, name: "Administrator", type: "TECHNICIAN", description: "Full access to every organization", memberIds: [1] },
    { id: 2, name: "Helpdesk", type: "TECHNICIAN", description: "Tickets and remote access", memberIds: [] },
    { id: 3, name: "Portal users", type: "END_USER", description: "Ticketing from the end-user portal", memberIds: [3] },
  ];
  for (const role of roles) world.roles.set(role.id, role);
}

function rolesOf(world: NinjaWorld, userId: number): string[] {
  return [...world.roles.values()].filter((r) => r.memberIds.includes(userId)).map((r) => r.name);
}

/** `GET /v2/users` items: the shared brief shape; `roles` only when asked for. */
function userView(world: NinjaWorld, u: SandboxUserRecord, includeRoles: boolean): Record<string, unknown> {
  return {
    id: u.id,
    uid: u.uid,
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    enabled: u.enabled,
    administrator: u.administrator,
    mfaConfigured: u.mfaConfigured ?? false,
    userType: u.userType,
    invitationStatus: "REGISTERED",
    ...(u.organizationId === undefined ? {} : { organizationId: u.organizationId }),
    ...(includeRoles ? { roles: rolesOf(world, u.id) } : {}),
  };
}

/** What getTechnicians and getEndUsers_1 items share. */
function accountView(u: SandboxUserRecord): Record<string, unknown> {
  return {
    id: u.id,
    uid: u.uid,
    enabled: u.enabled,
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    phone: "",
    mustChangePw: false,
    mfaConfigured: u.mfaConfigured ?? false,
    scimUser: false,
    authType: "NATIVE",
    invitationStatus: "REGISTERED",
    assignedDeviceIds: [],
  };
}

/** getTechnicians: no `includeRoles` parameter in the spec, so no `roles`. */
function technicianView(u: SandboxUserRecord): Record<string, unknown> {
  return { ...accountView(u), userType: "TECHNICIAN", notifyAllClients: false, administrator: u.administrator };
}

function endUserView(u: SandboxUserRecord): Record<string, unknown> {
  return { ...accountView(u), organizationId: u.organizationId, fullPortalAccess: false, accessibleDeviceIds: [] };
}

export function roleView(world: NinjaWorld, role: RoleRecord): Record<string, unknown> {
  return {
    id: role.id,
    name: role.name,
    type: role.type,
    description: role.description,
    members: role.memberIds.map((id) => {
      const u = world.users.get(id) as SandboxUserRecord;
      return { id, email: u.email, name: `${u.firstName} ${u.lastName}`, source: "DIRECT" };
    }),
  };
}

const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
const usersOf = (world: NinjaWorld, type: SandboxUserRecord["userType"]) => [...world.users.values()].filter((u) => u.userType === type).sort(byId);

function listUsers(rc: RouteContext): SandboxResponse {
  const type = rc.req.query.get("userType");
  if (type !== null && type !== "TECHNICIAN" && type !== "END_USER") return badRequest(rc, `Invalid userType: ${type}`);
  const includeRoles = rc.req.query.get("includeRoles") === "true";
  const users = [...rc.world.users.values()].filter((u) => type === null || u.userType === type).sort(byId);
  return jsonResponse(200, users.map((u) => userView(rc.world, u, includeRoles)), { route: rc.route });
}

function listTechnicians(rc: RouteContext): SandboxResponse {
  return jsonResponse(200, usersOf(rc.world, "TECHNICIAN").map(technicianView), { route: rc.route });
}

function listEndUsers(rc: RouteContext): SandboxResponse {
  return jsonResponse(200, usersOf(rc.world, "END_USER").map(endUserView), { route: rc.route });
}

function listOrganizationEndUsers(rc: RouteContext): SandboxResponse {
  const id = pathId(rc, "id");
  if (typeof id !== "number") return id;
  if (rc.world.liveOrg(id) === undefined) return notFound(rc, `Organization ${id}`);
  const includeRoles = rc.req.query.get("includeRoles") === "true";
  const users = usersOf(rc.world, "END_USER").filter((u) => u.organizationId === id);
  return jsonResponse(200, users.map((u) => userView(rc.world, u, includeRoles)), { route: rc.route });
}

function listRoles(rc: RouteContext): SandboxResponse {
  const type = rc.req.query.get("roleType");
  if (type !== null && type !== "TECHNICIAN" && type !== "END_USER") return badRequest(rc, `Invalid roleType: ${type}`);
  const roles = [...rc.world.roles.values()].filter((r) => type === null || r.type === type).sort(byId);
  return jsonResponse(200, roles.map((r) => roleView(rc.world, r)), { route: rc.route });
}

const MemberIds = z.array(z.number().int().positive().max(2147483647)).min(1, "at least one user id is required");

/**
 * add-members / remove-members. The spec says only "Several possible validation errors" and
 * "Role or members not found"; the strict reading taken here: the whole change is refused when
 * any id is unknown, of the other user type, already a member (add) or not one (remove); the
 * last two are passed over with the `roleMembershipNoOps` option.
 */
function changeMembers(rc: RouteContext, adding: boolean): SandboxResponse {
  const roleId = pathId(rc, "roleId");
  if (typeof roleId !== "number") return roleId;
  const role = rc.world.roles.get(roleId);
  if (role === undefined) return notFound(rc, `Role ${roleId}`);
  const body = parseJsonBody(rc.req);
  if (!body.ok) return badRequest(rc, body.error);
  const parsed = MemberIds.safeParse(body.value);
  if (!parsed.success) return badRequest(rc, `Request body must be a list of user ids: ${describeZodError(parsed.error)}`);
  const ids = parsed.data;
  if (new Set(ids).size !== ids.length) return badRequest(rc, "Request body must not repeat a user id");
  for (const id of ids) {
    const user = rc.world.users.get(id);
    if (user === undefined) return notFound(rc, `User ${id}`);
    if (user.userType !== role.type) return badRequest(rc, `User ${id} is ${user.userType}, role ${roleId} is for ${role.type}`);
    const member = role.memberIds.includes(id);
    if (rc.options.roleMembershipNoOps === "ignored") continue;
    if (adding && member) return badRequest(rc, `User ${id} is already a member of role ${roleId}`);
    if (!adding && !member) return badRequest(rc, `User ${id} is not a member of role ${roleId}`);
  }
  role.memberIds = adding ? [...new Set([...role.memberIds, ...ids])].sort((a, b) => a - b) : role.memberIds.filter((id) => !ids.includes(id));
  return jsonResponse(200, roleView(rc.world, role), { route: rc.route });
}

const NewEndUser = z.object({
  firstName: z.string().trim().min(1, "firstName should be between 1 and 150 characters").max(150, "firstName should be between 1 and 150 characters"),
  lastName: z.string().trim().min(1, "lastName should be between 1 and 150 characters").max(150, "lastName should be between 1 and 150 characters"),
  // The spec marks nothing required; an account without an e-mail cannot sign in, so the least kind reading refuses it.
  email: z.string().trim().regex(/^[^@\s]+@[^@\s]+$/, "email is not a valid e-mail address"),
  phone: z.string().optional(),
  organizationId: z.number().int().positive(),
  fullPortalAccess: z.boolean().optional(),
});

function createEndUser(rc: RouteContext): SandboxResponse {
  const sendInvitation = rc.req.query.get("sendInvitation");
  if (sendInvitation !== null && sendInvitation !== "true" && sendInvitation !== "false") return badRequest(rc, `Invalid sendInvitation: ${sendInvitation}`);
  const body = parseJsonBodyWith(rc.req, NewEndUser);
  if (!body.ok) return badRequest(rc, body.error);
  const input = body.value;
  if (rc.world.liveOrg(input.organizationId) === undefined) return badRequest(rc, `Organization ${input.organizationId} not found`);
  const email = input.email.toLowerCase();
  if ([...rc.world.users.values()].some((u) => u.email.toLowerCase() === email)) return badRequest(rc, `A user with e-mail ${input.email} already exists`);
  const user: SandboxUserRecord = {
    id: rc.world.nextUserId++,
    uid: randomUUID(),
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    userType: "END_USER",
    enabled: true,
    administrator: false,
    organizationId: input.organizationId,
  };
  rc.world.users.set(user.id, user);
  return jsonResponse(200, endUserView(user), { route: rc.route });
}

function deleteEndUser(rc: RouteContext): SandboxResponse {
  const id = pathId(rc, "id");
  if (typeof id !== "number") return id;
  const user = rc.world.users.get(id);
  if (user === undefined) return notFound(rc, `User ${id}`);
  if (user.userType !== "END_USER") return badRequest(rc, `User ${id} is not an end user`);
  rc.world.users.delete(id);
  for (const role of rc.world.roles.values()) role.memberIds = role.memberIds.filter((m) => m !== id);
  return emptyResponse(204, { route: rc.route });
}

/** What an administrator does in the UI: changes a role's members without the API's checks. */
export function setRoleMembers(world: NinjaWorld, roleId: number, change: { add?: number[]; remove?: number[] }): RoleRecord | string {
  const role = world.roles.get(roleId);
  if (role === undefined) return `no role ${roleId}`;
  const unknown = [...(change.add ?? []), ...(change.remove ?? [])].find((id) => !world.users.has(id));
  if (unknown !== undefined) return `no user ${unknown}`;
  const next = new Set(role.memberIds);
  for (const id of change.add ?? []) next.add(id);
  for (const id of change.remove ?? []) next.delete(id);
  role.memberIds = [...next].sort((a, b) => a - b);
  return role;
}

const forbiddenWithoutScope = { scopeRefusal: "forbidden" } as const;

/** The device roles the seeds give devices (servers 2, every other device 1); role custom fields name the roles that carry them. */
export const DEVICE_ROLES = [
  { id: 1, name: "Windows Desktop", description: "", nodeClass: "WINDOWS_WORKSTATION", custom: false, chassisType: "DESKTOP", created: 1704067200, nodeRoleParentId: null, icon: "fa-desktop" },
  { id: 2, name: "Windows Server", description: "", nodeClass: "WINDOWS_SERVER", custom: false, chassisType: "UNKNOWN", created: 1704067200, nodeRoleParentId: null, icon: "fa-server" },
] as const;

/** `GET /v2/roles` (getNodeRoles_1): a bare array of device roles. Which custom fields a role has, no documented route says. */
function listDeviceRoles(rc: RouteContext) {
  return jsonResponse(200, DEVICE_ROLES.map((r) => ({ ...r })), { route: rc.route });
}

export const userRoutes: ApiRoute[] = [
  { method: "GET", template: "/v2/users", scope: "monitoring", handle: listUsers },
  { method: "GET", template: "/v2/roles", scope: "monitoring", handle: listDeviceRoles },
  { method: "GET", template: "/v2/user/technicians", scope: "monitoring", ...forbiddenWithoutScope, handle: listTechnicians },
  { method: "GET", template: "/v2/user/end-users", scope: "monitoring", ...forbiddenWithoutScope, handle: listEndUsers },
  { method: "POST", template: "/v2/user/end-users", scope: "management", ...forbiddenWithoutScope, handle: createEndUser },
  { method: "DELETE", template: "/v2/user/end-user/{id}", scope: "management", ...forbiddenWithoutScope, handle: deleteEndUser },
  { method: "GET", template: "/v2/organization/{id}/end-users", scope: "monitoring", handle: listOrganizationEndUsers },
  { method: "GET", template: "/v2/user/roles", scope: "monitoring", ...forbiddenWithoutScope, handle: listRoles },
  { method: "PATCH", template: "/v2/user/role/{roleId}/add-members", scope: "management", ...forbiddenWithoutScope, handle: (rc) => changeMembers(rc, true) },
  { method: "PATCH", template: "/v2/user/role/{roleId}/remove-members", scope: "management", ...forbiddenWithoutScope, handle: (rc) => changeMembers(rc, false) },
];
