import { UsageError } from "../../../errors.js";
import { applyImport } from "../../../jobs/orgs/apply.js";
import { countDestructive, diffLinks } from "../../../jobs/orgs/plan/mapping-diff.js";
import { diffExclusions, exclusionChangeText, linksOfFile } from "../../../jobs/orgs/plan/mapping-file.js";
import { recordExclusion } from "../../../jobs/shared/exclusions.js";
import { CHANGE_HEAD, changeRow } from "../../../jobs/orgs/plan/plan-text.js";
import { exclusionEntries, linksOfState, readMappingFileAt } from "../../../jobs/orgs/read.js";
import { plural } from "../../../plural.js";
import { openState } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { confirmChange, destructiveChange } from "../../io.js";
import { renderTable } from "../../table.js";

const DEFAULT_MAX_REMOVE = 10;

export interface OrgsMapImportOptions {
  file: string;
  maxRemove?: string;
}

function maxRemoveOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MAX_REMOVE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-remove must be a whole number of links, not "${raw}"`);
  return n;
}

/** Makes the recorded mappings equal the file: shows the diff, then removes and records link by link. */
export async function run(opts: OrgsMapImportOptions, ctx: Context): Promise<void> {
  const { file } = opts;
  const maxRemove = maxRemoveOf(opts.maxRemove);
  const wanted = await readMappingFileAt(file);
  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "orgs map import", logger: ctx.out });
  try {
    const changes = diffLinks(linksOfState(state.data), linksOfFile(wanted, "import", new Date()));
    const recorded = exclusionEntries(state.data);
    const exclusionChanges = diffExclusions(new Map(recorded.map((e) => [e.orgId, e.jobs])), wanted.exclusions ?? [], new Map(recorded.map((e) => [e.orgId, e.orgName])));
    const report = (applied: boolean) => ({ dryRun: ctx.dryRun, file, changes, exclusionChanges, applied });
    if (!ctx.json && changes.length > 0) ctx.out.print(renderTable(CHANGE_HEAD, changes.map(changeRow)));
    if (!ctx.json) for (const change of exclusionChanges) ctx.out.print(`exclusions: ${exclusionChangeText(change)}`);
    const total = changes.length + exclusionChanges.length;
    if (total === 0 || ctx.dryRun) {
      if (ctx.json) ctx.out.printJson(report(false));
      if (total === 0) ctx.out.success(`nothing to import: the recorded mappings already equal ${file}`);
      else ctx.out.info(`dry run: ${plural(total, "change")}, nothing recorded`);
      return;
    }
    const destructive = countDestructive(changes);
    if (destructive > maxRemove) {
      throw new UsageError(`the import would remove or move ${destructive} links, more than --max-remove allows (${maxRemove}); nothing was changed`, {
        hint: "check that the file is the one you meant (--dry-run shows the diff), then raise --max-remove",
      });
    }
    if (destructive > 0) {
      const ok = await confirmChange(ctx.out, Boolean(ctx.globals.yes), destructiveChange(`this import removes or moves ${plural(destructive, "link")}`, "add --yes to apply it, or use --dry-run to see the diff"));
      if (!ok) {
        if (ctx.json) ctx.out.printJson(report(false));
        ctx.out.warn("nothing changed");
        return;
      }
    }
    await applyImport(state, changes);
    // Exclusions change no link, so they land in one write after the links.
    if (exclusionChanges.length > 0) {
      const at = new Date().toISOString();
      await state.update((d) => {
        for (const c of exclusionChanges) recordExclusion(d, { id: c.orgId, name: c.orgName }, c.after, at);
      });
    }
    if (ctx.json) ctx.out.printJson(report(true));
    ctx.out.outcome(`imported ${plural(total, "change")} from ${file} into ${state.path}`);
  } finally {
    await state.close();
  }
}
