import type { NinjaTicketForm, NinjaTicketStatus } from "../../../clients/ninjaone/tickets.js";
import { ConfigError, UsageError } from "../../../errors.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { formProblem, usableForms } from "../../../jobs/tickets/plan/form-check.js";
import { requesterFrom } from "../../../jobs/tickets/plan/requester.js";
import { applyConfigFlags, checkAlertTypes, describeSettings, namesRequester, readTicketSettings, storeTicketSettings, touchesNinjaOne, typesNamed, type TicketsConfigFlags } from "../../../jobs/tickets/settings.js";
import { DEFAULT_TICKET_SETTINGS, resolveStatus, type TicketSettings } from "../../../jobs/tickets/plan/index.js";
import type { Context } from "../../context.js";

interface NinjaTicketing {
  forms: NinjaTicketForm[];
  statuses: NinjaTicketStatus[];
}

async function readTicketing(ctx: Context): Promise<NinjaTicketing> {
  const { listTicketForms, listTicketStatuses } = await import("../../../clients/ninjaone/tickets.js");
  const ninja = await new JobSession(ctx).ninjaone();
  const [forms, statuses] = await Promise.all([listTicketForms(ninja.http), listTicketStatuses(ninja.http)]);
  return { forms, statuses };
}

/** Refuses a form the vendor would refuse tickets on, and statuses the tenant does not have. */
function checkAgainstNinjaOne(settings: TicketSettings, ninja: NinjaTicketing): void {
  const formId = settings.ticketFormId ?? ninja.forms.find((f) => f.isDefault && f.active)?.id;
  const problem = formProblem(ninja.forms, formId);
  if (problem !== undefined) {
    const usable = usableForms(ninja.forms).map((f) => `${f.name} (${f.id})`);
    throw new ConfigError(`cannot use that ticket form: ${problem}; nothing was saved`, {
      hint: usable.length > 0 ? `choose one without required fields: ${usable.join(", ")}` : "create a NinjaOne ticket form without required fields, then pass --form <id>",
    });
  }
  const statuses = ninja.statuses.map((s) => ({ statusId: s.statusId, name: s.name, parentId: s.parentId }));
  resolveStatus(settings.defaults.status, statuses, "defaults.status");
  resolveStatus(settings.reopen.status, statuses, "reopen.status");
  resolveStatus(settings.resolveTicket.status, statuses, "resolveTicket.status");
  resolveStatus(settings.clearAlert.status, statuses, "clearAlert.status");
  for (const [type, rule] of Object.entries(settings.alertTypes)) if (rule.status !== undefined) resolveStatus(rule.status, statuses, `alertTypes.${type}.status`);
}

/** Refuses alert types Acronis does not know, read from its catalogue when the flags name any. */
async function checkNamedTypes(ctx: Context, flags: TicketsConfigFlags): Promise<void> {
  const named = typesNamed(flags);
  if (named.length === 0) return;
  const { listAlertTypes } = await import("../../../clients/acronis/alerts.js");
  const acronis = await new JobSession(ctx).acronis();
  checkAlertTypes(named, await listAlertTypes(acronis.http));
}

/** The user `--requester` names, checked against NinjaOne's users. */
async function lookUpRequester(ctx: Context, flags: TicketsConfigFlags): Promise<TicketSettings["requester"]> {
  if (!namesRequester(flags)) return undefined;
  const { listUsers } = await import("../../../clients/ninjaone/users.js");
  const ninja = await new JobSession(ctx).ninjaone();
  return requesterFrom(await listUsers(ninja.http), flags.requester);
}

export interface TicketsConfigOptions extends TicketsConfigFlags {
  interactive?: boolean;
}

/** Sets the tickets settings from flags or prompts, checked against NinjaOne before they are saved. */
export async function run(flags: TicketsConfigOptions, ctx: Context): Promise<void> {
  const config = await ctx.config();
  // --reset must work even when the stored document is damaged: that is what it is for.
  const current = flags.reset === true ? DEFAULT_TICKET_SETTINGS : readTicketSettings(config);
  await checkNamedTypes(ctx, flags);
  let next: TicketSettings;
  if (flags.interactive === true) {
    if (!ctx.out.canPrompt) throw new UsageError("--interactive needs a terminal", { hint: "set the values with flags instead (see `ninja-bridge tickets config --help`)" });
    const ninja = await readTicketing(ctx);
    const { promptTicketSettings } = await import("./config-prompts.js");
    const start = applyConfigFlags(current, flags, await lookUpRequester(ctx, flags));
    next = await promptTicketSettings(start, ninja.forms, ninja.statuses);
    checkAgainstNinjaOne(next, ninja);
  } else {
    next = applyConfigFlags(current, flags, await lookUpRequester(ctx, flags));
    if (touchesNinjaOne(flags)) checkAgainstNinjaOne(next, await readTicketing(ctx));
  }
  if (ctx.dryRun) {
    if (ctx.json) ctx.out.printJson({ dryRun: true, settings: next });
    else ctx.out.print(describeSettings(next).join("\n"));
    ctx.out.info("dry run: nothing saved");
    return;
  }
  const saved = storeTicketSettings(config, next);
  if (ctx.json) ctx.out.printJson({ dryRun: false, settings: saved });
  else ctx.out.print(describeSettings(saved).join("\n"));
  ctx.out.outcome(`saved the tickets settings of profile "${ctx.profile}" in ${config.path}`);
}
