import type { Target } from "../../../jobs/shared/estates/target-estate.js";
import { linksOf } from "../../../jobs/shared/mappings.js";
import { findOrg, type OrgRef } from "../../../jobs/orgs/plan/find-org.js";
import { findTarget } from "../../../jobs/orgs/plan/find-target.js";
import { filterBySearch, type SearchItem } from "../../../jobs/orgs/plan/search-filter.js";
import { targetLabel } from "../../../jobs/orgs/plan/service-names.js";
import type { StateHandle } from "../../../state/index.js";
import { CancelledError } from "../../../errors.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";
import { ask } from "../../io.js";
import type { MapRequest, MapResult } from "./map-one.js";
import type { TargetService } from "../../../services.js";

export interface InteractiveInput {
  service: TargetService;
  orgs: readonly OrgRef[];
  targets: readonly Target[];
  /** A side given on the command line is used as given and not asked for. */
  orgQuery: string | undefined;
  targetQuery: string | undefined;
  force: boolean;
}

type MapOne = (ctx: Context, state: StateHandle, request: MapRequest) => Promise<MapResult>;

/** Asks from a searchable list; "done" (null) ends the session. */
async function pick<T>(message: string, items: readonly SearchItem<T>[]): Promise<T | null> {
  return ask((p, output) =>
    p.search<T | null>(
      {
        message,
        source: (term) => [...filterBySearch(items, term).map((i) => ({ name: i.label, value: i.value })), { name: "(done)", value: null }],
      },
      output,
    ),
  );
}

/**
 * Offers the organizations and tenants that have no link for the service yet, one pair at a
 * time, until the person picks "done". Each pair is recorded before the next is asked for.
 */
export async function mapInteractively(ctx: Context, state: StateHandle, input: InteractiveInput, mapOne: MapOne): Promise<MapResult[]> {
  const results: MapResult[] = [];
  try {
    return await pickPairs(ctx, state, input, mapOne, results);
  } catch (error) {
    // Pairs picked before Ctrl+C are already recorded: say so rather than "nothing changed".
    if (error instanceof CancelledError && results.length > 0 && !ctx.dryRun) {
      throw new CancelledError(`cancelled; the ${plural(results.length, "link")} picked before were recorded`);
    }
    throw error;
  }
}

async function pickPairs(ctx: Context, state: StateHandle, input: InteractiveInput, mapOne: MapOne, results: MapResult[]): Promise<MapResult[]> {
  const label = targetLabel(input.service);
  // A dry run records nothing, so what it already offered is remembered here instead.
  const taken = { orgs: new Set<number>(), targets: new Set<string>() };
  for (;;) {
    const links = linksOf(state.data, input.service);
    const mappedOrgs = new Set([...links.map((l) => l.orgId), ...taken.orgs]);
    const mappedTargets = new Set([...links.map((l) => l.targetId), ...taken.targets]);
    const org =
      input.orgQuery !== undefined
        ? findOrg(input.orgs, input.orgQuery)
        : await pick(
            `NinjaOne organization to map to an ${label} (type to search)`,
            input.orgs.filter((o) => !mappedOrgs.has(o.id)).map((o) => ({ value: o, label: `${o.name} (#${o.id})` })),
          );
    if (org === null) break;
    const target =
      input.targetQuery !== undefined
        ? findTarget(input.targets, input.service, input.targetQuery)
        : await pick(
            `${label} for ${org.name} (type to search)`,
            input.targets
              .filter((t) => !mappedTargets.has(t.id))
              .map((t) => ({ value: t, label: `${t.name}${t.domain === undefined ? "" : ` (${t.domain})`}${t.enabled ? "" : " [disabled]"}` })),
          );
    if (target === null) break;
    results.push(await mapOne(ctx, state, { service: input.service, org, target, force: input.force }));
    taken.orgs.add(org.id);
    taken.targets.add(target.id);
    // With one side fixed on the command line there is only one pair to make.
    if (input.orgQuery !== undefined || input.targetQuery !== undefined) break;
  }
  return results;
}
