import { openState } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { renderTable } from "../../table.js";

/** `tickets list` takes no options of its own. */
export type TicketsListOptions = Record<string, never>;

/** The links recorded by `tickets sync`, newest change first. Reads the state file only. */
export async function run(_options: TicketsListOptions, ctx: Context): Promise<void> {
  const state = await openState(await ctx.statePath(), { mode: "read", command: "tickets list", logger: ctx.out });
  try {
    const orgNames = new Map(Object.values(state.data.mappings.acronis).map((m) => [m.ninjaOrgId, m.ninjaOrgName]));
    const links = Object.values(state.data.alertLinks).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.key.localeCompare(b.key));
    if (ctx.json) {
      ctx.out.printJson({ links: links.map((l) => ({ ...l, ninjaOrgName: orgNames.get(l.ninjaOrgId) ?? null })) });
      return;
    }
    if (links.length === 0) {
      ctx.out.info("no alert is linked to a ticket yet; run `ninja-bridge tickets sync`");
      return;
    }
    ctx.out.print(
      renderTable(
        ["TICKET", "ORGANIZATION", "ALERT TYPE", "WORKLOAD", "TICKET STATE", "ALERT STATE", "ALERT ID", "UPDATED"],
        links.map((l) => [`#${l.ninjaTicketId}`, orgNames.get(l.ninjaOrgId) ?? `org ${l.ninjaOrgId}`, l.alertType, l.workloadId, l.status, l.alertState, l.acronisAlertId, l.updatedAt]),
      ),
    );
  } finally {
    await state.close();
  }
}
