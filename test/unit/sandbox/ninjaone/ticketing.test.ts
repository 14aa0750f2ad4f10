import { describe, expect, it } from "vitest";
import { SANDBOX_USER, SANDBOX_USERS } from "../../../../src/sandbox/ninjaone/apps.js";
import { makeHarness, type Harness } from "./harness.js";

type Ticket = { id: number; version: number; status: { statusId: number; name: string }; requesterUid?: string; tags: string[]; attributeValues: { attributeId: number; value: unknown }[] };
type BoardRun = { data: ({ id: number } & Record<string, unknown>)[]; metadata: { lastCursorId: number } };

const OTHER_TECHNICIAN = SANDBOX_USERS.find((u) => u.userType === "TECHNICIAN" && u.uid !== SANDBOX_USER.uid)?.uid ?? "";
const SERVICES_ATTRIBUTE = 7;

/** The update body for `ticket`: the create body with the version, no description. */
function updateOf(ticket: Ticket, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { ...newTicket(), version: ticket.version, requesterUid: SANDBOX_USER.uid, ...extra };
  delete body.description;
  return body;
}

const ALERT_ID_ATTRIBUTE = 6;

function newTicket(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clientId: 1,
    ticketFormId: 2,
    subject: "Backup failed on CONTOSO-DC01",
    status: "1000",
    nodeId: 101,
    priority: "HIGH",
    severity: "MAJOR",
    description: { public: false, body: "Acronis reported a failed backup" },
    tags: ["ninja-bridge"],
    attributes: [{ attributeId: ALERT_ID_ATTRIBUTE, value: "alert-1" }],
    ...extra,
  };
}

async function create(h: Harness, token: string, extra: Record<string, unknown> = {}): Promise<Ticket> {
  const res = await h.call("POST", "/v2/ticketing/ticket", { token, json: newTicket(extra) });
  expect(res.status).toBe(200);
  return res.body as Ticket;
}

function multipart(fields: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = "----nbtest42";
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: application/json\r\n\r\n${value}\r\n`,
  );
  return { body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe("NinjaOne sandbox ticketing", () => {
  it("lists the system statuses with their ids and a custom status pointing at its parent", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const statuses = (await h.call("GET", "/v2/ticketing/statuses", { token })).body as { statusId: number; name: string; parentId: number }[];
    expect(statuses.filter((s) => s.statusId === s.parentId).map((s) => [s.name, s.statusId])).toEqual([
      ["NEW", 1000], ["OPEN", 2000], ["WAITING", 3000], ["PAUSED", 4000], ["RESOLVED", 5000], ["CLOSED", 6000],
    ]);
    expect(statuses.filter((s) => s.statusId !== s.parentId).map((s) => s.parentId)).toContain(3000);
  });

  it("refuses a ticket write with a client-credentials token as user_context_required by default", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const res = await h.call("POST", "/v2/ticketing/ticket", { token, json: newTicket() });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: "user_context_required", error_code: 5 });
  });

  it("accepts client-credentials ticket writes once the option is relaxed", async () => {
    const h = makeHarness({ ticketWritesNeedUserContext: false });
    const token = await h.m2mToken();
    const ticket = await create(h, token);
    expect(ticket).toMatchObject({ version: 1, status: { statusId: 1000, name: "NEW" } });
    expect(ticket).not.toHaveProperty("requesterUid");
  });

  it("creates a ticket with a user token holding only the requester it is sent", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    const ticket = await create(h, access);
    expect(ticket).toMatchObject({ clientId: 1, nodeId: 101, ticketFormId: 2, source: "TECHNICIAN", tags: ["ninja-bridge"] });
    expect(ticket).not.toHaveProperty("requesterUid");
    expect((await create(h, access, { requesterUid: OTHER_TECHNICIAN })).requesterUid).toBe(OTHER_TECHNICIAN);
    const entries = (await h.call("GET", `/v2/ticketing/ticket/${ticket.id}/log-entry`, { token: access })).body as { type: string }[];
    expect(entries.map((e) => e.type)).toEqual(["DESCRIPTION"]);
  });

  it("makes the signed-in technician the requester of a ticket sent without one once the option is relaxed", async () => {
    const h = makeHarness({ requesterFromToken: true });
    const { access } = await h.userToken();
    expect((await create(h, access)).requesterUid).toBe(SANDBOX_USER.uid);
  });

  it("refuses a requester that is no user, and an update without a requester", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    const unknown = await h.call("POST", "/v2/ticketing/ticket", { token: access, json: newTicket({ requesterUid: "00000000-0000-4000-8000-000000000000" }) });
    expect(unknown.status).toBe(400);
    const ticket = await create(h, access);
    const { requesterUid: _dropped, ...withoutRequester } = updateOf(ticket);
    const res = await h.call("PUT", `/v2/ticketing/ticket/${ticket.id}`, { token: access, json: withoutRequester });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errorMessage: expect.stringContaining("requesterUid") });
  });

  it("lists technicians and end users, filtered by userType", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const all = (await h.call("GET", "/v2/users", { token })).body as { uid: string; userType: string; email: string }[];
    expect(all.map((u) => u.userType).sort()).toEqual(["END_USER", "TECHNICIAN", "TECHNICIAN"]);
    const technicians = (await h.call("GET", "/v2/users", { token, query: { userType: "TECHNICIAN" } })).body as { email: string }[];
    expect(technicians.map((u) => u.email)).toContain(SANDBOX_USER.email);
    expect(technicians).toHaveLength(2);
  });

  it("refuses a ticket missing a required form attribute", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    const res = await h.call("POST", "/v2/ticketing/ticket", { token: access, json: newTicket({ attributes: [] }) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ resultCode: "FAILURE", errorMessage: expect.stringContaining("required") });
  });

  it("refuses a ticket missing a required body field or using names other tools get wrong", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    const { clientId: _dropped, ...withoutClient } = newTicket();
    for (const json of [withoutClient, { ...newTicket(), organizationId: 1 }, newTicket({ status: 1000 }), newTicket({ priority: "CRITICAL" })]) {
      const res = await h.call("POST", "/v2/ticketing/ticket", { token: access, json });
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
  });

  it("refuses a device of another organization", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    const res = await h.call("POST", "/v2/ticketing/ticket", { token: access, json: newTicket({ nodeId: 201 }) });
    expect(res.status).toBe(400);
  });

  it("updates with the current version and answers 409 to a stale one", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    const ticket = await create(h, access);
    const body = updateOf(ticket, { status: "2000" });
    const ok = await h.call("PUT", `/v2/ticketing/ticket/${ticket.id}`, { token: access, json: body });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, status: { name: "OPEN" }, requesterUid: SANDBOX_USER.uid });
    const stale = await h.call("PUT", `/v2/ticketing/ticket/${ticket.id}`, { token: access, json: body });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ resultCode: "FAILURE" });
  });

  it("returns attribute values of any JSON and takes them back unchanged, but no other value that is not a string", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    const ticket = await create(h, access, { ticketFormId: 1, attributes: [] });
    const picked = ["7a1c2e3f-0000-4b5c-8d9e-000000000001", "7a1c2e3f-0000-4b5c-8d9e-000000000002"];
    const set = (await h.control("POST", `/tickets/${ticket.id}/attributes`, { attributes: [{ attributeId: SERVICES_ATTRIBUTE, value: picked }] }))?.body as Ticket;
    expect(set.attributeValues).toMatchObject([{ attributeId: SERVICES_ATTRIBUTE, value: picked }]);
    const read = (await h.call("GET", `/v2/ticketing/ticket/${ticket.id}`, { token: access })).body as Ticket;
    const back = (value: unknown) => updateOf(read, { ticketFormId: 1, attributes: [{ attributeId: SERVICES_ATTRIBUTE, value }] });
    const changed = await h.call("PUT", `/v2/ticketing/ticket/${ticket.id}`, { token: access, json: back([picked[0]]) });
    expect(changed.status).toBe(400);
    const kept = await h.call("PUT", `/v2/ticketing/ticket/${ticket.id}`, { token: access, json: back(picked) });
    expect(kept.status).toBe(200);
    expect((kept.body as Ticket).attributeValues).toMatchObject([{ attributeId: SERVICES_ATTRIBUTE, value: picked }]);
  });

  it("bumps the version when a technician resolves the ticket through control", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    const ticket = await create(h, access);
    const resolved = await h.control("POST", `/tickets/${ticket.id}/status`, { status: "RESOLVED" });
    expect(resolved?.body).toMatchObject({ version: 2, status: { statusId: 5000 } });
    const read = (await h.call("GET", `/v2/ticketing/ticket/${ticket.id}`, { token: access })).body as Ticket;
    expect(read.version).toBe(2);
    const all = (await h.control("GET", "/tickets"))?.body as Ticket[];
    expect(all.map((t) => t.id)).toEqual([ticket.id]);
  });

  it("adds a comment sent as multipart with a JSON part named comment", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    const ticket = await create(h, access);
    const { body, contentType } = multipart({ comment: JSON.stringify({ public: false, body: "Alert cleared" }) });
    const res = await h.call("POST", `/v2/ticketing/ticket/${ticket.id}/comment`, { token: access, body, headers: { "content-type": contentType } });
    expect(res.status).toBe(204);
    const comments = (await h.call("GET", `/v2/ticketing/ticket/${ticket.id}/log-entry`, { token: access, query: { type: "COMMENT" } })).body;
    expect(comments).toMatchObject([{ type: "COMMENT", body: "Alert cleared", publicEntry: false }]);
  });

  it("rejects a comment sent as a plain JSON body", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    const ticket = await create(h, access);
    const res = await h.call("POST", `/v2/ticketing/ticket/${ticket.id}/comment`, { token: access, json: { public: true, body: "hi" } });
    expect(res.status).toBe(415);
  });

  it("lists boards where board 2 is All tickets and board 1 is not", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const boards = (await h.call("GET", "/v2/ticketing/trigger/boards", { token })).body as { id: number; name: string }[];
    expect(boards.find((b) => b.id === 2)?.name).toBe("All tickets");
    expect(boards.find((b) => b.id === 1)?.name).not.toBe("All tickets");
  });

  it("pages a board run with lastCursorId until a short page", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    for (let i = 0; i < 5; i++) await create(h, access, { subject: `Ticket ${i}` });
    const run = async (lastCursorId?: number) =>
      (await h.call("POST", "/v2/ticketing/trigger/board/2/run", { token: access, json: { pageSize: 2, ...(lastCursorId ? { lastCursorId } : {}) } })).body as BoardRun;
    const seen: number[] = [];
    let page = await run();
    seen.push(...page.data.map((r) => r.id));
    while (page.data.length === 2) {
      page = await run(page.metadata.lastCursorId);
      seen.push(...page.data.map((r) => r.id));
    }
    expect(seen).toEqual([1001, 1002, 1003, 1004, 1005]);
  });

  it("finds a ticket by tag filter", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    await create(h, access, { tags: ["other"] });
    const wanted = await create(h, access, { tags: ["acronis-alert"] });
    const byTag = (await h.call("POST", "/v2/ticketing/trigger/board/2/run", {
      token: access,
      json: { filters: [{ field: "tags", operator: "in", value: "acronis-alert" }] },
    })).body as BoardRun;
    expect(byTag.data.map((r) => r.id)).toEqual([wanted.id]);
  });

  it.each([
    ["none", [], [], []],
    ["subject", [1002], [], []],
    ["subject-tags-attributes", [1002], [1001], [1003]],
  ] as const)("matches searchCriteria as the %s search mode says", async (mode, bySubject, byTag, byAttribute) => {
    const h = makeHarness({ boardSearch: mode });
    const { access } = await h.userToken();
    await create(h, access, { tags: ["needle-tag"] });
    await create(h, access, { subject: "Disk full [needle-subject]" });
    await create(h, access, { attributes: [{ attributeId: ALERT_ID_ATTRIBUTE, value: "needle-attribute" }] });
    const search = async (text: string) => ((await h.call("POST", "/v2/ticketing/trigger/board/2/run", { token: access, json: { searchCriteria: text } })).body as BoardRun).data.map((r) => r.id);
    expect(await search("needle-subject")).toEqual(bySubject);
    expect(await search("needle-tag")).toEqual(byTag);
    expect(await search("needle-attribute")).toEqual(byAttribute);
  });

  it("shows rows with organization and location names, a status object and attribute values, not clientId or nodeId", async () => {
    const h = makeHarness();
    const { access } = await h.userToken();
    await create(h, access);
    const row = ((await h.call("POST", "/v2/ticketing/trigger/board/2/run", { token: access, json: {} })).body as BoardRun).data[0];
    expect(row).toMatchObject({ organization: expect.any(String), status: { statusId: 1000, name: "NEW" }, attributeValues: [{ attributeId: ALERT_ID_ATTRIBUTE, value: "alert-1" }] });
    expect(row).not.toHaveProperty("clientId");
    expect(row).not.toHaveProperty("nodeId");
    const kind = makeHarness({ boardRowIds: true });
    const token = (await kind.userToken()).access;
    await create(kind, token);
    const withIds = ((await kind.call("POST", "/v2/ticketing/trigger/board/2/run", { token, json: {} })).body as BoardRun).data[0];
    expect(withIds).toMatchObject({ clientId: 1, nodeId: 101 });
  });

  it("answers 400 to a board filter on a field it does not support", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const res = await h.call("POST", "/v2/ticketing/trigger/board/2/run", { token, json: { filters: [{ field: "status", operator: "in", value: "OPEN" }] } });
    expect(res.status).toBe(400);
  });

  it("serves the form with the required attribute marked required", async () => {
    const h = makeHarness();
    const token = await h.m2mToken();
    const form = (await h.call("GET", "/v2/ticketing/ticket-form/2", { token })).body as { fields: { id: number; content: { required: boolean } }[] };
    expect(form.fields.find((f) => f.id === ALERT_ID_ATTRIBUTE)?.content.required).toBe(true);
  });
});
