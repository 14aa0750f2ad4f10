import { CREDENTIAL_SERVICES, KNOWN_SECRET_KEYS } from "../../../config/credentials/index.js";
import { ENV_SUCCESSOR_KEY } from "../../../clients/ninjaone/auth-refresh-token.js";
import { ACCESS_TOKEN_KEY } from "../../../clients/token-cache.js";
import { UsageError } from "../../../errors.js";
import type { Context } from "../../context.js";
import type { ServiceName } from "../../../services.js";

function servicesToForget(service: string | undefined, all: boolean): ServiceName[] {
  if (all && service !== undefined) throw new UsageError("give a service or --all, not both", { hint: "e.g. `ninja-bridge auth logout ninjaone`" });
  if (all) return [...CREDENTIAL_SERVICES];
  if (service === undefined) throw new UsageError("which service?", { hint: `give one of ${CREDENTIAL_SERVICES.join(", ")}, or --all` });
  const known = CREDENTIAL_SERVICES.find((s) => s === service.toLowerCase());
  if (known === undefined) throw new UsageError(`unknown service "${service}"`, { hint: `give one of ${CREDENTIAL_SERVICES.join(", ")}, or --all` });
  return [known];
}

interface Removal {
  service: ServiceName;
  key: string;
  from: string[];
}

export interface LogoutOptions {
  service?: string;
  all?: boolean;
}

/** `auth logout`: forgets the stored secrets and tokens of the profile; settings stay. */
export async function run(opts: LogoutOptions, ctx: Context): Promise<void> {
  const services = servicesToForget(opts.service, Boolean(opts.all));
  const store = await ctx.credentials();
  const listed = await store.list(ctx.profile);
  const removed: Removal[] = [];
  const stillInEnv: string[] = [];
  for (const s of services) {
    // Kept access tokens go with the secrets, even from a keychain that cannot list its entries.
    const keys = new Set([...KNOWN_SECRET_KEYS[s], ACCESS_TOKEN_KEY, ...(s === "ninjaone" ? [ENV_SUCCESSOR_KEY] : []), ...listed.filter((l) => l.service === s).map((l) => l.key)]);
    for (const key of keys) {
      if (ctx.dryRun) {
        const entry = listed.find((l) => l.service === s && l.key === key);
        const from = (entry?.sources ?? []).filter((source) => source !== "env");
        if (from.length > 0) removed.push({ service: s, key, from });
        if (entry?.sources.includes("env")) stillInEnv.push(entry.envName);
        continue;
      }
      const result = await store.delete({ profile: ctx.profile, service: s, key });
      if (result.removedFrom.length > 0) removed.push({ service: s, key, from: result.removedFrom });
      if (result.stillInEnv !== undefined) stillInEnv.push(result.stillInEnv);
    }
  }

  if (ctx.json) {
    ctx.out.printJson({ profile: ctx.profile, services, removed, stillInEnv, dryRun: ctx.dryRun });
    return;
  }
  const verb = ctx.dryRun ? "would remove" : "removed";
  for (const r of removed) ctx.out.err(`${ctx.dryRun ? "" : `${ctx.out.paint("32", "✓")} `}${verb} ${r.service} ${r.key} from the ${r.from.join(" and the ")} (profile "${ctx.profile}")`);
  if (removed.length === 0) ctx.out.warn(`nothing stored for ${services.join(", ")} in profile "${ctx.profile}"`);
  for (const name of stillInEnv) ctx.out.warn(`${name} is set in the environment and still provides a value; unset it to forget it there too`);
  if (!ctx.dryRun && removed.length > 0) ctx.out.info("settings (instance, client id, URLs) are kept; `ninja-bridge config unset <key>` removes them");
}
