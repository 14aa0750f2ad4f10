import { describe, expect, it } from "vitest";
import { actionKey, describeAction, driftSince, planAccess } from "../../../src/jobs/users/plan/plan-access.js";
import type { WantedAccess } from "../../../src/state/index.js";
import { snapshot, technician } from "./fixtures.js";

const GUARDS = { adminRole: "Administrator" };

function wanted(overrides: Partial<WantedAccess> = {}): WantedAccess {
  return { roles: [{ roleId: 1, memberIds: [1] }, { roleId: 2, memberIds: [2] }, { roleId: 3, memberIds: [10] }], endUserIds: [10, 11], newEndUsers: [], ...overrides };
}

describe("planAccess", () => {
  it("plans nothing when the instance holds what is wanted", () => {
    expect(planAccess(wanted(), snapshot(), GUARDS)).toEqual({ actions: [], refused: [] });
  });

  it("orders creates, adds, removes, deletes, and leaves roles the file does not list alone", () => {
    const plan = planAccess(
      wanted({ roles: [{ roleId: 2, memberIds: [1] }], endUserIds: [10], newEndUsers: [{ email: "n@contoso.example", firstName: "N", lastName: "U", organizationId: 1 }] }),
      snapshot(),
      GUARDS,
    );
    expect(plan.actions.map(actionKey)).toEqual(["create-end-user:n@contoso.example", "add-member:2:1", "remove-member:2:2", "delete-end-user:11"]);
    expect(plan.refused).toEqual([]);
  });

  it("refuses every change to the token's own account", () => {
    const plan = planAccess(wanted({ roles: [{ roleId: 2, memberIds: [] }] }), snapshot(), { ...GUARDS, tokenAccountId: 2 });
    expect(plan.actions).toEqual([]);
    expect(plan.refused).toEqual([{ action: expect.objectContaining({ kind: "remove-member", userId: 2 }), reason: "it is the account the token signs in as" }]);
  });

  it("keeps the last enabled technician of the administrator role, and lets one go once another takes over", () => {
    const emptied = planAccess(wanted({ roles: [{ roleId: 1, memberIds: [] }] }), snapshot(), GUARDS);
    expect(emptied.actions).toEqual([]);
    expect(emptied.refused[0]?.reason).toBe("it would leave role Administrator without an enabled technician");
    const handedOver = planAccess(wanted({ roles: [{ roleId: 1, memberIds: [2] }] }), snapshot(), GUARDS);
    expect(handedOver.actions.map(actionKey)).toEqual(["add-member:1:2", "remove-member:1:1"]);
  });

  it("does not count a disabled technician, or one whose state NinjaOne does not give, as the one left", () => {
    for (const two of [technician(2, { enabled: false }), (({ enabled: _e, ...t }) => t)(technician(2))]) {
      const plan = planAccess(wanted({ roles: [{ roleId: 1, memberIds: [2] }] }), snapshot({ technicians: [technician(1), two] }), GUARDS);
      expect(plan.actions.map(actionKey)).toEqual(["add-member:1:2"]);
      expect(plan.refused.map((r) => actionKey(r.action))).toEqual(["remove-member:1:1"]);
    }
  });

  it("describes each change in words a reviewer reads", () => {
    const plan = planAccess(wanted({ roles: [{ roleId: 2, memberIds: [1, 2] }] }), snapshot(), GUARDS);
    expect(plan.actions.map(describeAction)).toEqual(["add Tech 1 <tech1@msp.example> (1) to role Helpdesk (2)"]);
  });
});

describe("driftSince", () => {
  it("is empty while the changes still to make are the recorded ones not yet landed", () => {
    const recorded = planAccess(wanted({ roles: [{ roleId: 2, memberIds: [1, 2] }], endUserIds: [10] }), snapshot(), GUARDS).actions;
    const [first, second] = recorded.map(actionKey);
    expect(driftSince(recorded, new Set(), recorded)).toEqual([]);
    expect(driftSince(recorded, new Set([first as string]), recorded.slice(1))).toEqual([]);
    expect(second).toBe("delete-end-user:11");
  });

  it("names changes no longer needed and changes now also needed", () => {
    const recorded = planAccess(wanted({ roles: [{ roleId: 2, memberIds: [1, 2] }] }), snapshot(), GUARDS).actions;
    const moved = snapshot({ roles: [...snapshot().roles.slice(0, 1), { id: 2, name: "Helpdesk", type: "TECHNICIAN", description: "", members: [{ id: 1, email: "", name: "" }] }, ...snapshot().roles.slice(2)] });
    const now = planAccess(wanted({ roles: [{ roleId: 2, memberIds: [1, 2] }] }), moved, GUARDS).actions;
    expect(driftSince(recorded, new Set(), now)).toEqual([
      "no longer needed: add Tech 1 <tech1@msp.example> (1) to role Helpdesk (2)",
      "now also needed: add Tech 2 <tech2@msp.example> (2) to role Helpdesk (2)",
    ]);
  });
});
