import { describe, expect, it } from "vitest";
import type { CippUser } from "../../../src/clients/cipp/users.js";
import { hashValue, NAME_HASH_KEY, tenantDocuments, userDocument, type DesiredDocument } from "../../../src/jobs/docs/plan/documents.js";
import { docKey, planOrg, type OrgPlanInput } from "../../../src/jobs/docs/plan/plan-org.js";
import type { DocumentRecord } from "../../../src/state/index.js";

const org = { id: 7, name: "Contoso" };
const templateIds = { user: 1, licence: 2 };

function user(id: string, licenses: string[] = ["E3"], name = `User ${id}`): CippUser {
  return { id, displayName: name, userPrincipalName: `${id}@contoso.com`, licenses, accountEnabled: true, userType: "Member" };
}

/** The record a landed write of `doc` leaves. */
function recorded(doc: DesiredDocument, documentId: number, over: Partial<DocumentRecord> = {}): DocumentRecord {
  const fieldHashes: Record<string, string> = { [NAME_HASH_KEY]: hashValue(doc.name) };
  for (const [k, v] of Object.entries(doc.fields)) fieldHashes[k] = hashValue(v);
  return { key: docKey(org.id, doc.kind, doc.sourceId), ninjaOrgId: org.id, kind: doc.kind, sourceId: doc.sourceId, documentId, templateId: templateIds[doc.kind], name: doc.name, fieldHashes, archived: false, writtenAt: "2026-01-01T00:00:00Z", ...over };
}

function live(documentId: number, templateId = 1, fields: Record<string, unknown> = {}) {
  return { documentId, name: "x", templateId, organizationId: org.id, fields };
}

function plan(input: Partial<OrgPlanInput>) {
  return planOrg({ org, desired: [], records: [], live: [], templateIds, maxArchive: 10, ...input });
}

describe("planOrg", () => {
  it("creates what has no record, and leaves what is recorded and unchanged", () => {
    const [a, b] = [userDocument(user("a")), userDocument(user("b"))] as [DesiredDocument, DesiredDocument];
    const p = plan({ desired: [a, b], records: [recorded(a, 11)], live: [live(11)] });
    expect(p.actions.map((x) => [x.kind, x.sourceId])).toEqual([["create", "b"]]);
    expect(p.unchanged).toBe(1);
  });

  it("patches only the fields whose value changed, and keeps a technician's rename", () => {
    const before = userDocument(user("a", ["E3"]));
    const after = userDocument(user("a", ["E5"]));
    const p = plan({ desired: [after], records: [recorded(before, 11)], live: [live(11)] });
    expect(p.actions).toMatchObject([{ kind: "update", documentId: 11, fields: { licences: after.fields.licences } }]);
    expect(p.actions[0]).not.toHaveProperty("rename");
  });

  it("sends a changed sign-in alone, and leaves a field whose read failed out while keeping its hash", () => {
    const facts = { lastSignIn: "2026-11-01", mailbox: "1.0 GB of 50 GB (2%)", oneDrive: "None", devices: ["WS-01"] };
    const before = userDocument(user("a"), facts);
    const signedIn = userDocument(user("a"), { ...facts, lastSignIn: "2026-12-01" });
    const [update] = plan({ desired: [signedIn], records: [recorded(before, 11)], live: [live(11)] }).actions;
    expect(update).toMatchObject({ kind: "update", fields: { lastSignIn: "2026-12-01" } });
    expect(Object.keys(update && "fields" in update ? update.fields : {})).toEqual(["lastSignIn"]);

    const { oneDrive: _unread, ...withoutOneDrive } = facts;
    const partial = userDocument(user("a"), { ...withoutOneDrive, lastSignIn: "2026-12-01" });
    expect(partial.fields).not.toHaveProperty("oneDrive");
    const [kept] = plan({ desired: [partial], records: [recorded(before, 11)], live: [live(11)] }).actions;
    expect(Object.keys(kept && "fields" in kept ? kept.fields : {})).toEqual(["lastSignIn"]);
    // Recorded as it lands, the unread field's hash stays, so its next read sends nothing unchanged.
    expect(kept && "hashes" in kept ? kept.hashes["oneDrive"] : undefined).toBe(hashValue("None"));
  });

  it("renames when the user's own name changed", () => {
    const before = userDocument(user("a", ["E3"], "Ada"));
    const after = userDocument(user("a", ["E3"], "Ada Lovelace"));
    const [action] = plan({ desired: [after], records: [recorded(before, 11)], live: [live(11)] }).actions;
    expect(action).toMatchObject({ kind: "update", rename: "Ada Lovelace (a@contoso.com)", fields: { displayName: "Ada Lovelace" } });
  });

  it("archives what left the tenant, never beyond the limit, and restores an archived one that came back", () => {
    const [a, b, c] = ["a", "b", "c"].map((id) => userDocument(user(id))) as [DesiredDocument, DesiredDocument, DesiredDocument];
    const records = [recorded(a, 11), recorded(b, 12), recorded(c, 13, { archived: true })];
    const within = plan({ desired: [c], records, live: [live(11), live(12)] });
    expect(within.actions.map((x) => [x.kind, x.sourceId])).toEqual([
      ["restore", "c"],
      ["archive", "a"],
      ["archive", "b"],
    ]);
    const held = plan({ desired: [c], records, live: [live(11), live(12)], maxArchive: 1 });
    expect(held.actions.map((x) => x.kind)).toEqual(["restore"]);
    expect(held.heldArchives).toBe(2);
  });

  it("makes again a recorded document deleted in NinjaOne, and adopts an unrecorded one carrying our key in our template", () => {
    const [a, b] = [userDocument(user("a")), userDocument(user("b"))] as [DesiredDocument, DesiredDocument];
    const p = plan({ desired: [a, b], records: [recorded(a, 11)], live: [live(21, 1, { m365Id: "b" })] });
    expect(p.actions.map((x) => [x.kind, x.sourceId, x.reason])).toEqual([
      ["create", "a", "gone from NinjaOne; made again"],
      ["update", "b", "found in NinjaOne, not yet recorded"],
    ]);
  });

  it("never touches a document that is not ours", () => {
    const p = plan({ desired: [], records: [], live: [live(31), live(32, 2, { m365Id: "z" })] });
    expect(p.actions).toEqual([]);
  });
});

describe("tenantDocuments", () => {
  it("with licensedOnly leaves out users without a licence; licences list their holders, escaped", () => {
    const users = [user("a", ["E3"], "<i>Ada</i>"), user("b", [])];
    const all = tenantDocuments(users, [{ name: "E3", used: 1, total: 5, skuId: "sku-1" }], false);
    const licensed = tenantDocuments(users, [{ name: "E3", used: 1, total: 5, skuId: "sku-1" }], true);
    expect(all.map((d) => d.sourceId)).toEqual(["a", "b", "sku-1"]);
    expect(licensed.map((d) => d.sourceId)).toEqual(["a", "sku-1"]);
    expect(all[2]?.fields).toMatchObject({ usage: "1 of 5", users: { html: "<ul><li>&lt;i&gt;Ada&lt;/i&gt; (a@contoso.com)</li></ul>" } });
  });
});
