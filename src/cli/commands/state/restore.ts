import { planRestore, restoreBackup, type RestorePlan } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { confirmChange, destructiveChange } from "../../io.js";

/** `state restore` has no flags of its own. */
export type StateRestoreOptions = Record<string, never>;

/** Puts `<state>.bak` back after a person (or --yes) confirms; --dry-run only says what it would do. */
export async function run(_opts: StateRestoreOptions, ctx: Context): Promise<void> {
  const file = await ctx.statePath();
  const plan = await planRestore(file);
  const what = restoreWords(plan);
  if (ctx.dryRun) {
    if (ctx.json) ctx.out.printJson({ dryRun: true, ...plan });
    else ctx.out.print(`would restore: ${what}`);
    return;
  }
  if (!(await confirmChange(ctx.out, Boolean(ctx.globals.yes), destructiveChange(what, "add --yes to restore it, or use --dry-run to see what it would do")))) {
    ctx.out.warn("nothing was restored");
    return;
  }
  const result = await restoreBackup(file, { logger: ctx.out });
  if (ctx.json) {
    ctx.out.printJson({ dryRun: false, path: file, restoredSerial: result.serial, ...result });
    return;
  }
  if (result.corruptCopy !== undefined) ctx.out.info(`the damaged file was kept as ${result.corruptCopy}`);
  if (result.journalCopy !== undefined) ctx.out.info(`the changes journalled after the replaced file were kept as ${result.journalCopy}`);
  if (result.swapped) ctx.out.info(`the replaced file is now the backup, ${plan.backup.path}`);
  ctx.out.success(`state file ${file} restored to serial ${result.serial}`);
}

function restoreWords(plan: RestorePlan): string {
  const backup = `its backup (serial ${plan.backup.serial}, written ${plan.backup.updatedAt})`;
  switch (plan.current.kind) {
    case "missing":
      return `${plan.file} does not exist and is created from ${backup}`;
    case "damaged":
      return `${plan.file} ${plan.current.problem} and is replaced by ${backup}; a copy of it is kept`;
    case "unreadable-version":
      return `${plan.file} ${plan.current.problem} and is replaced by ${backup}, becoming the backup itself`;
    case "valid":
      return `${plan.file} is sound (serial ${plan.current.serial}) and is replaced by ${backup}, becoming the backup itself (changes recorded since are undone)`;
  }
}
