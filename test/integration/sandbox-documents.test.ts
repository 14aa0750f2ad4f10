import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceFactory } from "../../src/sandbox/contract.js";
import { jsonResponse } from "../../src/sandbox/http-util.js";
import { M2M_APP } from "../../src/sandbox/ninjaone/apps.js";
import { createNinjaOneService } from "../../src/sandbox/ninjaone/index.js";
import { startSandbox, type RunningSandbox } from "../../src/sandbox/server.js";
import { hasOperation, responseSchema, validate, type Schema } from "../helpers/openapi/validate.js";
import { REPO_ROOT } from "../helpers/run-cli.js";

/**
 * NinjaOne Documentation in the sandbox over HTTP: templates and organization documents as the
 * official spec shapes them, a bulk write refused whole for one bad document, archive and
 * restore, and what the routes answer while Documentation is turned off.
 */

const SPEC_PATH = path.join(path.resolve(REPO_ROOT, "../shared/reference/specs"), "ninjaone-openapi.json");
const absent: ServiceFactory = () => ({ id: "cipp", credentials: {}, handle: () => jsonResponse(404, {}) });

interface Exchange {
  method: string;
  template: string;
  status: number;
  body: unknown;
}

let sandbox: RunningSandbox;
let token = "";
const exchanges: Exchange[] = [];

async function call(method: string, template: string, url: string, json?: unknown): Promise<Exchange> {
  const res = await fetch(`${sandbox.urls.ninjaone}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { "content-type": "application/json" }) },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  const text = await res.text();
  const exchange = { method, template, status: res.status, body: text === "" ? null : (JSON.parse(text) as unknown) };
  exchanges.push(exchange);
  return exchange;
}

const options = (body: unknown) => fetch(`${sandbox.urls.control}/control/ninjaone/options`, { method: "PATCH", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

const FIELDS = [
  { fieldLabel: "Id", fieldName: "m365Id", fieldType: "TEXT", fieldApiPermission: "READ_WRITE" },
  { fieldLabel: "Summary", fieldName: "summary", fieldType: "WYSIWYG", fieldApiPermission: "READ_WRITE" },
  { fieldLabel: "Notes", fieldName: "notes", fieldType: "TEXT", fieldApiPermission: "READ_ONLY" },
];

beforeAll(async () => {
  sandbox = await startSandbox({ services: { ninjaone: createNinjaOneService, acronis: absent, cipp: absent } });
  const res = await fetch(`${sandbox.urls.ninjaone}/ws/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: M2M_APP.clientId, client_secret: M2M_APP.clientSecret, scope: "monitoring management" }).toString(),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});

afterAll(async () => {
  await sandbox?.close();
});

describe("NinjaOne Documentation in the sandbox", () => {
  it("keeps templates: created, listed, duplicate names refused, updated in place, archived and restored", async () => {
    const made = await call("POST", "/v2/document-templates", "/v2/document-templates", { name: "Microsoft 365 User", allowMultiple: true, fields: FIELDS });
    expect(made.status).toBe(200);
    const id = (made.body as { id: number }).id;
    expect((await call("POST", "/v2/document-templates", "/v2/document-templates", { name: "Microsoft 365 User" })).status).toBe(400);
    expect((await call("POST", "/v2/document-templates", "/v2/document-templates", { description: "no name" })).status).toBe(400);
    const put = await call("PUT", "/v2/document-templates/{documentTemplateId}", `/v2/document-templates/${id}`, { name: "Microsoft 365 User", allowMultiple: true, fields: FIELDS });
    expect((put.body as { fields: { fieldId: number }[] }).fields.map((f) => f.fieldId)).toEqual((made.body as { fields: { fieldId: number }[] }).fields.map((f) => f.fieldId));
    await call("GET", "/v2/document-templates/{documentTemplateId}", `/v2/document-templates/${id}`);
    await call("GET", "/v2/document-templates", "/v2/document-templates?templateName=Microsoft%20365%20User");
    expect((await call("POST", "/v2/document-templates/{documentTemplateId}/archive", `/v2/document-templates/${id}/archive`)).status).toBe(204);
    const restored = await call("POST", "/v2/document-templates/{documentTemplateId}/restore", `/v2/document-templates/${id}/restore`);
    expect(restored.body).toMatchObject({ id, archived: false });
  });

  it("refuses a whole bulk write for one bad document, and writes a good one whole", async () => {
    const bad = [
      { documentName: "Ada", documentTemplateId: 1, organizationId: 1, fields: { m365Id: "a", summary: { html: "<p>x</p>" } } },
      { documentName: "Ben", documentTemplateId: 1, organizationId: 1, fields: { notes: "read-only for the API" } },
    ];
    const refused = await call("POST", "/v2/organization/documents", "/v2/organization/documents", bad);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("ATTRIBUTE_API_PERMISSION_DENIED");
    expect((await call("POST", "/v2/organization/documents", "/v2/organization/documents", [{ ...bad[0], fields: { summary: "not an html object" } }])).status).toBe(400);
    expect((await call("POST", "/v2/organization/documents", "/v2/organization/documents", [{ ...bad[0], organizationId: 999 }])).status).toBe(400);
    const listedBefore = await call("GET", "/v2/organization/{organizationId}/documents", "/v2/organization/1/documents");
    expect(listedBefore.body).toEqual([]);

    const made = await call("POST", "/v2/organization/documents", "/v2/organization/documents", [bad[0], { ...bad[0], documentName: "Ben", fields: { m365Id: "b" } }]);
    expect(made.status).toBe(200);
    const [ada, ben] = made.body as { documentId: number; fields: { name: string; value: unknown }[] }[];
    expect(ada?.fields).toEqual([
      { name: "m365Id", value: "a", valueUpdateTime: expect.any(Number) },
      { name: "summary", value: { html: "<p>x</p>" }, valueUpdateTime: expect.any(Number) },
    ]);
    const patched = await call("PATCH", "/v2/organization/documents", "/v2/organization/documents", [{ documentId: ben?.documentId, documentName: "Ben Tanaka", fields: { summary: { html: "<p>y</p>" } } }]);
    expect(patched.body).toMatchObject([{ documentId: ben?.documentId, documentName: "Ben Tanaka", updatedFields: [{ name: "summary", value: { html: "<p>y</p>" } }] }]);
    expect((await call("PATCH", "/v2/organization/documents", "/v2/organization/documents", [{ documentId: 999, fields: {} }])).status).toBe(400);

    await call("POST", "/v2/organization/documents/archive", "/v2/organization/documents/archive", [ada?.documentId]);
    const listed = await call("GET", "/v2/organization/documents", "/v2/organization/documents?organizationIds=1&templateIds=1");
    expect((listed.body as { documentId: number }[]).map((d) => d.documentId)).toEqual([ben?.documentId]);
    expect((await call("PATCH", "/v2/organization/documents", "/v2/organization/documents", [{ documentId: ada?.documentId, fields: {} }])).status).toBe(400);
    await call("POST", "/v2/organization/documents/restore", "/v2/organization/documents/restore", [ada?.documentId]);
    expect(((await call("GET", "/v2/organization/{organizationId}/documents", "/v2/organization/1/documents")).body as unknown[]).length).toBe(2);

    const seen = (await (await fetch(`${sandbox.urls.control}/control/ninjaone/documents`)).json()) as { writes: { op: string }[] };
    expect(seen.writes.map((w) => w.op)).toEqual(["create", "create", "update", "archive", "restore"]);
  });

  it("answers an empty list and refuses writes while Documentation is off; explains itself with 403 when asked to", async () => {
    await options({ documentation: false });
    try {
      expect((await call("GET", "off", "/v2/document-templates")).body).toEqual([]);
      expect((await call("GET", "off", "/v2/organization/1/documents")).body).toEqual([]);
      expect((await call("POST", "off", "/v2/document-templates", { name: "X" })).status).toBe(400);
      await options({ documentationOffAnswer: "explained" });
      const refused = await call("GET", "off", "/v2/document-templates");
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).toContain("Documentation is not enabled");
    } finally {
      await options({ documentation: true, documentationOffAnswer: "silent" });
    }
  });

  if (existsSync(SPEC_PATH)) {
    it("answers every 2xx JSON body in the shape of NinjaOne's OpenAPI response schema", () => {
      const spec = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as Schema;
      const checked = new Set<string>();
      const problems: string[] = [];
      for (const e of exchanges) {
        if (e.status < 200 || e.status >= 300 || e.body === null || !hasOperation(spec, e.method, e.template)) continue;
        const schema = responseSchema(spec, e.method, e.template, e.status);
        if (schema === undefined) continue;
        checked.add(`${e.method} ${e.template}`);
        for (const v of validate(schema, e.body, { document: spec, bareObjectMeansAny: true })) problems.push(`${e.method} ${e.template} ${v.path}: ${v.message}`);
      }
      expect(problems).toEqual([]);
      expect(checked.size).toBeGreaterThanOrEqual(9);
    });
  } else {
    console.warn(`NinjaOne Documentation conformance test skipped: ${SPEC_PATH} is absent`);
    it.skip("answers every 2xx JSON body in the shape of NinjaOne's OpenAPI response schema (SKIPPED: reference spec folder absent)", () => {});
  }
});
