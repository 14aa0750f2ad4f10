import { afterAll, describe, expect, it } from "vitest";
import { SANDBOX_USER } from "../../src/sandbox/ninjaone/apps.js";
import { useDemoSandbox } from "../helpers/demo-sandbox.js";
import { makeCliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";

interface Counts {
  planned: number;
  applied: number;
  failed: number;
}
interface ErrorJson {
  message: string;
  exitCode: number;
  kind: string;
  touched?: Counts;
}

/** stdout must be exactly one JSON document. */
function oneDocument<T>(stdout: string): T {
  expect(stdout.trim()).not.toBe("");
  return JSON.parse(stdout) as T;
}

describe("--json on failure, and an applied run that is piped", () => {
  const sandbox = useDemoSandbox();
  const home = makeCliHome();
  afterAll(() => home.cleanup());
  // Client credentials: NinjaOne refuses every ticket write (user_context_required, a 403).
  const env = () => sandboxEnv(sandbox(), home, { acronis: true });

  it("automap --yes piped says what it recorded", async () => {
    const mapped = await runInProcess(["automap", "--target", "acronis", "--yes"], { env: env() });
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(mapped.stderr).toMatch(/✓ recorded \d+ links? in /);
    expect((await runInProcess(["tickets", "config", "--requester", SANDBOX_USER.email], { env: env() })).code).toBe(0);
  });

  it("tickets sync --yes --json prints one document whose counts agree with its error, and the 403 once", async () => {
    const result = await runInProcess(["tickets", "sync", "--yes", "--json"], { env: env() });
    expect(result.code).toBe(1);
    const doc = oneDocument<{ counts: Counts; error: ErrorJson }>(result.stdout);
    expect(doc.error).toMatchObject({ exitCode: 1, kind: "PermissionError" });
    expect(doc.error.message).toContain(`${doc.counts.failed} did not`);
    expect(doc.counts.failed).toBeGreaterThan(1);
    expect(doc.error.touched).toMatchObject({ applied: doc.counts.applied, failed: doc.counts.failed });
    // One line in full for the refusal, the rest summed up.
    expect(result.stderr.match(/^✗ create-ticket .*user_context_required/gm) ?? []).toHaveLength(1);
    expect(result.stderr).toMatch(/… and \d+ more failed the same way/);
  });

  it("auth status fails the ticket-writes check when tickets are configured and the token has no user context", async () => {
    const result = await runInProcess(["auth", "status", "--json"], { env: env() });
    expect(result.code).toBe(1);
    const doc = oneDocument<{ ok: boolean; services: Array<{ service: string; checks: Array<{ name: string; ok: boolean; fix?: string }> }>; error: ErrorJson }>(result.stdout);
    const check = doc.services.find((s) => s.service === "ninjaone")?.checks.find((c) => c.name === "ticket writes");
    expect(check).toMatchObject({ ok: false, fix: expect.stringContaining("--flow authorization-code") });
    expect(doc.ok).toBe(false);
    expect(doc.error.exitCode).toBe(1);
  });

  it("sync --json reports the failed tickets the error speaks of, not failed: 0", async () => {
    const result = await runInProcess(["sync", "--jobs", "tickets", "--yes", "--json"], { env: env() });
    expect(result.code).toBe(1);
    const doc = oneDocument<{ exitCode: number; jobs: Array<{ job: string; status: string; counts: Counts; error?: { message: string } }>; error: ErrorJson }>(result.stdout);
    const tickets = doc.jobs.find((j) => j.job === "tickets");
    expect(tickets?.status).toBe("failed");
    expect(tickets?.counts.failed).toBeGreaterThan(0);
    expect(tickets?.error?.message).toContain(`${tickets?.counts.failed} did not`);
    expect(doc.error.exitCode).toBe(1);
  });

  it("prints an error document for a failure before any report, and for a usage error", async () => {
    const noProfile = await runInProcess(["--profile", "nope", "orgs", "list", "--json"], { env: home.env });
    expect(noProfile.code).toBe(2);
    expect(oneDocument<{ error: ErrorJson }>(noProfile.stdout).error).toMatchObject({ exitCode: 2, kind: "ConfigError" });
    const badFlag = await runInProcess(["state", "path", "--json", "--frobnicate"], { env: home.env });
    expect(badFlag.code).toBe(2);
    expect(oneDocument<{ error: ErrorJson }>(badFlag.stdout).error.message).toContain("--frobnicate");
  });

  it("orgs map export --file F --json says what it wrote", async () => {
    const file = `${home.dir}/mappings.json`;
    const result = await runInProcess(["orgs", "map", "export", "--file", file, "--json"], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(oneDocument<{ file: string; written: boolean; acronis: number }>(result.stdout)).toMatchObject({ file, written: true, acronis: expect.any(Number) });
  });

  it("state verify ends with a verdict when stderr is not a terminal", async () => {
    const result = await runInProcess(["state", "verify"], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/✓ state file .* is sound/);
  });
});
