import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestCounts } from "../../src/sandbox/core/request-counts.js";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/server.js";
import { makeCliHome, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { control } from "../helpers/sandbox-control.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";

let sandbox: RunningSandbox;
let home: CliHome;

beforeAll(async () => {
  // More organizations and devices than one capped page holds, and nothing else.
  sandbox = await startSandbox({ seed: "large", large: { orgs: 600, devicesPerOrg: 1, alerts: 0 } });
  home = makeCliHome();
});
afterAll(async () => {
  home.cleanup();
  await sandbox.close();
});

describe("a NinjaOne that caps pages below the 1000 asked for", () => {
  it("still gives orgs list every organization and every device, learning the cap with one extra read per list", async () => {
    await control(sandbox, "PATCH", "/ninjaone/options", { maxPageSize: 500 });
    await control(sandbox, "POST", "/requests/reset");
    const result = await runInProcess(["orgs", "list", "--json"], { env: sandboxEnv(sandbox, home, {}) });
    expect(result.code, result.stderr).toBe(0);
    const { orgs } = JSON.parse(result.stdout) as { orgs: Array<{ id: number; devices: number | null }> };
    expect(orgs).toHaveLength(600);
    expect(orgs.filter((o) => o.devices !== 1)).toEqual([]);
    // A page of 500, the read that shows it was capped, then the short last page: nothing more.
    const routes = (await control<RequestCounts>(sandbox, "GET", "/requests")).services["ninjaone"]?.byRoute ?? {};
    expect(routes["GET /v2/organizations"]?.total).toBe(2);
    expect(routes["GET /v2/devices-detailed"]?.total).toBe(2);
  });
});
