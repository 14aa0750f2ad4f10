import { collect } from "../../../clients/async-lists.js";
import { listCustomFieldDefinitions, type CustomFieldDefinition } from "../../../clients/ninjaone/custom-fields.js";
import { DriftError, UsageError } from "../../../errors.js";
import { checkMappedFields, DEFINITION_SCOPE, FIELD_SOURCES, fieldsThatFit, REQUIRED_API_PERMISSION, type FieldSource } from "../../../jobs/fields/plan/index.js";
import { fieldListRows, mappingsWithoutField } from "../../../jobs/fields/plan/list-rows.js";
import { mapField, orderFieldChoices, sourceOrThrow, unmapField } from "../../../jobs/fields/plan/map-field.js";
import { mappingList, readFieldsSettings, saveFieldsSettings, type FieldsSettings } from "../../../jobs/fields/settings.js";
import { JobSession } from "../../../jobs/shared/session.js";
import type { Context } from "../../context.js";
import { ask } from "../../io.js";
import { renderTable } from "../../table.js";

async function readDefinitions(ctx: Context): Promise<CustomFieldDefinition[]> {
  const { http } = await new JobSession(ctx).ninjaone();
  return collect(listCustomFieldDefinitions(http));
}

export async function runFieldsList(ctx: Context, opts: { scope?: "device" | "organization" }): Promise<void> {
  const settings = readFieldsSettings(await ctx.config());
  const definitions = await readDefinitions(ctx);
  const rows = fieldListRows(definitions, settings, opts.scope);
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

export interface FieldsMapOptions {
  source?: string;
  field?: string;
  interactive?: boolean;
  licensedOnly?: boolean;
}

export async function runFieldsMap(ctx: Context, opts: FieldsMapOptions): Promise<void> {
  if (!opts.interactive && (opts.source === undefined || opts.field === undefined)) {
    throw new UsageError("fields map needs a source and a field", { hint: "e.g. `ninja-bridge fields map acronis.last-backup acronisLastBackup`, or use --interactive" });
  }
  if (opts.interactive && !ctx.out.canPrompt) {
    throw new UsageError("--interactive needs a terminal", { hint: "give the source and the field as arguments instead" });
  }
  const config = await ctx.config();
  const settings = readFieldsSettings(config);
  const definitions = await readDefinitions(ctx);
  const source = opts.source === undefined ? await pickSource() : sourceOrThrow(opts.source);
  const fieldArg = opts.field ?? (await pickField(source, definitions, settings));
  if (opts.licensedOnly && source.id !== "cipp.user-summary") throw new UsageError("--licensed-only applies to cipp.user-summary only");
  const outcome = mapField(settings, source, fieldArg, definitions, opts.licensedOnly ? { licensedUsersOnly: true } : {});
  if (outcome.kind === "refused") {
    if (ctx.json) ctx.out.printJson({ mapped: false, source: source.id, field: outcome.field.name, refusals: outcome.refusals });
    throw new UsageError(`cannot map ${source.id} to field "${outcome.field.label}" (${outcome.field.name}): ${outcome.refusals.map((r) => r.reason).join("; ")}`, {
      hint: [...outcome.refusals.map((r) => r.fix), `\`ninja-bridge fields map --interactive\` offers only fields that fit`].join(" "),
    });
  }
  // The clash is said before anything is saved; a person picking interactively can still step back.
  for (const other of outcome.sharedWith) ctx.out.warn(`${other} is mapped to ${outcome.field.name} too: each sync overwrites the other's value`);
  if (opts.interactive && !outcome.unchanged && outcome.sharedWith.length > 0 && !(await confirmShared(outcome.field.name))) {
    if (ctx.json) ctx.out.printJson({ mapped: false, source: source.id, field: outcome.field.name, sharedWith: outcome.sharedWith });
    ctx.out.warn("nothing saved");
    return;
  }
  if (!ctx.dryRun && !outcome.unchanged) saveFieldsSettings(config, outcome.settings);
  if (ctx.json) {
    ctx.out.printJson({ mapped: true, dryRun: ctx.dryRun, source: source.id, field: outcome.field.name, type: outcome.field.type, replaced: outcome.replaced ?? null, unchanged: outcome.unchanged, licensedUsersOnly: outcome.settings.licensedUsersOnly });
  }
  const what = `${source.id} → ${outcome.field.name} (${outcome.field.type})`;
  if (outcome.unchanged) ctx.out.success(`already mapped: ${what}`);
  else if (ctx.dryRun) ctx.out.info(`dry run: would map ${what}${outcome.replaced ? ` instead of ${outcome.replaced}` : ""}; nothing saved`);
  else ctx.out.success(`mapped ${what}${outcome.replaced ? ` (was ${outcome.replaced})` : ""}; \`ninja-bridge fields sync\` writes it`);
}

async function pickSource(): Promise<FieldSource> {
  return ask((p, output) => p.select({ message: "Source", choices: FIELD_SOURCES.map((s) => ({ name: `${s.id} — ${s.label}`, value: s, description: s.description })) }, output));
}

async function confirmShared(fieldName: string): Promise<boolean> {
  return ask((p, output) => p.confirm({ message: `Map to ${fieldName} anyway?`, default: false }, output));
}

async function pickField(source: FieldSource, definitions: readonly CustomFieldDefinition[], settings: FieldsSettings): Promise<string> {
  const fitting = fieldsThatFit(source, definitions);
  if (fitting.length === 0) {
    throw new UsageError(`no NinjaOne custom field fits ${source.id}`, {
      hint: `create a ${source.acceptedTypes.join(" or ")} field with the ${DEFINITION_SCOPE[source.scope]} scope and API permission ${REQUIRED_API_PERMISSION} in NinjaOne`,
    });
  }
  const choices = orderFieldChoices(settings, source, fitting).map(({ definition: d, usedBy }) => ({
    name: `${d.label} (${d.name}, ${d.type})${usedBy.length > 0 ? ` — already used by ${usedBy.join(", ")}` : ""}`,
    value: d.name,
  }));
  return ask((p, output) => p.select({ message: `NinjaOne field for ${source.label}`, choices }, output));
}

export async function runFieldsMapCheck(ctx: Context): Promise<void> {
  const mappings = mappingList(readFieldsSettings(await ctx.config()));
  if (mappings.length === 0) {
    if (ctx.json) ctx.out.printJson({ mappings: 0, findings: [] });
    ctx.out.success("no field is mapped; nothing to check");
    return;
  }
  const findings = checkMappedFields(mappings, await readDefinitions(ctx));
  if (ctx.json) ctx.out.printJson({ mappings: mappings.length, findings });
  else if (findings.length > 0) ctx.out.print(renderTable(["SOURCE", "FIELD", "PROBLEM", "FIX"], findings.map((f) => [f.sourceId, f.fieldName, f.reason, f.fix])));
  if (findings.length > 0) {
    const sources = new Set(findings.map((f) => f.sourceId)).size;
    throw new DriftError(`${sources} of ${mappings.length} mapped field${mappings.length === 1 ? "" : "s"} can no longer be written`, { hint: "fix the fields in NinjaOne, or map the sources to other fields" });
  }
  ctx.out.success(`all ${mappings.length} mapped field${mappings.length === 1 ? "" : "s"} still fit`);
}

export async function runFieldsUnmap(ctx: Context, sourceId: string): Promise<void> {
  const config = await ctx.config();
  const { settings, removed } = unmapField(readFieldsSettings(config), sourceId);
  if (removed !== undefined && !ctx.dryRun) saveFieldsSettings(config, settings);
  if (ctx.json) ctx.out.printJson({ source: sourceId, removed: removed ?? null, dryRun: ctx.dryRun });
  if (removed === undefined) ctx.out.warn(`${sourceId} is not mapped; nothing to do`);
  else if (ctx.dryRun) ctx.out.info(`dry run: would unmap ${sourceId} (from ${removed}); nothing saved`);
  else ctx.out.success(`unmapped ${sourceId} (was ${removed}); the values already in NinjaOne stay`);
}
