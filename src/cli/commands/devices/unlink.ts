import { UsageError } from "../../../errors.js";
import { planUnlink, unlinkChanges } from "../../../jobs/devices/plan/link-plan.js";
import { applyLinkChanges, type LinkService } from "../../../jobs/shared/devices/links.js";
import { plural } from "../../../plural.js";
import { openState } from "../../../state/index.js";
import type { Context } from "../../context.js";

export interface DevicesUnlinkOptions {
  device: string;
  acronis?: boolean;
  intune?: boolean;
  keepApart?: boolean;
}

/** Removes a device's recorded links. Offline: it edits the state only, so a device deleted in NinjaOne can still be unlinked. */
export async function run(opts: DevicesUnlinkOptions, ctx: Context): Promise<void> {
  const asked: LinkService[] = [...(opts.acronis ? (["acronis"] as const) : []), ...(opts.intune ? (["intune"] as const) : [])];
  const services: LinkService[] = asked.length === 0 ? ["acronis", "intune"] : asked;
  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "devices unlink", logger: ctx.out });
  try {
    const plan = planUnlink(Object.values(state.data.deviceLinks), opts.device, services);
    if ("reason" in plan) throw new UsageError(plan.reason, { hint: "`ninja-bridge devices list` shows the recorded links" });
    const report = (removed: boolean) => ({ dryRun: ctx.dryRun, ninjaDeviceId: plan.ninjaDeviceId, removals: plan.removals, keptApart: opts.keepApart === true, removed });
    if (!ctx.json) for (const l of plan.removals) ctx.out.print(`unlink ${l.ninjaName} (${l.ninjaDeviceId}) ↔ ${l.service} "${l.remoteName}" (${l.by})`);
    if (plan.removals.length === 0 || ctx.dryRun) {
      if (ctx.json) ctx.out.printJson(report(false));
      if (plan.removals.length === 0) ctx.out.success(`nothing to unlink: device ${plan.ninjaDeviceId} has no ${asked.length === 1 ? `${asked[0]} ` : ""}link`);
      else ctx.out.info("dry run: nothing removed");
      return;
    }
    const keepApart = opts.keepApart === true;
    await state.update((draft) => applyLinkChanges(draft, unlinkChanges(plan.removals, keepApart, new Date())));
    if (ctx.json) ctx.out.printJson(report(true));
    ctx.out.outcome(
      keepApart
        ? `removed ${plural(plan.removals.length, "link")} and kept ${plan.removals.length === 1 ? "the pair" : "each pair"} apart: matching never pairs ${plan.removals.length === 1 ? "it" : "them"} again (\`devices link\` does, by hand)`
        : `removed ${plural(plan.removals.length, "link")}; the next \`fields sync\` matches the device afresh (\`--keep-apart\` stops it pairing the same again)`,
    );
  } finally {
    await state.close();
  }
}
