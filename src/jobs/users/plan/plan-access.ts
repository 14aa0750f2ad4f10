import type { NinjaAccount } from "../../../clients/ninjaone/users.js";
import type { UserAction, WantedAccess } from "../../../state/index.js";
import type { AccessSnapshot } from "./access-file.js";
import { accountLabel } from "./resolve.js";

/** What keeps a plan safe: the account the token signs in as, and the role that makes administrators. */
export interface AccessGuards {
  /** Never added, removed or deleted; undefined for a token that acts for no user. */
  tokenAccountId?: number;
  /** Name of the technician role whose last enabled member is never removed. */
  adminRole: string;
}

export interface RefusedAction {
  action: UserAction;
  reason: string;
}

export interface AccessPlan {
  /** In the order they run: creates, adds, removes, deletes. */
  actions: UserAction[];
  /** Differences the guards keep from being applied; `check` still names them. */
  refused: RefusedAction[];
}

/** One key per change, stable across runs: what the state records as landed. */
export function actionKey(a: UserAction): string {
  switch (a.kind) {
    case "add-member":
    case "remove-member":
      return `${a.kind}:${a.roleId}:${a.userId}`;
    case "create-end-user":
      return `${a.kind}:${a.email.toLowerCase()}`;
    case "delete-end-user":
      return `${a.kind}:${a.userId}`;
  }
}

export function isRemoval(a: UserAction): boolean {
  return a.kind === "remove-member" || a.kind === "delete-end-user";
}

/** The change in words, for the plan table, `check` and the request ticket. */
export function describeAction(a: UserAction): string {
  switch (a.kind) {
    case "add-member":
      return `add ${a.userLabel} to role ${a.roleName} (${a.roleId})`;
    case "remove-member":
      return `remove ${a.userLabel} from role ${a.roleName} (${a.roleId})`;
    case "create-end-user":
      return `create end user ${a.firstName} ${a.lastName} <${a.email}> in organization ${a.organizationId}`;
    case "delete-end-user":
      return `delete end user ${a.userLabel}`;
  }
}

function userOf(a: UserAction): number | undefined {
  return a.kind === "create-end-user" ? undefined : a.userId;
}

/**
 * The changes that make the instance hold `wanted`: members added to and removed from each
 * role the file lists, end users created and deleted. The guards then refuse any change to the
 * token's own account, and the removals that would leave the administrator role without an
 * enabled technician (the lowest id keeps it).
 */
export function planAccess(wanted: WantedAccess, snapshot: AccessSnapshot, guards: AccessGuards): AccessPlan {
  const accounts = new Map<number, NinjaAccount>([...snapshot.technicians, ...snapshot.endUsers].map((a) => [a.id, a]));
  const label = (id: number) => {
    const a = accounts.get(id);
    return a === undefined ? `user ${id}` : accountLabel(a);
  };
  const creates: UserAction[] = wanted.newEndUsers.map((u) => ({ kind: "create-end-user", ...u }));
  const adds: UserAction[] = [];
  const removes: UserAction[] = [];
  for (const w of wanted.roles) {
    const role = snapshot.roles.find((r) => r.id === w.roleId);
    if (role === undefined) continue;
    const current = new Set(role.members.map((m) => m.id));
    const next = new Set(w.memberIds);
    for (const id of w.memberIds) if (!current.has(id)) adds.push({ kind: "add-member", roleId: role.id, roleName: role.name, userId: id, userLabel: label(id) });
    for (const id of [...current].sort((a, b) => a - b)) if (!next.has(id)) removes.push({ kind: "remove-member", roleId: role.id, roleName: role.name, userId: id, userLabel: label(id) });
  }
  const keep = new Set(wanted.endUserIds);
  const deletes: UserAction[] = [...snapshot.endUsers]
    .sort((a, b) => a.id - b.id)
    .filter((u) => !keep.has(u.id))
    .map((u) => ({ kind: "delete-end-user", userId: u.id, userLabel: accountLabel(u) }));

  const refused: RefusedAction[] = [];
  const allowed = [...creates, ...adds, ...removes, ...deletes].filter((a) => {
    if (guards.tokenAccountId !== undefined && userOf(a) === guards.tokenAccountId) {
      refused.push({ action: a, reason: "it is the account the token signs in as" });
      return false;
    }
    return true;
  });
  const lastAdmin = lastAdministratorKept(allowed, snapshot, accounts, guards.adminRole);
  const actions = allowed.filter((a) => {
    if (lastAdmin !== undefined && a.kind === "remove-member" && a.roleId === lastAdmin.roleId && a.userId === lastAdmin.userId) {
      refused.push({ action: a, reason: `it would leave role ${a.roleName} without an enabled technician` });
      return false;
    }
    return true;
  });
  return { actions, refused };
}

/** The removal to refuse so the administrator role keeps an enabled technician, if the plan would empty it. */
function lastAdministratorKept(actions: readonly UserAction[], snapshot: AccessSnapshot, accounts: ReadonlyMap<number, NinjaAccount>, adminRole: string): { roleId: number; userId: number } | undefined {
  const role = snapshot.roles.find((r) => r.name.trim().toLowerCase() === adminRole.trim().toLowerCase());
  if (role === undefined) return undefined;
  // The strict reading both ways when `enabled` is missing: it may be an administrator now, and it counts as none after.
  const technician = (id: number) => accounts.get(id)?.type === "TECHNICIAN";
  const before = role.members.map((m) => m.id).filter((id) => technician(id) && accounts.get(id)?.enabled !== false);
  if (before.length === 0) return undefined;
  const removed = new Set(actions.filter((a) => a.kind === "remove-member" && a.roleId === role.id).map((a) => (a as { userId: number }).userId));
  const added = actions.filter((a) => a.kind === "add-member" && a.roleId === role.id).map((a) => (a as { userId: number }).userId);
  const after = [...role.members.map((m) => m.id).filter((id) => !removed.has(id)), ...added].filter((id) => technician(id) && accounts.get(id)?.enabled === true);
  if (after.length > 0) return undefined;
  return { roleId: role.id, userId: Math.min(...before) };
}

/**
 * How the instance moved since a request was planned: the changes still to make now, planned
 * afresh from the same wanted access, against the recorded changes not yet landed. Empty when
 * they are the same changes.
 */
export function driftSince(recorded: readonly UserAction[], landed: ReadonlySet<string>, now: readonly UserAction[]): string[] {
  const before = new Map(recorded.filter((a) => !landed.has(actionKey(a))).map((a) => [actionKey(a), a]));
  const after = new Map(now.map((a) => [actionKey(a), a]));
  const drift: string[] = [];
  for (const [key, a] of before) if (!after.has(key)) drift.push(`no longer needed: ${describeAction(a)}`);
  for (const [key, a] of after) if (!before.has(key)) drift.push(`now also needed: ${describeAction(a)}`);
  return drift;
}
