import { fieldListRows, mappingsWithoutField } from "../../../jobs/fields/plan/list-rows.js";
import { readFieldDefinitions } from "../../../jobs/fields/read.js";
import { readFieldsSettings } from "../../../jobs/fields/settings.js";
import { JobSession } from "../../../jobs/shared/session.js";
import type { Context } from "../../context.js";
import { renderTable } from "../../table.js";

export interface FieldsListOptions {
  scope?: "device" | "organization";
}

/** NinjaOne's custom fields, with the sources mapped to each. */
export async function run(options: FieldsListOptions, ctx: Context): Promise<void> {
  const settings = readFieldsSettings(await ctx.config());
  const definitions = await readFieldDefinitions(new JobSession(ctx));
  const rows = fieldListRows(definitions, settings, options.scope);
  const missing = mappingsWithoutField(definitions, settings);
  if (ctx.json) {
    ctx.out.printJson({ fields: rows, mappedToMissingFields: missing });
    return;
  }
  ctx.out.print(
    rows.length === 0
      ? "No custom fields."
      : renderTable(
          ["LABEL", "NAME", "TYPE", "SCOPE", "KIND", "API", "MAPPED FROM"],
          rows.map((r) => [r.active ? r.label : `${r.label} (inactive)`, r.name, r.type, r.scopes.join(", "), r.kind ?? "", r.apiPermission, r.mappedFrom.join(", ")]),
        ),
  );
  for (const m of missing) ctx.out.warn(`${m.sourceId} is mapped to ${m.fieldName}, which NinjaOne no longer lists; run \`ninja-bridge fields map check\``);
}
