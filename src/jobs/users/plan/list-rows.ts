import type { NinjaAccount, NinjaRole } from "../../../clients/ninjaone/users.js";
import type { AccessSnapshot } from "./access-file.js";

/**
 * `users list` as an identity-governance import reads it: accounts (one row each) and
 * entitlements (one row per account and role). What NinjaOne does not say stays null, so a
 * review never reads "MFA on" or "enabled" into a missing field.
 */
export interface AccountRow {
  id: number;
  uid: string;
  type: "technician" | "end-user";
  name: string;
  email: string;
  organizationId: number | null;
  organization: string | null;
  enabled: boolean | null;
  mfaConfigured: boolean | null;
  administrator: boolean | null;
  roles: string[];
}

export interface EntitlementRow {
  accountId: number;
  email: string;
  type: "technician" | "end-user";
  roleId: number;
  role: string;
}

export interface ListFilters {
  type?: "technician" | "end-user";
  /** Only end users of this organization (technicians belong to none). */
  orgId?: number;
  /** Role id or name (case-insensitive). */
  role?: string;
}

const typeOf = (a: NinjaAccount): AccountRow["type"] => (a.type === "TECHNICIAN" ? "technician" : "end-user");

function roleMatches(role: NinjaRole, wanted: string): boolean {
  return String(role.id) === wanted.trim() || role.name.toLowerCase() === wanted.trim().toLowerCase();
}

export function listRows(snapshot: AccessSnapshot, orgNames: ReadonlyMap<number, string>, filters: ListFilters): { accounts: AccountRow[]; entitlements: EntitlementRow[] } {
  const rolesOf = new Map<number, NinjaRole[]>();
  for (const role of [...snapshot.roles].sort((a, b) => a.id - b.id)) for (const m of role.members) rolesOf.set(m.id, [...(rolesOf.get(m.id) ?? []), role]);
  const accounts = [...snapshot.technicians, ...snapshot.endUsers]
    .filter((a) => filters.type === undefined || typeOf(a) === filters.type)
    .filter((a) => filters.orgId === undefined || a.organizationId === filters.orgId)
    .filter((a) => filters.role === undefined || (rolesOf.get(a.id) ?? []).some((r) => roleMatches(r, filters.role as string)))
    .sort((a, b) => a.id - b.id);
  return {
    accounts: accounts.map((a) => ({
      id: a.id,
      uid: a.uid,
      type: typeOf(a),
      name: [a.firstName, a.lastName].filter((p) => p !== "").join(" "),
      email: a.email,
      organizationId: a.organizationId ?? null,
      organization: a.organizationId === undefined ? null : (orgNames.get(a.organizationId) ?? null),
      enabled: a.enabled ?? null,
      mfaConfigured: a.mfaConfigured ?? null,
      administrator: a.administrator ?? null,
      roles: (rolesOf.get(a.id) ?? []).map((r) => r.name),
    })),
    entitlements: accounts.flatMap((a) =>
      (rolesOf.get(a.id) ?? []).filter((r) => filters.role === undefined || roleMatches(r, filters.role)).map((r) => ({ accountId: a.id, email: a.email, type: typeOf(a), roleId: r.id, role: r.name })),
    ),
  };
}
