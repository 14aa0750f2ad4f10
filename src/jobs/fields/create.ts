import { createCustomField, type CustomFieldDefinition } from "../../clients/ninjaone/custom-fields.js";
import type { TargetService } from "../../services.js";
import { emptyCounts, stoppedWith, type Job, type JobCounts, type JobReport } from "../job.js";
import { applyEach } from "../shared/apply-loop.js";
import { planFieldCreation, type CreateRow, type FieldBlueprint, type FieldsCreatePlan } from "./plan/create-fields.js";
import { readFieldDefinitions } from "./read.js";

export interface FieldsCreateSettings {
  /** The services whose fields are made (`--source`). */
  services: TargetService[];
  mappings: Readonly<Record<string, string>>;
  entraIdField?: string;
}

export interface CreatedOutcome {
  created: Array<{ purpose: string; field: CustomFieldDefinition }>;
  failed: Array<{ purpose: string; fieldName: string; reason: string }>;
  counts: JobCounts;
}

type Creation = Extract<CreateRow, { kind: "create" }>;

const creations = (plan: FieldsCreatePlan): Creation[] => plan.rows.flatMap((r) => (r.kind === "create" ? [r] : []));

const label = (b: FieldBlueprint) => `${b.fieldName} (${b.label})`;

/** One create at a time: a handful of definitions, and NinjaOne's answer to a name in use is UNVERIFIED. */
const CONCURRENCY = 1;

/**
 * `fields create`: the NinjaOne custom fields the sources need, made through `POST
 * /v2/custom-fields` with the type and scope each source takes, API permission Read/Write and
 * technician permission Read Only. A field that exists is left alone. Each created field is
 * recorded in the state as it lands; a re-run reads the definitions again and so never makes one twice.
 */
export const fieldsCreateJob: Job<FieldsCreateSettings, FieldsCreatePlan, CreatedOutcome> = {
  name: "fields",
  settings: () => ({ unconfigured: "fields create runs from its command only" }),

  async plan(run) {
    return planFieldCreation(await readFieldDefinitions(run.session), run.settings);
  },

  pending: (plan) => creations(plan).length,

  async apply(run, plan) {
    const { http } = await run.session.ninjaone();
    const result = await applyEach(
      creations(plan),
      {
        job: "fields",
        describe: (row) => ({ action: "create-field", target: label(row.blueprint) }),
        run: (row) => {
          const { purpose: _purpose, service: _service, ...body } = row.blueprint;
          return createCustomField(http, body);
        },
        record: (row, field) =>
          run.state.update((draft) => {
            draft.createdFields ??= {};
            draft.createdFields[field.name] = { name: field.name, label: field.label, type: field.type, definitionScope: field.scopes, purpose: row.blueprint.purpose, createdAt: new Date().toISOString() };
          }),
      },
      { concurrency: CONCURRENCY, hooks: run.hooks },
    );
    const outcome: CreatedOutcome = {
      created: result.applied.map(({ action, result: field }) => ({ purpose: action.blueprint.purpose, field })),
      failed: result.failed.map(({ action, error }) => ({ purpose: action.blueprint.purpose, fieldName: action.blueprint.fieldName, reason: error })),
      counts: { ...emptyCounts(), planned: creations(plan).length, applied: result.applied.length, failed: result.failed.length },
    };
    if (result.stop !== undefined) throw stoppedWith(result.stop, outcome);
    return outcome;
  },

  report(run, plan, outcome) {
    return fieldsCreateReport(plan, run.dryRun, outcome);
  },
};

/** The --json document: the shared keys, each row of the plan, and what was created. */
export function fieldsCreateReport(plan: FieldsCreatePlan, dryRun: boolean, outcome: CreatedOutcome | null): JobReport & Record<string, unknown> {
  const planned = creations(plan).length;
  const left = plan.rows.filter((r) => r.kind !== "create").length;
  const report: JobReport = {
    job: "fields",
    dryRun,
    counts: outcome?.counts ?? { ...emptyCounts(), planned, skipped: left },
    actions: creations(plan).map((r) => ({ kind: "create-field", target: label(r.blueprint), reason: r.reason })),
    problems: outcome?.failed.map((f) => ({ subject: `field ${f.fieldName} (${f.purpose})`, reason: f.reason })) ?? [],
    notes: plan.rows.flatMap((r) => (r.kind === "exists" && r.differs.length > 0 ? [`${r.field.name} exists and was left alone, but does not fit ${r.blueprint.purpose}: ${r.differs.join("; ")}`] : [])),
    ...(planned === 0 ? { skippedBecause: "every field the sources need exists already" } : {}),
    applied: outcome === null ? null : { created: outcome.created.map((c) => ({ purpose: c.purpose, name: c.field.name, type: c.field.type })), failed: outcome.failed },
  };
  if (outcome !== null) report.counts = { ...outcome.counts, skipped: left };
  return {
    ...report,
    command: "fields create",
    fields: plan.rows.map((r) => ({
      purpose: r.blueprint.purpose,
      name: r.kind === "served" ? r.fieldName : r.kind === "exists" ? r.field.name : r.blueprint.fieldName,
      type: r.kind === "exists" ? r.field.type : r.blueprint.type,
      scope: r.blueprint.definitionScope,
      action: r.kind,
      ...(r.kind === "exists" ? { differs: r.differs } : {}),
    })),
  };
}
