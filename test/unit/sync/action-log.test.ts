import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import { ActionLog } from "../../../src/jobs/sync/action-log.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "nb-action-log-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ActionLog", () => {
  it("appends one JSON line per action with time, run, job, target and result, after earlier runs' lines", async () => {
    const file = path.join(dir, "audit.jsonl");
    const times = [new Date("2026-11-23T01:00:01Z"), new Date("2026-11-23T01:00:02Z")];
    for (const [i, time] of times.entries()) {
      const log = await ActionLog.open(file, { run: new Date("2026-11-23T01:00:00Z"), dryRun: false, now: () => time });
      log.write({ job: "fields", action: "write-fields", target: `device ${i}`, result: i === 0 ? "applied" : "failed", ...(i === 1 ? { detail: "HTTP 400" } : {}) });
      await log.close();
    }
    const lines = (await readFile(file, "utf8")).trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { time: "2026-11-23T01:00:01.000Z", run: "2026-11-23T01:00:00.000Z", dryRun: false, job: "fields", action: "write-fields", target: "device 0", result: "applied" },
      { time: "2026-11-23T01:00:02.000Z", run: "2026-11-23T01:00:00.000Z", dryRun: false, job: "fields", action: "write-fields", target: "device 1", result: "failed", detail: "HTTP 400" },
    ]);
  });

  it.runIf(process.platform !== "win32")("creates the file readable by its owner only", async () => {
    const file = path.join(dir, "audit.jsonl");
    const log = await ActionLog.open(file, { run: new Date(), dryRun: true });
    await log.close();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("says which path it cannot open and what to do", async () => {
    await expect(ActionLog.open(path.join(dir, "missing", "audit.jsonl"), { run: new Date(), dryRun: false })).rejects.toThrow(ConfigError);
  });
});
