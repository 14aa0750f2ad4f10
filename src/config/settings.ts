import { z } from "zod";
import { ConfigError, UsageError } from "../errors.js";
import { DEFAULT_DEADLINE, parseDuration } from "../http/deadline.js";

/**
 * Every profile setting the tool knows, with how to parse it from a string (flags, the
 * environment and `config set` all give strings) and its default. Secrets are not
 * settings: they live in the credential store.
 */
export interface SettingSpec {
  description: string;
  schema: z.ZodType<string | number>;
  default?: string | number;
}

const text = z.string().trim().min(1, "must not be empty");
const rateWords = "must be a number of requests per second above 0 and at most 1000";
const rate = z.coerce.number({ error: rateWords }).positive(rateWords).max(1000, rateWords);

/** Every way a whole number can be wrong gets the same plain words, never zod's "expected number, received NaN". */
function wholeNumber(min: number, max: number) {
  const words = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: words }).int(words).min(min, words).max(max, words);
}
const httpsUrl = z
  .string()
  .trim()
  .url("must be a URL such as https://eu2-cloud.acronis.com")
  .refine((u) => /^https:\/\//i.test(u) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(u), {
    message: "must use https (plain http only for a sandbox on 127.0.0.1)",
  })
  .transform((u) => u.replace(/\/+$/, ""));

export const SETTINGS = {
  "ninjaone.instance": {
    description: "NinjaOne instance: app, us2, eu, ca, oc, a <host>.ninjarmm.com or <host>.ninjaone.com, or a sandbox URL",
    schema: text,
  },
  "ninjaone.clientId": { description: "NinjaOne API application client id", schema: text },
  "ninjaone.flow": {
    description: "NinjaOne OAuth flow: client-credentials or authorization-code",
    schema: z.enum(["client-credentials", "authorization-code"], { error: "must be client-credentials or authorization-code" }),
    default: "client-credentials",
  },
  "ninjaone.scopes": {
    description: "NinjaOne OAuth scopes, space-separated",
    schema: text,
    default: "monitoring management",
  },
  "ninjaone.redirectPort": {
    description: "Port of the loopback redirect URI (http://127.0.0.1:<port>/callback) for the authorization-code flow",
    schema: wholeNumber(0, 65535),
    default: 8976,
  },
  "ninjaone.rateLimit": { description: "NinjaOne requests per second", schema: rate, default: 5 },
  "acronis.url": { description: "Acronis data center URL, e.g. https://eu2-cloud.acronis.com", schema: httpsUrl },
  "acronis.clientId": { description: "Acronis API client id", schema: text },
  "acronis.tenantId": { description: "Tenant the Acronis API client belongs to (remembered by auth login)", schema: text },
  "acronis.rateLimit": { description: "Acronis requests per second", schema: rate, default: 10 },
  "cipp.url": { description: "CIPP API base URL", schema: httpsUrl },
  "cipp.tenantId": { description: "Entra ID tenant of the CIPP API application", schema: text },
  "cipp.clientId": { description: "CIPP API application (client) id", schema: text },
  "cipp.scope": { description: "OAuth scope of the CIPP API, e.g. api://<app id>/.default", schema: text },
  "cipp.tokenUrl": {
    description: "Token endpoint of the CIPP API application (default: https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token)",
    schema: httpsUrl,
  },
  "cipp.rateLimit": { description: "CIPP requests per second", schema: rate, default: 5 },
  "sync.jobs": {
    description: "Jobs `sync` runs, comma-separated: automap, provision, deprovision, tickets, fields; compliance, docs and agents run only when named",
    schema: text,
    default: "automap,provision,deprovision,tickets,fields",
  },
  "sync.cippRefreshMinutes": {
    description: "In `sync`, re-read a Microsoft 365 tenant through CIPP for fields at most this often, in minutes (0 = every run)",
    schema: wholeNumber(0, 10_080),
    default: 360,
  },
  "sync.deadline": {
    description: "Overall time budget of one `sync` run (30m, 90s, 2h); `--deadline` overrides it",
    schema: text.refine((t) => (parseDuration(t) ?? 0) > 0, "must be a duration such as 30m, 90s, 2h or 1h30m"),
    default: DEFAULT_DEADLINE,
  },
  "sync.maxDuration": {
    description: "How long one `sync` run may take (14m under a 15-minute cron): writes stop in time and what is left waits for the next run, exit 0; `--max-duration` overrides it",
    schema: text.refine((t) => (parseDuration(t) ?? 0) > 0, "must be a duration such as 14m, 90s or 1h"),
  },
  "users.approvalStatus": {
    description: "Ticket status (name or id, as GET /v2/ticketing/statuses lists it) that approves a `users request`",
    schema: text,
  },
  "users.requestOrganization": {
    description: "NinjaOne organization id whose tickets carry `users request` changes for approval",
    schema: wholeNumber(1, 2147483647),
  },
  "users.requestForm": {
    description: "Ticket form id of `users request` tickets (default: the form NinjaOne marks default)",
    schema: wholeNumber(1, 2147483647),
  },
  "users.tokenAccount": {
    description: "E-mail or uid of the NinjaOne account the token signs in as (authorization-code flow); `users apply` never changes it",
    schema: text,
  },
  "users.adminRole": {
    description: "Technician role that grants administrator access; `users apply` never removes its last enabled member",
    schema: text,
    default: "Administrator",
  },
  "http.timeoutSeconds": {
    description: "Time-out of one HTTP request, in seconds",
    schema: wholeNumber(1, 600),
    default: 30,
  },
  "http.maxResponseMegabytes": {
    description: "Largest response body read, in megabytes (MiB); a larger one is an error naming the request and its size",
    schema: wholeNumber(1, 4096),
    default: 64,
  },
} satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;
export const SETTING_KEYS = Object.keys(SETTINGS).sort() as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

const SECRET_WORDS = /secret|password|token|apikey|api_key|credential/i;

/** Checks a key a user typed; the error names the keys that exist, or where secrets go. */
export function assertSettingKey(key: string): asserts key is SettingKey {
  if (isSettingKey(key)) return;
  if (SECRET_WORDS.test(key)) {
    throw new ConfigError(`"${key}" is a secret, and secrets are never kept in the profile config`, {
      hint: "give it through the environment (e.g. NINJA_BRIDGE_NINJAONE_CLIENT_SECRET) or the credential store",
    });
  }
  throw new ConfigError(`unknown setting "${key}"`, {
    hint: `known settings: ${SETTING_KEYS.join(", ")} (see 'ninja-bridge config list')`,
  });
}

export function parseSetting(key: SettingKey, raw: string, source: string): string | number {
  const spec: SettingSpec = SETTINGS[key];
  const result = spec.schema.safeParse(raw);
  if (!result.success) {
    const reason = result.error.issues[0]?.message ?? "invalid value";
    throw new ConfigError(`${key} from ${source}: ${reason} (got ${JSON.stringify(raw)})`, {
      hint: spec.description,
    });
  }
  return result.data;
}

/** A setting given as a flag: a bad value is a usage error naming the flag, as other flags' are. */
export function parseSettingFlag(key: SettingKey, raw: string, flagName: string): string | number {
  const spec: SettingSpec = SETTINGS[key];
  const result = spec.schema.safeParse(raw);
  if (!result.success) throw new UsageError(`${flagName} ${result.error.issues[0]?.message ?? "is not valid"}, not ${JSON.stringify(raw)}`, { hint: spec.description });
  return result.data;
}

/** `ninjaone.clientId` → `NINJA_BRIDGE_NINJAONE_CLIENT_ID`. */
export function settingEnvName(key: SettingKey): string {
  return `NINJA_BRIDGE_${key.replace(/\./g, "_").replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`;
}
