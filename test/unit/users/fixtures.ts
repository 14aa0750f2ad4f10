import type { NinjaAccount, NinjaRole } from "../../../src/clients/ninjaone/users.js";
import type { AccessSnapshot } from "../../../src/jobs/users/plan/access-file.js";

export function technician(id: number, extra: Partial<NinjaAccount> = {}): NinjaAccount {
  return { id, uid: `00000000-0000-4000-8000-00000000000${id}`, type: "TECHNICIAN", email: `tech${id}@msp.example`, firstName: "Tech", lastName: String(id), enabled: true, ...extra };
}

export function endUser(id: number, organizationId = 1, extra: Partial<NinjaAccount> = {}): NinjaAccount {
  return { id, uid: `00000000-0000-4000-8000-0000000000${id}`, type: "END_USER", email: `user${id}@contoso.example`, firstName: "User", lastName: String(id), enabled: true, organizationId, ...extra };
}

export function role(id: number, name: string, type: "TECHNICIAN" | "END_USER", memberIds: number[]): NinjaRole {
  return { id, name, type, description: "", members: memberIds.map((m) => ({ id: m, email: "", name: "" })) };
}

/** Two technicians (1 the administrator), two end users, an administrator, a helpdesk and a portal role. */
export function snapshot(overrides: Partial<AccessSnapshot> = {}): AccessSnapshot {
  return {
    technicians: [technician(1), technician(2)],
    endUsers: [endUser(10), endUser(11)],
    roles: [role(1, "Administrator", "TECHNICIAN", [1]), role(2, "Helpdesk", "TECHNICIAN", [2]), role(3, "Portal", "END_USER", [10])],
    ...overrides,
  };
}
