import type { NinjaAccount, NinjaRole } from "../../../clients/ninjaone/users.js";
import type { WantedAccess } from "../../../state/index.js";
import type { AccessFile, AccessSnapshot } from "./access-file.js";

/** An access file's names checked against the instance: the wanted access by id, or every name that is wrong. */
export type ResolvedAccess = { ok: true; wanted: WantedAccess } | { ok: false; problems: string[] };

const lower = (s: string) => s.trim().toLowerCase();

export function accountLabel(a: Pick<NinjaAccount, "id" | "email" | "firstName" | "lastName">): string {
  const name = [a.firstName, a.lastName].filter((p) => p !== "").join(" ");
  return `${name === "" ? a.email : `${name} <${a.email}>`} (${a.id})`;
}

export function roleLabel(r: Pick<NinjaRole, "id" | "name">): string {
  return `${r.name} (${r.id})`;
}

/**
 * Every role, member and end user of the file resolved to what exists: a role by id (its name
 * must agree) or by name; a member by id (its e-mail must agree) or by e-mail; end users by id.
 * An end user without an id is one to create unless an end user has its e-mail. Nothing is guessed:
 * each name that does not resolve is one problem, and all of them are reported together.
 */
export function resolveAccess(file: AccessFile, snapshot: AccessSnapshot): ResolvedAccess {
  const problems: string[] = [];
  const accounts = [...snapshot.technicians, ...snapshot.endUsers];
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const roles: WantedAccess["roles"] = [];
  for (const entry of file.roles) {
    const role = entry.id !== undefined ? snapshot.roles.find((r) => r.id === entry.id) : snapshot.roles.find((r) => lower(r.name) === lower(entry.name));
    if (role === undefined) {
      problems.push(entry.id !== undefined ? `role ${entry.id} ("${entry.name}") does not exist in NinjaOne` : `no NinjaOne role is named "${entry.name}"`);
      continue;
    }
    if (lower(role.name) !== lower(entry.name)) problems.push(`role ${role.id} is named "${role.name}" in NinjaOne, the file says "${entry.name}"`);
    if (entry.type !== undefined && role.type !== "" && entry.type !== role.type) problems.push(`role ${roleLabel(role)} is a ${role.type} role, the file says ${entry.type}`);
    const memberIds: number[] = [];
    for (const m of entry.members) {
      const found = m.id !== undefined ? byId.get(m.id) : accounts.filter((a) => lower(a.email) === lower(m.email ?? ""));
      const account = Array.isArray(found) ? (found.length === 1 ? found[0] : undefined) : found;
      const who = m.id !== undefined ? `user ${m.id}` : `"${m.email}"`;
      if (account === undefined) {
        problems.push(`role ${roleLabel(role)}: ${Array.isArray(found) && found.length > 1 ? `${who} names ${found.length} NinjaOne users` : `${who} is not a NinjaOne user`}`);
        continue;
      }
      if (m.id !== undefined && m.email !== undefined && lower(m.email) !== lower(account.email)) problems.push(`role ${roleLabel(role)}: user ${account.id} has e-mail ${account.email} in NinjaOne, the file says ${m.email}`);
      if (role.type !== "" && account.type !== role.type) problems.push(`role ${roleLabel(role)} is for ${role.type} accounts, and ${accountLabel(account)} is ${account.type}`);
      memberIds.push(account.id);
    }
    roles.push({ roleId: role.id, memberIds: [...new Set(memberIds)].sort((a, b) => a - b) });
  }
  const endUserIds: number[] = [];
  const newEndUsers: WantedAccess["newEndUsers"] = [];
  for (const u of file.endUsers) {
    if (u.id === undefined) {
      // Once created (by an earlier apply, or by hand) the end user is the one the file means: it is kept, never created twice.
      const existing = accounts.find((a) => lower(a.email) === lower(u.email));
      if (existing === undefined) newEndUsers.push({ email: u.email, firstName: u.firstName, lastName: u.lastName, organizationId: u.organizationId });
      else if (existing.type !== "END_USER") problems.push(`end user ${u.email}: ${accountLabel(existing)} is a technician with that e-mail`);
      else endUserIds.push(existing.id);
      continue;
    }
    const account = byId.get(u.id);
    if (account === undefined) problems.push(`end user ${u.id} (${u.email}) does not exist in NinjaOne`);
    else if (account.type !== "END_USER") problems.push(`${accountLabel(account)} is a technician, not an end user`);
    else if (lower(account.email) !== lower(u.email)) problems.push(`end user ${u.id} has e-mail ${account.email} in NinjaOne, the file says ${u.email}`);
    else endUserIds.push(u.id);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    wanted: {
      roles: roles.sort((a, b) => a.roleId - b.roleId),
      endUserIds: endUserIds.sort((a, b) => a - b),
      newEndUsers: newEndUsers.sort((a, b) => lower(a.email).localeCompare(lower(b.email))),
    },
  };
}
