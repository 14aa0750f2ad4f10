import { connectAcronis, connectCipp, connectNinjaOne, isConfigured, type ConnectContext } from "../../../clients/connect.js";
import { CREDENTIAL_SERVICES } from "../../../config/credentials/index.js";
import { profilesSharingNinjaConnection } from "../../../auth/duplicate-connections.js";
import { probeAcronis } from "../../../auth/probes-acronis.js";
import { probeCipp } from "../../../auth/probes-cipp.js";
import { probeNinjaOne } from "../../../auth/probes-ninjaone.js";
import { reportOf, type Check, type ServiceReport } from "../../../auth/service-report.js";
import { TICKETS_JOB } from "../../../jobs/tickets/settings.js";
import { SWITCH_TO_AUTHORIZATION_CODE, USER_CONTEXT_REQUIRED } from "../../../jobs/tickets/plan/user-context.js";
import { problemLines, statusRows } from "../../../auth/status-table.js";
import { BridgeError, ConfigError } from "../../../errors.js";
import type { Context } from "../../context.js";
import { renderTable } from "../../table.js";
import type { ServiceName } from "../../../services.js";

async function probe(ctx: ConnectContext, service: ServiceName, warn: (text: string) => void): Promise<ServiceReport> {
  try {
    switch (service) {
      case "ninjaone": {
        const connection = await connectNinjaOne(ctx);
        const config = await ctx.config();
        const others = profilesSharingNinjaConnection(config.allProfiles(), { profile: ctx.profile, baseUrl: connection.baseUrl, clientId: connection.clientId });
        if (others.length > 0) warn(`profile(s) ${others.join(", ")} use the same NinjaOne instance and client id: jobs run from both would create tickets and events twice`);
        return ticketWrites(await probeNinjaOne(connection), config.jobSettings(TICKETS_JOB) !== undefined);
      }
      case "acronis":
        return await probeAcronis(await connectAcronis(ctx));
      case "cipp":
        return await probeCipp(await connectCipp(ctx));
    }
  } catch (error) {
    // Settings or secrets missing or invalid: nothing was sent, and that is this service's failure.
    const message = error instanceof Error ? error.message : String(error);
    const fix = error instanceof BridgeError ? error.hint : undefined;
    return reportOf({ service, configured: true, checks: [{ name: "configuration", ok: false, severity: "error", detail: message, ...(fix === undefined ? {} : { fix }) }] });
  }
}

/**
 * With tickets configured, a token without user context is a failure, not all green:
 * NinjaOne refuses every ticket write with user_context_required (issue 22).
 */
function ticketWrites(report: ServiceReport, ticketsConfigured: boolean): ServiceReport {
  const tokenOk = report.checks.find((c) => c.name === "token")?.ok === true;
  if (!ticketsConfigured || !tokenOk) return report;
  const check: Check = report.userContext
    ? { name: "ticket writes", ok: true, severity: "error", detail: "the token has user context, as ticket writes need" }
    : {
        name: "ticket writes",
        ok: false,
        severity: "error",
        detail: `tickets are configured, but this token has no user context: NinjaOne refuses ticket writes (${USER_CONTEXT_REQUIRED})`,
        fix: SWITCH_TO_AUTHORIZATION_CODE,
      };
  const { ok: _ok, ...base } = report;
  return reportOf({ ...base, checks: [...report.checks, check] });
}

/** `auth status` has no flags of its own. */
export type StatusOptions = Record<string, never>;

/** `auth status`: a token and cheap probes for every configured service; exit 1 if any fails. */
export async function run(_opts: StatusOptions, ctx: Context): Promise<void> {
  const config = await ctx.config();
  const configured = CREDENTIAL_SERVICES.filter((s) => isConfigured(config, ctx.env, s));
  if (configured.length === 0) {
    throw new ConfigError(`no service is configured in profile "${ctx.profile}"`, {
      hint: "run `ninja-bridge auth login ninjaone|acronis|cipp`, or set NINJA_BRIDGE_<SERVICE>_* variables",
    });
  }
  const reports = await Promise.all(
    CREDENTIAL_SERVICES.map((service) =>
      configured.includes(service) ? probe(ctx, service, (text) => ctx.out.warn(text)) : Promise.resolve(reportOf({ service, configured: false, checks: [] })),
    ),
  );
  const ok = reports.every((r) => r.ok);
  if (ctx.json) {
    ctx.out.printJson({ profile: ctx.profile, ok, services: reports });
  } else {
    ctx.out.print(renderTable(["SERVICE", "INSTANCE", "AUTH", "EXPIRES", "CHECKS"], statusRows(reports)));
    for (const line of problemLines(reports)) {
      if (line.severity === "error") ctx.out.failure(line.text);
      else ctx.out.warn(line.text);
      if (line.fix !== undefined) ctx.out.err(`  → ${line.fix}`);
    }
  }
  if (!ok) {
    const failed = reports.filter((r) => !r.ok).map((r) => r.service);
    throw new BridgeError(`${failed.join(", ")} failed ${failed.length === 1 ? "its" : "their"} checks`, { hint: "apply the fixes listed above, then run `ninja-bridge auth status` again" });
  }
  if (!ctx.json) ctx.out.success(`every configured service works (profile "${ctx.profile}")`);
}
