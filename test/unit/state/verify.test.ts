import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../../src/state/migrations.js";
import { openState } from "../../../src/state/open-state.js";
import { emptyState, STATE_VERSION } from "../../../src/state/schema.js";
import { verifyState, type VerifyReport } from "../../../src/state/verify.js";
import { deadPid, makeTempDir, removeDir } from "./helpers.js";

const posix = process.platform !== "win32";
const at = "2025-03-01T10:00:00.000Z";
const lineage = "6f1c2a9e-4b7d-4e2a-9c3f-0a1b2c3d4e5f";

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await makeTempDir();
  file = path.join(dir, "state.json");
});

afterEach(async () => {
  await removeDir(dir);
});

function codes(report: VerifyReport): string[] {
  return report.problems.map((p) => p.code);
}

/** verifyState must never change the folder it looks at. */
async function verifyWithoutWriting(): Promise<VerifyReport> {
  const snapshot = async () => Promise.all((await fs.readdir(dir)).sort().map(async (name) => [name, await fs.readFile(path.join(dir, name), "utf8")]));
  const before = await snapshot();
  const report = await verifyState(file);
  expect(await snapshot()).toEqual(before);
  return report;
}

async function writeHealthyState(): Promise<void> {
  const state = await openState(file, { mode: "write", command: "test" });
  await state.update((d) => {
    d.mappings.acronis["7"] = {
      ninjaOrgId: 7,
      ninjaOrgName: "Contoso",
      acronisTenantId: "0c6a2d7e-1111-4222-8333-444455556666",
      acronisTenantName: "Contoso",
      source: "automap",
      mappedAt: at,
    };
  });
  await state.close();
}

describe("verifyState", () => {
  it("reports a healthy file as ok with its summary and counts", async () => {
    await writeHealthyState();
    const report = await verifyWithoutWriting();
    expect(report).toMatchObject({
      exists: true,
      parses: true,
      schemaValid: true,
      fileVersion: STATE_VERSION,
      knownVersion: STATE_VERSION,
      migrationPending: false,
      lock: { present: false },
      tempFiles: [],
      problems: [],
      ok: true,
    });
    if (posix) expect(report.mode).toBe("600");
    expect(report.summary).toMatchObject({ serial: 1, counts: { acronisMappings: 1, orgsSeen: 0 } });
  });

  it("reports a missing file as a warning, not an error", async () => {
    const report = await verifyWithoutWriting();
    expect(report).toMatchObject({ exists: false, parses: null, ok: true });
    expect(codes(report)).toEqual(["missing"]);
  });

  it("reports a file that is not JSON", async () => {
    await fs.writeFile(file, '{"version": 1', { mode: 0o600 });
    const report = await verifyWithoutWriting();
    expect(report).toMatchObject({ parses: false, ok: false });
    expect(codes(report)).toEqual(["not-json"]);
  });

  it("reports a schema mismatch with the failing field", async () => {
    await fs.writeFile(file, JSON.stringify({ ...emptyState(new Date(at), lineage), updatedAt: "yesterday" }), { mode: 0o600 });
    const report = await verifyWithoutWriting();
    expect(report).toMatchObject({ parses: true, schemaValid: false, fileVersion: STATE_VERSION, ok: false });
    expect(report.problems[0]?.message).toContain("at updatedAt");
  });

  it("reports a version newer than this build knows", async () => {
    await fs.writeFile(file, JSON.stringify({ ...emptyState(new Date(at), lineage), version: STATE_VERSION + 1 }), { mode: 0o600 });
    const report = await verifyWithoutWriting();
    expect(report).toMatchObject({ fileVersion: STATE_VERSION + 1, ok: false });
    expect(codes(report)).toEqual(["newer-version"]);
  });

  it("reports an older version this build cannot upgrade", async () => {
    await fs.writeFile(file, JSON.stringify({ ...emptyState(new Date(at), lineage), version: 0 }), { mode: 0o600 });
    const report = await verifyWithoutWriting();
    expect(codes(report)).toEqual(["no-migration"]);
  });

  it("reports an upgrade pending when a migration applies", async () => {
    await fs.writeFile(file, JSON.stringify({ ...emptyState(new Date(at), lineage), version: 0 }), { mode: 0o600 });
    const report = await verifyState(file, { migrations: [{ from: 0, migrate: (doc) => doc }, ...MIGRATIONS] });
    expect(report).toMatchObject({ fileVersion: 0, migrationPending: true, ok: true });
  });

  it.skipIf(!posix)("reports a state file readable by others", async () => {
    await writeHealthyState();
    await fs.chmod(file, 0o644);
    const report = await verifyWithoutWriting();
    expect(report).toMatchObject({ mode: "644", ok: false });
    expect(codes(report)).toEqual(["not-private"]);
  });

  it("reports a stale lock left by a dead process", async () => {
    await writeHealthyState();
    const pid = await deadPid();
    await fs.writeFile(`${file}.lock`, JSON.stringify({ pid, host: os.hostname(), startedAt: at, command: "sync" }));
    const report = await verifyWithoutWriting();
    expect(report.lock).toMatchObject({ present: true, stale: true, holder: { pid } });
    expect(codes(report)).toEqual(["stale-lock"]);
    expect(report.ok).toBe(true);
  });

  it("reports a lock held by a running writer as present and not stale", async () => {
    await writeHealthyState();
    const state = await openState(file, { mode: "write", command: "tickets sync" });
    const report = await verifyState(file);
    await state.close();
    expect(report.lock).toMatchObject({ present: true, stale: false, holder: { pid: process.pid, command: "tickets sync" } });
    expect(report.problems).toEqual([]);
  });

  it("reports temp files left by an interrupted write", async () => {
    await writeHealthyState();
    await fs.writeFile(path.join(dir, "state.json.0a1b2c.tmp"), "{");
    const report = await verifyWithoutWriting();
    expect(report.tempFiles).toEqual([path.join(dir, "state.json.0a1b2c.tmp")]);
    expect(codes(report)).toEqual(["temp-files"]);
  });

  it("lists corrupt copies kept by earlier runs", async () => {
    await fs.writeFile(file, "nope", { mode: 0o600 });
    await expect(openState(file, { mode: "read" })).rejects.toThrow(file);
    const report = await verifyWithoutWriting();
    expect(report.corruptCopies).toHaveLength(1);
    expect(path.basename(report.corruptCopies[0] as string)).toMatch(/^state\.json\.corrupt-/);
  });
});
