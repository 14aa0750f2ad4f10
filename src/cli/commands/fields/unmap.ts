import { unmapField } from "../../../jobs/fields/plan/map-field.js";
import { readFieldsSettings, saveFieldsSettings } from "../../../jobs/fields/settings.js";
import type { Context } from "../../context.js";

export interface FieldsUnmapOptions {
  source: string;
}

/** Stops writing a source; the next `fields sync` clears the values it wrote. */
export async function run(options: FieldsUnmapOptions, ctx: Context): Promise<void> {
  const sourceId = options.source;
  const config = await ctx.config();
  const { settings, removed } = unmapField(readFieldsSettings(config), sourceId);
  if (removed !== undefined && !ctx.dryRun) saveFieldsSettings(config, settings);
  if (ctx.json) ctx.out.printJson({ source: sourceId, removed: removed ?? null, dryRun: ctx.dryRun });
  if (removed === undefined) ctx.out.warn(`${sourceId} is not mapped; nothing to do`);
  else if (ctx.dryRun) ctx.out.info(`dry run: would unmap ${sourceId} (from ${removed}); nothing saved`);
  else ctx.out.outcome(`unmapped ${sourceId} (was ${removed}); the next \`fields sync\` clears the values it wrote`);
}
