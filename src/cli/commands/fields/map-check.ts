import { DriftError } from "../../../errors.js";
import { checkMappedFields } from "../../../jobs/fields/plan/index.js";
import { readFieldDefinitions } from "../../../jobs/fields/read.js";
import { mappingList, readFieldsSettings } from "../../../jobs/fields/settings.js";
import { JobSession } from "../../../jobs/shared/session.js";
import type { Context } from "../../context.js";
import { renderTable } from "../../table.js";

export type FieldsMapCheckOptions = Record<string, never>;

/** Exit 4 when a mapped field can no longer be written (for CI). */
export async function run(_options: FieldsMapCheckOptions, ctx: Context): Promise<void> {
  const mappings = mappingList(readFieldsSettings(await ctx.config()));
  if (mappings.length === 0) {
    if (ctx.json) ctx.out.printJson({ mappings: 0, findings: [] });
    ctx.out.success("no field is mapped; nothing to check");
    return;
  }
  const findings = checkMappedFields(mappings, await readFieldDefinitions(new JobSession(ctx)));
  if (ctx.json) ctx.out.printJson({ mappings: mappings.length, findings });
  else if (findings.length > 0) ctx.out.print(renderTable(["SOURCE", "FIELD", "PROBLEM", "FIX"], findings.map((f) => [f.sourceId, f.fieldName, f.reason, f.fix])));
  if (findings.length > 0) {
    const sources = new Set(findings.map((f) => f.sourceId)).size;
    throw new DriftError(`${sources} of ${mappings.length} mapped field${mappings.length === 1 ? "" : "s"} can no longer be written`, { hint: "fix the fields in NinjaOne, or map the sources to other fields" });
  }
  ctx.out.success(`all ${mappings.length} mapped field${mappings.length === 1 ? "" : "s"} still fit`);
}
