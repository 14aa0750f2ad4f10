import type { NinjaOrganization } from "../../../clients/ninjaone/organizations.js";
import { UsageError } from "../../../errors.js";

/**
 * The organization ids `--org` names (ids or names, case-insensitive), or undefined for all.
 * A name two organizations share is refused rather than guessed.
 */
export function selectOrgIds(orgs: readonly NinjaOrganization[], wanted: readonly string[] | undefined): Set<number> | undefined {
  if (wanted === undefined || wanted.length === 0) return undefined;
  const ids = new Set<number>();
  for (const raw of wanted) {
    const text = raw.trim();
    const byId = /^\d+$/.test(text) ? orgs.find((o) => o.id === Number(text)) : undefined;
    const byName = orgs.filter((o) => o.name.trim().toLowerCase() === text.toLowerCase());
    const [only] = byName;
    if (byId !== undefined) ids.add(byId.id);
    else if (byName.length === 1 && only !== undefined) ids.add(only.id);
    else if (byName.length > 1) throw new UsageError(`${byName.length} NinjaOne organizations are called "${text}"`, { hint: `give its id instead: ${byName.map((o) => o.id).join(", ")}` });
    else throw new UsageError(`no NinjaOne organization has the id or name "${text}"`, { hint: "check the name in NinjaOne, or give the organization's id" });
  }
  return ids;
}
