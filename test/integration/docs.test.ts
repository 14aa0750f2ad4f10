import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../../src/sandbox/server.js";
import { runCliJson } from "../helpers/cli-json.js";
import { useDemoSandbox } from "../helpers/demo-sandbox.js";
import { makeCliHome, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { sandboxClients } from "../helpers/sandbox-clients.js";
import { control } from "../helpers/sandbox-control.js";
import { sandboxEnv } from "../helpers/sandbox-env.js";

interface DocsJson {
  job: string;
  dryRun: boolean;
  counts: { planned: number; applied: number; failed: number; skipped: number };
  summary: { create: number; update: number; restore: number; archive: number; unchanged: number; orgs: number };
  actions: { kind: string; target: string; docKind: string; sourceId: string; fields?: string[] }[];
  problems: { subject: string; reason: string; orgId: number }[];
  notes: string[];
  applied: unknown;
}

interface ControlDocs {
  documents: { documentId: number; documentName: string; organizationId: number; documentTemplateId: number; archived: boolean; madeBy: string; fields: Record<string, unknown> }[];
  writes: { op: string; documentId: number; fields: string[] }[];
  templates: { id: number; name: string }[];
}

interface CippTenantRow {
  customerId: string;
  displayName: string;
  users: number;
}

interface CippUserRow {
  id: string;
  displayName: string;
  userPrincipalName: string;
  assignedLicenses: { skuId: string }[];
}

const documents = (sandbox: RunningSandbox) => control<ControlDocs>(sandbox, "GET", "/ninjaone/documents");
const routeCount = (sandbox: RunningSandbox, route: string) => sandbox.counts().services.ninjaone.byRoute[route]?.total ?? 0;
const docsSync = (env: NodeJS.ProcessEnv, args: string[] = []) => runCliJson<DocsJson>(["docs", "sync", "--json", ...args], env);

async function tenantUsers(sandbox: RunningSandbox, displayName: string): Promise<CippUserRow[]> {
  const tenants = await control<CippTenantRow[]>(sandbox, "GET", "/cipp/tenants");
  const tenant = tenants.find((t) => t.displayName === displayName);
  if (tenant === undefined) throw new Error(`no demo tenant ${displayName}`);
  return (await sandboxClients(sandbox).cipp.request({ method: "GET", path: "/api/ListUsers", query: { tenantFilter: tenant.customerId } })) as CippUserRow[];
}

/** The demo estate as automap links it: Contoso (5 users, 3 licensed), fabrikam (3, 2), Tailspin (3, 2); 4 licences. */
const USERS = 11;
const LICENSED_USERS = 7;
const LICENCES = 4;

describe("docs against the demo estate", () => {
  const sandbox = useDemoSandbox();
  let home: CliHome;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    home = makeCliHome();
    env = sandboxEnv(sandbox(), home);
    const linked = await runInProcess(["automap", "--yes"], { env });
    expect(linked.code, linked.stderr).toBe(0);
  });
  afterAll(() => home.cleanup());

  it("refuses to sync before the templates exist, and names the fix", async () => {
    const run = await runInProcess(["docs", "sync"], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no document template is called "Microsoft 365 User"');
    expect(run.stderr).toContain("docs templates");
    const shown = await runCliJson<{ templates: { status: string }[] }>(["docs", "templates", "--json"], env);
    expect(shown.code).toBe(2);
    expect(shown.report.templates.map((t) => t.status)).toEqual(["missing", "missing"]);
    expect((await documents(sandbox())).templates).toEqual([]);
  });

  it("creates the missing templates with --apply and records them as its own", async () => {
    const made = await runCliJson<{ templates: { status: string; id: number; ours: boolean }[] }>(["docs", "templates", "--apply", "--json"], env);
    expect(made.code, made.stderr).toBe(0);
    expect(made.report.templates.map((t) => [t.status, t.ours])).toEqual([
      ["created", true],
      ["created", true],
    ]);
    const again = await runCliJson<{ templates: { status: string; ours: boolean }[] }>(["docs", "templates", "--json"], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.report.templates.map((t) => [t.status, t.ours])).toEqual([
      ["fits", true],
      ["fits", true],
    ]);
  });

  it("first sync creates one document per user and licence, with tenant text escaped; a second writes nothing", async () => {
    const [ada] = await tenantUsers(sandbox(), "Contoso");
    await control(sandbox(), "POST", `/cipp/users/${ada?.id ?? ""}`, { displayName: "<b>Ada & Co</b>" });
    const first = await docsSync(env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.report.job).toBe("docs");
    expect(first.report.summary.create).toBe(USERS + LICENCES);
    expect(first.report.counts).toMatchObject({ planned: USERS + LICENCES, applied: USERS + LICENCES, failed: 0 });
    const held = await documents(sandbox());
    expect(held.documents).toHaveLength(USERS + LICENCES);
    expect(held.documents.every((d) => d.madeBy === "api" && !d.archived)).toBe(true);
    expect(routeCount(sandbox(), "POST /v2/organization/documents")).toBe(1);
    const premium = held.documents.find((d) => d.documentName === "Microsoft 365 Business Premium" && String((d.fields.users as { html: string }).html).includes("Ada"));
    expect((premium?.fields.users as { html: string }).html).toContain("&lt;b&gt;Ada &amp; Co&lt;/b&gt;");
    // Text fields hold the name as text; markup is only ever built, never taken from the tenant.
    const html = held.documents.flatMap((d) => Object.values(d.fields).flatMap((v) => (typeof v === "object" && v !== null ? [(v as { html: string }).html] : [])));
    // Each user's licences and devices, each licence's users.
    expect(html.length).toBe(USERS * 2 + LICENCES);
    expect(html.join("")).not.toContain("<b>Ada");
    expect(held.documents.find((d) => d.fields.displayName === "<b>Ada & Co</b>")?.documentName).toBe(`<b>Ada & Co</b> (${ada?.userPrincipalName ?? ""})`);

    const second = await docsSync(env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.report.counts.planned).toBe(0);
    expect(second.report.summary.unchanged).toBe(USERS + LICENCES);
    expect((await documents(sandbox())).writes).toHaveLength(held.writes.length);
  });

  it("a licence change is one PATCH of only the fields that changed; a document a technician made is left alone", async () => {
    const before = await documents(sandbox());
    const templateId = before.documents.find((d) => d.fields.m365Id !== undefined && d.fields.userPrincipalName !== undefined)?.documentTemplateId ?? 0;
    const orgId = before.documents[0]?.organizationId ?? 0;
    const handMade = await control<{ documentId: number }>(sandbox(), "POST", "/ninjaone/documents", { organizationId: orgId, documentTemplateId: templateId, documentName: "Printer notes" });
    const users = await tenantUsers(sandbox(), "Contoso");
    const premiumHolder = users.find((u) => u.assignedLicenses.length === 1 && u.displayName !== "<b>Ada & Co</b>");
    const basic = users.find((u) => u.assignedLicenses.length === 1 && u.assignedLicenses[0]?.skuId !== premiumHolder?.assignedLicenses[0]?.skuId);
    await control(sandbox(), "POST", `/cipp/users/${premiumHolder?.id ?? ""}`, { skuIds: [basic?.assignedLicenses[0]?.skuId] });
    const patches = routeCount(sandbox(), "PATCH /v2/organization/documents");

    const run = await docsSync(env);
    expect(run.code, run.stderr).toBe(0);
    expect(routeCount(sandbox(), "PATCH /v2/organization/documents")).toBe(patches + 1);
    // The user's document and the two licences it moved between.
    expect(run.report.actions.map((a) => [a.kind, a.docKind])).toEqual([
      ["update-document", "user"],
      ["update-document", "licence"],
      ["update-document", "licence"],
    ]);
    const userUpdate = run.report.actions.find((a) => a.docKind === "user");
    expect(userUpdate).toMatchObject({ sourceId: premiumHolder?.id, fields: ["licences"] });
    const after = await documents(sandbox());
    expect(after.writes.slice(before.writes.length).map((w) => w.op)).toEqual(["update", "update", "update"]);
    expect(after.documents.find((d) => d.documentId === handMade.documentId)).toMatchObject({ madeBy: "technician", archived: false, documentName: "Printer notes" });
  });

  it("writes each user's last sign-in, mailbox and OneDrive usage and devices; a changed sign-in is one PATCH of that field alone", async () => {
    const [ada] = await tenantUsers(sandbox(), "Contoso");
    const doc = () => documents(sandbox()).then((d) => d.documents.find((x) => x.fields.m365Id === ada?.id));
    const before = await doc();
    expect(before?.fields.lastSignIn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(before?.fields.mailbox).toMatch(/ GB of 50 GB \(\d+%\)$/);
    expect(before?.fields.oneDrive).toMatch(/ GB of 1024 GB \(\d+%\)$/);
    expect((before?.fields.devices as { html: string }).html).toBe("<ul><li>Ada&#39;s iPhone</li><li>CONTOSO-WS01</li></ul>");
    await control(sandbox(), "POST", `/cipp/users/${ada?.id ?? ""}`, { lastSignIn: "2026-12-01T09:30:00Z" });
    const patches = routeCount(sandbox(), "PATCH /v2/organization/documents");
    const run = await docsSync(env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.actions).toMatchObject([{ kind: "update-document", sourceId: ada?.id, fields: ["lastSignIn"] }]);
    expect(routeCount(sandbox(), "PATCH /v2/organization/documents")).toBe(patches + 1);
    expect((await doc())?.fields.lastSignIn).toBe("2026-12-01");
  });

  it("a failed OneDrive read skips only that field: the sign-in still lands, OneDrive keeps its value, and the problem says so", async () => {
    const tenants = await control<CippTenantRow[]>(sandbox(), "GET", "/cipp/tenants");
    const contoso = tenants.find((t) => t.displayName === "Contoso");
    const [ada] = await tenantUsers(sandbox(), "Contoso");
    const oneDriveBefore = (await documents(sandbox())).documents.find((d) => d.fields.m365Id === ada?.id)?.fields.oneDrive;
    await control(sandbox(), "POST", `/cipp/users/${ada?.id ?? ""}`, { lastSignIn: "2026-12-02T09:30:00Z" });
    await control(sandbox(), "PATCH", "/knobs", { faultRate: 1, faultKinds: ["status500"], faultRoutes: [`GET /api/ListSites?TenantFilter=${contoso?.customerId ?? ""}`] });
    try {
      const run = await docsSync(env);
      expect(run.code, run.stderr).toBe(3);
      expect(run.report.problems).toHaveLength(1);
      expect(run.report.problems[0]?.reason).toContain("could not read OneDrive usage");
      expect(run.report.actions).toMatchObject([{ kind: "update-document", sourceId: ada?.id, fields: ["lastSignIn"] }]);
      const after = (await documents(sandbox())).documents.find((d) => d.fields.m365Id === ada?.id);
      expect(after?.fields.oneDrive).toBe(oneDriveBefore);
      expect(after?.fields.lastSignIn).toBe("2026-12-02");
    } finally {
      await control(sandbox(), "PATCH", "/knobs", { faultRate: 0, faultRoutes: [] });
    }
    const healed = await docsSync(env);
    expect(healed.code, healed.stderr).toBe(0);
    expect(healed.report.counts.planned).toBe(0);
  });

  it("reads a tenant too big for one answer page by page (CIPP#6379)", async () => {
    const other = makeCliHome();
    // Contoso's 5 users are past the unpaged limit here, as 2,000 are against a real CIPP; pages of 2.
    await control(sandbox(), "PUT", "/cipp/paging", { maxPageSize: 2, unpagedUserLimit: 3 });
    try {
      const otherEnv = sandboxEnv(sandbox(), other);
      expect((await runInProcess(["automap", "--yes"], { env: otherEnv })).code).toBe(0);
      const graphReads = () => sandbox().counts().services.cipp.byRoute["GET /api/ListGraphRequest"]?.total ?? 0;
      const before = graphReads();
      const run = await docsSync(otherEnv, ["--dry-run"]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.report.problems).toEqual([]);
      expect(run.report.actions.filter((a) => a.docKind === "user")).toHaveLength(USERS);
      // Users and sign-ins of Contoso's 5 in 3 pages each, its 3 mailboxes in 2; 2 + 2 + 1 for fabrikam and Tailspin.
      expect(graphReads() - before).toBe(8 + 5 + 5);
    } finally {
      await control(sandbox(), "PUT", "/cipp/paging", { maxPageSize: 100, unpagedUserLimit: 2000 });
      other.cleanup();
    }
  });

  it("archives the document of a user who left, restores it when the user is back, and holds archives past --max-archive", async () => {
    const users = await tenantUsers(sandbox(), "fabrikam");
    const unlicensed = users.find((u) => u.assignedLicenses.length === 0);
    await control(sandbox(), "DELETE", `/cipp/users/${unlicensed?.id ?? ""}`);

    const held = await docsSync(env, ["--max-archive", "0"]);
    expect(held.code, held.stderr).toBe(0);
    expect(held.report.counts).toMatchObject({ planned: 0, skipped: 1 });
    expect(held.report.notes.join("\n")).toContain("more than --max-archive 0");

    const archives = routeCount(sandbox(), "POST /v2/organization/documents/archive");
    const run = await docsSync(env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.actions).toMatchObject([{ kind: "archive-document", docKind: "user", sourceId: unlicensed?.id }]);
    expect(routeCount(sandbox(), "POST /v2/organization/documents/archive")).toBe(archives + 1);
    const doc = (await documents(sandbox())).documents.find((d) => d.fields.m365Id === unlicensed?.id);
    expect(doc?.archived).toBe(true);

    const quiet = await docsSync(env);
    expect(quiet.report.counts.planned).toBe(0);

    // Leaving the unlicensed users out archives their documents; taking them back restores them.
    const narrowed = await docsSync(env, ["--licensed-only"]);
    expect(narrowed.code, narrowed.stderr).toBe(0);
    const unlicensedLeft = USERS - LICENSED_USERS - 1;
    expect(narrowed.report.summary).toMatchObject({ archive: unlicensedLeft, create: 0, update: 0 });
    const widened = await docsSync(env);
    expect(widened.code, widened.stderr).toBe(0);
    expect(widened.report.summary).toMatchObject({ restore: unlicensedLeft, create: 0, archive: 0 });
    const live = (await documents(sandbox())).documents.filter((d) => d.madeBy === "api" && !d.archived);
    expect(live).toHaveLength(USERS - 1 + LICENCES);
  });

  it("--licensed-only leaves the unlicensed users out", async () => {
    const other = makeCliHome();
    try {
      const otherEnv = sandboxEnv(sandbox(), other);
      expect((await runInProcess(["automap", "--yes"], { env: otherEnv })).code).toBe(0);
      const all = await docsSync(otherEnv, ["--dry-run"]);
      const licensed = await docsSync(otherEnv, ["--dry-run", "--licensed-only"]);
      const usersOf = (r: DocsJson) => r.actions.filter((a) => a.docKind === "user").length;
      // One fabrikam user left in the test before; they were unlicensed.
      expect(usersOf(all.report)).toBe(USERS - 1);
      expect(usersOf(licensed.report)).toBe(LICENSED_USERS);
      expect(licensed.report.actions.filter((a) => a.docKind === "licence")).toHaveLength(LICENCES);
      // The fields job's switch, as CIPP's one "only synchronize licensed users", applies to the documents too.
      const mapped = await runInProcess(["fields", "map", "cipp.user-summary", "m365TenantSummary", "--licensed-only"], { env: otherEnv });
      expect(mapped.code, mapped.stderr).toBe(0);
      expect(usersOf((await docsSync(otherEnv, ["--dry-run"])).report)).toBe(LICENSED_USERS);
    } finally {
      other.cleanup();
    }
  });

  it("skips a tenant whose CIPP read fails, writes the others, and exits 3", async () => {
    const tenants = await control<CippTenantRow[]>(sandbox(), "GET", "/cipp/tenants");
    const tailspin = tenants.find((t) => t.displayName === "Tailspin");
    const [contosoUser] = await tenantUsers(sandbox(), "Contoso");
    await control(sandbox(), "POST", `/cipp/users/${contosoUser?.id ?? ""}`, { accountEnabled: false });
    await control(sandbox(), "PUT", `/cipp/tenants/${tailspin?.customerId ?? ""}/graph-error`, { message: "Graph refused the tenant" });
    try {
      const run = await docsSync(env);
      expect(run.code, run.stderr).toBe(3);
      expect(run.report.problems).toHaveLength(1);
      expect(run.report.problems[0]?.subject).toContain("tailspintoys.com");
      expect(run.report.actions).toMatchObject([{ kind: "update-document", sourceId: contosoUser?.id, fields: ["signIn"] }]);
      expect(run.report.counts).toMatchObject({ applied: 1, failed: 1 });
    } finally {
      await control(sandbox(), "PUT", `/cipp/tenants/${tailspin?.customerId ?? ""}/graph-error`, { message: null });
    }
  });

  it("runs under sync only when named, and reads no tenant written within sync.cippRefreshMinutes", async () => {
    // One licence read per tenant read.
    const userReads = () => Object.entries(sandbox().counts().services.cipp.byRoute).filter(([route]) => route.includes("ListLicenses")).reduce((n, [, c]) => n + c.total, 0);
    const before = userReads();
    const run = await runCliJson<{ jobs: { job: string; counts: DocsJson["counts"]; notes: string[] }[] }>(["sync", "--jobs", "docs", "--json"], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.jobs.map((j) => j.job)).toEqual(["docs"]);
    expect(userReads()).toBe(before);
    expect(run.report.jobs[0]?.notes.join("\n")).toContain("3 Microsoft 365 tenant(s) written less than 360 min ago were not read again");
    expect((await runInProcess(["config", "set", "sync.cippRefreshMinutes", "0"], { env })).code).toBe(0);
    const again = await runCliJson<{ jobs: { job: string; counts: DocsJson["counts"] }[] }>(["sync", "--jobs", "docs", "--json"], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.report.jobs[0]?.counts.planned).toBe(0);
    expect(userReads()).toBe(before + 3);
    const whole = await runCliJson<{ jobs: { job: string }[] }>(["sync", "--dry-run", "--json"], env);
    expect(whole.report.jobs.map((j) => j.job)).not.toContain("docs");
  });
});

describe("docs on bad templates and Documentation turned off", () => {
  const sandbox = useDemoSandbox({ fresh: true });
  let home: CliHome;
  beforeEach(() => {
    home = makeCliHome();
  });
  afterEach(() => home.cleanup());

  it("refuses a template name several templates carry, and changes no template it did not create", async () => {
    const env = sandboxEnv(sandbox(), home);
    expect((await runInProcess(["docs", "templates", "--apply"], { env })).code).toBe(0);
    // A second template whose name differs only in case, as NinjaOne's exact uniqueness check lets through.
    const other = makeCliHome();
    try {
      const otherEnv = sandboxEnv(sandbox(), other);
      expect((await runInProcess(["docs", "config", "--user-template", "MICROSOFT 365 USER "], { env: otherEnv })).code).toBe(0);
      const { createDocumentTemplate } = await import("../../src/clients/ninjaone/documents.js");
      const { newTemplate } = await import("../../src/jobs/docs/plan/templates.js");
      await createDocumentTemplate(sandboxClients(sandbox()).ninjaone, { ...newTemplate("user", "microsoft 365 user"), fields: [] });
    } finally {
      other.cleanup();
    }
    const shown = await runCliJson<{ templates: { status: string; ids?: number[] }[] }>(["docs", "templates", "--apply", "--json"], env);
    expect(shown.code).toBe(2);
    expect(shown.report.templates[0]).toMatchObject({ status: "ambiguous", ids: [1, 3] });
    const run = await runInProcess(["docs", "sync"], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2 document templates are called "Microsoft 365 User" (ids 1, 3)');
    expect((await documents(sandbox())).templates.map((t) => t.name)).toEqual(["Microsoft 365 User", "Microsoft 365 Licence", "microsoft 365 user"]);
  });

  it("with Documentation off, says so: an empty template list by default, NinjaOne's refusal with the explained answer", async () => {
    const env = sandboxEnv(sandbox(), home);
    await control(sandbox(), "PATCH", "/ninjaone/options", { documentation: false });
    const silent = await runInProcess(["docs", "templates", "--apply"], { env });
    expect(silent.code).toBe(1);
    expect(silent.stderr).toContain("could not write template");
    expect(silent.stderr).toContain("Documentation is turned on");
    await control(sandbox(), "PATCH", "/ninjaone/options", { documentationOffAnswer: "explained" });
    const explained = await runInProcess(["docs", "sync"], { env });
    expect(explained.code).not.toBe(0);
    expect(explained.stderr).toContain("NinjaOne refused to list document templates");
    expect(explained.stderr).toContain("Documentation is turned on");
  });
});
