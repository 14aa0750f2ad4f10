import { isConfigured } from "../../clients/connect.js";
import { PartialError, UsageError } from "../../errors.js";
import { applyLinks, type ApplyOutcome } from "../../jobs/automap/apply.js";
import { automapJson } from "../../jobs/automap/report.js";
import { automapOptionsFromFlags } from "../../jobs/automap/settings.js";
import { planSections, type PlanSection } from "../../jobs/automap/plan/sections.js";
import { devicesHeldReason, planAutomapJob, unreadParts, type PendingLink, type ServicePlan } from "../../jobs/automap/plan/plan-job.js";
import { deviceCountUpdates, emptiedOrgs, orgDeviceCounts, recordDeviceCounts } from "../../jobs/shared/estates/emptied-orgs.js";
import { readAutomapEstates } from "../../jobs/automap/read.js";
import { JobSession } from "../../jobs/shared/session.js";
import { selectServices, TARGET_CHOICES, type TargetChoice } from "../../jobs/automap/plan/select-services.js";
import { sharedRequestCounter } from "../../http/index.js";
import { plural } from "../../plural.js";
import { openState, type StateHandle } from "../../state/index.js";
import type { Context } from "../context.js";
import { ask } from "../io.js";
import { ProgressLine } from "../progress-line.js";
import { renderTable } from "../table.js";
import { SERVICE_NAME } from "../../services.js";

export interface AutomapCommandOptions {
  target: string;
  minDevices?: string;
  minShare?: string;
}

/** read (no lock) → plan under the write lock (read-only for --dry-run) → show → confirm → record the links. */
export async function runAutomap(ctx: Context, opts: AutomapCommandOptions): Promise<void> {
  const options = automapOptionsFromFlags(opts);
  const choice = targetChoice(opts.target);
  const config = await ctx.config();
  const selection = selectServices(choice, { acronis: isConfigured(config, ctx.env, "acronis"), cipp: isConfigured(config, ctx.env, "cipp") }, ctx.profile);
  for (const service of selection.notConfigured) ctx.out.info(`${SERVICE_NAME[service]} is not configured in profile "${ctx.profile}"; skipped`);

  ctx.out.info(`reading NinjaOne organizations and devices, and the tenants and devices of ${selection.run.map((s) => SERVICE_NAME[s]).join(" and ")}…`);
  // The read is the long part of automap: a person sees its requests climb, as under sync.
  const progress = new ProgressLine(ctx.out, sharedRequestCounter, Boolean(ctx.io.stderr.isTTY) && !ctx.globals.quiet);
  progress.start("automap");
  const estates = await readAutomapEstates(new JobSession(ctx), selection.run).finally(() => progress.stop());
  const ninja = estates.ninja.estate;

  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "automap", logger: ctx.out });
  let unread: string[];
  try {
    const now = new Date();
    const emptied = estates.ninja.devicesUnread === undefined ? emptiedOrgs(state.data, ninja.orgs, ninja.devices, now) : [];
    const devicesHeld = devicesHeldReason(estates.ninja.devicesUnread, emptied);
    const plans = planAutomapJob({ ninja, estates: estates.targets, state: state.data, options, ...(devicesHeld === undefined ? {} : { devicesHeld }) });
    unread = unreadParts(plans, estates.failed, devicesHeld);
    for (const line of unread) ctx.out.warn(line);
    const pending = plans.flatMap((sp) => sp.pending);
    const report = (applied: ApplyOutcome | null) =>
      automapJson({ dryRun: ctx.dryRun, options, notConfigured: selection.notConfigured, plans, applied, failed: estates.failed, devicesHeld: devicesHeld ?? null });
    // What NinjaOne listed per mapped organization, so the next run can tell a fault from a decommission.
    const recordCounts = async () => {
      if (ctx.dryRun || estates.ninja.devicesUnread !== undefined) return;
      const updates = deviceCountUpdates(state.data, orgDeviceCounts(ninja.orgs, ninja.devices), now);
      if (updates.length > 0) await state.update((draft) => recordDeviceCounts(draft, updates));
    };

    if (!ctx.json) printPlans(ctx, plans);
    if (ctx.dryRun || pending.length === 0) {
      await recordCounts();
      if (ctx.json) ctx.out.printJson(report(null));
      if (pending.length === 0) ctx.out.success("nothing to link: no new link is proposed");
      else ctx.out.info(`dry run: ${plural(pending.length, "link")} proposed, nothing recorded`);
    } else if (!(await confirmed(ctx, pending.length))) {
      if (ctx.json) ctx.out.printJson(report(null));
      ctx.out.warn("nothing recorded");
      return;
    } else {
      const applied = await record(ctx, state, pending);
      await recordCounts();
      if (ctx.json) ctx.out.printJson(report(applied));
      for (const s of applied.skipped) ctx.out.warn(`not recorded: ${s.link.orgName} → ${s.link.targetName}: ${s.reason}`);
      ctx.out.outcome(`recorded ${plural(applied.linked.length, "link")} in ${state.path}${breakdown(applied.linked)}`);
    }
  } finally {
    await state.close();
  }
  if (unread.length > 0) {
    throw new PartialError(`automap could not read everything: ${plural(unread.length, "part")} left out (see the warnings above)`, {
      hint: "what could be matched was; the next run tries the rest again",
    });
  }
}

function targetChoice(raw: string): TargetChoice {
  const choice = TARGET_CHOICES.find((c) => c === raw);
  if (choice === undefined) throw new UsageError(`--target must be one of ${TARGET_CHOICES.join(", ")}, not "${raw}"`);
  return choice;
}

/** A person confirms on a terminal; a script must say --yes, so nothing is ever applied silently. */
async function confirmed(ctx: Context, count: number): Promise<boolean> {
  if (ctx.globals.yes) return true;
  if (!ctx.out.canPrompt) {
    throw new UsageError(`automap would record ${plural(count, "link")}, and there is no terminal to confirm them`, {
      hint: "add --yes to record them, or --dry-run to only see the plan",
    });
  }
  return ask((p, output) => p.confirm({ message: `Record ${plural(count, "link")} in the state file?`, default: false }, output));
}

async function record(ctx: Context, state: StateHandle, pending: readonly PendingLink[]): Promise<ApplyOutcome> {
  return applyLinks(state, pending, {
    now: () => new Date(),
    onLinked: (l) => ctx.out.success(`linked ${l.orgName} (#${l.orgId}) → ${SERVICE_NAME[l.service]} ${l.targetName}`),
  });
}

function printPlans(ctx: Context, plans: readonly ServicePlan[]): void {
  const blocks = plans.flatMap((sp) => planSections(sp).map(renderSection));
  ctx.out.print(blocks.join("\n\n"));
}

function renderSection(section: PlanSection): string {
  const parts = [section.heading];
  if (section.table) parts.push(renderTable(section.table.head, section.table.rows));
  for (const line of section.lines ?? []) parts.push(`  ${line}`);
  if (section.omitted) parts.push(`  … and ${section.omitted} more (--json lists them all)`);
  return parts.join("\n");
}


function breakdown(linked: readonly PendingLink[]): string {
  const services = [...new Set(linked.map((l) => l.service))];
  if (services.length < 2) return "";
  return ` (${services.map((s) => `${SERVICE_NAME[s]} ${linked.filter((l) => l.service === s).length}`).join(", ")})`;
}
