import { BridgeError, PartialError, UsageError } from "../../../errors.js";
import { fieldsCreateJob, type CreatedOutcome, type FieldsCreateSettings } from "../../../jobs/fields/create.js";
import { ENTRA_ID_PURPOSE, type FieldsCreatePlan } from "../../../jobs/fields/plan/create-fields.js";
import { mapField, sourceOrThrow } from "../../../jobs/fields/plan/map-field.js";
import { readFieldsSettings, saveFieldsSettings, SOURCE_CHOICES } from "../../../jobs/fields/settings.js";
import { readDevicesSettings, saveDevicesSettings } from "../../../jobs/shared/devices/settings.js";
import { plural } from "../../../plural.js";
import type { ProfileConfig } from "../../../config/profile-config.js";
import type { Context } from "../../context.js";
import type { Output } from "../../io.js";
import { runJobCommand } from "../../run-job-command.js";
import { renderTable } from "../../table.js";

export interface FieldsCreateOptions {
  source: string;
  map?: boolean;
}

const WHAT: Readonly<Record<FieldsCreatePlan["rows"][number]["kind"], string>> = { create: "create", exists: "exists: left alone", served: "mapped already" };

/** Plans the fields the sources need, asks (or takes --yes), creates them, and with --map maps each one it created. */
export async function run(options: FieldsCreateOptions, ctx: Context): Promise<void> {
  const choice = SOURCE_CHOICES.find((c) => c === options.source);
  if (choice === undefined) throw new UsageError(`--source must be one of ${SOURCE_CHOICES.join(", ")}, not "${options.source}"`);
  const config = await ctx.config();
  const mappings = readFieldsSettings(config).mappings;
  const { entraIdField } = readDevicesSettings(config);
  const settings: FieldsCreateSettings = { services: choice === "all" ? ["acronis", "cipp"] : [choice], mappings, ...(entraIdField === undefined ? {} : { entraIdField }) };
  await runJobCommand(ctx, fieldsCreateJob, settings, {
    command: "fields create",
    reading: "reading NinjaOne's custom fields…",
    printPlan,
    confirm: (count) => ({
      question: `Create ${plural(count, "custom field")} in NinjaOne?`,
      refusal: `fields create would create ${plural(count, "custom field")}, and there is no terminal to confirm it`,
      hint: "add --yes to create them, or --dry-run to only see the plan",
    }),
    declined: "nothing created",
    onAction: (out, e) => {
      if (e.result === "failed") out.warn(`not created: ${e.target}: ${e.detail ?? "failed"}`);
    },
    finish: (out, plan, outcome) => finish(out, plan, outcome, options.map === true ? config : undefined),
  });
}

function printPlan(out: Output, plan: FieldsCreatePlan): void {
  const rows = plan.rows.map((r) => {
    const name = r.kind === "served" ? r.fieldName : r.kind === "exists" ? r.field.name : r.blueprint.fieldName;
    const type = r.kind === "exists" ? r.field.type : r.blueprint.type;
    const note = r.kind === "create" ? r.reason : r.kind === "exists" && r.differs.length > 0 ? `does not fit: ${r.differs.join("; ")}` : "";
    return [r.blueprint.purpose, name, type, r.blueprint.definitionScope.join(", "), WHAT[r.kind], note];
  });
  out.print(renderTable(["FOR", "FIELD", "TYPE", "SCOPE", "ACTION", "NOTE"], rows));
}

/** Maps each created field to what it was made for: a source, or the Entra device id field. */
function mapCreated(out: Output, config: ProfileConfig, outcome: CreatedOutcome): void {
  let fields = readFieldsSettings(config);
  for (const { purpose, field } of outcome.created) {
    if (purpose === ENTRA_ID_PURPOSE) {
      saveDevicesSettings(config, { ...readDevicesSettings(config), entraIdField: field.name });
      out.outcome(`entra-id-field set to ${field.name}`);
      continue;
    }
    const mapped = mapField(fields, sourceOrThrow(purpose), field.name, [field]);
    if (mapped.kind === "refused") {
      out.warn(`${field.name} was created, but NinjaOne made it so it does not fit ${purpose}: ${mapped.refusals.map((r) => r.reason).join("; ")}`);
      continue;
    }
    fields = mapped.settings;
    out.outcome(`mapped ${purpose} → ${field.name}`);
  }
  saveFieldsSettings(config, fields);
}

function finish(out: Output, plan: FieldsCreatePlan, outcome: CreatedOutcome | null, mapTo: ProfileConfig | undefined): void {
  for (const r of plan.rows) if (r.kind === "exists" && r.differs.length > 0) out.warn(`${r.field.name} exists and was left alone, but does not fit ${r.blueprint.purpose}: ${r.differs.join("; ")}`);
  const planned = plan.rows.filter((r) => r.kind === "create").length;
  if (outcome === null) {
    if (planned > 0) out.info(`dry run: ${plural(planned, "field")} would be created; nothing was`);
    return;
  }
  if (planned === 0) {
    out.success("every field the sources need exists already; nothing created");
    return;
  }
  if (mapTo !== undefined && outcome.created.length > 0) mapCreated(out, mapTo, outcome);
  const { applied, failed } = outcome.counts;
  if (failed === 0) {
    out.outcome(`created ${plural(applied, "field")}${mapTo === undefined ? "; map them with `ninja-bridge fields map` (or run again with --map)" : ""}`);
    return;
  }
  if (applied === 0) throw new BridgeError(`no field was created: ${outcome.failed.map((f) => `${f.fieldName}: ${f.reason}`).join("; ")}`, { hint: "see the warnings above; a re-run creates what is still missing" });
  throw new PartialError(`created ${applied} of ${planned} fields`, { hint: "what was created is recorded; a re-run creates the rest" });
}
