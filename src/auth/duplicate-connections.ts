import type { SettingValue } from "../config/profile-config.js";
import { resolveNinjaInstance } from "../clients/ninjaone/instance.js";

/**
 * Other profiles that point at the same NinjaOne instance with the same client id. Two runs
 * over one connection create every ticket and event twice, so this is worth a warning.
 */
export function profilesSharingNinjaConnection(
  profiles: Readonly<Record<string, Readonly<Record<string, SettingValue>>>>,
  current: { profile: string; baseUrl: string; clientId: string },
): string[] {
  const matches: string[] = [];
  for (const [name, settings] of Object.entries(profiles)) {
    if (name === current.profile) continue;
    const instance = settings["ninjaone.instance"];
    const clientId = settings["ninjaone.clientId"];
    if (typeof instance !== "string" || clientId === undefined || String(clientId) !== current.clientId) continue;
    let baseUrl: string;
    try {
      baseUrl = resolveNinjaInstance(instance).baseUrl;
    } catch {
      continue;
    }
    if (baseUrl === current.baseUrl) matches.push(name);
  }
  return matches.sort();
}
