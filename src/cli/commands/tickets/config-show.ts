import { describeSettings, readTicketSettings } from "../../../jobs/tickets/settings.js";
import type { Context } from "../../context.js";

/** `tickets config show` takes no options of its own. */
export type TicketsConfigShowOptions = Record<string, never>;

/** Prints the profile's tickets settings (--json: the stored document with defaults filled in). */
export async function run(_options: TicketsConfigShowOptions, ctx: Context): Promise<void> {
  const settings = readTicketSettings(await ctx.config());
  if (ctx.json) ctx.out.printJson({ profile: ctx.profile, settings });
  else ctx.out.print(describeSettings(settings).join("\n"));
}
