import { getTenant, offeringItemsForCustomer, tenantEditions, type OfferingItem } from "../../clients/acronis/tenant-admin.js";
import { mapConcurrent } from "../../clients/async-lists.js";
import { ConfigError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import type { ReadonlyStateDocument, StateHandle } from "../../state/index.js";
import type { JobCounts, JobHooks } from "../job.js";
import type { JobSession } from "../shared/session.js";
import { isWork, planProvision, type PlanOrg, type PlanTenant, type ProvisionPlan, type ProvisionSelection } from "./plan-provision.js";
import { provisionOrg, type ProvisionResult } from "./provision-org.js";
import { recordOrgsSeen } from "./orgs-seen.js";
import { chooseServices } from "./services.js";
import type { ProvisionSettings } from "./settings.js";

export interface ProvisionJobOptions {
  selection: ProvisionSelection;
  settings: ProvisionSettings;
}

export interface ProvisionJobPlan extends ProvisionPlan {
  /** Every NinjaOne organization listed now; apply records them as seen. */
  orgs: PlanOrg[];
  settings: ProvisionSettings;
  /** The offering items each new customer gets; empty when no action enables services. */
  services: OfferingItem[];
}

export interface ProvisionOutcome {
  results: ProvisionResult[];
  counts: JobCounts;
}

/** Organizations provisioned at once: each runs its steps in order, and Acronis counts requests per client. */
const CONCURRENCY = 4;

/**
 * Reads NinjaOne's organizations and Acronis' customers (shared through the session) and
 * plans. Customers whose name matches an organization to provision are read one by one for
 * their internal_tag, which tells a customer a killed run created from a real duplicate.
 * When some customer is to get services, the partner's offer is read and chosen from first:
 * a choice that would enable nothing stops the run before any tenant is created.
 */
export async function planProvisionJob(session: JobSession, state: ReadonlyStateDocument, options: ProvisionJobOptions): Promise<ProvisionJobPlan> {
  const [ninja, acronis] = await Promise.all([session.ninjaEstate({ devices: false }), session.acronisEstate({ devices: false })]);
  const orgs = ninja.orgs.map((o) => ({ id: o.id, name: o.name }));
  const tenants: PlanTenant[] = acronis.targets.map((t) => ({ id: t.id, name: t.name }));
  const input = { orgs, tenants, state, settings: options.settings, selection: options.selection };
  let plan = planProvision(input);
  const lookalikes = new Set(plan.actions.flatMap((a) => a.candidates ?? []).map((c) => c.id));
  if (lookalikes.size > 0) {
    const http = (await session.acronis()).http;
    const tags = new Map<string, string | null>();
    for await (const tenant of mapConcurrent(lookalikes, CONCURRENCY, (id) => getTenant(http, id))) tags.set(tenant.id, tenant.internalTag);
    const tagged = tenants.map((t) => (tags.has(t.id) ? { ...t, internalTag: tags.get(t.id) ?? null } : t));
    plan = planProvision({ ...input, tenants: tagged });
  }
  const needsServices = plan.actions.some((a) => isWork(a) && a.steps.includes("services"));
  const services = needsServices ? await servicesToEnable(session, options.settings) : [];
  return { ...plan, orgs, settings: options.settings, services };
}

async function servicesToEnable(session: JobSession, settings: ProvisionSettings): Promise<OfferingItem[]> {
  const conn = await session.acronis();
  const partnerId = await conn.ownTenantId();
  const choice = chooseServices(await offeringItemsForCustomer(conn.http, partnerId, settings.edition), settings.offeringItems, settings.edition);
  if (choice.ok) return choice.items;
  throw new ConfigError(`nothing provisioned: ${choice.problem}`, { hint: await editionsHint(conn.http, partnerId) });
}

async function editionsHint(http: HttpClient, partnerId: string): Promise<string> {
  const editions = await tenantEditions(http, partnerId);
  if (editions.length === 0) return "the partner tenant holds no offering items; switch its services on in Acronis first";
  return `the partner's editions: ${editions.join(", ")}; choose one with \`ninja-bridge provision config --edition <name>\`, or name the items with \`--offering-items\``;
}

/** What a plan would do, for dry runs and summaries. */
export function provisionPlanCounts(plan: ProvisionPlan): JobCounts {
  const planned = plan.actions.filter(isWork).length;
  return { planned, applied: 0, failed: 0, skipped: plan.actions.filter((a) => a.kind === "refuse").length };
}

/**
 * Notes every listed organization as seen (so `sync` can tell the new ones next time), then
 * provisions each planned organization, recording every step as it lands.
 */
export async function applyProvisionJob(session: JobSession, state: StateHandle, plan: ProvisionJobPlan, hooks: JobHooks, now: () => Date = () => new Date()): Promise<ProvisionOutcome> {
  await state.update((draft) => recordOrgsSeen(draft, plan.orgs, now()));
  const work = plan.actions.filter(isWork);
  const counts = provisionPlanCounts(plan);
  for (const refused of plan.actions.filter((a) => a.kind === "refuse")) {
    hooks.onAction?.({ job: "provision", action: "create-tenant", target: orgLabel(refused.org), result: "skipped", detail: refused.reason });
  }
  if (work.length === 0) return { results: [], counts };

  const conn = await session.acronis();
  const deps = {
    http: conn.http,
    partnerId: await conn.ownTenantId(),
    state,
    services: plan.services,
    now,
  };
  const results: ProvisionResult[] = [];
  for await (const result of mapConcurrent(work, CONCURRENCY, (action) => provisionOrg(deps, action))) {
    results.push(result);
    hooks.onAction?.({
      job: "provision",
      action: `${result.action.kind}-tenant`,
      target: `${orgLabel(result.action.org)} → ${result.action.tenant.name}`,
      result: result.result,
      ...detailOf(result),
    });
    hooks.onProgress?.(results.length, work.length);
  }
  if (results.some((r) => r.done.length > 0)) session.forget("acronis");
  const failed = results.filter((r) => r.result === "failed").length;
  return { results, counts: { ...counts, applied: results.length - failed, failed } };
}

/** The failure, or else what a person should know about the steps that landed. */
function detailOf(result: ProvisionResult): { detail?: string } {
  if (result.error !== undefined) return { detail: `${result.failedStep ?? ""}: ${result.error}` };
  return result.notes.length === 0 ? {} : { detail: result.notes.join("; ") };
}

function orgLabel(org: PlanOrg): string {
  return `${org.name} (org ${org.id})`;
}
