import type { Dispatcher } from "undici";
import { CredentialStore, knownSecretValues, missingSecretError, type ResolvedSecret } from "../config/credentials/index.js";
import type { ProfileConfig } from "../config/profile-config.js";
import { settingEnvName, type SettingKey } from "../config/settings.js";
import { ConfigError } from "../errors.js";
import { CachedTokenProvider, HttpClient, type Deadline, type IssuedToken, type Now, type RequestCounter, type RetryOptions, type Sleep, type TokenProvider } from "../http/index.js";
import type { Logger } from "../log.js";
import { fetchAcronisClientTenant, requestAcronisToken, type AcronisApiClient } from "./acronis/auth.js";
import { defaultCippScope, defaultCippTokenUrl, requestCippToken, type CippApp } from "./cipp/auth.js";
import { parseScopes, requestNinjaToken, type NinjaApp } from "./ninjaone/auth.js";
import { obtainUserToken } from "./ninjaone/auth-user-token.js";
import { resolveNinjaInstance, type NinjaInstance } from "./ninjaone/instance.js";
import { throughCache, TokenCache, tokenFingerprint, tokenPlace, type ObtainedToken } from "./token-cache.js";
import type { ServiceName } from "../services.js";

/** What connecting needs from the CLI's Context; tests hand in their own. */
export interface ConnectContext {
  readonly profile: string;
  readonly env: NodeJS.ProcessEnv;
  readonly out: Logger;
  /** The run's overall budget, shared by every client the run opens. */
  readonly deadline?: Deadline;
  config(): Promise<ProfileConfig>;
  credentials(): Promise<CredentialStore>;
}

export interface ConnectOptions {
  dispatcher?: Dispatcher;
  now?: Now;
  sleep?: Sleep;
  counter?: RequestCounter;
  retry?: Partial<RetryOptions>;
}

/** For a person waiting at a prompt (`auth login`): a server that cannot be reached is tried twice, not five times. */
export const WHILE_A_PERSON_WAITS: ConnectOptions = { retry: { maxUnreachableAttempts: 2 } };

export type NinjaFlow = "client-credentials" | "authorization-code";

/** The token of this run, as `auth status` reports it. */
export interface TokenInfo {
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Granted scopes, where the service reports them. */
  scopes?: string[];
  /** Whether the token acts for a user (NinjaOne's authorization-code flow). */
  userContext?: boolean;
  /** Kept by an earlier run and reused, rather than asked of the service now. */
  cached?: boolean;
  /** False when the service stated no lifetime, so `expiresAt` is our own short assumption. */
  expiryStated?: boolean;
}

/**
 * Keep tokens between runs, beside the client secret they are obtained with. The connect*
 * functions give it; `auth login` does not, so it always tests the credentials it was given.
 */
export interface KeepTokens {
  store: CredentialStore;
  /** Where the client secret was read from. */
  secretSource: ResolvedSecret["source"];
}

export interface ServiceConnection {
  readonly service: ServiceName;
  /** Authenticated client for the service's API. */
  readonly http: HttpClient;
  /** How a person names what we are connected to: a NinjaOne instance, a data center, a CIPP URL. */
  readonly instance: string;
  readonly authMethod: string;
  /** Gets (or reuses) a token now, so a bad credential shows before any real work. */
  authenticate(): Promise<TokenInfo>;
}

export interface NinjaOneConnection extends ServiceConnection {
  readonly service: "ninjaone";
  readonly baseUrl: string;
  readonly clientId: string;
  readonly flow: NinjaFlow;
}

export interface AcronisConnection extends ServiceConnection {
  readonly service: "acronis";
  readonly clientId: string;
  /** The tenant the API client was created in: from the profile, else asked of Acronis once. */
  ownTenantId(): Promise<string>;
}

export interface CippConnection extends ServiceConnection {
  readonly service: "cipp";
  readonly tenantId: string;
}

/** Settings a service cannot work without. */
export const REQUIRED_SETTINGS: Readonly<Record<ServiceName, readonly SettingKey[]>> = {
  ninjaone: ["ninjaone.instance", "ninjaone.clientId"],
  acronis: ["acronis.url", "acronis.clientId"],
  cipp: ["cipp.url", "cipp.tenantId", "cipp.clientId"],
};

/** Whether flags-free settings (environment or profile) name this service at all. */
export function isConfigured(config: ProfileConfig, env: NodeJS.ProcessEnv, service: ServiceName): boolean {
  return REQUIRED_SETTINGS[service].some((key) => config.resolve(key, env) !== undefined);
}

function settingOf(config: ProfileConfig, env: NodeJS.ProcessEnv, key: SettingKey): string | undefined {
  const resolved = config.resolve(key, env);
  return resolved === undefined ? undefined : String(resolved.value);
}

function requiredSetting(ctx: ConnectContext, config: ProfileConfig, key: SettingKey, service: ServiceName): string {
  const value = settingOf(config, ctx.env, key);
  if (value !== undefined) return value;
  throw new ConfigError(`${key} is not set in profile "${ctx.profile}"`, {
    hint: `run \`ninja-bridge auth login ${service}\`, or set ${settingEnvName(key)} (cron, CI)`,
  });
}

/** How a person stores this profile's secrets of a service. */
export function loginCommand(profile: string, service: ServiceName, flags = ""): string {
  return `ninja-bridge${profile === "default" ? "" : ` --profile ${profile}`} auth login ${service}${flags}`;
}

async function requiredSecret(ctx: ConnectContext, store: CredentialStore, service: ServiceName, key: string): Promise<ResolvedSecret> {
  const found = await store.get({ profile: ctx.profile, service, key });
  if (found !== undefined) return found;
  throw missingSecretError(store, { profile: ctx.profile, service, key }, loginCommand(ctx.profile, service));
}

export interface HttpSettings {
  rateLimit: number;
  timeoutMs: number;
  maxResponseBytes?: number;
}

export function httpSettings(config: ProfileConfig, env: NodeJS.ProcessEnv, service: ServiceName): HttpSettings {
  const rate = config.resolve(`${service}.rateLimit` as SettingKey, env)?.value;
  const timeout = config.resolve("http.timeoutSeconds", env)?.value;
  const maxResponse = config.resolve("http.maxResponseMegabytes", env)?.value;
  return { rateLimit: Number(rate ?? 5), timeoutMs: Number(timeout ?? 30) * 1000, maxResponseBytes: Number(maxResponse ?? 64) * 1_048_576 };
}

/** Tokens seen in this run that the credential store does not know by value (rotated refresh tokens). */
class LearnedSecrets {
  private readonly values = new Set<string>();
  add(value: string): void {
    this.values.add(value);
  }
  source = (): string[] => [...knownSecretValues(), ...this.values];
}

function httpClient(
  ctx: ConnectContext,
  options: ConnectOptions,
  parts: { service: ServiceName; baseUrl: string; settings?: HttpSettings; tokenProvider?: TokenProvider; secrets: LearnedSecrets },
): HttpClient {
  return new HttpClient({
    service: parts.service,
    baseUrl: parts.baseUrl,
    tokenProvider: parts.tokenProvider,
    rateLimit: parts.settings?.rateLimit,
    timeoutMs: parts.settings?.timeoutMs,
    maxResponseBytes: parts.settings?.maxResponseBytes,
    deadline: ctx.deadline,
    logger: ctx.out,
    redact: parts.secrets.source,
    dispatcher: options.dispatcher,
    now: options.now,
    sleep: options.sleep,
    counter: options.counter,
    retry: options.retry,
  });
}

/** `obtain` through the token cache of this service and identity, when tokens are kept between runs. */
function kept(
  ctx: ConnectContext,
  keep: KeepTokens | undefined,
  service: ServiceName,
  identity: Record<string, string | readonly string[]>,
  now: Now,
  obtain: (refused: ReadonlySet<string>) => Promise<IssuedToken & { scopes?: string[] }>,
): (refused: ReadonlySet<string>) => Promise<ObtainedToken> {
  if (keep === undefined) return obtain;
  const cache = new TokenCache(keep.store, ctx.profile, service, tokenFingerprint({ service, ...identity }), ctx.out);
  return throughCache(cache, tokenPlace(keep.secretSource, keep.store), now, obtain);
}

/** A cached token provider that remembers what the last token was, for `auth status`. */
class ObservedTokens {
  last: TokenInfo | undefined;
  readonly provider: CachedTokenProvider;

  constructor(obtain: (refused: ReadonlySet<string>) => Promise<ObtainedToken>, now: Now | undefined, userContext?: boolean) {
    this.provider = new CachedTokenProvider(
      async (refused) => {
        const token = await obtain(refused);
        this.last = {
          expiresAt: token.expiresAt,
          ...(token.scopes ? { scopes: token.scopes } : {}),
          ...(userContext === undefined ? {} : { userContext }),
          cached: token.cached === true,
          expiryStated: token.expiryStated !== false,
        };
        return token;
      },
      now === undefined ? {} : { now },
    );
  }

  async authenticate(): Promise<TokenInfo> {
    await this.provider.getToken();
    return this.last as TokenInfo;
  }
}

export interface NinjaOneConnectionSpec {
  instance: NinjaInstance;
  app: NinjaApp;
  flow: NinjaFlow;
  scopes: readonly string[];
  http?: HttpSettings;
  /** For the client-credentials flow; the authorization-code flow always keeps its tokens (they come from a stored refresh token). */
  keepTokens?: KeepTokens;
}

/** A NinjaOne connection from explicit values (`auth login` uses it before anything is saved). */
export function openNinjaOne(ctx: ConnectContext, store: CredentialStore, spec: NinjaOneConnectionSpec, options: ConnectOptions = {}): NinjaOneConnection {
  const secrets = new LearnedSecrets();
  secrets.add(spec.app.clientSecret);
  const now = options.now ?? Date.now;
  const identity = { flow: spec.flow, baseUrl: spec.instance.baseUrl, clientId: spec.app.clientId };
  const obtain =
    spec.flow === "client-credentials"
      ? kept(ctx, spec.keepTokens, "ninjaone", { ...identity, scopes: spec.scopes }, now, () =>
          requestNinjaToken(http, spec.app, { type: "client_credentials", scopes: spec.scopes }, now),
        )
      : (refused: ReadonlySet<string>): Promise<ObtainedToken> =>
          obtainUserToken(
            {
              store,
              cache: new TokenCache(store, ctx.profile, "ninjaone", tokenFingerprint({ service: "ninjaone", ...identity }), ctx.out),
              profile: ctx.profile,
              env: ctx.env,
              http,
              app: spec.app,
              now,
              logger: ctx.out,
              ...(ctx.deadline === undefined ? {} : { deadline: ctx.deadline }),
              login: loginCommand(ctx.profile, "ninjaone", " --flow authorization-code"),
              learn: (secret) => secrets.add(secret),
            },
            refused,
          );
  const tokens = new ObservedTokens(obtain, options.now, spec.flow === "authorization-code");
  const http = httpClient(ctx, options, { service: "ninjaone", baseUrl: spec.instance.baseUrl, settings: spec.http, tokenProvider: tokens.provider, secrets });
  return {
    service: "ninjaone",
    http,
    baseUrl: spec.instance.baseUrl,
    instance: spec.instance.label,
    clientId: spec.app.clientId,
    flow: spec.flow,
    authMethod: spec.flow,
    authenticate: () => tokens.authenticate(),
  };
}

/** NinjaOne as the profile, the environment and the credential store describe it. */
export async function connectNinjaOne(ctx: ConnectContext, options: ConnectOptions = {}): Promise<NinjaOneConnection> {
  const config = await ctx.config();
  const instance = resolveNinjaInstance(requiredSetting(ctx, config, "ninjaone.instance", "ninjaone"));
  const clientId = requiredSetting(ctx, config, "ninjaone.clientId", "ninjaone");
  const flow = (settingOf(config, ctx.env, "ninjaone.flow") ?? "client-credentials") as NinjaFlow;
  const scopes = parseScopes(settingOf(config, ctx.env, "ninjaone.scopes") ?? "");
  const store = await ctx.credentials();
  const secret = await requiredSecret(ctx, store, "ninjaone", "client_secret");
  const keepTokens = { store, secretSource: secret.source };
  return openNinjaOne(ctx, store, { instance, app: { clientId, clientSecret: secret.value }, flow, scopes, http: httpSettings(config, ctx.env, "ninjaone"), keepTokens }, options);
}

export interface AcronisConnectionSpec {
  baseUrl: string;
  client: AcronisApiClient;
  tenantId?: string;
  http?: HttpSettings;
  keepTokens?: KeepTokens;
}

export function openAcronis(ctx: ConnectContext, spec: AcronisConnectionSpec, options: ConnectOptions = {}): AcronisConnection {
  const secrets = new LearnedSecrets();
  secrets.add(spec.client.clientSecret);
  const now = options.now ?? Date.now;
  const identity = { baseUrl: spec.baseUrl, clientId: spec.client.clientId };
  const tokens = new ObservedTokens(
    kept(ctx, spec.keepTokens, "acronis", identity, now, () => requestAcronisToken(http, spec.client, now)),
    options.now,
  );
  const http = httpClient(ctx, options, { service: "acronis", baseUrl: spec.baseUrl, settings: spec.http, tokenProvider: tokens.provider, secrets });
  let tenant: Promise<string> | undefined = spec.tenantId === undefined ? undefined : Promise.resolve(spec.tenantId);
  return {
    service: "acronis",
    http,
    instance: new URL(spec.baseUrl).host,
    clientId: spec.client.clientId,
    authMethod: "api-client",
    authenticate: () => tokens.authenticate(),
    ownTenantId: () => (tenant ??= fetchAcronisClientTenant(http, spec.client.clientId)),
  };
}

export async function connectAcronis(ctx: ConnectContext, options: ConnectOptions = {}): Promise<AcronisConnection> {
  const config = await ctx.config();
  const baseUrl = requiredSetting(ctx, config, "acronis.url", "acronis");
  const clientId = requiredSetting(ctx, config, "acronis.clientId", "acronis");
  const store = await ctx.credentials();
  const secret = await requiredSecret(ctx, store, "acronis", "client_secret");
  const tenantId = settingOf(config, ctx.env, "acronis.tenantId");
  const keepTokens = { store, secretSource: secret.source };
  return openAcronis(
    ctx,
    { baseUrl, client: { clientId, clientSecret: secret.value }, http: httpSettings(config, ctx.env, "acronis"), keepTokens, ...(tenantId === undefined ? {} : { tenantId }) },
    options,
  );
}

export interface CippConnectionSpec {
  baseUrl: string;
  app: CippApp;
  tokenUrl: string;
  http?: HttpSettings;
  keepTokens?: KeepTokens;
}

export function openCipp(ctx: ConnectContext, spec: CippConnectionSpec, options: ConnectOptions = {}): CippConnection {
  const secrets = new LearnedSecrets();
  secrets.add(spec.app.clientSecret);
  const now = options.now ?? Date.now;
  const tokenUrl = new URL(spec.tokenUrl);
  const tokenHttp = httpClient(ctx, options, { service: "cipp", baseUrl: tokenUrl.origin, settings: spec.http, secrets });
  const identity = { baseUrl: spec.baseUrl, tokenUrl: spec.tokenUrl, tenantId: spec.app.tenantId, clientId: spec.app.clientId, scope: spec.app.scope };
  const tokens = new ObservedTokens(
    kept(ctx, spec.keepTokens, "cipp", identity, now, () => requestCippToken(tokenHttp, `${tokenUrl.pathname}${tokenUrl.search}`, spec.app, now)),
    options.now,
  );
  const http = httpClient(ctx, options, { service: "cipp", baseUrl: spec.baseUrl, settings: spec.http, tokenProvider: tokens.provider, secrets });
  return {
    service: "cipp",
    http,
    instance: new URL(spec.baseUrl).host,
    tenantId: spec.app.tenantId,
    authMethod: "entra-app",
    authenticate: () => tokens.authenticate(),
  };
}

export async function connectCipp(ctx: ConnectContext, options: ConnectOptions = {}): Promise<CippConnection> {
  const config = await ctx.config();
  const baseUrl = requiredSetting(ctx, config, "cipp.url", "cipp");
  const tenantId = requiredSetting(ctx, config, "cipp.tenantId", "cipp");
  const clientId = requiredSetting(ctx, config, "cipp.clientId", "cipp");
  const store = await ctx.credentials();
  const secret = await requiredSecret(ctx, store, "cipp", "client_secret");
  const scope = settingOf(config, ctx.env, "cipp.scope") ?? defaultCippScope(clientId);
  const tokenUrl = settingOf(config, ctx.env, "cipp.tokenUrl") ?? defaultCippTokenUrl(tenantId);
  const keepTokens = { store, secretSource: secret.source };
  return openCipp(ctx, { baseUrl, tokenUrl, app: { tenantId, clientId, clientSecret: secret.value, scope }, http: httpSettings(config, ctx.env, "cipp"), keepTokens }, options);
}
