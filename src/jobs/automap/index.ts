import { isConfigured } from "../../clients/connect.js";
import { resolveAutomapOptions } from "./plan/index.js";
import { applyLinks } from "./apply.js";
import { devicesHeldReason, planAutomapJob, unreadParts } from "./plan/plan-job.js";
import { estateOrFailure, readNinjaForMatching, splitEstates } from "./read.js";
import { deviceCountUpdates, emptiedOrgs, orgDeviceCounts, recordDeviceCounts } from "../shared/estates/emptied-orgs.js";
import { loadAcronisDevices, loadCippDevices, type TargetEstate } from "../shared/estates/target-estate.js";
import type { JobSession } from "../shared/session.js";
import { linksOf } from "../shared/mappings.js";
import type { ReadonlyStateDocument } from "../../state/index.js";
import type { SyncJob } from "../sync/legacy-job.js";
import { plural } from "../../plural.js";
import { SERVICE_NAME, type TargetService } from "../../services.js";

/**
 * A target's estate with devices read only for the targets no organization is mapped to:
 * a mapped target is never a candidate, so its devices cannot change the plan, and on a
 * steady estate almost every target is mapped. (`automap` itself reads them all, for its
 * unmatched-devices report.)
 */
async function estateForMatching(session: JobSession, service: TargetService, state: ReadonlyStateDocument): Promise<TargetEstate> {
  const estate = service === "acronis" ? await session.acronisEstate({ devices: false }) : await session.cippEstate({ devices: false });
  const mapped = new Set(linksOf(state, service).map((l) => l.targetId));
  const free = estate.targets.filter((t) => !mapped.has(t.id)).map((t) => t.id);
  const read = service === "acronis" ? await loadAcronisDevices(await session.acronis(), free) : await loadCippDevices(await session.cipp(), free);
  return { ...estate, devices: read.devices, unreadable: read.unreadable };
}

/**
 * automap inside `sync`: the links the matcher is sure of (unique names, clear device
 * majorities) are recorded; ties and refusals only counted, as `automap` shows them. What
 * could not be read (a service's tenants, a tenant's devices, NinjaOne's devices) counts as
 * failed, so the run is partly done, and the next run reads it again.
 */
export const automapSyncJob: SyncJob = {
  name: "automap",
  async run(session, state, options, hooks) {
    const config = await session.ctx.config();
    const services = (["acronis", "cipp"] as const).filter((s): s is TargetService => isConfigured(config, session.ctx.env, s));
    if (services.length === 0) {
      return { counts: { planned: 0, applied: 0, failed: 0, skipped: 0 }, skippedBecause: "neither Acronis nor CIPP is configured", notes: [] };
    }
    const [ninjaRead, results] = await Promise.all([
      readNinjaForMatching(session),
      Promise.all(services.map((s) => estateOrFailure(s, () => estateForMatching(session, s, state.data)))),
    ]);
    const { targets, failed } = splitEstates(results);
    const ninja = ninjaRead.estate;
    const now = new Date();
    const emptied = ninjaRead.devicesUnread === undefined ? emptiedOrgs(state.data, ninja.orgs, ninja.devices, now) : [];
    const devicesHeld = devicesHeldReason(ninjaRead.devicesUnread, emptied);
    const plans = planAutomapJob({ ninja, estates: targets, state: state.data, options: resolveAutomapOptions({}), ...(devicesHeld === undefined ? {} : { devicesHeld }) });
    const unread = unreadParts(plans, failed, devicesHeld);
    const pending = plans.flatMap((p) => p.pending);
    const refused = plans.reduce((n, p) => n + p.plan.actions.filter((a) => a.kind === "refuse").length, 0);
    const notes = [...unread, ...(refused > 0 ? [`${plural(refused, "tie")} refused; run \`ninja-bridge automap --dry-run\` to see them`] : [])];
    const counts = { planned: pending.length, applied: 0, failed: unread.length, skipped: refused };
    if (options.dryRun) return { counts, notes };
    const recordCounts = async () => {
      const updates = ninjaRead.devicesUnread === undefined ? deviceCountUpdates(state.data, orgDeviceCounts(ninja.orgs, ninja.devices), now) : [];
      if (updates.length > 0) await state.update((draft) => recordDeviceCounts(draft, updates));
    };
    if (pending.length === 0) {
      await recordCounts();
      return { counts, notes };
    }

    let done = 0;
    const outcome = await applyLinks(state, pending, {
      now: () => new Date(),
      onLinked: (link) => {
        hooks.onAction?.({ job: "automap", action: "link", target: `${link.orgName} (org ${link.orgId}) → ${SERVICE_NAME[link.service]} ${link.targetName}`, result: "applied" });
        hooks.onProgress?.(++done, pending.length);
      },
    });
    for (const s of outcome.skipped) {
      hooks.onAction?.({ job: "automap", action: "link", target: `${s.link.orgName} (org ${s.link.orgId})`, result: "skipped", detail: s.reason });
    }
    await recordCounts();
    return { counts: { ...counts, applied: outcome.linked.length, skipped: counts.skipped + outcome.skipped.length }, notes };
  },
};
