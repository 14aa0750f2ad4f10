import { describe, expect, it } from "vitest";
import { makeHarness } from "./harness.js";

describe("sandbox NinjaOne scripts", () => {
  it("lists the automation library with the spec's fields only", async () => {
    const h = makeHarness();
    const res = await h.call("GET", "/v2/automation/scripts", { token: await h.m2mToken() });
    expect(res.status).toBe(200);
    const scripts = res.body as Array<Record<string, unknown>>;
    expect(scripts.map((s) => s["name"])).toContain("Install Acronis agent (Windows)");
    expect(scripts.every((s) => !("installsAgent" in s))).toBe(true);
  });

  it("runs a script only with user context, records the run on the control endpoint, and an offline device's run as undelivered", async () => {
    const h = makeHarness();
    const refused = await h.call("POST", "/v2/device/501/script/run", { token: await h.m2mToken(), json: { type: "SCRIPT", id: 11 } });
    expect(refused.status).toBe(403);
    expect((refused.body as { error: string }).error).toBe("user_context_required");
    await h.control("POST", "/devices/501", { offline: false });
    const { access } = await h.userToken();
    expect((await h.call("POST", "/v2/device/501/script/run", { token: access, json: { type: "SCRIPT", id: 999 } })).status).toBe(404);
    expect((await h.call("POST", "/v2/device/501/script/run", { token: access, json: { type: "SCRIPT", id: 11 } })).status).toBe(204);
    await h.control("POST", "/devices/502", { offline: true });
    expect((await h.call("POST", "/v2/device/502/script/run", { token: access, json: { type: "SCRIPT", id: 12 } })).status).toBe(204);
    const runs = (await h.control("GET", "/script-runs"))?.body as { items: Array<Record<string, unknown>> };
    expect(runs.items.map((r) => [r["deviceId"], r["scriptId"], r["delivered"]])).toEqual([
      [501, 11, true],
      [502, 12, false],
    ]);
    expect(runs.items.every((r) => !("organizationValues" in r))).toBe(true);
  });
});
