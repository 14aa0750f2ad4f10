import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeState } from "../../../src/state/describe.js";
import { judgeLock, lockedMessage, UNREADABLE_LOCK_GRACE_MS, type LockInfo } from "../../../src/state/lock-verdict.js";
import { applyMigrations, MIGRATIONS, type Migration } from "../../../src/state/migrations.js";
import { parseStateText } from "../../../src/state/parse.js";
import { emptyState, STATE_VERSION } from "../../../src/state/schema.js";
import { findSecretKeyPaths } from "../../../src/state/secret-guard.js";

const NOW = new Date("2025-03-01T10:00:00.000Z");
const LINEAGE = "6f1c2a9e-4b7d-4e2a-9c3f-0a1b2c3d4e5f";

function recordingStep(from: number, trail: number[]): Migration {
  return {
    from,
    migrate: (doc) => {
      trail.push(from);
      return { ...doc, [`step${from}`]: true };
    },
  };
}

describe("applyMigrations", () => {
  it("applies every step from the file's version up to the target in order, whatever the list order", () => {
    const trail: number[] = [];
    const steps = [recordingStep(3, trail), recordingStep(1, trail), recordingStep(2, trail)];
    const result = applyMigrations({ version: 1 }, 1, 4, steps);
    expect(trail).toEqual([1, 2, 3]);
    expect(result).toEqual({ ok: true, applied: [1, 2, 3], doc: { version: 4, step1: true, step2: true, step3: true } });
  });

  it("reports the first missing step instead of skipping a version", () => {
    const trail: number[] = [];
    const result = applyMigrations({ version: 1 }, 1, 4, [recordingStep(1, trail), recordingStep(3, trail)]);
    expect(result).toEqual({ ok: false, missingFrom: 2 });
  });

  it("sets the version itself so a step cannot forget it", () => {
    const result = applyMigrations({ version: 0 }, 0, 1, [{ from: 0, migrate: (doc) => ({ ...doc, version: 0 }) }]);
    expect(result.ok && result.doc.version).toBe(1);
  });

  it("does not change the document it was given", () => {
    const original = { version: 0, nested: { a: 1 } };
    applyMigrations(original, 0, 1, [{ from: 0, migrate: (doc) => { (doc.nested as { a: number }).a = 2; return doc; } }]);
    expect(original).toEqual({ version: 0, nested: { a: 1 } });
  });
});

describe("parseStateText", () => {
  const valid = emptyState(NOW, LINEAGE);

  it("accepts a valid current document", () => {
    const result = parseStateText(JSON.stringify(valid), { migrations: [] });
    expect(result).toEqual({ ok: true, doc: valid, fileVersion: STATE_VERSION, migratedFrom: [] });
  });

  it("accepts the example document in fixtures/state with one entry in every section", () => {
    const text = readFileSync(new URL("../../../fixtures/state/example-v1.json", import.meta.url), "utf8");
    const result = parseStateText(text, { migrations: MIGRATIONS });
    if (!result.ok) throw new Error(`the example was refused: ${JSON.stringify(result)}`);
    // Each section by name (orgsSeen holds two): a section the summary gains but the example leaves empty fails here.
    // Version 1 had no device links, documents or agent records: the migration leaves them empty.
    expect(describeState(result.doc).counts).toEqual({ acronisMappings: 1, m365Mappings: 1, alertLinks: 1, fieldWrites: 1, cursors: 1, provisioning: 1, orgsSeen: 2, deviceLinks: 0, documents: 0, agentTokens: 0, agentDeploys: 0 });
  });

  it("calls text that is not JSON not-json", () => {
    expect(parseStateText('{"version": 1,', { migrations: [] })).toMatchObject({ ok: false, kind: "not-json" });
  });

  it("names the first failing field path of a schema mismatch", () => {
    const broken = { ...valid, mappings: { acronis: { "12": { ninjaOrgId: 12 } }, m365: {} } };
    expect(parseStateText(JSON.stringify(broken), { migrations: [] })).toMatchObject({
      ok: false,
      kind: "schema",
      fieldPath: "mappings.acronis.12.ninjaOrgName",
    });
  });

  it("refuses an entry filed under a key that is not its own id", () => {
    const at = NOW.toISOString();
    const misfiled = { ...valid, orgsSeen: { "7": { ninjaOrgId: 8, name: "Eight", firstSeenAt: at, lastSeenAt: at } } };
    expect(parseStateText(JSON.stringify(misfiled), { migrations: [] })).toMatchObject({ kind: "schema", fieldPath: "orgsSeen.7" });
  });

  it("refuses unknown top-level keys rather than dropping them on the next write", () => {
    expect(parseStateText(JSON.stringify({ ...valid, extra: 1 }), { migrations: [] })).toMatchObject({ kind: "schema" });
  });

  it("calls a missing or non-integer version a schema error at version", () => {
    expect(parseStateText(JSON.stringify({ ...valid, version: "1" }), { migrations: [] })).toMatchObject({ kind: "schema", fieldPath: "version" });
    expect(parseStateText("[]", { migrations: [] })).toMatchObject({ kind: "schema", fieldPath: "(document)" });
  });

  it("reports a version newer than this build knows with both versions", () => {
    expect(parseStateText(JSON.stringify({ ...valid, version: STATE_VERSION + 1 }), { migrations: [] })).toEqual({
      ok: false,
      kind: "newer-version",
      fileVersion: STATE_VERSION + 1,
      knownVersion: STATE_VERSION,
    });
  });

  it("migrates an older document and validates the result", () => {
    const { lineage, ...rest } = valid;
    const old = { ...rest, version: 0, id: lineage };
    const step: Migration = { from: 0, migrate: ({ id, ...rest }) => ({ ...rest, lineage: id }) };
    expect(parseStateText(JSON.stringify(old), { migrations: [step, ...MIGRATIONS] })).toEqual({ ok: true, doc: valid, fileVersion: 0, migratedFrom: [0, ...MIGRATIONS.map((m) => m.from)] });
  });

  it("reports an older document without an upgrade step as no-migration", () => {
    expect(parseStateText(JSON.stringify({ ...valid, version: 0 }), { migrations: [] })).toMatchObject({
      kind: "no-migration",
      fileVersion: 0,
      missingFrom: 0,
    });
  });
});

describe("findSecretKeyPaths", () => {
  it("finds secret-like keys at any depth in any spelling", () => {
    const doc = { a: { clientSecret: "x" }, b: [{ refresh_token: "y" }], c: { "Access-Token": 1, password: null }, d: { secretary: 1 } };
    expect(findSecretKeyPaths(doc).sort()).toEqual(["a.clientSecret", "b.0.refresh_token", "c.Access-Token", "c.password"]);
  });

  it("finds nothing in an ordinary document", () => {
    expect(findSecretKeyPaths(emptyState(NOW, LINEAGE))).toEqual([]);
  });
});

describe("judgeLock", () => {
  const holder: LockInfo = { pid: 4242, host: "tech-pc", startedAt: NOW.toISOString(), command: "tickets sync" };
  const facts = { holder, ageMs: 5_000, host: "tech-pc", isRunning: () => true };

  it("keeps a lock whose process still runs on this host", () => {
    expect(judgeLock(facts)).toEqual({ kind: "held", holder, reason: "running" });
  });

  it("calls a lock whose process is gone on this host stale", () => {
    expect(judgeLock({ ...facts, isRunning: () => false })).toEqual({ kind: "stale", holder, reason: "process-gone" });
  });

  it("never calls a lock from another host stale, even if the pid is unused here", () => {
    expect(judgeLock({ ...facts, host: "other-pc", isRunning: () => false })).toEqual({ kind: "held", holder, reason: "other-host" });
  });

  it("treats an unreadable lock as held for a minute and stale after", () => {
    expect(judgeLock({ ...facts, holder: null, ageMs: UNREADABLE_LOCK_GRACE_MS - 1 }).kind).toBe("held-unreadable");
    expect(judgeLock({ ...facts, holder: null, ageMs: UNREADABLE_LOCK_GRACE_MS + 1 }).kind).toBe("stale-unreadable");
  });

  it("explains how to remove a lock from another host by hand", () => {
    const { message, hint } = lockedMessage("/s/state.json", "/s/state.json.lock", { kind: "held", holder, reason: "other-host" });
    expect(message).toContain("pid 4242 on host tech-pc since 2025-03-01T10:00:00.000Z (command: tickets sync)");
    expect(hint).toContain("delete /s/state.json.lock");
  });
});

describe("describeState", () => {
  it("counts the entries of every section", () => {
    const at = NOW.toISOString();
    const doc = emptyState(NOW, LINEAGE);
    doc.orgsSeen["1"] = { ninjaOrgId: 1, name: "One", firstSeenAt: at, lastSeenAt: at };
    doc.orgsSeen["2"] = { ninjaOrgId: 2, name: "Two", firstSeenAt: at, lastSeenAt: at };
    doc.cursors.alerts = { name: "alerts", cursor: "abc", updatedAt: at };
    doc.deviceLinks["acronis:5"] = { key: "acronis:5", service: "acronis", ninjaDeviceId: 5, ninjaOrgId: 1, remoteId: "w5", by: "serial", linkedAt: at, ninjaName: "WS-05", remoteName: "WS-05" };
    doc.agentTokens["1"] = { ninjaOrgId: 1, acronisTenantId: "t1", field: "acronisToken", mintedAt: at, expiresAt: at };
    doc.agentDeploys["5"] = { ninjaDeviceId: 5, ninjaOrgId: 1, scriptId: 9, ranAt: at };
    expect(describeState(doc)).toEqual({
      version: STATE_VERSION,
      serial: 0,
      lineage: LINEAGE,
      createdAt: at,
      updatedAt: at,
      counts: { acronisMappings: 0, m365Mappings: 0, alertLinks: 0, fieldWrites: 0, cursors: 1, provisioning: 0, orgsSeen: 2, deviceLinks: 1, documents: 0, agentTokens: 1, agentDeploys: 1 },
    });
  });
});
