import type { ProfileConfig } from "../../config/profile-config.js";
import type { SettingKey } from "../../config/settings.js";

export const DEFAULT_MAX_REMOVE = 5;

/** What one `users apply` or `users request` works from: the profile's users.* settings and the command's flags. */
export interface UsersSettings {
  adminRole: string;
  /** E-mail or uid of the token's own account, when set. */
  tokenAccount?: string;
  approvalStatus?: string;
  requestOrganization?: number;
  requestForm?: number;
  /** NinjaOne requests per second: polls of a request ticket never come faster. */
  rateLimit: number;
  /** Most role removals and end-user deletions one run may make. */
  maxRemove: number;
  /** Apply an access file, or the plan recorded with a request ticket. */
  source: { file: string } | { ticket: number };
}

function optional(config: ProfileConfig, env: NodeJS.ProcessEnv, key: SettingKey): string | number | undefined {
  return config.resolve(key, env)?.value;
}

export function usersSettings(config: ProfileConfig, env: NodeJS.ProcessEnv, source: UsersSettings["source"], maxRemove = DEFAULT_MAX_REMOVE): UsersSettings {
  const tokenAccount = optional(config, env, "users.tokenAccount");
  const approvalStatus = optional(config, env, "users.approvalStatus");
  const requestOrganization = optional(config, env, "users.requestOrganization");
  const requestForm = optional(config, env, "users.requestForm");
  return {
    adminRole: String(optional(config, env, "users.adminRole") ?? "Administrator"),
    ...(tokenAccount === undefined ? {} : { tokenAccount: String(tokenAccount) }),
    ...(approvalStatus === undefined ? {} : { approvalStatus: String(approvalStatus) }),
    ...(requestOrganization === undefined ? {} : { requestOrganization: Number(requestOrganization) }),
    ...(requestForm === undefined ? {} : { requestForm: Number(requestForm) }),
    rateLimit: Number(optional(config, env, "ninjaone.rateLimit") ?? 5),
    maxRemove,
    source,
  };
}
