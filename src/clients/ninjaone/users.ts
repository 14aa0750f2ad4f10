import { z } from "zod";
import type { HttpClient } from "../../http/index.js";

/** A NinjaOne user as `GET /v2/users` (getUsers) lists it: technicians and end users. */
export interface NinjaUser {
  id: number;
  uid: string;
  email: string;
  name: string;
  userType: string;
  enabled: boolean;
}

const int = z.number().int();
const optionalText = z.string().nullish();

const userSchema = z.object({
  id: int,
  uid: z.string(),
  email: optionalText,
  firstName: optionalText,
  lastName: optionalText,
  userType: optionalText,
  enabled: z.boolean().nullish(),
});

function fullName(u: { firstName?: string | null | undefined; lastName?: string | null | undefined }): string {
  return [u.firstName, u.lastName].filter((p) => p != null && p !== "").join(" ");
}

/** Every user of the tenant (not paged in the spec), optionally of one type. */
export async function listUsers(http: HttpClient, userType?: "TECHNICIAN" | "END_USER"): Promise<NinjaUser[]> {
  const list = await http.request({ method: "GET", path: "/v2/users", ...(userType === undefined ? {} : { query: { userType } }), schema: z.array(userSchema) });
  return list.map((u) => ({
    id: u.id,
    uid: u.uid,
    email: u.email ?? "",
    name: fullName(u),
    userType: u.userType ?? "",
    enabled: u.enabled ?? true,
  }));
}

export type AccountType = "TECHNICIAN" | "END_USER";

/**
 * A technician or end user as `/v2/user/technicians` and `/v2/user/end-users` give them. What
 * the payload leaves out stays undefined (never a guessed `true`): every key is optional in the
 * spec, and a review must not read "MFA on" or "enabled" into a missing field.
 */
export interface NinjaAccount {
  id: number;
  uid: string;
  type: AccountType;
  email: string;
  firstName: string;
  lastName: string;
  enabled?: boolean;
  mfaConfigured?: boolean;
  /** Technicians: a System Administrator (not a role: NinjaOne's account type). */
  administrator?: boolean;
  /** End users: their organization. */
  organizationId?: number;
  invitationStatus?: string;
}

/** The keys of the spec's technician and end-user objects (getTechnicians, getEndUsers_1); unknown keys pass. */
const accountSchema = z.object({
  id: int,
  uid: z.string(),
  email: optionalText,
  firstName: optionalText,
  lastName: optionalText,
  enabled: z.boolean().nullish(),
  mfaConfigured: z.boolean().nullish(),
  administrator: z.boolean().nullish(),
  organizationId: int.nullish(),
  invitationStatus: optionalText,
});

function accountOf(type: AccountType, u: z.infer<typeof accountSchema>): NinjaAccount {
  return {
    id: u.id,
    uid: u.uid,
    type,
    email: u.email ?? "",
    firstName: u.firstName ?? "",
    lastName: u.lastName ?? "",
    ...(u.enabled == null ? {} : { enabled: u.enabled }),
    ...(u.mfaConfigured == null ? {} : { mfaConfigured: u.mfaConfigured }),
    ...(u.administrator == null ? {} : { administrator: u.administrator }),
    ...(u.organizationId == null ? {} : { organizationId: u.organizationId }),
    ...(u.invitationStatus == null ? {} : { invitationStatus: u.invitationStatus }),
  };
}

/** `GET /v2/user/technicians` (getTechnicians): every technician, not paged. */
export async function listTechnicians(http: HttpClient): Promise<NinjaAccount[]> {
  const list = await http.request({ method: "GET", path: "/v2/user/technicians", schema: z.array(accountSchema) });
  return list.map((u) => accountOf("TECHNICIAN", u));
}

/** `GET /v2/user/end-users` (getEndUsers_1): every end user of every organization, not paged. */
export async function listEndUsers(http: HttpClient): Promise<NinjaAccount[]> {
  const list = await http.request({ method: "GET", path: "/v2/user/end-users", schema: z.array(accountSchema) });
  return list.map((u) => accountOf("END_USER", u));
}

/** `GET /v2/organization/{id}/end-users` (getEndUsers): one organization's end users. */
export async function listOrganizationEndUsers(http: HttpClient, organizationId: number): Promise<NinjaAccount[]> {
  const list = await http.request({ method: "GET", path: `/v2/organization/${encodeURIComponent(String(organizationId))}/end-users`, schema: z.array(accountSchema) });
  // The spec calls the field "Identifier of organization for end-users"; the path says it when the payload does not.
  return list.map((u) => accountOf("END_USER", { ...u, organizationId: u.organizationId ?? organizationId }));
}

export interface NinjaRoleMember {
  id: number;
  email: string;
  name: string;
}

/** A user role (technician or end-user permissions template) with its members. */
export interface NinjaRole {
  id: number;
  name: string;
  /** TECHNICIAN or END_USER as the roleType filter names them; a free string in the response schema. */
  type: string;
  description: string;
  members: NinjaRoleMember[];
}

const roleSchema = z.object({
  id: int,
  name: z.string(),
  type: optionalText,
  description: optionalText,
  members: z.array(z.object({ id: int, email: optionalText, name: optionalText, source: optionalText })).nullish(),
});

function roleOf(r: z.infer<typeof roleSchema>): NinjaRole {
  return {
    id: r.id,
    name: r.name,
    type: r.type ?? "",
    description: r.description ?? "",
    members: (r.members ?? []).map((m) => ({ id: m.id, email: m.email ?? "", name: m.name ?? "" })),
  };
}

/** `GET /v2/user/roles` (getUserRoles): every user role with its members, not paged. */
export async function listUserRoles(http: HttpClient, roleType?: AccountType): Promise<NinjaRole[]> {
  const list = await http.request({ method: "GET", path: "/v2/user/roles", ...(roleType === undefined ? {} : { query: { roleType } }), schema: z.array(roleSchema) });
  return list.map(roleOf);
}

function rolePath(roleId: number, verb: "add-members" | "remove-members"): string {
  return `/v2/user/role/${encodeURIComponent(String(roleId))}/${verb}`;
}

/** `PATCH /v2/user/role/{roleId}/add-members` (addUserRoleMembers): the body is a bare array of user ids. */
export async function addRoleMembers(http: HttpClient, roleId: number, userIds: readonly number[]): Promise<NinjaRole> {
  return roleOf(await http.request({ method: "PATCH", path: rolePath(roleId, "add-members"), json: [...userIds], schema: roleSchema }));
}

/** `PATCH /v2/user/role/{roleId}/remove-members` (removeUserRoleMembers). */
export async function removeRoleMembers(http: HttpClient, roleId: number, userIds: readonly number[]): Promise<NinjaRole> {
  return roleOf(await http.request({ method: "PATCH", path: rolePath(roleId, "remove-members"), json: [...userIds], schema: roleSchema }));
}

/** The spec's create-end-user payload: names 1–150 characters. */
export interface NewEndUser {
  firstName: string;
  lastName: string;
  email: string;
  organizationId: number;
  phone?: string;
  fullPortalAccess?: boolean;
}

/**
 * `POST /v2/user/end-users` (createEndUser), never sending an invitation: a person decides
 * when one goes out. Not retried blindly (a create that landed would duplicate the user):
 * callers re-read the end users by e-mail first.
 */
export async function createEndUser(http: HttpClient, user: NewEndUser): Promise<NinjaAccount> {
  const created = await http.request({ method: "POST", path: "/v2/user/end-users", query: { sendInvitation: false }, json: user, schema: accountSchema });
  return accountOf("END_USER", created);
}

/** `DELETE /v2/user/end-user/{id}` (deleteEndUser): 204. */
export async function deleteEndUser(http: HttpClient, id: number): Promise<void> {
  await http.request({ method: "DELETE", path: `/v2/user/end-user/${encodeURIComponent(String(id))}` });
}
