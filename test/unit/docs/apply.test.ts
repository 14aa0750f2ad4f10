import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "../../../src/errors.js";
import type { HttpClient, RequestOptions } from "../../../src/http/index.js";
import { applyDocs, batchesOf } from "../../../src/jobs/docs/apply.js";
import { userDocument } from "../../../src/jobs/docs/plan/documents.js";
import type { DocsPlan } from "../../../src/jobs/docs/plan/plan-job.js";
import { planOrg } from "../../../src/jobs/docs/plan/plan-org.js";
import { silentLogger } from "../../../src/log.js";
import { openState, type StateHandle } from "../../../src/state/index.js";

let dir: string;
let state: StateHandle;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "nb-docs-"));
  state = await openState(path.join(dir, "state.json"), { mode: "write", command: "test", logger: silentLogger });
});
afterEach(async () => {
  await state.close();
  await rm(dir, { recursive: true, force: true });
});

const user = (id: string) => ({ id, displayName: id.toUpperCase(), userPrincipalName: `${id}@x.com`, licenses: [], accountEnabled: true, userType: "Member" });

function planFor(orgId: number, ids: string[]): DocsPlan {
  const org = { id: orgId, name: `Org ${orgId}` };
  const { actions, unchanged } = planOrg({ org, desired: ids.map((id) => userDocument(user(id))), records: [], live: [], templateIds: { user: 1, licence: 2 }, maxArchive: 10 });
  return { actions, unchanged, held: [], problems: [], read: [{ orgId, tenantId: `tenant-${orgId}` }], fresh: 0, orgs: 1 };
}

/** Answers creates in reverse order (nothing promises the order, so matching by position would swap them), and refuses any batch for organization 2. */
function fakeNinja(sent: RequestOptions[]): HttpClient {
  let next = 100;
  const request = async (options: RequestOptions) => {
    sent.push(options);
    const body = options.json as { organizationId: number; fields: Record<string, unknown> }[];
    if (body.some((d) => d.organizationId === 2)) {
      throw new ApiError("NinjaOne answered 400 Bad Request: INVALID_ATTRIBUTE", { service: "ninjaone", method: "POST", path: "/v2/organization/documents", status: 400 });
    }
    return body.map((d) => ({ documentId: next++, organizationId: d.organizationId, fields: Object.entries(d.fields).map(([name, value]) => ({ name, value })) })).reverse();
  };
  return { request } as unknown as HttpClient;
}

describe("applyDocs", () => {
  it("batches by kind of write, creates first, at most the batch size each", () => {
    const plan = planFor(1, ["a", "b", "c"]);
    expect(batchesOf(plan.actions, 2).map((b) => [b.op, b.actions.length])).toEqual([
      ["create", 2],
      ["create", 1],
    ]);
  });

  it("records each created document under its own key, matched by our key field, and the tenant as read", async () => {
    const sent: RequestOptions[] = [];
    const outcome = await applyDocs(fakeNinja(sent), state, planFor(1, ["a", "b"]), {});
    expect(outcome.failed).toEqual([]);
    expect(sent).toHaveLength(1);
    const docs = state.data.docs?.documents ?? {};
    expect(docs["1:user:a"]?.documentId).toBe(100);
    expect(docs["1:user:b"]?.documentId).toBe(101);
    expect(state.data.cursors["docs.cipp:tenant-1"]).toBeDefined();
  });

  it("halves a refused batch until the bad document stands alone; the others land", async () => {
    const sent: RequestOptions[] = [];
    const [one, two] = [planFor(1, ["a", "b", "c"]), planFor(2, ["z"])];
    const plan = { ...one, actions: [...one.actions, ...two.actions], read: [...one.read, ...two.read], orgs: 2 };
    const outcome = await applyDocs(fakeNinja(sent), state, plan, {});
    expect(outcome.applied.map((a) => a.key).sort()).toEqual(["1:user:a", "1:user:b", "1:user:c"]);
    expect(outcome.failed.map((f) => [f.action.key, f.reason])).toEqual([["2:user:z", "NinjaOne answered 400 Bad Request: INVALID_ATTRIBUTE"]]);
    // All four, then a+b, then c+z, then c and z alone.
    expect(sent.map((o) => (o.json as unknown[]).length)).toEqual([4, 2, 2, 1, 1]);
    expect(Object.keys(state.data.docs?.documents ?? {}).sort()).toEqual(["1:user:a", "1:user:b", "1:user:c"]);
    expect(state.data.cursors["docs.cipp:tenant-1"]).toBeDefined();
    expect(state.data.cursors["docs.cipp:tenant-2"]).toBeUndefined();
  });

  it("a refused batch records nothing and leaves its tenant to be read again", async () => {
    const sent: RequestOptions[] = [];
    const plan = planFor(2, ["a"]);
    const outcome = await applyDocs(fakeNinja(sent), state, plan, {});
    expect(outcome.applied).toEqual([]);
    expect(outcome.failed.map((f) => f.action.key)).toEqual(["2:user:a"]);
    expect(state.data.docs).toBeUndefined();
    expect(state.data.cursors["docs.cipp:tenant-2"]).toBeUndefined();
  });
});
