import { listAutomationScripts } from "../../clients/ninjaone/scripts.js";
import { UsageError } from "../../errors.js";
import { stoppedWith, type Job, type JobCounts } from "../job.js";
import type { ApplyLoopResult } from "../shared/apply-loop.js";
import { knownTenantSets, recordTenantSets } from "../shared/estates/acronis-batches.js";
import { linksOf, type Link } from "../shared/mappings.js";
import { excludedOrgIds, withExcludedNote } from "../shared/exclusions.js";
import { applyMints, applyRuns } from "./apply.js";
import { planDeploy, resolveScripts, type DeployPlan, type RunAction } from "./plan/deploy.js";
import { countCategories, planAgentStatus, type CategoryCounts, type OrgAgents } from "./plan/status.js";
import { planTokens, type MintAction } from "./plan/tokens.js";
import { readAgentWorkloads } from "./read.js";
import { agentsReport } from "./report.js";
import { agentsSyncSettings, type AgentsSettings } from "./settings.js";

export interface AgentsPlan {
  /** Null when this run did not read devices (`agents token`). */
  orgs: OrgAgents[] | null;
  summary: CategoryCounts | null;
  mints: MintAction[];
  deploy: DeployPlan | null;
  at: Date;
  /** Acronis customers' numeric tenant ids the reads learned, where they changed: apply records them. */
  acronisTenantSets: Record<string, string[]>;
}

export interface AgentsOutcome {
  mints: ApplyLoopResult<MintAction, Date>;
  runs: ApplyLoopResult<RunAction, Date>;
  counts: JobCounts;
}

/** The mapped organizations a run covers: all, or those --org names (by id or name), each of which must be mapped. */
export function selectLinks(links: readonly Link[], wanted: readonly string[] | undefined): Link[] {
  if (wanted === undefined) return [...links];
  return wanted.map((w) => {
    const key = w.trim().toLowerCase();
    const link = links.find((l) => String(l.orgId) === key || l.orgName.toLowerCase() === key);
    if (link === undefined) {
      throw new UsageError(`organization "${w}" is not mapped to an Acronis customer`, { hint: "map it first: `ninja-bridge orgs map <org> --acronis <customer>` (or `automap`)" });
    }
    return link;
  });
}

const readsDevices = (s: AgentsSettings) => s.mode === "status" || s.mode === "deploy" || (s.mode === "sync" && s.deployInSync);
const mintsTokens = (s: AgentsSettings) => s.mode === "token" || s.mode === "sync";

/**
 * agents: which NinjaOne devices of the organizations mapped to Acronis customers have the
 * backup agent (status), registration tokens minted into an organization field and renewed
 * before they expire (token), and the install script sent to devices without an agent
 * (deploy). Under `sync` it renews tokens, and sends scripts only when turned on.
 */
export const agentsJob: Job<AgentsSettings, AgentsPlan, AgentsOutcome> = {
  name: "agents",
  readsDevicesOf: ["ninjaone"],
  settings: (config) => agentsSyncSettings(config),

  async plan({ session, state, settings }) {
    const at = new Date();
    const excluded = excludedOrgIds(state.data, "agents");
    const links = selectLinks(linksOf(state.data, "acronis"), settings.orgs).filter((l) => !excluded.has(l.orgId));
    let mints: MintAction[] = [];
    if (mintsTokens(settings)) {
      if (settings.tokenField === undefined) throw new UsageError("no token field is set", { hint: "choose one: `ninja-bridge agents config --token-field <field>`" });
      mints = planTokens({ links, recorded: state.data.agentTokens, field: settings.tokenField, renewDays: settings.renewDays, now: at });
    }
    if (!readsDevices(settings)) return { orgs: null, summary: null, mints, deploy: null, at, acronisTenantSets: {} };
    const deploying = settings.mode !== "status";
    if (deploying && settings.scripts.length === 0) throw new UsageError("no install script is named", { hint: "give --script <name or id> (once per script: one for Windows, one for Linux and macOS)" });
    const [ninja, { workloads, learned }, library] = await Promise.all([
      session.ninjaEstate({ devices: true }),
      readAgentWorkloads(session, links.map((l) => l.targetId), knownTenantSets(state.data)),
      deploying ? session.ninjaone().then((c) => listAutomationScripts(c.http)) : Promise.resolve([]),
    ]);
    const orgs = planAgentStatus({
      links,
      devices: ninja.devices,
      workloads,
      filters: { roles: settings.roles, ...(settings.oses === undefined ? {} : { oses: settings.oses }), offlineDays: settings.offlineDays },
      deviceLinks: Object.values(state.data.deviceLinks),
      deviceApart: Object.values(state.data.deviceApart),
      now: at,
    });
    let deploy: DeployPlan | null = null;
    if (deploying) {
      const scripts = resolveScripts(settings.scripts, library);
      if ("error" in scripts) throw new UsageError(scripts.error, { hint: "`GET /v2/automation/scripts` lists the library; NinjaOne's Automation Library shows the ids" });
      deploy = planDeploy({ orgs, scripts: scripts.scripts, recorded: state.data.agentDeploys, retryAfterHours: settings.retryAfterHours, max: settings.maxDeploys, now: at });
    }
    return { orgs, summary: countCategories(orgs), mints, deploy, at, acronisTenantSets: learned };
  },

  pending: (plan) => plan.mints.length + (plan.deploy?.runs.length ?? 0),

  async apply(run, plan) {
    if (Object.keys(plan.acronisTenantSets).length > 0) await run.state.update((draft) => recordTenantSets(draft, plan.acronisTenantSets));
    const mints = await applyMints(run, plan.mints);
    const counts = (runs: ApplyLoopResult<RunAction, Date>): JobCounts => ({
      planned: plan.mints.length + (plan.deploy?.runs.length ?? 0),
      applied: mints.applied.length + runs.applied.length,
      failed: mints.failed.length + runs.failed.length,
      skipped: (plan.deploy?.skipped.length ?? 0) + (plan.deploy?.deferred ?? 0),
    });
    const noRuns: ApplyLoopResult<RunAction, Date> = { applied: [], failed: [] };
    if (mints.stop !== undefined) {
      const landed: AgentsOutcome = { mints, runs: noRuns, counts: counts(noRuns) };
      throw stoppedWith(mints.stop, landed);
    }
    const runs = await applyRuns(run, plan.deploy?.runs ?? []);
    const outcome: AgentsOutcome = { mints, runs, counts: counts(runs) };
    if (runs.stop !== undefined) throw stoppedWith(runs.stop, outcome);
    return outcome;
  },

  report: (run, plan, outcome) => withExcludedNote(agentsReport(run.dryRun, plan, outcome), run.state.data, "agents"),
};
