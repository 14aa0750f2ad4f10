import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StateError } from "../../../src/errors.js";
import { applyLinks, staleLinkReason } from "../../../src/jobs/automap/apply.js";
import type { PendingLink } from "../../../src/jobs/automap/plan/plan-job.js";
import { linksOf } from "../../../src/jobs/shared/mappings.js";
import { openState, type StateHandle } from "../../../src/state/index.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "nb-automap-apply-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const now = () => new Date("2025-03-01T12:00:00Z");
const contoso: PendingLink = { service: "acronis", orgId: 1, orgName: "Contoso", targetId: "acr-1", targetName: "Contoso" };
const fabrikam: PendingLink = { service: "acronis", orgId: 2, orgName: "Fabrikam", targetId: "acr-2", targetName: "Fabrikam Inc" };

async function withState<T>(work: (state: StateHandle) => Promise<T>): Promise<T> {
  const state = await openState(path.join(dir, "state.json"), { mode: "write", command: "automap" });
  try {
    return await work(state);
  } finally {
    await state.close();
  }
}

describe("applyLinks", () => {
  it("records every link in one write, as made by automap, and reports each once it is on disk", async () => {
    const seen: number[] = [];
    const outcome = await withState((state) => applyLinks(state, [contoso, fabrikam], { now, onLinked: () => seen.push(state.data.serial) }));
    expect(outcome).toEqual({ linked: [contoso, fabrikam], skipped: [] });
    expect(seen).toEqual([1, 1]);
    const links = await withState(async (state) => linksOf(state.data, "acronis"));
    expect(links).toEqual([
      { ...contoso, source: "automap", mappedAt: "2025-03-01T12:00:00.000Z" },
      { ...fabrikam, source: "automap", mappedAt: "2025-03-01T12:00:00.000Z" },
    ]);
  });

  it("skips a link whose tenant the state file has since given to another organization", async () => {
    await withState((state) => applyLinks(state, [contoso], { now }));
    const rival = { ...fabrikam, targetId: "acr-1", targetName: "Contoso" };
    const outcome = await withState((state) => applyLinks(state, [rival], { now }));
    expect(outcome.linked).toEqual([]);
    expect(outcome.skipped).toEqual([{ link: rival, reason: "Contoso (acr-1) is now mapped to organization 1" }]);
  });

  it("reports a link already recorded as such, and another link of the organization as a conflict", async () => {
    await withState((state) => applyLinks(state, [contoso], { now }));
    await withState(async (state) => {
      expect(staleLinkReason(state.data, contoso)).toBe("already recorded");
      expect(staleLinkReason(state.data, { ...contoso, targetId: "acr-9" })).toBe("organization 1 is now mapped to Contoso (acr-1)");
      expect(staleLinkReason(state.data, fabrikam)).toBeUndefined();
    });
  });

  it("records nothing and passes the error on when the write fails", async () => {
    await withState(async (state) => {
      const failing: StateHandle = { ...state, data: state.data, update: () => Promise.reject(new StateError("read-only")) };
      const linked: PendingLink[] = [];
      await expect(applyLinks(failing, [contoso, fabrikam], { now, onLinked: (l) => linked.push(l) })).rejects.toThrow(StateError);
      expect(linked).toEqual([]);
      expect(linksOf(state.data, "acronis")).toEqual([]);
    });
  });
});
