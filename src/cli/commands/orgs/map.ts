import { isConfigured } from "../../../clients/connect.js";
import { UsageError } from "../../../errors.js";
import { selectServices } from "../../../jobs/automap/plan/select-services.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { findOrg } from "../../../jobs/orgs/plan/find-org.js";
import { findTarget } from "../../../jobs/orgs/plan/find-target.js";
import { openState } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { mapOne, type MapResult } from "./map-one.js";
import { SERVICE_NAME, type TargetService } from "../../../services.js";

export interface OrgsMapOptions {
  org?: string;
  acronis?: string | true;
  cipp?: string | true;
  force?: boolean;
  interactive?: boolean;
}

interface ParsedFlags {
  service: TargetService;
  /** Undefined when the tenant is to be picked interactively. */
  targetQuery: string | undefined;
}

function parseFlags(orgQuery: string | undefined, flags: OrgsMapOptions): ParsedFlags {
  const given = (["acronis", "cipp"] as const).filter((s) => flags[s] !== undefined);
  const [service] = given;
  if (service === undefined || given.length > 1) {
    throw new UsageError("give exactly one of --acronis or --cipp", { hint: "map each service with its own command, e.g. 'ninja-bridge orgs map Contoso --acronis Contoso'" });
  }
  const value = flags[service];
  const targetQuery = typeof value === "string" ? value : undefined;
  if (!flags.interactive && (orgQuery === undefined || targetQuery === undefined)) {
    throw new UsageError(`orgs map needs an organization and a tenant: 'ninja-bridge orgs map <org> --${service} <tenant>'`, {
      hint: "or add --interactive to pick them from lists on a terminal",
    });
  }
  return { service, targetQuery };
}

/** read (no lock) → find both sides → plan under the write lock (read-only for --dry-run) → record. */
export async function run(flags: OrgsMapOptions, ctx: Context): Promise<void> {
  const orgQuery = flags.org;
  const { service, targetQuery } = parseFlags(orgQuery, flags);
  if (flags.interactive && !ctx.out.canPrompt) {
    throw new UsageError("--interactive needs a terminal", { hint: `give both sides instead: 'ninja-bridge orgs map <org> --${service} <tenant>'` });
  }
  const config = await ctx.config();
  selectServices(service, { acronis: isConfigured(config, ctx.env, "acronis"), cipp: isConfigured(config, ctx.env, "cipp") }, ctx.profile);

  const session = new JobSession(ctx);
  ctx.out.info(`reading NinjaOne organizations and ${SERVICE_NAME[service]} tenants…`);
  const [ninja, estate] = await Promise.all([
    session.ninjaEstate({ devices: false }),
    service === "acronis" ? session.acronisEstate({ devices: false }) : session.cippEstate({ devices: false }),
  ]);
  const orgs = ninja.orgs.map((o) => ({ id: o.id, name: o.name }));
  const force = Boolean(flags.force);

  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "orgs map", logger: ctx.out });
  try {
    let results: MapResult[];
    if (flags.interactive) {
      const { mapInteractively } = await import("./map-interactive.js");
      results = await mapInteractively(ctx, state, { service, orgs, targets: estate.targets, orgQuery, targetQuery, force }, mapOne);
    } else {
      const org = findOrg(orgs, orgQuery ?? "");
      const target = findTarget(estate.targets, service, targetQuery ?? "");
      results = [await mapOne(ctx, state, { service, org, target, force })];
    }
    if (ctx.json) ctx.out.printJson({ dryRun: ctx.dryRun, results });
  } finally {
    await state.close();
  }
}
