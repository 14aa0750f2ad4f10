import { describe, expect, it } from "vitest";
import { acronisHarness, body, customerNamed, type Harness } from "./harness.js";

const ZERO = "00000000-0000-0000-0000-000000000000";

function createUser(h: Harness, login: string, tenantName = "Contoso") {
  return h.api("POST", "/api/2/users", { json: { tenant_id: customerNamed(h, tenantName).id, login, contact: { email: `${login}@example.test`, firstname: "Ada" } } });
}

describe("Acronis users", () => {
  it("answers check_login with 204 for a free login, 409 for a taken one and 406 for an unacceptable one", () => {
    const h = acronisHarness();
    expect(h.api("GET", "/api/2/users/check_login", { query: { username: "new-admin" } }).status).toBe(204);
    expect(h.api("GET", "/api/2/users/check_login", { query: { username: "MSP-ADMIN" } }).status).toBe(409);
    expect(h.api("GET", "/api/2/users/check_login", { query: { username: "a b" } }).status).toBe(406);
  });

  it("creates a user with 200, not activated, with a personal unit tenant in a customer", () => {
    const h = acronisHarness();
    const res = createUser(h, "contoso.it");
    expect(res.status).toBe(200);
    const user = body(res);
    expect(user).toMatchObject({ login: "contoso.it", activated: false, enabled: true, version: 1, tenant_id: customerNamed(h, "Contoso").id });
    const personal = body(h.api("GET", `/api/2/tenants/${user["personal_tenant_id"] as string}`));
    expect(personal["kind"]).toBe("unit");
    expect(body(h.api("GET", `/api/2/users/${user["id"] as string}`))["login"]).toBe("contoso.it");
  });

  it("refuses a login that is already taken with 409 and an invalid one with code 1033", () => {
    const h = acronisHarness();
    expect(createUser(h, "contoso-admin").status).toBe(409);
    const bad = createUser(h, "x!");
    expect(bad.status).toBe(400);
    expect(body(bad)).toMatchObject({ error: { code: 1033 } });
    expect(h.api("POST", "/api/2/users", { json: { tenant_id: customerNamed(h, "Contoso").id, login: "no-mail" } }).status).toBe(400);
  });

  it("rewrites all of a user's access policies and refuses an unknown role", () => {
    const h = acronisHarness();
    const user = body(createUser(h, "fab.admin", "Fabrikam Inc"));
    const tenantId = customerNamed(h, "Fabrikam Inc").id;
    const policy = { id: ZERO, issuer_id: ZERO, role_id: "company_admin", tenant_id: tenantId, trustee_id: user["id"], trustee_type: "user", version: 0 };
    const res = h.api("PUT", `/api/2/users/${user["id"] as string}/access_policies`, { json: { items: [policy] } });
    expect(res.status).toBe(200);
    const items = body<{ items: { id: string; role_id: string }[] }>(res).items;
    expect(items).toHaveLength(1);
    expect(items[0]?.role_id).toBe("company_admin");
    expect(items[0]?.id).not.toBe(ZERO);
    h.api("PUT", `/api/2/users/${user["id"] as string}/access_policies`, { json: { items: [{ ...policy, role_id: "readonly_admin" }] } });
    expect(body<{ items: { role_id: string }[] }>(h.api("GET", `/api/2/users/${user["id"] as string}/access_policies`)).items.map((p) => p.role_id)).toEqual(["readonly_admin"]);
    expect(h.api("PUT", `/api/2/users/${user["id"] as string}/access_policies`, { json: { items: [{ ...policy, role_id: "overlord" }] } }).status).toBe(400);
  });

  it("queues the activation e-mail with 204 and records it for the control endpoint", () => {
    const h = acronisHarness();
    const user = body(createUser(h, "nw.admin", "NORTHWIND TRADERS LLC"));
    const res = h.api("POST", `/api/2/users/${user["id"] as string}/send-activation-email`, { json: {} });
    expect(res.status).toBe(204);
    const sent = body<{ items: { user_id: string; email: string; login: string }[] }>(h.control("GET", "/activation-emails")).items;
    expect(sent).toEqual([expect.objectContaining({ user_id: user["id"], email: "nw.admin@example.test", login: "nw.admin" })]);
    expect(h.api("POST", "/api/2/users/00000000-0000-4000-8000-000000000000/send-activation-email", { json: {} }).status).toBe(404);
  });

  it("shows a user as not activated after the e-mail went out, and activated only once the user follows the link", () => {
    const h = acronisHarness();
    const id = body(createUser(h, "nw.admin", "NORTHWIND TRADERS LLC"))["id"] as string;
    const before = body(h.api("GET", `/api/2/users/${id}`));
    h.api("POST", `/api/2/users/${id}/send-activation-email`, { json: {} });
    expect(body(h.api("GET", `/api/2/users/${id}`))).toEqual(before);
    expect(body(h.control("POST", `/users/${id}/activate`))).toMatchObject({ id, activated: true });
    expect(body(h.api("GET", `/api/2/users/${id}`))).toMatchObject({ activated: true, version: (before["version"] as number) + 1 });
    expect(h.control("POST", "/users/00000000-0000-4000-8000-000000000000/activate").status).toBe(404);
  });

  it("lists the users of a subtree and shows every user through control", () => {
    const h = acronisHarness();
    createUser(h, "contoso.it");
    const items = body<{ items: { login: string }[] }>(h.api("GET", "/api/2/users", { query: { subtree_root_tenant_id: customerNamed(h, "Contoso").id } })).items;
    expect(items.map((u) => u.login)).toEqual(["contoso-admin", "contoso.it"]);
    const all = body<{ items: { login: string }[] }>(h.control("GET", "/users")).items;
    expect(all.map((u) => u.login)).toEqual(["msp-admin", "contoso-admin", "contoso.it"]);
  });

  it("sets a user's 2FA to setup_required", () => {
    const h = acronisHarness();
    const user = body(createUser(h, "contoso.it"));
    const res = h.api("PUT", `/api/2/users/${user["id"] as string}/mfa/status`, { json: { enabled: true } });
    expect(body(res)).toEqual({ mfa_status: "setup_required" });
  });
});
