import { ConfigError } from "../../errors.js";
import { stoppedWith, windowCheck, type Job } from "../job.js";
import { linksOf } from "../shared/mappings.js";
import { excludedOrgIds, withExcludedNote } from "../shared/exclusions.js";
import { applyDocs, type DocsOutcome } from "./apply.js";
import { freshTenants, planDocs, selectLinks, templateProblems, type DocsPlan } from "./plan/plan-job.js";
import type { DocKind } from "./plan/templates.js";
import { DOCUMENTATION_HINT, readOrgs, readTemplates } from "./read.js";
import { docsCounts, docsReport } from "./report.js";
import { docsJobSettings, type DocsJobSettings } from "./settings.js";

/**
 * docs: every Microsoft 365 user and licence of each mapped tenant as a NinjaOne document, one
 * each, kept in step: created, patched where a field changed, archived when gone, restored
 * when back. Templates must exist and fit first (`docs templates --apply`); a tenant that
 * cannot be read costs only its organization.
 */
export const docsJob: Job<DocsJobSettings, DocsPlan, DocsOutcome> = {
  name: "docs",
  yieldsToWindow: true,
  settings: docsJobSettings,

  async plan(run) {
    const { settings } = run;
    const found = templateProblems(await readTemplates(run.session), settings.templateNames);
    if (found.problems.length > 0) {
      throw new ConfigError(`the documents cannot be written: ${found.problems.join("; ")}`, {
        hint: `run \`ninja-bridge docs templates\` to see them, \`--apply\` to create a missing one, or name others with \`docs config\`; if none shows at all, ${DOCUMENTATION_HINT}`,
      });
    }
    const templateIds = found.ids as Record<DocKind, number>;
    const excluded = excludedOrgIds(run.state.data, "docs");
    const links = selectLinks(linksOf(run.state.data, "cipp"), settings.orgs).filter((l) => !excluded.has(l.orgId));
    const fresh = freshTenants(run.state.data.cursors, links, new Date(), settings.cippFreshForMinutes);
    const { reads, problems } = await readOrgs(run.session, links.filter((l) => !fresh.has(l.targetId)));
    return { ...planDocs(reads, run.state.data, { templateIds, licensedOnly: settings.licensedOnly, maxArchive: settings.maxArchive }), problems, fresh: fresh.size };
  },

  pending: (plan) => plan.actions.length,

  async apply(run, plan) {
    const { http } = await run.session.ninjaone();
    const open = windowCheck(run.window);
    const outcome = await applyDocs(http, run.state, plan, run.hooks, open === undefined ? {} : { open });
    if (outcome.stop !== undefined) throw stoppedWith(outcome.stop, { ...outcome, counts: docsCounts(plan, outcome) });
    return outcome;
  },

  report: (run, plan, outcome) =>
    withExcludedNote(docsReport(plan, { dryRun: run.dryRun, maxArchive: run.settings.maxArchive, freshForMinutes: run.settings.cippFreshForMinutes }, outcome), run.state.data, "docs"),
};
