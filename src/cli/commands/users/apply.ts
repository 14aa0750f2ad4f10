import { BridgeError, PartialError, UsageError } from "../../../errors.js";
import { usersJob } from "../../../jobs/users/index.js";
import { describeAction, isRemoval } from "../../../jobs/users/plan/plan-access.js";
import type { UsersPlan } from "../../../jobs/users/plan-run.js";
import { DEFAULT_MAX_REMOVE, usersSettings } from "../../../jobs/users/settings.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";
import { destructiveChange } from "../../io.js";
import { runJobCommand } from "../../run-job-command.js";
import { renderTable } from "../../table.js";

export interface UsersApplyOptions {
  file?: string;
  ticket?: string;
  maxRemove?: string;
}

function wholeNumber(raw: string, flag: string, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number${min > 0 ? " above 0" : ""}, not "${raw}"`);
  return n;
}

function printPlan(out: Context["out"], plan: UsersPlan): void {
  if (plan.ticket !== undefined) out.info(`ticket ${plan.ticket.id} is ${plan.ticket.status}: approved${plan.ticket.landed > 0 ? `; ${plural(plan.ticket.landed, "change")} landed in an earlier run` : ""}`);
  if (plan.actions.length > 0) out.print(renderTable(["CHANGE", "WHAT"], plan.actions.map((a) => [a.kind, describeAction(a)])));
  for (const r of plan.refused) out.warn(`not applied: ${describeAction(r.action)}: ${r.reason}`);
}

export async function run(opts: UsersApplyOptions, ctx: Context): Promise<void> {
  if ((opts.file === undefined) === (opts.ticket === undefined)) throw new UsageError("give either --file <access file> or --ticket <id>");
  const maxRemove = opts.maxRemove === undefined ? DEFAULT_MAX_REMOVE : wholeNumber(opts.maxRemove, "--max-remove", 0);
  const source = opts.file !== undefined ? { file: opts.file } : { ticket: wholeNumber(opts.ticket as string, "--ticket", 1) };
  const settings = usersSettings(await ctx.config(), ctx.env, source, maxRemove);
  await runJobCommand(ctx, usersJob, settings, {
    command: "users apply",
    reading: "reading NinjaOne technicians, end users and roles…",
    printPlan,
    confirm: (count, plan) => {
      const removals = plan.actions.filter(isRemoval).length;
      return destructiveChange(`this makes ${plural(count, "change")} to NinjaOne access${removals > 0 ? `, ${removals} of them removals` : ""}`, "add --yes to apply it, or use --dry-run to see the plan");
    },
    onAction: (out, event) => {
      if (event.result === "failed") out.warn(`${event.target}: ${event.detail ?? "failed"}`);
    },
    finish: (out, plan, outcome) => {
      if (outcome === null) {
        out.success(plan.actions.length === 0 ? "NinjaOne already matches: nothing to change" : `dry run: ${plural(plan.actions.length, "change")} planned, nothing changed`);
        return;
      }
      if (plan.ticket !== undefined && outcome.commented === false) out.warn(`the result was not commented on ticket ${plan.ticket.id}`);
      if (outcome.failed.length > 0) {
        const message = `${outcome.applied.length} of ${plural(plan.actions.length, "change")} applied, ${outcome.failed.length} failed`;
        if (outcome.applied.length === 0) throw new BridgeError(message, { hint: "the next run tries them again" });
        throw new PartialError(message, { hint: "the next run tries the rest again" });
      }
      if (plan.actions.length === 0) out.success("NinjaOne already matches: nothing to change");
      else out.outcome(`${plural(outcome.applied.length, "change")} applied${plan.ticket === undefined ? "" : `; ticket ${plan.ticket.id} has the result`}`);
    },
  });
}
