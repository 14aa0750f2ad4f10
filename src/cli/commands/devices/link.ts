import { BridgeError, UsageError } from "../../../errors.js";
import { findNinjaDevice } from "../../../jobs/devices/plan/find-device.js";
import { planManualLink } from "../../../jobs/devices/plan/link-plan.js";
import { readDevicePairing } from "../../../jobs/devices/read.js";
import { matcherDevices } from "../../../jobs/shared/devices/device.js";
import { applyLinkChanges, LINK_SIDES, type LinkService } from "../../../jobs/shared/devices/links.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { openState } from "../../../state/index.js";
import type { Context } from "../../context.js";

export interface DevicesLinkOptions {
  device: string;
  acronis?: string;
  intune?: string;
}

/**
 * Records a link made by hand: the device and the other end are looked up live (the other end
 * must be in the tenant linked to the device's organization), then the link is recorded, taking
 * the other end from any device that held it.
 */
export async function run(opts: DevicesLinkOptions, ctx: Context): Promise<void> {
  const asked: Array<[LinkService, string]> = [];
  if (opts.acronis !== undefined) asked.push(["acronis", opts.acronis]);
  if (opts.intune !== undefined) asked.push(["intune", opts.intune]);
  const [choice] = asked;
  if (choice === undefined || asked.length > 1) throw new UsageError("give exactly one of --acronis <resource> and --intune <device>", { hint: "`ninja-bridge devices list --json` shows the ids" });
  const [service, remoteId] = choice;
  const { noun } = LINK_SIDES[service];

  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "devices link", logger: ctx.out });
  try {
    const session = new JobSession(ctx);
    const found = findNinjaDevice(matcherDevices((await session.ninjaEstate({ devices: true })).devices), opts.device);
    if (found.kind !== "found") throw new UsageError(found.reason, { hint: "`ninja-bridge devices list` shows the devices" });
    const ninja = found.device;
    const reads = await readDevicePairing(session, state.data, await ctx.config(), ctx.env, ninja.organizationId);
    const orgName = reads.orgNames.get(ninja.organizationId) ?? `organization ${ninja.organizationId}`;
    const orgLink = reads.orgLinks.find((l) => (service === "acronis" ? l.service === "acronis" : l.service === "cipp"));
    if (orgLink === undefined) {
      throw new UsageError(`${orgName} has no link to ${service === "acronis" ? "an Acronis tenant" : "a Microsoft 365 tenant"} (or that service is not configured)`, { hint: "link the organization first with `ninja-bridge orgs map`" });
    }
    const unreadable = reads.unreadable.find((u) => u.targetId === orgLink.targetId);
    if (unreadable !== undefined) throw new BridgeError(`the devices of ${orgLink.targetName} could not be read: ${unreadable.reason}`);
    const remote = reads.remotes[service].find((r) => r.targetId === orgLink.targetId && r.id.toLowerCase() === remoteId.trim().toLowerCase());
    if (remote === undefined) throw new UsageError(`${orgLink.targetName} (linked to ${orgName}) has no ${noun} with id "${remoteId}"`, { hint: "`ninja-bridge devices list --json` shows the ids" });

    const plan = planManualLink(reads.deviceLinks, service, ninja.organizationId, ninja, remote, new Date(), reads.deviceApart);
    const what = `${ninja.systemName} (${ninja.id}) ↔ ${noun} "${remote.name}" (${remote.id})`;
    const report = (linked: boolean) => ({
      dryRun: ctx.dryRun,
      device: { id: ninja.id, name: ninja.systemName, orgId: ninja.organizationId },
      service,
      remote: { id: remote.id, name: remote.name },
      unchanged: plan.unchanged,
      replaced: plan.replaced ?? null,
      released: plan.released,
      linked,
    });
    if (plan.replaced !== undefined) ctx.out.warn(`${ninja.systemName} was linked to "${plan.replaced.remoteName}" (${plan.replaced.by}); that link is replaced`);
    for (const r of plan.released) ctx.out.warn(`${noun} "${remote.name}" was linked to device ${r.ninjaName} (${r.ninjaDeviceId}); that link is removed`);
    if (plan.unchanged || ctx.dryRun) {
      if (ctx.json) ctx.out.printJson(report(false));
      if (plan.unchanged) ctx.out.success(`already linked by hand: ${what}`);
      else ctx.out.info(`dry run: would link ${what}; nothing recorded`);
      return;
    }
    await state.update((draft) => applyLinkChanges(draft, plan.changes));
    if (ctx.json) ctx.out.printJson(report(true));
    ctx.out.outcome(`linked ${what}; later runs keep it over matching`);
  } finally {
    await state.close();
  }
}
