import type { TicketSyncPlan } from "./types.js";

export interface PlanNotice {
  /** Warnings need attention (work deferred, customers unmapped); info only explains. */
  level: "warn" | "info";
  text: string;
}

/** What was left out and why: the cap, unmapped customers, the rest. */
export function planNotices(plan: TicketSyncPlan, cap: number): PlanNotice[] {
  const notes: PlanNotice[] = [];
  const { deferred, unmapped, skip } = plan.counts;
  if (deferred > 0) {
    notes.push({
      level: "warn",
      text:
        `alert storm: ${deferred} alert(s) over the cap of ${cap} ticket(s) raised per run were deferred to the next run (most severe and oldest go first); ` +
        "raise the cap with `ninja-bridge tickets config --max-tickets <n>`",
    });
  }
  if (unmapped > 0) {
    notes.push({
      level: "warn",
      text:
        `${unmapped} alert(s) from ${plan.unmappedTenants.length} Acronis tenant(s) not mapped to a NinjaOne organization were not ticketed ` +
        `(tenant ids ${plan.unmappedTenants.join(", ")}); map them with \`ninja-bridge automap\` or \`ninja-bridge orgs map\`: the next run then tickets them`,
    });
  }
  if (skip > 0) notes.push({ level: "info", text: `${skip} alert(s) or ticket(s) left alone (types not selected, cleared before a ticket, deleted tickets); --json lists them` });
  return notes;
}
