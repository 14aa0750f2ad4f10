import path from "node:path";
import { PartialError, UsageError } from "../../errors.js";
import { writeFileAtomic } from "../../fs/atomic-write.js";
import { recordLink, removeLink } from "../../jobs/shared/mappings.js";
import { applySteps, countDestructive, diffLinks, type MappingChange } from "../../jobs/orgs/mapping-diff.js";
import { buildMappingFile, linksOfFile, serializeMappingFile } from "../../jobs/orgs/mapping-file.js";
import { CHANGE_HEAD, changeRow } from "../../jobs/orgs/plan-text.js";
import { openState, type StateHandle } from "../../state/index.js";
import type { Context } from "../context.js";
import { renderTable } from "../table.js";
import { confirmDestructive } from "./orgs-confirm.js";
import { linksOfState, readLinks, readMappingFileAt } from "./orgs-read.js";
import { plural } from "../../plural.js";

const DEFAULT_MAX_REMOVE = 10;

export async function runOrgsExport(ctx: Context, opts: { file?: string }): Promise<void> {
  const file = buildMappingFile(await readLinks(ctx, "orgs map export"));
  const text = serializeMappingFile(file);
  if (opts.file === undefined) {
    ctx.out.print(text);
    return;
  }
  // Meant for a git repository, so readable like any other source file.
  await writeFileAtomic(path.resolve(opts.file), text, { mode: 0o644 });
  if (ctx.json) ctx.out.printJson({ file: path.resolve(opts.file), written: true, acronis: file.acronis.length, m365: file.m365.length });
  ctx.out.success(`wrote ${file.acronis.length} Acronis and ${file.m365.length} M365 mappings to ${opts.file}`);
}

function maxRemoveOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MAX_REMOVE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-remove must be a whole number of links, not "${raw}"`);
  return n;
}

/** Makes the recorded mappings equal the file: shows the diff, then removes and records link by link. */
export async function runOrgsImport(ctx: Context, file: string, opts: { maxRemove?: string }): Promise<void> {
  const maxRemove = maxRemoveOf(opts.maxRemove);
  const wanted = await readMappingFileAt(file);
  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "orgs map import", logger: ctx.out });
  try {
    const changes = diffLinks(linksOfState(state.data), linksOfFile(wanted, "import", new Date()));
    const report = (applied: boolean) => ({ dryRun: ctx.dryRun, file, changes, applied });
    if (!ctx.json && changes.length > 0) ctx.out.print(renderTable(CHANGE_HEAD, changes.map(changeRow)));
    if (changes.length === 0 || ctx.dryRun) {
      if (ctx.json) ctx.out.printJson(report(false));
      if (changes.length === 0) ctx.out.success(`nothing to import: the recorded mappings already equal ${file}`);
      else ctx.out.info(`dry run: ${plural(changes.length, "change")}, nothing recorded`);
      return;
    }
    const destructive = countDestructive(changes);
    if (destructive > maxRemove) {
      throw new UsageError(`the import would remove or move ${destructive} links, more than --max-remove allows (${maxRemove}); nothing was changed`, {
        hint: "check that the file is the one you meant (--dry-run shows the diff), then raise --max-remove",
      });
    }
    if (destructive > 0) {
      const ok = await confirmDestructive(ctx, `this import removes or moves ${plural(destructive, "link")}`, "add --yes to apply it, or use --dry-run to see the diff");
      if (!ok) {
        if (ctx.json) ctx.out.printJson(report(false));
        ctx.out.warn("nothing changed");
        return;
      }
    }
    await apply(state, changes);
    if (ctx.json) ctx.out.printJson(report(true));
    ctx.out.success(`imported ${plural(changes.length, "change")} from ${file} into ${state.path}`);
  } finally {
    await state.close();
  }
}

/** One write per step, so a killed import keeps every step before it and a re-run finishes the rest. */
async function apply(state: StateHandle, changes: readonly MappingChange[]): Promise<void> {
  const steps = applySteps(changes);
  let done = 0;
  for (const step of steps) {
    try {
      await state.update((draft) => {
        if (step.kind === "unlink") removeLink(draft, step.link.service, step.link.orgId);
        else recordLink(draft, step.link);
      });
    } catch (error) {
      if (done === 0) throw error;
      throw new PartialError(`applied ${done} of ${steps.length} import steps, then could not ${step.kind} organization ${step.link.orgId}`, {
        cause: error,
        hint: "what was applied is kept; fix the cause and run the same import again to finish it",
      });
    }
    done += 1;
  }
}
