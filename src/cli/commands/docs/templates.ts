import { ApiError, BridgeError, ConfigError } from "../../../errors.js";
import { DOC_KINDS, findTemplate, newTemplate, templateDifferences, type DocKind } from "../../../jobs/docs/plan/templates.js";
import { DOCUMENTATION_HINT, readTemplates } from "../../../jobs/docs/read.js";
import { readDocsSettings } from "../../../jobs/docs/settings.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { docsStateOf, openState } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { renderTable } from "../../table.js";

export interface DocsTemplatesOptions {
  apply?: boolean;
}

interface Row {
  kind: DocKind;
  name: string;
  status: "fits" | "missing" | "differs" | "ambiguous" | "created" | "updated";
  id: number | null;
  ids?: number[];
  /** Created by ninja-bridge (recorded in the state file): only such a template is ever changed. */
  ours: boolean;
  differences: string[];
}

/**
 * Shows the two templates and how each differs from what `docs sync` writes. With --apply a
 * missing one is created and recorded as ours; one we created is brought back in line; any
 * other is only described. Exit 2 while one is still missing, ambiguous or unfit.
 */
export async function run(options: DocsTemplatesOptions, ctx: Context): Promise<void> {
  const settings = readDocsSettings(await ctx.config());
  const names: Record<DocKind, string> = { user: settings.userTemplate, licence: settings.licenceTemplate };
  const apply = options.apply === true && !ctx.dryRun;
  const state = await openState(await ctx.statePath(), { mode: apply ? "write" : "read", command: "docs templates", logger: ctx.out });
  try {
    const session = new JobSession(ctx);
    const templates = await readTemplates(session);
    const rows: Row[] = [];
    for (const kind of DOC_KINDS) {
      const found = findTemplate(templates, names[kind]);
      if (found.kind === "missing") rows.push({ kind, name: names[kind], status: "missing", id: null, ours: false, differences: [] });
      else if (found.kind === "ambiguous") rows.push({ kind, name: names[kind], status: "ambiguous", id: null, ids: found.ids, ours: false, differences: [`${found.ids.length} live templates carry this name (ids ${found.ids.join(", ")})`] });
      else {
        const differences = templateDifferences(found.template, kind);
        const ours = state.data.docs?.templates[String(found.template.id)] !== undefined;
        rows.push({ kind, name: found.template.name, status: differences.length === 0 ? "fits" : "differs", id: found.template.id, ours, differences });
      }
    }
    if (apply) {
      const { createDocumentTemplate, updateDocumentTemplate } = await import("../../../clients/ninjaone/documents.js");
      const { http } = await session.ninjaone();
      for (const row of rows) {
        try {
          if (row.status === "missing") {
            const made = await createDocumentTemplate(http, newTemplate(row.kind, row.name));
            const at = new Date().toISOString();
            await state.update((draft) => {
              docsStateOf(draft).templates[String(made.id)] = { templateId: made.id, name: made.name, createdAt: at };
            });
            Object.assign(row, { status: "created", id: made.id, ours: true });
          } else if (row.status === "differs" && row.ours && row.id !== null) {
            await updateDocumentTemplate(http, row.id, newTemplate(row.kind, row.name));
            Object.assign(row, { status: "updated", differences: [] });
          }
        } catch (error) {
          if (error instanceof ApiError) throw new BridgeError(`could not write template "${row.name}": ${error.message}`, { hint: DOCUMENTATION_HINT });
          throw error;
        }
      }
    }
    if (ctx.json) ctx.out.printJson({ dryRun: ctx.dryRun, templates: rows });
    else {
      ctx.out.print(renderTable(["DOCUMENTS", "TEMPLATE", "ID", "STATUS", "DIFFERS"], rows.map((r) => [r.kind, r.name, r.id === null ? "-" : String(r.id), `${r.status}${r.ours ? " (ours)" : ""}`, r.differences.join("; ")])));
    }
    if (options.apply === true && ctx.dryRun) ctx.out.info("dry run: no template was created or changed");
    const unfit = rows.filter((r) => r.status === "missing" || r.status === "ambiguous" || r.status === "differs");
    if (unfit.length > 0) {
      const fix = unfit.some((r) => r.status === "missing") && !apply ? "run `ninja-bridge docs templates --apply` to create what is missing" : "name other templates with `ninja-bridge docs config`, or fix these in NinjaOne (a template we did not create is never changed)";
      throw new ConfigError(`${unfit.map((r) => `"${r.name}" ${r.status}`).join(", ")}`, { hint: templates.length === 0 ? `${fix}; ${DOCUMENTATION_HINT}` : fix });
    }
  } finally {
    await state.close();
  }
}
