import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectContext } from "../../src/clients/connect.js";
import { CredentialStore } from "../../src/config/credentials/index.js";
import { ProfileConfig } from "../../src/config/profile-config.js";
import { fieldsJob } from "../../src/jobs/fields/index.js";
import { JobSession } from "../../src/jobs/shared/session.js";
import { automapJob } from "../../src/jobs/automap/index.js";
import { isUnconfigured, type JobHooks } from "../../src/jobs/job.js";
import { silentLogger } from "../../src/log.js";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";
import { openState } from "../../src/state/index.js";
import type { CliHome } from "../helpers/run-cli.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";

let sandbox: RunningSandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "demo", port: 0 });
  dir = mkdtempSync(path.join(os.tmpdir(), "nb-fields-batches-"));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function context(): ConnectContext {
  const home: CliHome = { dir, env: { NINJA_BRIDGE_CONFIG_DIR: path.join(dir, "config"), NINJA_BRIDGE_CREDENTIAL_STORE: "file" }, cleanup: () => undefined };
  const env = sandboxEnv(sandbox, home);
  return { profile: "default", env, out: silentLogger, config: () => ProfileConfig.open("default", { env }), credentials: () => Promise.resolve(new CredentialStore({ env })) };
}

describe("fields inside sync, in batches of organizations", () => {
  it("writes what one plan of every organization would, reports progress across batches, then writes nothing", async () => {
    const ctx = context();
    const config = await ctx.config();
    config.setJobSettings("fields", { mappings: { "acronis.protection-status": "acronisProtectionStatus", "cipp.tenant-summary": "m365TenantSummary" }, licensedUsersOnly: false });
    const state = await openState(path.join(dir, "state.json"), { mode: "write", command: "test" });
    try {
      const session = new JobSession(ctx);
      const options = { dryRun: false, yes: true };
      const settings = automapJob.settings(config, ctx.env);
      if (isUnconfigured(settings)) throw new Error(settings.unconfigured);
      const run = { session, state, settings, ...options, hooks: {}, logger: ctx.out };
      await automapJob.apply(run, await automapJob.plan(run));
      // The whole plan at once, as `fields sync` makes it: every tenant read, no batches.
      const fieldsSettings = fieldsJob.settings(config, ctx.env);
      if (isUnconfigured(fieldsSettings)) throw new Error(fieldsSettings.unconfigured);
      const wholeRun = { ...run, settings: { ...fieldsSettings, batchSize: undefined, cippFreshForMinutes: 0 }, dryRun: true };
      const whole = fieldsJob.report(wholeRun, await fieldsJob.plan(wholeRun), null).counts;
      expect(whole.planned).toBeGreaterThan(4);

      const progress: Array<[number, number]> = [];
      const job = async (hooks: JobHooks) => {
        const batched = { ...run, settings: { ...fieldsSettings, batchSize: 2 }, hooks };
        const plan = await fieldsJob.plan(batched);
        return fieldsJob.report(batched, plan, await fieldsJob.apply(batched, plan));
      };
      const first = await job({ onProgress: (done, total) => progress.push([done, total]) });
      expect(first.counts).toMatchObject({ planned: whole.planned, applied: whole.planned, failed: 0 });
      expect(Object.keys(state.data.fieldWrites).length).toBeGreaterThanOrEqual(whole.planned);
      expect(progress.at(-1)).toEqual([whole.planned, whole.planned]);
      expect(progress.filter(([done], i) => i > 0 && done < (progress[i - 1]?.[0] ?? 0))).toEqual([]);

      const again = await job({});
      expect(again.counts).toMatchObject({ planned: 0, applied: 0, failed: 0 });
    } finally {
      await state.close();
    }
  });

  it("with its window closed, leaves the first batch's values unwritten and reads no further batch", async () => {
    const ctx = context();
    const config = await ctx.config();
    const state = await openState(path.join(dir, "window.json"), { mode: "write", command: "test" });
    try {
      const settings = automapJob.settings(config, ctx.env);
      if (isUnconfigured(settings)) throw new Error(settings.unconfigured);
      const run = { session: new JobSession(ctx), state, settings, dryRun: false, yes: true, hooks: {}, logger: ctx.out };
      await automapJob.apply(run, await automapJob.plan(run));
      const fieldsSettings = fieldsJob.settings(config, ctx.env);
      if (isUnconfigured(fieldsSettings)) throw new Error(fieldsSettings.unconfigured);
      const closed = { ...run, settings: { ...fieldsSettings, batchSize: 2 }, window: { closesAt: 0 } };
      const plan = await fieldsJob.plan(closed);
      const report = fieldsJob.report(closed, plan, await fieldsJob.apply(closed, plan));
      const firstBatch = plan.planned[0]?.writes.actions.filter((a) => a.kind === "write") ?? [];
      expect(firstBatch.length).toBeGreaterThan(0);
      expect(report.counts).toMatchObject({ applied: 0, failed: 0 });
      expect(report["left"]).toBe(firstBatch.reduce((n, a) => n + (a.kind === "write" ? Object.keys(a.fields).length : 0), 0));
      expect(report["unreached"]).toBe(plan.unread.flat().length);
      expect(plan.unread.length).toBeGreaterThan(0);
      expect(report.notes.at(-1)).toMatch(/^\d+ values? left for the next run; \d+ organizations? not read/);
      expect(Object.keys(state.data.fieldWrites)).toEqual([]);
    } finally {
      await state.close();
    }
  });
});
