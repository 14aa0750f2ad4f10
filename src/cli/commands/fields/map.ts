import type { CustomFieldDefinition } from "../../../clients/ninjaone/custom-fields.js";
import { UsageError } from "../../../errors.js";
import { DEFINITION_SCOPE, FIELD_SOURCES, fieldsThatFit, REQUIRED_API_PERMISSION, type FieldSource } from "../../../jobs/fields/plan/index.js";
import { mapField, orderFieldChoices, sourceOrThrow } from "../../../jobs/fields/plan/map-field.js";
import { readFieldDefinitions } from "../../../jobs/fields/read.js";
import { readFieldsSettings, saveFieldsSettings, type FieldsSettings } from "../../../jobs/fields/settings.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { listDeviceRoles } from "../../../clients/ninjaone/devices.js";
import type { Context } from "../../context.js";
import { ask } from "../../io.js";

export interface FieldsMapOptions {
  source?: string;
  field?: string;
  interactive?: boolean;
  licensedOnly?: boolean;
  unusedExclude?: string[];
  roles?: string[];
}

/** Maps a source to a NinjaOne field, from arguments or picked from lists of what fits. */
export async function run(opts: FieldsMapOptions, ctx: Context): Promise<void> {
  if (!opts.interactive && (opts.source === undefined || opts.field === undefined)) {
    throw new UsageError("fields map needs a source and a field", { hint: "e.g. `ninja-bridge fields map acronis.last-backup acronisLastBackup`, or use --interactive" });
  }
  if (opts.interactive && !ctx.out.canPrompt) {
    throw new UsageError("--interactive needs a terminal", { hint: "give the source and the field as arguments instead" });
  }
  const config = await ctx.config();
  const settings = readFieldsSettings(config);
  const definitions = await readFieldDefinitions(new JobSession(ctx));
  const source = opts.source === undefined ? await pickSource() : sourceOrThrow(opts.source);
  const fieldArg = opts.field ?? (await pickField(source, definitions, settings));
  if (opts.licensedOnly && source.id !== "cipp.user-summary") throw new UsageError("--licensed-only applies to cipp.user-summary only");
  if (opts.unusedExclude !== undefined && source.id !== "cipp.tenant-summary") throw new UsageError("--unused-exclude applies to cipp.tenant-summary only");
  const outcome = mapField(settings, source, fieldArg, definitions, { ...(opts.licensedOnly ? { licensedUsersOnly: true } : {}), ...(opts.unusedExclude === undefined ? {} : { unusedLicenceExclusions: opts.unusedExclude }) });
  if (outcome.kind === "refused") {
    if (ctx.json) ctx.out.printJson({ mapped: false, source: source.id, field: outcome.field.name, refusals: outcome.refusals });
    throw new UsageError(`cannot map ${source.id} to field "${outcome.field.label}" (${outcome.field.name}): ${outcome.refusals.map((r) => r.reason).join("; ")}`, {
      hint: [...outcome.refusals.map((r) => r.fix), `\`ninja-bridge fields map --interactive\` offers only fields that fit`].join(" "),
    });
  }
  const roles = await roleIds(outcome.field, source, opts.roles, ctx);
  if (roles !== undefined) outcome.settings = { ...outcome.settings, roleFields: { ...outcome.settings.roleFields, [outcome.field.name]: roles } };
  // The clash is said before anything is saved; a person picking interactively can still step back.
  for (const other of outcome.sharedWith) ctx.out.warn(`${other} is mapped to ${outcome.field.name} too: each sync overwrites the other's value`);
  if (opts.interactive && !outcome.unchanged && outcome.sharedWith.length > 0 && !(await confirmShared(outcome.field.name))) {
    if (ctx.json) ctx.out.printJson({ mapped: false, source: source.id, field: outcome.field.name, sharedWith: outcome.sharedWith });
    ctx.out.warn("nothing saved");
    return;
  }
  if (roles !== undefined) outcome.unchanged = false;
  if (!ctx.dryRun && !outcome.unchanged) saveFieldsSettings(config, outcome.settings);
  if (ctx.json) {
    ctx.out.printJson({ mapped: true, dryRun: ctx.dryRun, source: source.id, field: outcome.field.name, type: outcome.field.type, replaced: outcome.replaced ?? null, unchanged: outcome.unchanged, licensedUsersOnly: outcome.settings.licensedUsersOnly });
  }
  const what = `${source.id} → ${outcome.field.name} (${outcome.field.type})`;
  if (outcome.unchanged) ctx.out.success(`already mapped: ${what}`);
  else if (ctx.dryRun) ctx.out.info(`dry run: would map ${what}${outcome.replaced ? ` instead of ${outcome.replaced}` : ""}; nothing saved`);
  else ctx.out.outcome(`mapped ${what}${outcome.replaced ? ` (was ${outcome.replaced})` : ""}; \`ninja-bridge fields sync\` writes it`);
}

/**
 * A role field (scope NODE_ROLE) is on the devices of some roles only, and NinjaOne's API does
 * not say which (the roles' fields are set in the UI): `--roles` names them, by id or name.
 */
async function roleIds(field: CustomFieldDefinition, source: FieldSource, wanted: readonly string[] | undefined, ctx: Context): Promise<number[] | undefined> {
  const isRoleField = field.fieldScope === "NODE_ROLE" && source.scope === "device";
  if (!isRoleField) {
    if (wanted !== undefined) throw new UsageError(`--roles applies to role fields only; ${field.name} is a ${field.fieldScope === "NODE_CLASS" ? "class" : "global"} field`);
    return undefined;
  }
  const { http } = await new JobSession(ctx).ninjaone();
  const known = await listDeviceRoles(http);
  const list = known.map((r) => `"${r.name}" (${r.id})`).join(", ");
  if (wanted === undefined || wanted.length === 0) {
    throw new UsageError(`${field.name} is a role field: it exists only on devices of the roles that have it, which NinjaOne's API does not show`, { hint: `name those roles with --roles; the device roles are ${list}` });
  }
  return wanted.map((w) => {
    const role = known.find((r) => String(r.id) === w.trim() || r.name.toLowerCase() === w.trim().toLowerCase());
    if (role === undefined) throw new UsageError(`no device role "${w}"`, { hint: `the device roles are ${list}` });
    return role.id;
  });
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
