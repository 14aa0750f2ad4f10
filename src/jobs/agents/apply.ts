import { createRegistrationToken } from "../../clients/acronis/registration-tokens.js";
import { writeCustomFieldValues } from "../../clients/ninjaone/custom-field-values.js";
import { runScript } from "../../clients/ninjaone/scripts.js";
import type { JobRun } from "../job.js";
import { applyEach, type ApplyLoopResult } from "../shared/apply-loop.js";
import type { RunAction } from "./plan/deploy.js";
import type { MintAction } from "./plan/tokens.js";
import type { AgentsSettings } from "./settings.js";

/**
 * Mints each token and writes it into the organization's field, then records its expiry (never
 * the token). A token minted but not written is lost with the run and a new one is minted next
 * time: Acronis has no request key, and a token nobody holds registers nothing.
 */
export function applyMints(run: JobRun<AgentsSettings>, mints: readonly MintAction[]): Promise<ApplyLoopResult<MintAction, Date>> {
  return applyEach(
    mints,
    {
      job: "agents",
      describe: (a) => ({ action: "mint-token", target: `${a.orgName} (org ${a.orgId}) → ${a.field}` }),
      async run(a) {
        const [acronis, ninja] = await Promise.all([run.session.acronis(), run.session.ninjaone()]);
        const minted = await createRegistrationToken(acronis.http, a.tenantId, run.settings.tokenLifetimeDays * 86_400);
        await writeCustomFieldValues(ninja.http, "organization", a.orgId, { [a.field]: minted.token });
        return minted.expiresAt;
      },
      record: (a, expiresAt) =>
        run.state.update((draft) => {
          draft.agentTokens[String(a.orgId)] = { ninjaOrgId: a.orgId, acronisTenantId: a.tenantId, field: a.field, mintedAt: new Date().toISOString(), expiresAt: expiresAt.toISOString() };
        }),
      detail: (_a, expiresAt) => `expires ${expiresAt.toISOString()}`,
    },
    { concurrency: 2, hooks: run.hooks },
  );
}

/** Sends each install script, and records the run at once so a re-run within --retry-after does not send it again. */
export function applyRuns(run: JobRun<AgentsSettings>, runs: readonly RunAction[]): Promise<ApplyLoopResult<RunAction, Date>> {
  return applyEach(
    runs,
    {
      job: "agents",
      describe: (a) => ({ action: "run-script", target: `${a.deviceName} (device ${a.deviceId}, ${a.orgName}): ${a.scriptName}` }),
      async run(a) {
        await runScript((await run.session.ninjaone()).http, a.deviceId, a.scriptId);
        return new Date();
      },
      record: (a, at) =>
        run.state.update((draft) => {
          draft.agentDeploys[String(a.deviceId)] = { ninjaDeviceId: a.deviceId, ninjaOrgId: a.orgId, scriptId: a.scriptId, ranAt: at.toISOString() };
        }),
    },
    { concurrency: 4, hooks: run.hooks },
  );
}
