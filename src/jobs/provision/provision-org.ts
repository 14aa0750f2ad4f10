import { collect } from "../../clients/async-lists.js";
import { createCustomerTenant, enableOfferingItems, getPricing, setTenantMfa, switchToProduction, type OfferingItem } from "../../clients/acronis/tenant-admin.js";
import { checkLogin, createUser, getUser, listUsersOfTenant, makeCompanyAdmin, sendActivationEmail } from "../../clients/acronis/users.js";
import { BridgeError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import type { StateHandle } from "../../state/index.js";
import { stopsTheRun } from "../shared/apply-loop.js";
import { failureText } from "../shared/acronis-customers/failure.js";
import { linkOfOrg, recordLink } from "../shared/mappings.js";
import { loginCandidates } from "../shared/acronis-customers/admin-email.js";
import type { ProvisionAction } from "./plan/plan-provision.js";
import { markActivationSending, markStep, startRecord } from "./records.js";
import { internalTagOf, type ProvisionStep } from "./plan/steps.js";

export interface ProvisionDeps {
  http: HttpClient;
  /** The partner tenant the API client belongs to; new customers go under it. */
  partnerId: string;
  state: StateHandle;
  /** The offering items every new customer gets, chosen when planning. */
  services: readonly OfferingItem[];
  now: () => Date;
}

/** How far one organization got in this run; kept when a step fails, so the result names the step it stopped at. */
export interface OrgProgress {
  tenantId: string | null;
  /** Steps that landed in this run. */
  done: ProvisionStep[];
  /** What a person should know about steps that landed. */
  notes: string[];
  /** The step that failed, and why, with what to do next. */
  failedStep?: ProvisionStep;
  error?: string;
}

export function startProgress(action: ProvisionAction): OrgProgress {
  return { tenantId: action.tenant.id, done: [], notes: [] };
}

/** A step that cannot go on, with what a person should do; not an API failure. */
class StepRefused extends BridgeError {}

/**
 * Runs one organization's remaining steps in order. Each step's change lands in Acronis
 * and is then recorded before the next starts, so a kill anywhere loses at most the step in
 * flight, and the next run resumes there. A failed step stops this organization only: it
 * throws, naming the step; an error every organization would meet (stopsTheRun) is thrown as
 * it is, so the apply loop starts no other organization.
 */
export async function provisionOrg(deps: ProvisionDeps, action: ProvisionAction, progress: OrgProgress): Promise<void> {
  const { org } = action;
  let current: ProvisionStep | undefined;
  const at = () => deps.now().toISOString();
  try {
    if (action.kind === "adopt" && progress.tenantId !== null) {
      const found = { id: progress.tenantId, name: action.tenant.name };
      await deps.state.update((d) => startRecord(d, { ...action, tenant: found }, at()));
    }
    for (const step of action.steps) {
      current = step;
      if (step === "tenant") {
        const created = await createCustomerTenant(deps.http, { name: action.tenant.name, parentId: deps.partnerId, internalTag: internalTagOf(org.id) });
        progress.tenantId = created.id;
        await deps.state.update((d) => startRecord(d, { ...action, tenant: { id: created.id, name: created.name } }, at()));
      } else {
        if (progress.tenantId === null) throw new StepRefused("the tenant id is unknown");
        await runStep(deps, action, step, progress.tenantId, progress.notes);
      }
      progress.done.push(step);
    }
  } catch (error) {
    if (current !== undefined) progress.failedStep = current;
    progress.error = failureText(error);
    throw stopsTheRun(error) ? error : new BridgeError(`${current ?? ""}: ${progress.error}`);
  }
}

async function runStep(deps: ProvisionDeps, action: ProvisionAction, step: Exclude<ProvisionStep, "tenant">, tenantId: string, notes: string[]): Promise<void> {
  const orgId = action.org.id;
  const record = () => deps.state.data.provisioning[String(orgId)];
  const mark = (extra?: { userId: string; userLogin: string }) => deps.state.update((d) => markStep(d, orgId, step, deps.now().toISOString(), extra));
  switch (step) {
    case "services":
      await enableOfferingItems(deps.http, tenantId, deps.services);
      return mark();
    case "pricing": {
      if (action.mode === "production") {
        const pricing = await getPricing(deps.http, tenantId);
        if (pricing.mode !== "production") await switchToProduction(deps.http, tenantId, pricing);
      }
      return mark();
    }
    case "user": {
      if (action.adminEmail === null) throw new StepRefused("no admin e-mail is set", { hint: "set one with `ninja-bridge provision config --admin-email <address or pattern>`" });
      const user = await findOrCreateAdmin(deps.http, tenantId, action.adminEmail, action.org);
      return mark({ userId: user.id, userLogin: user.login });
    }
    case "role":
      await makeCompanyAdmin(deps.http, userIdOf(record()?.userId), tenantId);
      return mark();
    case "activation":
      await activate(deps, orgId, userIdOf(record()?.userId), record()?.activationSendingAt, notes);
      return mark();
    case "mfa":
      if (action.mfa) await setTenantMfa(deps.http, tenantId, true);
      return mark();
    case "map": {
      const holder = linkOfOrg(deps.state.data, "acronis", orgId);
      if (holder !== undefined && holder.targetId !== tenantId) {
        throw new StepRefused(`organization ${orgId} was mapped to ${holder.targetName} meanwhile`, { hint: "unmap one of them with `ninja-bridge orgs unmap`" });
      }
      const name = record()?.acronisTenantName ?? action.tenant.name;
      await deps.state.update((d) => {
        recordLink(d, { service: "acronis", orgId, orgName: action.org.name, targetId: tenantId, targetName: name, source: "provision", mappedAt: deps.now().toISOString() });
        markStep(d, orgId, "map", deps.now().toISOString());
      });
      return;
    }
  }
}

/**
 * At most one activation e-mail per user: none when the user is already activated, and none
 * when a run stopped between asking for it and recording it, since it may have gone out (a
 * failed request included: a 5xx or a lost answer can hide a sent e-mail).
 */
async function activate(deps: ProvisionDeps, orgId: number, userId: string, sendingAt: string | undefined, notes: string[]): Promise<void> {
  const user = await getUser(deps.http, userId);
  if (user.activated) return;
  if (sendingAt !== undefined) {
    notes.push(
      `a run stopped while sending the activation e-mail to ${user.email ?? user.login} (${sendingAt}); it is not sent again: if it never arrived, send it from Acronis' Management Portal`,
    );
    return;
  }
  await deps.state.update((d) => markActivationSending(d, orgId, deps.now().toISOString()));
  await sendActivationEmail(deps.http, userId);
}

function userIdOf(id: string | undefined): string {
  if (id === undefined) throw new StepRefused("the admin user's id was not recorded");
  return id;
}

/**
 * The admin user of a new customer: one already there with the admin e-mail (a run that
 * died after creating it), else a new one under the first free login.
 */
async function findOrCreateAdmin(http: HttpClient, tenantId: string, email: string, org: { id: number; name: string }): Promise<{ id: string; login: string }> {
  const existing = (await collect(listUsersOfTenant(http, tenantId))).find((u) => u.email?.toLowerCase() === email.toLowerCase());
  if (existing !== undefined) return existing;
  for (const login of loginCandidates(email, org)) {
    if ((await checkLogin(http, login)) === "free") return createUser(http, { tenantId, login, email });
  }
  throw new StepRefused(`every login tried for ${email} is taken or not accepted`, { hint: "set another admin e-mail with `ninja-bridge provision config --admin-email`" });
}
