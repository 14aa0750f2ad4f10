import { mkdirSync } from "node:fs";
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { configDir, platformEnv, PROFILE_NAME } from "./paths.js";
import { assertSettingKey, parseSetting, parseSettingFlag, SETTING_KEYS, SETTINGS, settingEnvName, type SettingKey, type SettingSpec } from "./settings.js";

export type SettingValue = string | number;
export type SettingSource = "flag" | "env" | "profile" | "default";

export interface ResolvedSetting {
  key: SettingKey;
  value: SettingValue;
  source: SettingSource;
}

const configFileSchema = z.object({
  profiles: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.number()]))).default({}),
  /**
   * Structured settings of each job per profile (ticket rules, field mappings, provisioning
   * defaults): job name → its own document, which the job validates with its own schema.
   */
  jobs: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});
type ConfigFile = z.infer<typeof configFileSchema>;

/** The minimal surface of `conf` we use, so tests and other stores can stand in. */
export interface ConfigBackend {
  readonly path: string;
  store: Record<string, unknown>;
}

export function assertProfileName(name: string): void {
  if (!PROFILE_NAME.test(name)) {
    throw new ConfigError(`profile name ${JSON.stringify(name)} is not allowed`, {
      hint: "use letters, digits, '-' and '_' (at most 64 characters), e.g. --profile acme-prod",
    });
  }
}

/**
 * Settings of one profile: stored with conf in the config directory, overridden by the
 * environment (`NINJA_BRIDGE_<SERVICE>_<SETTING>`), and by flags the commands pass in.
 */
export class ProfileConfig {
  private constructor(
    readonly profile: string,
    private readonly backend: ConfigBackend,
    private file: ConfigFile,
  ) {}

  static async open(profile: string, options: { env?: NodeJS.ProcessEnv; backend?: ConfigBackend } = {}): Promise<ProfileConfig> {
    assertProfileName(profile);
    const store = options.backend ?? (await openConf(configDir(platformEnv(options.env ?? process.env))));
    const parsed = configFileSchema.safeParse(store.store);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(
        `the config file ${store.path} is not valid: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
        { hint: "fix or remove that file; it holds only settings, no secrets or state" },
      );
    }
    return new ProfileConfig(profile, store, parsed.data);
  }

  get path(): string {
    return this.backend.path;
  }

  /** The value stored in this profile, if any. */
  stored(key: SettingKey): SettingValue | undefined {
    return this.file.profiles[this.profile]?.[key];
  }

  /** A job's structured settings in this profile, or undefined; the caller validates them. */
  jobSettings(job: string): unknown {
    return structuredClone(this.file.jobs[this.profile]?.[job]);
  }

  setJobSettings(job: string, value: unknown): void {
    const jobs = { ...this.file.jobs, [this.profile]: { ...this.file.jobs[this.profile], [job]: value } };
    this.save({ ...this.file, jobs });
  }

  /** Every profile the file knows: one with settings or job settings, sorted. */
  profileNames(): string[] {
    return [...new Set([...Object.keys(this.file.profiles), ...Object.keys(this.file.jobs)])].sort();
  }

  /** The stored settings of every profile in the file, e.g. to spot one connection configured twice. */
  allProfiles(): Record<string, Readonly<Record<string, SettingValue>>> {
    return structuredClone(this.file.profiles);
  }

  set(key: string, raw: string): SettingValue {
    assertSettingKey(key);
    const value = parseSetting(key, raw, "the command line");
    const profiles = { ...this.file.profiles, [this.profile]: { ...this.file.profiles[this.profile], [key]: value } };
    this.save({ ...this.file, profiles });
    return value;
  }

  /** Returns whether there was a value to remove. */
  unset(key: string): boolean {
    assertSettingKey(key);
    const current = this.file.profiles[this.profile];
    if (!current || !(key in current)) return false;
    const { [key]: _removed, ...rest } = current;
    this.save({ ...this.file, profiles: { ...this.file.profiles, [this.profile]: rest } });
    return true;
  }

  /** Flags > environment > profile > default; undefined when none gives a value. `flagName` names the flag in an error. */
  resolve(key: SettingKey, env: NodeJS.ProcessEnv, flag?: string, flagName?: string): ResolvedSetting | undefined {
    if (flag !== undefined) return { key, value: flagName === undefined ? parseSetting(key, flag, "the command line") : parseSettingFlag(key, flag, flagName), source: "flag" };
    const envName = settingEnvName(key);
    const fromEnv = env[envName];
    if (fromEnv !== undefined && fromEnv !== "") {
      return { key, value: parseSetting(key, fromEnv, `the environment (${envName})`), source: "env" };
    }
    const stored = this.stored(key);
    if (stored !== undefined) return { key, value: stored, source: "profile" };
    const spec: SettingSpec = SETTINGS[key];
    if (spec.default !== undefined) return { key, value: spec.default, source: "default" };
    return undefined;
  }

  list(env: NodeJS.ProcessEnv): Array<{ key: SettingKey; value: SettingValue | undefined; source: SettingSource | "unset" }> {
    return SETTING_KEYS.map((key) => {
      const resolved = this.resolve(key, env);
      return resolved ? { key, value: resolved.value, source: resolved.source } : { key, value: undefined, source: "unset" };
    });
  }

  private save(next: ConfigFile): void {
    this.backend.store = next;
    this.file = next;
  }
}

async function openConf(dir: string): Promise<ConfigBackend> {
  const { default: Conf } = await import("conf");
  try {
    // conf would create the folder 0755; it holds the credentials file too, so keep it private.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return new Conf<Record<string, unknown>>({
      projectName: "ninja-bridge",
      cwd: dir,
      configName: "config",
      // No secrets live here, but settings reveal a customer's tenants: keep it private anyway.
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
    });
  } catch (error) {
    throw new ConfigError(`cannot read the config file in ${dir}: ${(error as Error).message}`, {
      cause: error,
      hint: "fix or remove config.json there; it holds only settings, no secrets or state",
    });
  }
}
