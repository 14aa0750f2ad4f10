import { listOrganizationEndUsers } from "../../../clients/ninjaone/users.js";
import { UsageError } from "../../../errors.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { listRows, type AccountRow, type ListFilters } from "../../../jobs/users/plan/list-rows.js";
import { readSnapshot } from "../../../jobs/users/read.js";
import type { Context } from "../../context.js";
import { csvLines } from "../../../csv.js";
import { renderTable } from "../../table.js";

export interface UsersListOptions {
  type?: string;
  org?: string;
  role?: string;
  csv?: string | boolean;
}

const yesNo = (v: boolean | null) => (v === null ? "-" : v ? "yes" : "no");
const csvBool = (v: boolean | null) => (v === null ? "" : String(v));

function typeFilter(raw: string | undefined): ListFilters["type"] {
  if (raw === undefined) return undefined;
  const t = raw.trim().toLowerCase().replace("_", "-");
  if (t === "technician" || t === "end-user") return t;
  throw new UsageError(`--type must be technician or end-user, not "${raw}"`);
}

export async function run(opts: UsersListOptions, ctx: Context): Promise<void> {
  const type = typeFilter(opts.type);
  const table = opts.csv === undefined || opts.csv === false ? undefined : opts.csv === true ? "accounts" : opts.csv;
  if (table !== undefined && table !== "accounts" && table !== "entitlements") throw new UsageError(`--csv takes accounts or entitlements, not "${table}"`);
  const session = new JobSession(ctx);
  const ninja = await session.ninjaone();
  ctx.out.info("reading NinjaOne technicians, end users and roles…");
  const [snapshot, estate] = await Promise.all([readSnapshot(ninja.http), session.ninjaEstate({ devices: false })]);
  const orgNames = new Map(estate.orgs.map((o) => [o.id, o.name]));
  let orgId: number | undefined;
  if (opts.org !== undefined) {
    const wanted = opts.org.trim();
    const org = estate.orgs.find((o) => String(o.id) === wanted) ?? estate.orgs.find((o) => o.name.toLowerCase() === wanted.toLowerCase());
    if (org === undefined) throw new UsageError(`--org "${opts.org}" is not a NinjaOne organization`, { hint: "give its id or exact name (`ninja-bridge orgs list`)" });
    orgId = org.id;
    // The organization's own list (getEndUsers) is what NinjaOne says belongs to it.
    snapshot.endUsers = await listOrganizationEndUsers(ninja.http, org.id);
  }
  const rows = listRows(snapshot, orgNames, { ...(type === undefined ? {} : { type }), ...(orgId === undefined ? {} : { orgId }), ...(opts.role === undefined ? {} : { role: opts.role }) });
  if (ctx.json) {
    ctx.out.printJson(rows);
    return;
  }
  if (table === "accounts") {
    ctx.out.print(
      csvLines(
        ["id", "uid", "type", "name", "email", "organization_id", "organization", "enabled", "mfa_configured", "administrator", "roles"],
        rows.accounts.map((a) => [a.id, a.uid, a.type, a.name, a.email, a.organizationId ?? "", a.organization ?? "", csvBool(a.enabled), csvBool(a.mfaConfigured), csvBool(a.administrator), a.roles.join(";")]),
      ),
    );
    return;
  }
  if (table === "entitlements") {
    ctx.out.print(csvLines(["account_id", "email", "type", "role_id", "role"], rows.entitlements.map((e) => [e.accountId, e.email, e.type, e.roleId, e.role])));
    return;
  }
  if (rows.accounts.length === 0) {
    ctx.out.success("no account matches");
    return;
  }
  ctx.out.print(renderTable(["ID", "TYPE", "NAME", "E-MAIL", "ORGANIZATION", "ENABLED", "MFA", "ROLES"], rows.accounts.map(tableRow)));
}

function tableRow(a: AccountRow): string[] {
  return [String(a.id), a.type, a.name, a.email, a.organization ?? (a.organizationId === null ? "-" : String(a.organizationId)), yesNo(a.enabled), yesNo(a.mfaConfigured), a.roles.join(", ") || "-"];
}
