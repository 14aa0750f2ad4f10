import { describe, expect, it } from "vitest";
import { acronisHarness, body, customerNamed, customers, partnerId, type Harness, type TenantBody } from "./harness.js";

function create(h: Harness, name: string, extra: Record<string, unknown> = {}) {
  return h.api("POST", "/api/2/tenants", { json: { name, kind: "customer", parent_id: partnerId(h), ...extra } });
}

describe("Acronis tenants", () => {
  it("lists the partner's customers with the documented fields", () => {
    const h = acronisHarness();
    const list = customers(h);
    expect(list.map((t) => t.name)).toEqual(["Contoso", "Fabrikam Inc", "NORTHWIND TRADERS LLC", "TST Holdings", "Adatum GmbH", "ADATUM", "Woodgrove Bank"]);
    const contoso = body(h.api("GET", `/api/2/tenants/${customerNamed(h, "Contoso").id}`));
    for (const field of ["id", "version", "name", "kind", "parent_id", "enabled", "internal_tag", "mfa_status", "pricing_mode", "update_lock", "created_at", "updated_at"]) {
      expect(contoso).toHaveProperty(field);
    }
    expect(contoso["kind"]).toBe("customer");
    expect(contoso["parent_id"]).toBe(partnerId(h));
  });

  it("pages with an after cursor that carries the filters, ending with an empty page when the count is an exact multiple", () => {
    const h = acronisHarness();
    const seen: string[] = [];
    let res = h.api("GET", "/api/2/tenants", { query: { parent_id: partnerId(h), limit: "7" } });
    let page = body<{ items: TenantBody[]; paging: { cursors: { after?: string } } }>(res);
    expect(page.items).toHaveLength(7);
    seen.push(...page.items.map((t) => t.name));
    const after = page.paging.cursors.after as string;
    expect(after).toBeDefined();
    res = h.api("GET", "/api/2/tenants", { query: { after } });
    page = body(res);
    expect(page.items).toEqual([]);
    expect(page.paging.cursors).toEqual({});
    expect(seen).toHaveLength(7);
  });

  it("pages a list that is not a multiple of the limit without repeating or losing tenants", () => {
    const h = acronisHarness();
    const names: string[] = [];
    let query: Record<string, string> = { parent_id: partnerId(h), limit: "3" };
    for (let i = 0; i < 5; i++) {
      const page = body<{ items: TenantBody[]; paging: { cursors: { after?: string } } }>(h.api("GET", "/api/2/tenants", { query }));
      names.push(...page.items.map((t) => t.name));
      if (page.paging.cursors.after === undefined) break;
      query = { after: page.paging.cursors.after };
    }
    expect(names).toEqual(customers(h).map((t) => t.name));
  });

  it("requires exactly one of uuids, parent_id and subtree_root_id", () => {
    const h = acronisHarness();
    expect(h.api("GET", "/api/2/tenants").status).toBe(400);
    expect(h.api("GET", "/api/2/tenants", { query: { parent_id: partnerId(h), subtree_root_id: partnerId(h) } }).status).toBe(400);
    const subtree = body<{ items: TenantBody[] }>(h.api("GET", "/api/2/tenants", { query: { subtree_root_id: partnerId(h) } })).items;
    expect(subtree[0]?.id).toBe(partnerId(h));
    const contoso = customerNamed(h, "Contoso");
    expect(body<{ items: TenantBody[] }>(h.api("GET", "/api/2/tenants", { query: { uuids: contoso.id } })).items.map((t) => t.name)).toEqual(["Contoso"]);
  });

  it("lists children as ids, or as tenants with include_details", () => {
    const h = acronisHarness();
    const ids = body<{ items: string[] }>(h.api("GET", `/api/2/tenants/${partnerId(h)}/children`)).items;
    expect(ids).toEqual(customers(h).map((t) => t.id));
    const detailed = body<{ items: TenantBody[] }>(h.api("GET", `/api/2/tenants/${partnerId(h)}/children`, { query: { include_details: "true" } })).items;
    expect(detailed[0]?.name).toBe("Contoso");
  });

  it("creates a customer in trial mode at version 1 and answers 201", () => {
    const h = acronisHarness();
    const res = create(h, "Alpine Ski House", { internal_tag: "ninja-org:5" });
    expect(res.status).toBe(201);
    expect(body(res)).toMatchObject({ name: "Alpine Ski House", kind: "customer", version: 1, pricing_mode: "trial", enabled: true, internal_tag: "ninja-org:5", ancestral_access: true });
    expect(customers(h).map((t) => t.name)).toContain("Alpine Ski House");
  });

  it("refuses a name already used in the hierarchy, whatever its case, with 409 and code 1004", () => {
    const h = acronisHarness();
    const res = create(h, "contoso");
    expect(res.status).toBe(409);
    expect(body(res)).toMatchObject({ error: { code: 1004, domain: "PlatformAccountServer" } });
  });

  it("refuses a unit directly under a partner, a missing field, and a body that is not JSON", () => {
    const h = acronisHarness();
    expect(h.api("POST", "/api/2/tenants", { json: { name: "X", kind: "unit", parent_id: partnerId(h) } }).status).toBe(400);
    expect(h.api("POST", "/api/2/tenants", { json: { kind: "customer", parent_id: partnerId(h) } }).status).toBe(400);
    expect(h.api("POST", "/api/2/tenants", { body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } }).status).toBe(415);
  });

  it("updates with the current version, bumps the version, and answers 409 code 1001 for a stale one", () => {
    const h = acronisHarness();
    const t = customerNamed(h, "Woodgrove Bank");
    const ok = h.api("PUT", `/api/2/tenants/${t.id}`, { json: { version: t.version, internal_tag: "ninja-org:99" } });
    expect(ok.status).toBe(200);
    expect(body(ok)).toMatchObject({ version: t.version + 1, internal_tag: "ninja-org:99" });
    const stale = h.api("PUT", `/api/2/tenants/${t.id}`, { json: { version: t.version, name: "Woodgrove" } });
    expect(stale.status).toBe(409);
    expect(body(stale)).toMatchObject({ error: { code: 1001 } });
    expect(h.api("PUT", `/api/2/tenants/${t.id}`, { json: { name: "Woodgrove" } }).status).toBe(400);
  });

  it("refuses a rename onto another tenant's name and a customer turned into a folder", () => {
    const h = acronisHarness();
    const t = customerNamed(h, "Woodgrove Bank");
    expect(h.api("PUT", `/api/2/tenants/${t.id}`, { json: { version: t.version, name: "ADATUM" } }).status).toBe(409);
    expect(h.api("PUT", `/api/2/tenants/${t.id}`, { json: { version: t.version, kind: "folder" } }).status).toBe(400);
  });

  it("deletes only a disabled tenant, with its current version, and then answers 404 unless allow_deleted", () => {
    const h = acronisHarness();
    const t = customerNamed(h, "Woodgrove Bank");
    const enabled = h.api("DELETE", `/api/2/tenants/${t.id}`, { query: { version: String(t.version) } });
    expect(enabled.status).toBe(400);
    expect(body(enabled)).toMatchObject({ error: { code: 1006 } });
    const disabled = body<TenantBody>(h.api("PUT", `/api/2/tenants/${t.id}`, { json: { version: t.version, enabled: false } }));
    expect(disabled.enabled).toBe(false);
    expect(h.api("DELETE", `/api/2/tenants/${t.id}`, { query: { version: String(t.version) } }).status).toBe(409);
    expect(h.api("DELETE", `/api/2/tenants/${t.id}`).status).toBe(400);
    expect(h.api("DELETE", `/api/2/tenants/${t.id}`, { query: { version: String(disabled.version) } }).status).toBe(204);
    expect(h.api("GET", `/api/2/tenants/${t.id}`).status).toBe(404);
    expect(body(h.api("GET", `/api/2/tenants/${t.id}`, { query: { allow_deleted: "true" } }))["deleted_at"]).not.toBeNull();
    expect(customers(h).map((c) => c.name)).not.toContain("Woodgrove Bank");
    expect(create(h, "Woodgrove Bank").status).toBe(201);
  });

  it("answers 400 for a malformed id and 404 with code 1005 for an unknown one", () => {
    const h = acronisHarness();
    expect(h.api("GET", "/api/2/tenants/not-a-uuid").status).toBe(400);
    const res = h.api("GET", "/api/2/tenants/00000000-0000-4000-8000-000000000000");
    expect(res.status).toBe(404);
    expect(body(res)).toMatchObject({ error: { code: 1005 } });
  });
});

describe("Acronis pricing mode", () => {
  it("switches a trial customer to production once and never back", () => {
    const h = acronisHarness();
    const id = body<TenantBody>(create(h, "Trial Co")).id;
    const pricing = body(h.api("GET", `/api/2/tenants/${id}/pricing`));
    expect(pricing).toMatchObject({ mode: "trial", currency: null });
    expect(pricing["production_start_date"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const switched = h.api("PUT", `/api/2/tenants/${id}/pricing`, { json: { ...pricing, mode: "production" } });
    expect(switched.status).toBe(200);
    expect(body(switched)["mode"]).toBe("production");
    expect(body(switched)["version"]).not.toBe(pricing["version"]);
    expect(body<TenantBody>(h.api("GET", `/api/2/tenants/${id}`)).pricing_mode).toBe("production");
    expect(h.api("PUT", `/api/2/tenants/${id}/pricing`, { json: { mode: "trial" } }).status).toBe(400);
  });

  it("refuses a pricing update carrying a stale pricing version", () => {
    const h = acronisHarness();
    const id = body<TenantBody>(create(h, "Trial Co")).id;
    expect(h.api("PUT", `/api/2/tenants/${id}/pricing`, { json: { mode: "production", version: 1 } }).status).toBe(409);
  });

  it("turns a trial customer into production by itself after a full month", () => {
    const h = acronisHarness();
    const id = body<TenantBody>(create(h, "Trial Co")).id;
    h.advance(62 * 86400);
    expect(body(h.api("GET", `/api/2/tenants/${id}/pricing`))["mode"]).toBe("production");
  });
});

describe("Acronis two-factor authentication and offering items", () => {
  it("enables 2FA on a customer, bumping its version, and refuses it on a personal unit", () => {
    const h = acronisHarness();
    const t = customerNamed(h, "Contoso");
    const res = h.api("PUT", `/api/2/tenants/${t.id}/mfa/status`, { json: { enabled: true } });
    expect(body(res)).toMatchObject({ mfa_status: "enabled", update_allowed: true, users_count: 1 });
    expect(body<TenantBody>(h.api("GET", `/api/2/tenants/${t.id}`)).version).toBe(t.version + 1);
    expect(body(h.api("GET", `/api/2/tenants/${t.id}/mfa/status`))["mfa_status"]).toBe("enabled");
    expect(h.api("PUT", `/api/2/tenants/${t.id}/mfa/status`, { json: { enabled: "yes" } }).status).toBe(400);
  });

  it("offers a customer the partner's own items per edition, none of the legacy default standard, and enables them on a new customer, which starts with none", () => {
    const h = acronisHarness();
    const offered = (edition?: string) =>
      body<{ items: { name: string; edition: string }[] }>(
        h.api("GET", `/api/2/tenants/${partnerId(h)}/offering_items/available_for_child`, { query: { kind: "customer", ...(edition === undefined ? {} : { edition }) } }),
      ).items;
    expect(offered()).toEqual([]);
    expect(offered("per_workload").map((i) => i.name)).toEqual(["pw_workstations", "pw_servers", "pw_storage", "pw_advanced_security"]);
    expect(new Set(offered("*").map((i) => i.edition))).toEqual(new Set(["per_workload", "per_gigabyte"]));
    const own = body<{ items: { edition: string; status: number }[] }>(h.api("GET", `/api/2/tenants/${partnerId(h)}/offering_items`, { query: { edition: "*" } })).items;
    expect(new Set(own.map((i) => i.edition))).toEqual(new Set(["per_workload", "per_gigabyte"]));
    const id = body<TenantBody>(create(h, "Services Co")).id;
    expect(body<{ items: unknown[] }>(h.api("GET", `/api/2/tenants/${id}/offering_items`, { query: { edition: "*" } })).items).toEqual([]);
    const put = h.api("PUT", `/api/2/tenants/${id}/offering_items`, { json: { offering_items: [{ name: "pw_workstations", status: 1 }, { name: "pw_storage", status: 1 }] } });
    expect(put).toMatchObject({ status: 200 });
    expect(put.body).toBeUndefined();
    const enabled = h.api("GET", `/api/2/tenants/${id}/offering_items`, { query: { edition: "per_workload", status: "1" } });
    expect(body<{ items: { name: string }[] }>(enabled).items.map((i) => i.name)).toEqual(["pw_workstations", "pw_storage"]);
  });

  it("echoes the items of an offering-items write only with offeringItemsEcho on", () => {
    const h = acronisHarness({ offeringItemsEcho: true });
    const id = body<TenantBody>(create(h, "Services Co")).id;
    const put = h.api("PUT", `/api/2/tenants/${id}/offering_items`, { json: { offering_items: [{ name: "pw_workstations", status: 1 }] } });
    expect(body<{ items: { name: string; status: number }[] }>(put).items).toMatchObject([{ name: "pw_workstations", status: 1 }]);
  });

  it("refuses an item the partner does not offer and a second storage item", () => {
    const h = acronisHarness();
    const id = body<TenantBody>(create(h, "Services Co")).id;
    expect(h.api("PUT", `/api/2/tenants/${id}/offering_items`, { json: { offering_items: [{ name: "teleportation", status: 1 }] } }).status).toBe(400);
    expect(h.api("PUT", `/api/2/tenants/${id}/offering_items`, { json: { offering_items: [{ name: "workstations", status: 1 }] } }).status).toBe(400);
    const two = h.api("PUT", `/api/2/tenants/${id}/offering_items`, { json: { offering_items: [{ name: "pw_storage", status: 1 }, { name: "pg_storage", status: 1 }] } });
    expect(two.status).toBe(400);
  });
});

describe("Acronis search", () => {
  it("finds tenants and users by word prefix under a root and needs at least three characters", () => {
    const h = acronisHarness();
    const items = body<{ items: { obj_type: string; name?: string; login?: string }[] }>(h.api("GET", "/api/2/search", { query: { tenant: partnerId(h), text: "northw" } })).items;
    expect(items.map((i) => i.name)).toEqual(["NORTHWIND TRADERS LLC"]);
    const users = body<{ items: { obj_type: string; login?: string }[] }>(h.api("GET", "/api/2/search", { query: { tenant: partnerId(h), text: "contoso" } })).items;
    expect(users.filter((i) => i.obj_type === "user").map((i) => i.login)).toEqual(["contoso-admin"]);
    expect(h.api("GET", "/api/2/search", { query: { tenant: partnerId(h), text: "ab" } }).status).toBe(400);
  });
});
