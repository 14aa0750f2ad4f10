import { describe, expect, it } from "vitest";
import { MONITORING_ONLY_APP } from "../../../../src/sandbox/ninjaone/apps.js";
import { makeHarness } from "./harness.js";

type Role = { id: number; name: string; type: string; members: { id: number; email: string }[] };

describe("sandbox NinjaOne users and roles", () => {
  it("lists technicians, end users and roles with their members, as the spec shapes them", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const technicians = (await h.call("GET", "/v2/user/technicians", { token })).body as { id: number; mfaConfigured: boolean; administrator: boolean }[];
    expect(technicians.map((t) => t.id)).toEqual([1, 2]);
    expect(technicians[0]).toMatchObject({ mfaConfigured: true, administrator: true });
    const endUsers = (await h.call("GET", "/v2/organization/1/end-users", { token })).body as { id: number; organizationId: number }[];
    expect(endUsers).toEqual([expect.objectContaining({ id: 3, organizationId: 1 })]);
    expect((await h.call("GET", "/v2/organization/999/end-users", { token })).status).toBe(404);
    const roles = (await h.call("GET", "/v2/user/roles", { token, query: { roleType: "TECHNICIAN" } })).body as Role[];
    expect(roles.map((r) => [r.name, r.members.map((m) => m.id)])).toEqual([["Administrator", [1]], ["Helpdesk", []]]);
  });

  it("adds and removes members, refusing the whole change for an unknown id, the other user type, or a no-op", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const patch = (verb: string, roleId: number, json: unknown) => h.call("PATCH", `/v2/user/role/${roleId}/${verb}`, { token, json });
    const added = await patch("add-members", 2, [2]);
    expect(added.status).toBe(200);
    expect((added.body as Role).members.map((m) => m.id)).toEqual([2]);
    expect((await patch("add-members", 2, [2])).status).toBe(400);
    expect((await patch("add-members", 2, [1, 99])).status).toBe(404);
    expect((await patch("add-members", 2, [3])).status).toBe(400);
    expect((await patch("add-members", 99, [1])).status).toBe(404);
    expect((await patch("add-members", 2, "2")).status).toBe(400);
    expect((await patch("remove-members", 2, [1])).status).toBe(400);
    expect(((await patch("remove-members", 2, [2])).body as Role).members).toEqual([]);
  });

  it("passes over no-op membership changes with roleMembershipNoOps ignored", async () => {
    const h = makeHarness({ roleMembershipNoOps: "ignored" });
    const token = await h.m2mToken();
    const added = await h.call("PATCH", "/v2/user/role/1/add-members", { token, json: [1, 2] });
    expect((added.body as Role).members.map((m) => m.id)).toEqual([1, 2]);
    expect((await h.call("PATCH", "/v2/user/role/2/remove-members", { token, json: [1] })).status).toBe(200);
  });

  it("creates end users with the spec's limits and deletes them out of their roles", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const create = (json: unknown) => h.call("POST", "/v2/user/end-users", { token, json, query: { sendInvitation: "false" } });
    expect((await create({ firstName: "", lastName: "X", email: "x@contoso.example", organizationId: 1 })).status).toBe(400);
    expect((await create({ firstName: "A", lastName: "X", email: "x@contoso.example", organizationId: 999 })).status).toBe(400);
    expect((await create({ firstName: "A", lastName: "X", email: "eve@contoso.example", organizationId: 1 })).status).toBe(400);
    const created = await create({ firstName: "A", lastName: "X", email: "x@contoso.example", organizationId: 1 });
    expect(created.status).toBe(200);
    const id = (created.body as { id: number }).id;
    expect((await h.call("PATCH", "/v2/user/role/3/add-members", { token, json: [id] })).status).toBe(200);
    expect((await h.call("DELETE", `/v2/user/end-user/${id}`, { token })).status).toBe(204);
    expect((await h.call("DELETE", "/v2/user/end-user/1", { token })).status).toBe(400);
    const portal = ((await h.call("GET", "/v2/user/roles", { token })).body as Role[]).find((r) => r.id === 3);
    expect(portal?.members.map((m) => m.id)).toEqual([3]);
  });

  it("answers 403, as the spec declares, to a token without the scope a user route needs", async () => {
    const h = makeHarness();
    const res = await h.call("POST", "/ws/oauth/token", {
      form: { grant_type: "client_credentials", client_id: MONITORING_ONLY_APP.clientId, client_secret: MONITORING_ONLY_APP.clientSecret, scope: "monitoring" },
    });
    const token = (res.body as { access_token: string }).access_token;
    expect((await h.call("GET", "/v2/user/roles", { token })).status).toBe(200);
    const refused = await h.call("PATCH", "/v2/user/role/2/add-members", { token, json: [2] });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ errorMessage: "Forbidden" });
  });

  it("lets the control endpoint change a role's members as a person does in the UI", async () => {
    const h = makeHarness();
    const res = await h.control("POST", "/roles/2/members", { add: [1, 2] });
    expect(res?.status).toBe(200);
    expect((res?.body as Role).members.map((m) => m.id)).toEqual([1, 2]);
    expect((await h.control("POST", "/roles/9/members", { add: [1] }))?.status).toBe(404);
  });
});
