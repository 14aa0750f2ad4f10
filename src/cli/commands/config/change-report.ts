import type { Context } from "../../context.js";

export interface Change {
  key: string;
  before: string | number | undefined;
  after: string | number | undefined;
  changed: boolean;
  dryRun: boolean;
}

/** What `config set` and `config unset` changed, or would change (dry run), or found already so. */
export function reportChange(ctx: Context, change: Change): void {
  if (ctx.json) {
    ctx.out.printJson({
      profile: ctx.profile,
      key: change.key,
      before: change.before ?? null,
      after: change.after ?? null,
      changed: change.changed,
      dryRun: change.dryRun,
    });
    return;
  }
  const verb = change.after === undefined ? "unset" : `set to ${JSON.stringify(change.after)}`;
  if (!change.changed) {
    ctx.out.warn(`${change.key} is already ${change.after === undefined ? "unset" : JSON.stringify(change.after)} in profile "${ctx.profile}"`);
  } else if (change.dryRun) {
    ctx.out.err(`would change ${change.key} in profile "${ctx.profile}": ${verb} (dry run, nothing written)`);
  } else {
    ctx.out.success(`${change.key} ${verb} in profile "${ctx.profile}"`);
  }
}
