import { UsageError } from "../../../errors.js";
import { checkTokenField } from "../../../jobs/agents/plan/token-field.js";
import { readAgentsStored, saveAgentsStored, type AgentsStored } from "../../../jobs/agents/settings.js";
import { readFieldDefinitions } from "../../../jobs/fields/read.js";
import { JobSession } from "../../../jobs/shared/session.js";
import type { Context } from "../../context.js";

export interface AgentsConfigOptions {
  tokenField?: string;
  lifetimeDays?: string;
  renewDays?: string;
  deployInSync?: string;
  script?: string[];
}

function days(raw: string, flag: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}

/** Shows or changes the agents settings; a token field is checked against NinjaOne's definition before it is saved. */
export async function run(opts: AgentsConfigOptions, ctx: Context): Promise<void> {
  const config = await ctx.config();
  const stored = readAgentsStored(config);
  const next: AgentsStored = { ...stored };
  if (opts.lifetimeDays !== undefined) next.tokenLifetimeDays = days(opts.lifetimeDays, "--lifetime-days", 1, 30);
  if (opts.renewDays !== undefined) next.renewDays = days(opts.renewDays, "--renew-days", 0, 365);
  if (opts.deployInSync !== undefined) {
    if (opts.deployInSync !== "on" && opts.deployInSync !== "off") throw new UsageError(`--deploy-in-sync takes on or off, not "${opts.deployInSync}"`);
    next.deployInSync = opts.deployInSync === "on";
  }
  if (opts.script !== undefined) next.scripts = opts.script;
  if (opts.tokenField !== undefined) {
    const check = checkTokenField(await readFieldDefinitions(new JobSession(ctx)), opts.tokenField);
    if (!check.ok) throw new UsageError(check.reason, { hint: check.fix });
    next.tokenField = check.field.name;
  }
  if (next.deployInSync && next.scripts.length === 0) throw new UsageError("deploying in sync needs the install scripts", { hint: "add --script <name or id> (once per script)" });
  const changed = JSON.stringify(next) !== JSON.stringify(stored);
  if (changed && !ctx.dryRun) saveAgentsStored(config, next);
  if (ctx.json) ctx.out.printJson({ dryRun: ctx.dryRun, changed, settings: next });
  const what = `token field ${next.tokenField ?? "(none)"}, tokens last ${next.tokenLifetimeDays} days and are renewed ${next.renewDays} days before; sync ${next.deployInSync ? `deploys ${next.scripts.join(", ")}` : "does not deploy"}`;
  if (!changed) ctx.out.success(`unchanged: ${what}`);
  else if (ctx.dryRun) ctx.out.info(`dry run: would save ${what}; nothing saved`);
  else ctx.out.outcome(`saved: ${what}`);
}
