import { DriftError } from "../../../errors.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { describeAction } from "../../../jobs/users/plan/plan-access.js";
import { planWanted } from "../../../jobs/users/plan-run.js";
import { usersSettings } from "../../../jobs/users/settings.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";

export interface UsersCheckOptions {
  file: string;
}

/** For CI: exit 0 when NinjaOne holds what the access file says, 4 naming every difference. */
export async function run(opts: UsersCheckOptions, ctx: Context): Promise<void> {
  const settings = usersSettings(await ctx.config(), ctx.env, { file: opts.file });
  const ninja = await new JobSession(ctx).ninjaone();
  ctx.out.info("reading NinjaOne technicians, end users and roles…");
  const { plan } = await planWanted(ninja, settings, { file: opts.file });
  const differences = [
    ...plan.actions.map((a) => ({ kind: a.kind, difference: describeAction(a) })),
    ...plan.refused.map((r) => ({ kind: r.action.kind, difference: describeAction(r.action), refused: r.reason })),
  ];
  if (ctx.json) ctx.out.printJson({ file: opts.file, clean: differences.length === 0, differences });
  if (differences.length === 0) {
    ctx.out.success(`NinjaOne matches ${opts.file}`);
    return;
  }
  if (!ctx.json) for (const d of differences) ctx.out.print(`${d.difference}${"refused" in d ? ` (users apply will not: ${d.refused})` : ""}`);
  throw new DriftError(`NinjaOne differs from ${opts.file} in ${plural(differences.length, "place")}`, { hint: "apply the file (`ninja-bridge users apply --file`), request it, or export the file afresh" });
}
