import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCliJson } from "../helpers/cli-json.js";
import { useDemoSandbox } from "../helpers/demo-sandbox.js";
import { makeCliHome, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";

interface TicketsPlan {
  unmappedTenants: string[];
  actions: Array<{ kind: string; reason: string }>;
}

let home: CliHome;
beforeEach(() => {
  home = makeCliHome();
});
afterEach(() => home.cleanup());

describe("a customer with a unit", () => {
  const sandbox = useDemoSandbox();

  // The demo keeps Northwind's first listed workload in its unit "Northwind Warehouse", and its alert in Northwind itself.
  it("places the customer's own alerts on its organization, learning its numeric id from workloads outside its units", async () => {
    const env = sandboxEnv(sandbox(), home, { acronis: true });
    expect((await runInProcess(["automap", "--target", "acronis", "--yes"], { env })).code).toBe(0);
    expect((await runInProcess(["tickets", "config", "--requester", "sam.sandbox@example.com"], { env })).code).toBe(0);
    const { code, report, stderr } = await runCliJson<TicketsPlan>(["tickets", "sync", "--dry-run", "--json"], env);
    expect(code, stderr).toBe(0);
    expect(report.unmappedTenants).toEqual([]);
    expect(report.actions.filter((a) => a.kind === "create" && /Northwind/i.test(a.reason)).map((a) => a.reason)).toEqual([expect.stringMatching(/on device/)]);
  });
});
