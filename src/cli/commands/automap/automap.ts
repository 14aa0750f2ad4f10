import { isConfigured } from "../../../clients/connect.js";
import { PartialError, UsageError } from "../../../errors.js";
import { automapJob, type AutomapJobPlan } from "../../../jobs/automap/index.js";
import type { ApplyOutcome } from "../../../jobs/automap/apply.js";
import { planSections, type PlanSection } from "../../../jobs/automap/plan/sections.js";
import { selectServices, TARGET_CHOICES, type TargetChoice } from "../../../jobs/automap/plan/select-services.js";
import { automapOptionsFromFlags, type AutomapSettings } from "../../../jobs/automap/settings.js";
import { plural } from "../../../plural.js";
import { SERVICE_NAME } from "../../../services.js";
import type { Context } from "../../context.js";
import type { Output } from "../../io.js";
import { runJobCommand } from "../../run-job-command.js";
import { renderTable } from "../../table.js";

export interface AutomapOptions {
  target: string;
  minDevices?: string;
  minShare?: string;
}

/** Links NinjaOne organizations to tenants: the job, with --target and the matcher's thresholds from flags. */
export async function run(options: AutomapOptions, ctx: Context): Promise<void> {
  const settings = await settingsFrom(options, ctx);
  for (const service of settings.notConfigured) ctx.out.info(`${SERVICE_NAME[service]} is not configured in profile "${ctx.profile}"; skipped`);
  await runJobCommand(ctx, automapJob, settings, {
    command: "automap",
    reading: `reading NinjaOne organizations and devices, and the tenants and devices of ${settings.services.map((s) => SERVICE_NAME[s]).join(" and ")}…`,
    // The read is the long part of automap: a person sees its requests climb, as under sync.
    progress: true,
    printPlan,
    notices: (out, plan) => {
      for (const line of plan.unread) out.warn(line);
    },
    confirm: (count) => ({
      question: `Record ${plural(count, "link")} in the state file?`,
      refusal: `automap would record ${plural(count, "link")}, and there is no terminal to confirm them`,
      hint: "add --yes to record them, or --dry-run to only see the plan",
    }),
    declined: "nothing recorded",
    onAction: (out, event) => {
      if (event.result === "applied") out.success(`linked ${event.target}`);
      else out.warn(`not recorded: ${event.target}: ${event.detail ?? event.result}`);
    },
    finish,
  });
}

async function settingsFrom(options: AutomapOptions, ctx: Context): Promise<AutomapSettings> {
  const matcher = automapOptionsFromFlags(options);
  const choice = targetChoice(options.target);
  const config = await ctx.config();
  const selection = selectServices(choice, { acronis: isConfigured(config, ctx.env, "acronis"), cipp: isConfigured(config, ctx.env, "cipp") }, ctx.profile);
  return { services: selection.run, notConfigured: selection.notConfigured, options: matcher, reportUnmatched: true };
}

function targetChoice(raw: string): TargetChoice {
  const choice = TARGET_CHOICES.find((c) => c === raw);
  if (choice === undefined) throw new UsageError(`--target must be one of ${TARGET_CHOICES.join(", ")}, not "${raw}"`);
  return choice;
}

function printPlan(out: Output, plan: AutomapJobPlan): void {
  out.print(plan.plans.flatMap((sp) => planSections(sp).map(renderSection)).join("\n\n"));
}

function renderSection(section: PlanSection): string {
  const parts = [section.heading];
  if (section.table) parts.push(renderTable(section.table.head, section.table.rows));
  for (const line of section.lines ?? []) parts.push(`  ${line}`);
  if (section.omitted) parts.push(`  … and ${section.omitted} more (--json lists them all)`);
  return parts.join("\n");
}

function finish(out: Output, plan: AutomapJobPlan, outcome: ApplyOutcome | null, statePath: string): void {
  if (plan.pending.length === 0) out.success("nothing to link: no new link is proposed");
  else if (outcome === null) out.info(`dry run: ${plural(plan.pending.length, "link")} proposed, nothing recorded`);
  else out.outcome(`recorded ${plural(outcome.linked.length, "link")} in ${statePath}${breakdown(outcome)}`);
  if (plan.unread.length > 0) {
    throw new PartialError(`automap could not read everything: ${plural(plan.unread.length, "part")} left out (see the warnings above)`, {
      hint: "what could be matched was; the next run tries the rest again",
    });
  }
}

function breakdown({ linked }: ApplyOutcome): string {
  const services = [...new Set(linked.map((l) => l.service))];
  if (services.length < 2) return "";
  return ` (${services.map((s) => `${SERVICE_NAME[s]} ${linked.filter((l) => l.service === s).length}`).join(", ")})`;
}
