import type { CredentialStore } from "../config/credentials/index.js";
import type { ProfileConfig } from "../config/profile-config.js";
import { ConfigError, UsageError } from "../errors.js";
import { DEFAULT_DEADLINE, type Deadline, parseDeadline } from "../http/deadline.js";
import type { IOStreams } from "./io.js";
import { Output } from "./io.js";

/** The global options of PRODUCT.md, as commander parses them. */
export interface GlobalOptions {
  profile?: string;
  state?: string;
  json?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  /** commander turns `--no-input` into `input: false`. */
  input?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  color?: boolean;
  deadline?: string;
}

/**
 * What every command receives: parsed global options, output, and lazy getters for the
 * things some commands need (config, state path), so `--help` loads none of them and
 * tests can hand in their own streams and environment.
 */
export class Context {
  readonly out: Output;
  private configPromise: Promise<ProfileConfig> | undefined;
  private credentialsPromise: Promise<CredentialStore> | undefined;
  /** The run's budget is counted from here, the moment the command starts. */
  private readonly startedAt = Date.now();
  private runDeadline: Deadline | undefined;

  constructor(
    readonly globals: GlobalOptions,
    readonly io: IOStreams,
    /** Commands that store settings (auth login, config set, …) may name a new profile; the rest need one that exists. */
    private readonly createsProfile = true,
  ) {
    if (globals.verbose && globals.quiet) {
      throw new UsageError("--verbose and --quiet cannot be used together", { hint: "choose one of them" });
    }
    this.out = new Output(io, {
      color: globals.color !== false,
      verbose: Boolean(globals.verbose),
      quiet: Boolean(globals.quiet),
      noInput: globals.input === false,
    });
    // Parsed now, so a bad value is a usage error before anything else happens.
    if (globals.deadline !== undefined) this.runDeadline = parseDeadline(globals.deadline, "--deadline", this.startedAt);
  }

  /** --deadline, else the command's default (`useDeadlineDefault`), else 30 minutes from the start. */
  get deadline(): Deadline {
    this.runDeadline ??= parseDeadline(DEFAULT_DEADLINE, "the default deadline", this.startedAt);
    return this.runDeadline;
  }

  /** A command's own default budget (sync: its setting); --deadline still wins. Call it before any connection opens. */
  useDeadlineDefault(text: string, source: string): void {
    if (this.globals.deadline === undefined) this.runDeadline = parseDeadline(text, source, this.startedAt);
  }

  get env(): NodeJS.ProcessEnv {
    return this.io.env;
  }

  get json(): boolean {
    return Boolean(this.globals.json);
  }

  get dryRun(): boolean {
    return Boolean(this.globals.dryRun);
  }

  /** --profile > NINJA_BRIDGE_PROFILE > "default". */
  get profile(): string {
    return this.globals.profile || this.env.NINJA_BRIDGE_PROFILE || "default";
  }

  /** --state > NINJA_BRIDGE_STATE > the profile's file in the data directory. */
  async statePath(): Promise<string> {
    const explicit = this.globals.state || this.env.NINJA_BRIDGE_STATE;
    const path = await import("node:path");
    if (explicit) return path.resolve(explicit);
    const { assertProfileName } = await import("../config/profile-config.js");
    assertProfileName(this.profile);
    const { defaultStatePath, platformEnv } = await import("../config/paths.js");
    return defaultStatePath(this.profile, platformEnv(this.env));
  }

  config(): Promise<ProfileConfig> {
    this.configPromise ??= import("../config/profile-config.js").then(async ({ ProfileConfig }) => {
      const config = await ProfileConfig.open(this.profile, { env: this.env });
      if (!this.createsProfile) this.assertProfileExists(config);
      return config;
    });
    return this.configPromise;
  }

  /**
   * A mistyped --profile would otherwise read as an empty profile ("not configured"). The
   * default profile always exists, and so does one configured wholly by the environment (cron).
   */
  private assertProfileExists(config: ProfileConfig): void {
    const names = config.profileNames();
    if (this.profile === "default" || names.includes(this.profile)) return;
    if (Object.keys(this.env).some((k) => /^NINJA_BRIDGE_(NINJAONE|ACRONIS|CIPP)_/.test(k))) return;
    throw new ConfigError(`no profile named "${this.profile}"`, {
      hint: `${names.length > 0 ? `profiles: ${names.join(", ")} (ninja-bridge config profiles); ` : ""}create it with 'ninja-bridge --profile ${this.profile} auth login …' or 'config set'`,
    });
  }

  /** Secrets of every profile: environment, then OS keychain, then the credentials file. */
  credentials(): Promise<CredentialStore> {
    this.credentialsPromise ??= import("../config/credentials/index.js").then(
      ({ CredentialStore }) => new CredentialStore({ env: this.env, logger: this.out }),
    );
    return this.credentialsPromise;
  }

  /** All of standard input, for secrets piped in (`--client-secret-stdin`). */
  async readStdin(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.io.stdin ?? process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString("utf8");
  }
}
