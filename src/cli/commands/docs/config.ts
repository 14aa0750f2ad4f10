import { UsageError } from "../../../errors.js";
import { readDocsSettings, saveDocsSettings, type DocsSettings } from "../../../jobs/docs/settings.js";
import type { Context } from "../../context.js";

export interface DocsConfigOptions {
  userTemplate?: string;
  licenceTemplate?: string;
  licensedOnly?: string;
}

function yesNo(raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (["yes", "true", "on"].includes(v)) return true;
  if (["no", "false", "off"].includes(v)) return false;
  throw new UsageError(`--licensed-only takes yes or no, not "${raw}"`);
}

function describe(s: DocsSettings): string {
  return [
    `user template:    ${s.userTemplate}`,
    `licence template: ${s.licenceTemplate}`,
    `licensed only:    ${s.licensedUsersOnly === undefined ? "as the fields job (licensedUsersOnly)" : s.licensedUsersOnly ? "yes" : "no"}`,
  ].join("\n");
}

/** Shows the docs settings, or changes those named by flags. */
export async function run(options: DocsConfigOptions, ctx: Context): Promise<void> {
  const config = await ctx.config();
  const current = readDocsSettings(config);
  const next: DocsSettings = {
    ...current,
    ...(options.userTemplate === undefined ? {} : { userTemplate: options.userTemplate.trim() }),
    ...(options.licenceTemplate === undefined ? {} : { licenceTemplate: options.licenceTemplate.trim() }),
    ...(options.licensedOnly === undefined ? {} : { licensedUsersOnly: yesNo(options.licensedOnly) }),
  };
  if (next.userTemplate === "" || next.licenceTemplate === "") throw new UsageError("a template name must not be empty");
  const changes = options.userTemplate !== undefined || options.licenceTemplate !== undefined || options.licensedOnly !== undefined;
  if (changes && !ctx.dryRun) saveDocsSettings(config, next);
  if (ctx.json) ctx.out.printJson({ dryRun: ctx.dryRun, settings: next });
  else ctx.out.print(describe(next));
  if (changes) ctx.out.success(ctx.dryRun ? "dry run: nothing saved" : `saved the docs settings of profile "${ctx.profile}" in ${config.path}`);
}
