import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planFieldWrites, fieldHashCache } from "../../../src/jobs/fields/plan/index.js";
import { writeEach, type FieldWriter } from "../../../src/jobs/fields/apply.js";
import type { JobActionEvent } from "../../../src/jobs/job.js";
import { LEFT_FOR_NEXT_RUN, NOT_TRIED } from "../../../src/jobs/shared/apply-loop.js";
import { StateError } from "../../../src/errors.js";
import { openState, type StateHandle } from "../../../src/state/index.js";
import { silentLogger } from "../../../src/log.js";

let dir: string;
let state: StateHandle;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "nb-fields-"));
  state = await openState(path.join(dir, "state.json"), { mode: "write", command: "test", logger: silentLogger });
});
afterEach(async () => {
  await state.close();
  await rm(dir, { recursive: true, force: true });
});

const plan = planFieldWrites(
  [
    { scope: "device", entityId: 1, entityName: "WS-01", fields: { status: "OK", lastBackup: 1767578448000 } },
    { scope: "device", entityId: 2, entityName: "WS-02", fields: { status: "Error" } },
    { scope: "organization", entityId: 9, entityName: "Contoso", fields: { summary: { html: "<p>x</p>" } } },
  ],
  new Map(),
);

describe("writeEach", () => {
  it("records each written entity's hashes, and nothing for a write NinjaOne refused", async () => {
    const sent: number[] = [];
    const write: FieldWriter = async (_scope, id) => {
      sent.push(id);
      if (id === 2) throw new Error("ATTRIBUTE_API_PERMISSION_DENIED");
    };
    const events: JobActionEvent[] = [];
    const outcome = await writeEach(write, state, plan.actions, { onAction: (e) => events.push(e) }, { now: () => new Date("2026-01-06T00:00:00Z") });
    expect(sent.sort()).toEqual([1, 2, 9]);
    expect(outcome.written.map((w) => w.entityId).sort()).toEqual([1, 9]);
    expect(outcome.failed).toEqual([{ scope: "device", entityId: 2, entityName: "WS-02", fields: ["status"], reason: "ATTRIBUTE_API_PERMISSION_DENIED" }]);
    expect(Object.keys(state.data.fieldWrites).sort()).toEqual(["device:1:lastBackup", "device:1:status", "organization:9:summary"]);
    expect(state.data.fieldWrites["device:1:status"]?.writtenAt).toBe("2026-01-06T00:00:00.000Z");
    expect(events.filter((e) => e.result === "failed").map((e) => e.target)).toEqual(["WS-02 (device 2)"]);
  });

  it("plans again only the entity whose write failed", async () => {
    await writeEach(async (_s, id) => {
      if (id === 2) throw new Error("refused");
    }, state, plan.actions, {});
    const next = planFieldWrites(
      [
        { scope: "device", entityId: 1, fields: { status: "OK", lastBackup: 1767578448000 } },
        { scope: "device", entityId: 2, fields: { status: "Error" } },
        { scope: "organization", entityId: 9, fields: { summary: { html: "<p>x</p>" } } },
      ],
      fieldHashCache(Object.values(state.data.fieldWrites)),
    );
    expect(next.actions.filter((a) => a.kind === "write").map((a) => a.entityId)).toEqual([2]);
  });

  it("reports progress once per entity", async () => {
    const progress: Array<[number, number]> = [];
    await writeEach(async () => undefined, state, plan.actions, { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it("stops at a state that cannot be written: what was sent is failed, nothing more is sent", async () => {
    const readOnly = await openState(path.join(dir, "state.json"), { mode: "read", command: "test", logger: silentLogger });
    const sent: number[] = [];
    const outcome = await writeEach(
      async (_scope, id) => {
        sent.push(id);
      },
      readOnly,
      plan.actions,
      {},
      { concurrency: 1 },
    );
    await readOnly.close();
    expect(outcome.stop).toBeInstanceOf(StateError);
    expect(sent.length).toBe(1);
    expect(outcome.written).toEqual([]);
    expect(outcome.failed.filter((f) => f.reason !== NOT_TRIED).map((f) => f.entityId)).toEqual(sent);
    expect(outcome.failed.filter((f) => f.reason === NOT_TRIED).length).toBe(2);
  });

  it("starts no write once the window closed: those are left, not failed, and recorded nowhere, so the next plan has them again", async () => {
    let starts = 0;
    const events: JobActionEvent[] = [];
    const outcome = await writeEach(async () => undefined, state, plan.actions, { onAction: (e) => events.push(e) }, { concurrency: 1, open: () => starts++ < 1 });
    expect(outcome.written.map((w) => w.entityId)).toEqual([9]);
    expect(outcome.failed).toEqual([]);
    expect(outcome.left?.map((w) => w.entityId)).toEqual([1, 2]);
    expect(events.filter((e) => e.result === "skipped").map((e) => e.detail)).toEqual([LEFT_FOR_NEXT_RUN, LEFT_FOR_NEXT_RUN]);
    const next = planFieldWrites(
      [
        { scope: "device", entityId: 1, fields: { status: "OK", lastBackup: 1767578448000 } },
        { scope: "device", entityId: 2, fields: { status: "Error" } },
        { scope: "organization", entityId: 9, fields: { summary: { html: "<p>x</p>" } } },
      ],
      fieldHashCache(Object.values(state.data.fieldWrites)),
    );
    expect(next.actions.filter((a) => a.kind === "write").map((a) => a.entityId)).toEqual([1, 2]);
  });
});
