import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceFactory } from "../../src/sandbox/contract.js";
import { jsonResponse } from "../../src/sandbox/http-util.js";
import { M2M_APP, SANDBOX_USER, WEB_APP } from "../../src/sandbox/ninjaone/apps.js";
import { createNinjaOneService } from "../../src/sandbox/ninjaone/index.js";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";
import { REPO_ROOT } from "../helpers/run-cli.js";
import { hasOperation, responseSchema, validate, type Schema } from "../helpers/openapi/validate.js";
import { pkcePair } from "../unit/sandbox/ninjaone/harness.js";

/**
 * Drives every NinjaOne endpoint the sandbox serves over real HTTP, then checks each 2xx JSON
 * answer against the response schema NinjaOne's own OpenAPI document gives for that operation.
 */

const SPEC_PATH = path.join(path.resolve(REPO_ROOT, "../shared/reference/specs"), "ninjaone-openapi.json");
const REDIRECT_URI = "http://127.0.0.1:53682/callback";

/** The other two services answer nothing here; this file tests NinjaOne only. */
const absent: ServiceFactory = () => ({ id: "cipp", credentials: {}, handle: () => jsonResponse(404, {}) });

interface Exchange {
  method: string;
  template: string;
  status: number;
  contentType: string;
  body: unknown;
}

const exchanges: Exchange[] = [];
let sandbox: RunningSandbox;

async function call(
  method: string,
  template: string,
  url: string,
  init: { token?: string; json?: unknown; form?: Record<string, string>; body?: FormData } = {},
): Promise<Exchange> {
  const headers: Record<string, string> = {};
  let body: string | FormData | undefined;
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.json);
  }
  if (init.form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form).toString();
  }
  if (init.body !== undefined) body = init.body;
  const res = await fetch(url, { method, headers, body, redirect: "manual" });
  const contentType = res.headers.get("content-type") ?? "";
  const text = await res.text();
  const parsed: unknown = contentType.includes("application/json") && text !== "" ? JSON.parse(text) : text;
  const exchange = { method, template, status: res.status, contentType, body: parsed };
  if (res.headers.get("location") !== null) exchange.body = res.headers.get("location");
  exchanges.push(exchange);
  return exchange;
}

beforeAll(async () => {
  sandbox = await startSandbox({ services: { ninjaone: createNinjaOneService, acronis: absent, cipp: absent } });
  const api = sandbox.urls.ninjaone;
  const m2m = await call("POST", "/ws/oauth/token", `${api}/ws/oauth/token`, {
    form: { grant_type: "client_credentials", client_id: M2M_APP.clientId, client_secret: M2M_APP.clientSecret, scope: "monitoring management" },
  });
  const token = (m2m.body as { access_token: string }).access_token;
  const { verifier, challenge } = pkcePair();
  const authorizeQuery = new URLSearchParams({
    response_type: "code",
    client_id: WEB_APP.clientId,
    redirect_uri: REDIRECT_URI,
    scope: "monitoring management offline_access",
    state: "st",
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  const authorize = await call("GET", "/ws/oauth/authorize", `${api}/ws/oauth/authorize?${authorizeQuery}`);
  const code = new URL(String(authorize.body)).searchParams.get("code") ?? "";
  const exchanged = await call("POST", "/ws/oauth/token", `${api}/ws/oauth/token`, {
    form: { grant_type: "authorization_code", client_id: WEB_APP.clientId, client_secret: WEB_APP.clientSecret, code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
  });
  const refresh = (exchanged.body as { refresh_token: string }).refresh_token;
  const refreshed = await call("POST", "/ws/oauth/token", `${api}/ws/oauth/token`, {
    form: { grant_type: "refresh_token", client_id: WEB_APP.clientId, client_secret: WEB_APP.clientSecret, refresh_token: refresh },
  });
  const user = (refreshed.body as { access_token: string }).access_token;

  await call("GET", "/v2/organizations", `${api}/v2/organizations?pageSize=3`, { token });
  await call("GET", "/v2/organizations-detailed", `${api}/v2/organizations-detailed?pageSize=100`, { token });
  await call("GET", "/v2/organization/{id}", `${api}/v2/organization/1`, { token });
  const created = await call("POST", "/v2/organizations", `${api}/v2/organizations`, { token, json: { name: "Woodgrove Bank", locations: [{ name: "HQ" }] } });
  const newId = (created.body as { id: number }).id;
  await call("PATCH", "/v2/organization/{id}", `${api}/v2/organization/${newId}`, { token, json: { description: "Bank" } });
  await call("PATCH", "/v2/organization/{id}/custom-fields", `${api}/v2/organization/1/custom-fields`, {
    token,
    json: { m365TenantSummary: { html: "<p>12 users</p>" }, m365LastSync: 1717372800000 },
  });
  await call("GET", "/v2/organization/{id}/custom-fields", `${api}/v2/organization/1/custom-fields`, { token });
  await call("GET", "/v2/organization/{id}/devices", `${api}/v2/organization/1/devices?pageSize=10`, { token });
  await call("GET", "/v2/devices", `${api}/v2/devices?pageSize=10&df=${encodeURIComponent("org = 1")}`, { token });
  await call("GET", "/v2/devices-detailed", `${api}/v2/devices-detailed?pageSize=100`, { token });
  await call("GET", "/v2/device/{id}", `${api}/v2/device/404`, { token });
  await call("PATCH", "/v2/device/{id}/custom-fields", `${api}/v2/device/101/custom-fields`, { token, json: { acronisProtectionStatus: "Protected" } });
  await call("GET", "/v2/device/{id}/custom-fields", `${api}/v2/device/101/custom-fields?withInheritance=true`, { token });
  await call("GET", "/v2/device-custom-fields", `${api}/v2/device-custom-fields?scopes=node,organization`, { token });
  await call("GET", "/v2/ticketing/statuses", `${api}/v2/ticketing/statuses`, { token });
  await call("GET", "/v2/ticketing/ticket-form", `${api}/v2/ticketing/ticket-form`, { token });
  await call("GET", "/v2/ticketing/ticket-form/{id}", `${api}/v2/ticketing/ticket-form/2`, { token });
  await call("GET", "/v2/ticketing/attributes", `${api}/v2/ticketing/attributes`, { token });
  const ticket = await call("POST", "/v2/ticketing/ticket", `${api}/v2/ticketing/ticket`, {
    token: user,
    json: {
      clientId: 1,
      ticketFormId: 2,
      subject: "Backup failed on CONTOSO-DC01",
      status: "1000",
      nodeId: 101,
      description: { public: false, body: "Acronis reported a failure", htmlBody: "<p>Acronis reported a failure</p>" },
      tags: ["ninja-bridge"],
      attributes: [{ attributeId: 6, value: "alert-1" }],
      requesterUid: SANDBOX_USER.uid,
    },
  });
  const t = ticket.body as { id: number; requesterUid: string };
  await call("GET", "/v2/ticketing/ticket/{ticketId}", `${api}/v2/ticketing/ticket/${t.id}`, { token });
  await call("PUT", "/v2/ticketing/ticket/{ticketId}", `${api}/v2/ticketing/ticket/${t.id}`, {
    token: user,
    json: { version: 1, clientId: 1, ticketFormId: 2, subject: "Backup failed", status: "2000", requesterUid: t.requesterUid, attributes: [{ attributeId: 6, value: "alert-1" }] },
  });
  const form = new FormData();
  form.append("comment", new Blob([JSON.stringify({ public: false, body: "Cleared" })], { type: "application/json" }));
  await call("POST", "/v2/ticketing/ticket/{ticketId}/comment", `${api}/v2/ticketing/ticket/${t.id}/comment`, { token: user, body: form });
  await call("GET", "/v2/ticketing/ticket/{ticketId}/log-entry", `${api}/v2/ticketing/ticket/${t.id}/log-entry`, { token });
  await call("GET", "/v2/users", `${api}/v2/users?userType=TECHNICIAN`, { token });
  await call("GET", "/v2/ticketing/trigger/boards", `${api}/v2/ticketing/trigger/boards`, { token });
  await call("POST", "/v2/ticketing/trigger/board/{boardId}/run", `${api}/v2/ticketing/trigger/board/2/run`, {
    token,
    json: { pageSize: 10, sortBy: [{ field: "lastUpdated", direction: "DESC" }] },
  });
  const control = `${sandbox.urls.control}/control/ninjaone`;
  await call("POST", "control /tickets/{id}/status", `${control}/tickets/${t.id}/status`, { json: { status: "RESOLVED" } });
  await call("GET", "control /tickets", `${control}/tickets`);
  await call("GET", "control /field-values", `${control}/field-values`);
  await call("DELETE", "control /organizations/{id}", `${control}/organizations/5`);
  await call("GET", "control /organizations", `${control}/organizations`);
  await call("GET", "/v2/organization/{id}", `${api}/v2/organization/5`, { token });
});

afterAll(async () => {
  await sandbox?.close();
});

describe("NinjaOne sandbox over HTTP", () => {
  it("answers every endpoint with the status the reference gives", () => {
    const statuses = exchanges.map((e) => `${e.method} ${e.template} ${e.status}`);
    expect(statuses).toEqual([
      "POST /ws/oauth/token 200",
      "GET /ws/oauth/authorize 302",
      "POST /ws/oauth/token 200",
      "POST /ws/oauth/token 200",
      "GET /v2/organizations 200",
      "GET /v2/organizations-detailed 200",
      "GET /v2/organization/{id} 200",
      "POST /v2/organizations 200",
      "PATCH /v2/organization/{id} 204",
      "PATCH /v2/organization/{id}/custom-fields 204",
      "GET /v2/organization/{id}/custom-fields 200",
      "GET /v2/organization/{id}/devices 200",
      "GET /v2/devices 200",
      "GET /v2/devices-detailed 200",
      "GET /v2/device/{id} 200",
      "PATCH /v2/device/{id}/custom-fields 204",
      "GET /v2/device/{id}/custom-fields 200",
      "GET /v2/device-custom-fields 200",
      "GET /v2/ticketing/statuses 200",
      "GET /v2/ticketing/ticket-form 200",
      "GET /v2/ticketing/ticket-form/{id} 200",
      "GET /v2/ticketing/attributes 200",
      "POST /v2/ticketing/ticket 200",
      "GET /v2/ticketing/ticket/{ticketId} 200",
      "PUT /v2/ticketing/ticket/{ticketId} 200",
      "POST /v2/ticketing/ticket/{ticketId}/comment 204",
      "GET /v2/ticketing/ticket/{ticketId}/log-entry 200",
      "GET /v2/users 200",
      "GET /v2/ticketing/trigger/boards 200",
      "POST /v2/ticketing/trigger/board/{boardId}/run 200",
      "POST control /tickets/{id}/status 200",
      "GET control /tickets 200",
      "GET control /field-values 200",
      "DELETE control /organizations/{id} 204",
      "GET control /organizations 200",
      "GET /v2/organization/{id} 404",
    ]);
  });

  it("reports what was written and the resolved ticket through control", () => {
    const values = exchanges.find((e) => e.template === "control /field-values")?.body as { values: Record<string, unknown> };
    expect(values.values["organization:1"]).toMatchObject({ m365LastSync: 1717372800000 });
    const tickets = exchanges.find((e) => e.template === "control /tickets")?.body as { version: number; status: { name: string } }[];
    expect(tickets[0]).toMatchObject({ version: 3, status: { name: "RESOLVED" } });
  });

  it("counts requests under their route templates", () => {
    const counts = JSON.stringify(sandbox.counts());
    expect(counts).toContain("GET /v2/organization/{id}");
  });

  if (existsSync(SPEC_PATH)) {
    it("answers every 2xx JSON body in the shape of NinjaOne's OpenAPI response schema", () => {
      const spec = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as Schema;
      const checked: string[] = [];
      const problems: string[] = [];
      for (const e of exchanges) {
        if (e.status < 200 || e.status >= 300 || !e.contentType.includes("application/json")) continue;
        if (!hasOperation(spec, e.method, e.template)) continue;
        const schema = responseSchema(spec, e.method, e.template, e.status);
        if (schema === undefined) continue;
        checked.push(`${e.method} ${e.template}`);
        // The spec is generated from Java, where `Object` renders as a bare {type: object}.
        for (const v of validate(schema, e.body, { document: spec, bareObjectMeansAny: true })) {
          problems.push(`${e.method} ${e.template} ${v.path}: ${v.message}`);
        }
      }
      expect(problems).toEqual([]);
      expect(checked.length).toBeGreaterThanOrEqual(20);
    });
  } else {
    console.warn(`NinjaOne conformance test skipped: ${SPEC_PATH} is absent`);
    it.skip("answers every 2xx JSON body in the shape of NinjaOne's OpenAPI response schema (SKIPPED: reference spec folder absent)", () => {});
  }
});
