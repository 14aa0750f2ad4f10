import { plural } from "../../plural.js";
import { SERVICE_NAME, type TargetService } from "../../services.js";
import type { Job } from "../job.js";
import { deviceCountUpdates, emptiedOrgs, orgDeviceCounts, recordDeviceCounts } from "../shared/estates/emptied-orgs.js";
import { applyLinks, type ApplyOutcome } from "./apply.js";
import { devicesHeldReason, planAutomapJob, unreadParts, type PendingLink, type ServicePlan } from "./plan/plan-job.js";
import { readAutomapEstates, type AutomapEstates, type FailedService } from "./read.js";
import type { AutomapAction } from "./plan/index.js";
import { automapJson } from "./report.js";
import { automapSettings, type AutomapSettings } from "./settings.js";

export interface AutomapJobPlan {
  read: AutomapEstates;
  plans: ServicePlan[];
  failed: FailedService[];
  /** Why no link by devices is made this run, if so. */
  devicesHeld?: string;
  /** What could not be read, one line each; each makes the run partly done. */
  unread: string[];
  pending: PendingLink[];
  /** Ties the matcher refused to guess. */
  refused: number;
  at: Date;
}

/**
 * automap: the links the matcher is sure of (unique names, clear device majorities) are
 * recorded; ties and refusals are only shown. What could not be read (a service's tenants, a
 * tenant's devices, NinjaOne's devices) counts as failed, so the run is partly done and the
 * next run reads it again. Links are ninja-bridge's own records, so they land in one state write.
 */
export const automapJob: Job<AutomapSettings, AutomapJobPlan, ApplyOutcome> = {
  name: "automap",
  readsDevicesOf: ["ninjaone", "acronis", "cipp"],
  settings: automapSettings,

  async plan({ session, state, settings }) {
    const read = await readAutomapEstates(session, settings, state.data);
    const ninja = read.ninja.estate;
    const at = new Date();
    const emptied = read.ninja.devicesUnread === undefined ? emptiedOrgs(state.data, ninja.orgs, ninja.devices, at) : [];
    const devicesHeld = devicesHeldReason(read.ninja.devicesUnread, emptied);
    const plans = planAutomapJob({ ninja, estates: read.targets, state: state.data, options: settings.options, ...(devicesHeld === undefined ? {} : { devicesHeld }) });
    const refused = plans.reduce((n, p) => n + p.plan.actions.filter((a) => a.kind === "refuse").length, 0);
    return {
      read,
      plans,
      failed: read.failed,
      ...(devicesHeld === undefined ? {} : { devicesHeld }),
      unread: unreadParts(plans, read.failed, devicesHeld),
      pending: plans.flatMap((p) => p.pending),
      refused,
      at,
    };
  },

  pending: (plan) => plan.pending.length,

  async apply({ state, hooks }, plan) {
    let done = 0;
    const outcome =
      plan.pending.length === 0
        ? { linked: [], skipped: [] }
        : await applyLinks(state, plan.pending, {
            now: () => new Date(),
            onLinked: (link) => {
              hooks.onAction?.({ job: "automap", action: "link", target: linkTarget(link), result: "applied" });
              hooks.onProgress?.(++done, plan.pending.length);
            },
          });
    for (const s of outcome.skipped) hooks.onAction?.({ job: "automap", action: "link", target: linkTarget(s.link), result: "skipped", detail: s.reason });
    // What NinjaOne listed per mapped organization, so the next run can tell a fault from a decommission.
    const ninja = plan.read.ninja;
    if (ninja.devicesUnread === undefined) {
      const updates = deviceCountUpdates(state.data, orgDeviceCounts(ninja.estate.orgs, ninja.estate.devices), plan.at);
      if (updates.length > 0) await state.update((draft) => recordDeviceCounts(draft, updates));
    }
    return outcome;
  },

  report(run, plan, outcome) {
    const counts = {
      planned: plan.pending.length,
      applied: outcome?.linked.length ?? 0,
      failed: plan.unread.length,
      skipped: plan.refused + (outcome?.skipped.length ?? 0),
    };
    const notes = [...plan.unread, ...(plan.refused > 0 ? [`${plural(plan.refused, "tie")} refused; run \`ninja-bridge automap --dry-run\` to see them`] : [])];
    return {
      ...automapJson({
        dryRun: run.dryRun,
        options: run.settings.options,
        notConfigured: run.settings.notConfigured,
        plans: plan.plans,
        // With nothing pending only device counts were recorded: no link was applied.
        applied: plan.pending.length === 0 ? null : outcome,
        failed: plan.failed,
        devicesHeld: plan.devicesHeld ?? null,
      }),
      job: "automap",
      counts,
      actions: plan.plans.flatMap((sp) =>
        sp.plan.actions.map((a) => ({ kind: a.kind, target: actionTarget(a, sp.service), reason: a.reason, service: sp.service })),
      ),
      problems: [
        ...plan.failed.map((f) => ({ subject: `${SERVICE_NAME[f.service]} tenants`, reason: f.reason })),
        ...plan.plans.flatMap((sp) => sp.unreadable.map((u) => ({ subject: `${SERVICE_NAME[sp.service]} ${u.targetName}`, reason: u.reason }))),
        ...(plan.read.ninja.devicesUnread === undefined ? [] : [{ subject: "NinjaOne devices", reason: plan.read.ninja.devicesUnread }]),
      ],
      notes,
    };
  },
};

/** Who an action is about: the organization and tenant of a link, else its subject on either side. */
function actionTarget(action: AutomapAction, service: TargetService): string {
  if (action.kind === "link") return `${action.org.name} (org ${action.org.id}) → ${SERVICE_NAME[service]} ${action.target.name}`;
  const { subject } = action;
  return subject.side === "org" ? `${subject.name} (org ${subject.id})` : `${SERVICE_NAME[service]} ${subject.name}`;
}

function linkTarget(link: PendingLink): string {
  return `${link.orgName} (org ${link.orgId}) → ${SERVICE_NAME[link.service]} ${link.targetName}`;
}
