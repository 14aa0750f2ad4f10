import { describe, expect, it } from "vitest";
import { DEMO_DEVICES } from "../../../../src/sandbox/seed/demo-estate.js";
import { acronisHarness, body, customerNamed, type Harness } from "./harness.js";

interface Resource {
  id: string;
  name: string;
  type: string;
  tenant_id: string;
  external_id: string;
  agent_id: string;
  attributes?: { name: string; kvs: { key: string; value: unknown }[] }[];
}
interface Status {
  context: Resource;
  aggregate: { status: string; names?: string };
  policies: Record<string, string>[];
}

function resources(h: Harness, query: Record<string, string> = {}): Resource[] {
  return body<{ items: Resource[] }>(h.api("GET", "/api/resource_management/v4/resources", { query: { limit: "1000", ...query } })).items;
}

function statuses(h: Harness, query: Record<string, string> = {}): Status[] {
  return body<{ items: Status[] }>(h.api("GET", "/api/resource_management/v4/resource_statuses", { query: { limit: "1000", ...query } })).items;
}

function attr(r: Resource, ns: string, key: string): unknown {
  return r.attributes?.find((a) => a.name === ns)?.kvs.find((kv) => kv.key === key)?.value;
}

describe("Acronis workloads", () => {
  it("names Tailspin's NinjaOne machines as workloads of the differently named TST Holdings", () => {
    const h = acronisHarness();
    const tst = resources(h, { tenant_id: customerNamed(h, "TST Holdings").id });
    const tailspin = DEMO_DEVICES.filter((d) => d.organizationId === 4).map((d) => d.systemName);
    expect(tst.map((r) => r.name).sort()).toEqual([...tailspin].sort());
  });

  it("gives every workload outside Woodgrove Bank the hostname of a NinjaOne device", () => {
    const h = acronisHarness();
    const ninja = new Set(DEMO_DEVICES.map((d) => d.systemName));
    const names = resources(h).map((r) => r.name);
    expect(names.filter((n) => !ninja.has(n)).sort()).toEqual(["WGB-SRV01", "WGB-WS01"]);
  });

  it("hides serial numbers by default and shows the NinjaOne serials when the option is on", () => {
    const plain = acronisHarness();
    expect(resources(plain, { include_attributes: "true" }).filter((r) => attr(r, "default", "serial_number") !== undefined)).toEqual([]);
    const h = acronisHarness({ workloadSerials: true });
    const serials = new Map(resources(h, { include_attributes: "true" }).map((r) => [r.name, attr(r, "default", "serial_number")]));
    expect(serials.get("TST-WS01")).toBe("TSP0000401");
    expect(serials.get("TST-WS03")).toBe("TSPBIOS404");
    expect(serials.get("NW-LT02")).toBe("R90DUP001");
  });

  it("switches the serial option at run time through control", () => {
    const h = acronisHarness();
    expect(body(h.control("PUT", "/options", { json: { workloadSerials: true } }))).toEqual({
      workloadSerials: true,
      alertTenantUuid: false,
      offeringItemsEcho: false,
      alertIdsAnyCase: false,
      alertTimeUnit: "nanoseconds",
    });
    expect(attr(resources(h, { include_attributes: "true", search: "name = 'TST-WS01'" })[0] as Resource, "default", "serial_number")).toBe("TSP0000401");
    expect(h.control("PUT", "/options", { json: { workloadSerials: "yes" } }).status).toBe(400);
  });

  it("carries numeric tenant ids and accepts either the UUID or the numeric id as a filter", () => {
    const h = acronisHarness();
    const uuid = customerNamed(h, "Contoso").id;
    const byUuid = resources(h, { tenant_id: uuid });
    const numeric = byUuid[0]?.tenant_id as string;
    expect(numeric).toMatch(/^\d+$/);
    expect(byUuid[0]?.external_id).toBe(`${uuid}@${numeric}`);
    expect(resources(h, { tenant_id: numeric }).map((r) => r.id)).toEqual(byUuid.map((r) => r.id));
    expect(resources(h, { search: `customerUuid = '${uuid}' AND resourceType = 'machine'` }).map((r) => r.id)).toEqual(byUuid.map((r) => r.id));
  });

  it("takes several tenants in one filter as or(a,b), as Acronis writes it for this API family", () => {
    const h = acronisHarness();
    const contoso = customerNamed(h, "Contoso").id;
    const tst = customerNamed(h, "TST Holdings").id;
    const both = statuses(h, { tenant_id: `or(${contoso},${tst})` }).map((s) => s.context.id).sort();
    const each = [...statuses(h, { tenant_id: contoso }), ...statuses(h, { tenant_id: tst })].map((s) => s.context.id).sort();
    expect(both.length).toBeGreaterThan(0);
    expect(both).toEqual(each);
  });

  it("filters by type, including or() lists, and refuses an unknown search field", () => {
    const h = acronisHarness();
    expect(resources(h, { type: "resource.virtual_machine.vmwesx" })).toEqual([]);
    expect(resources(h, { type: "or(resource.machine,resource.virtual_machine.vmwesx)" })).toHaveLength(resources(h).length);
    const bad = h.api("GET", "/api/resource_management/v4/resources", { query: { search: "colour = 'red'" } });
    expect(bad.status).toBe(400);
    expect(body(bad)).toMatchObject({ code: "BadRequest", domain: "ResourceManager" });
  });

  it("pages workloads with cursors and reports the list time", () => {
    const h = acronisHarness();
    const all = resources(h).map((r) => r.id);
    const ids: string[] = [];
    let res = body<{ items: Resource[]; paging: { cursors: { after?: string } }; timestamp: string }>(h.api("GET", "/api/resource_management/v4/resources", { query: { limit: "5" } }));
    expect(res.timestamp).toMatch(/Z$/);
    ids.push(...res.items.map((r) => r.id));
    while (res.paging.cursors.after !== undefined) {
      res = body(h.api("GET", "/api/resource_management/v4/resources", { query: { after: res.paging.cursors.after } }));
      ids.push(...res.items.map((r) => r.id));
    }
    expect(ids).toEqual(all);
  });

  it("reports agent version, online state and MAC addresses in the agent attributes", () => {
    const h = acronisHarness();
    const r = resources(h, { search: "name = 'CONTOSO-DC01'" })[0] as Resource;
    const res = body<{ items: { name: string; kvs: { key: string; value: unknown }[] }[] }>(h.api("GET", `/api/resource_management/v4/resources/${r.id}/attributes`));
    const agent = res.items.find((a) => a.name === "agent");
    expect(agent?.kvs.find((kv) => kv.key === "version")?.value).toMatch(/^\d+\.\d+\.\d+$/);
    expect(agent?.kvs.find((kv) => kv.key === "mac_addresses")?.value).toEqual([expect.stringMatching(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/)]);
    expect(h.api("GET", "/api/resource_management/v4/resources/nope/attributes").status).toBe(404);
  });
});

describe("Acronis protection statuses", () => {
  it("covers ok, warning, failed, running, not protected and no-plan workloads", () => {
    const h = acronisHarness();
    const byName = new Map(statuses(h).map((s) => [s.context.name, s]));
    expect(new Set([...byName.values()].map((s) => s.aggregate.status))).toEqual(new Set(["idle", "warning", "error", "running", "not_protected", "no_policies_applied"]));
    expect(byName.get("NW-SRV01")?.aggregate.names).toBeUndefined();
    expect(byName.get("NW-SRV01")?.policies).toEqual([]);
    expect(byName.get("CONTOSO-DC01")?.aggregate.names).toEqual(expect.any(String));
  });

  it("gives last and next backup and anti-malware times, in the guide's spelling on one Mac", () => {
    const h = acronisHarness();
    const byName = new Map(statuses(h).map((s) => [s.context.name, s]));
    const dc = byName.get("CONTOSO-DC01") as Status;
    const backup = dc.policies.find((p) => p["type"]?.startsWith("policy.backup.")) as Record<string, string>;
    expect(Object.keys(backup).sort()).toEqual(["last_run_time", "last_success_run_time", "next_run_time", "type"]);
    expect(dc.policies.map((p) => p["type"])).toContain("policy.security.antimalware_protection");
    const mac = byName.get("CONTOSO-MAC01") as Status;
    expect(Object.keys(mac.policies[0] as object).sort()).toEqual(["last_run", "last_success_run", "type"]);
  });

  it("shows a failed backup as a last success older than the last run", () => {
    const h = acronisHarness();
    const srv = statuses(h).find((s) => s.context.name === "FAB-SRV01") as Status;
    const backup = srv.policies[0] as Record<string, string>;
    expect(srv.aggregate.status).toBe("error");
    expect(Date.parse(backup["last_success_run_time"] as string)).toBeLessThan(Date.parse(backup["last_run_time"] as string));
  });
});

describe("Acronis agents", () => {
  it("lists agents under a tenant subtree, filters by hostname pattern, and gets one", () => {
    const h = acronisHarness();
    const tst = customerNamed(h, "TST Holdings").id;
    const items = body<{ items: { id: string; hostname: string; tenant: { id: string; name: string } }[] }>(h.api("GET", "/api/agent_manager/v2/agents", { query: { tenant_id: tst } })).items;
    expect(items.map((a) => a.hostname).sort()).toEqual(["TST-SRV01", "TST-WS01", "TST-WS02", "TST-WS03"]);
    expect(items[0]?.tenant.name).toBe("TST Holdings");
    const ws = body<{ items: { hostname: string }[] }>(h.api("GET", "/api/agent_manager/v2/agents", { query: { hostname: "hlike(tst-ws)" } })).items;
    expect(ws).toHaveLength(3);
    const one = h.api("GET", `/api/agent_manager/v2/agents/${items[0]?.id as string}`);
    expect(body(one)["hostname"]).toBe(items[0]?.hostname);
    expect(body(h.api("GET", "/api/agent_manager/v2/agents/nope"))).toMatchObject({ domain: "AgentManager", debug: { msg: expect.any(String) } });
  });
});
