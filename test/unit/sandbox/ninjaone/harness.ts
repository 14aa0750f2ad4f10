import { AgentInstallLog } from "../../../../src/sandbox/shared/agent-installs.js";
import { createHash, randomBytes } from "node:crypto";
import { FAULT_KINDS, type Knobs, type SandboxRequest, type SandboxResponse, type SeedEstate, type ServiceContext, type ServiceHandler } from "../../../../src/sandbox/contract.js";
import { M2M_APP, WEB_APP } from "../../../../src/sandbox/ninjaone/apps.js";
import { createNinjaOneServiceWith } from "../../../../src/sandbox/ninjaone/index.js";
import { DEFAULT_NINJAONE_OPTIONS, type NinjaOneOptions } from "../../../../src/sandbox/ninjaone/options.js";
import { DEMO_ESTATE } from "../../../../src/sandbox/seed/demo-estate.js";

/** Drives the NinjaOne service through `handle()` with a clock the test moves. */
export interface Harness {
  service: ServiceHandler;
  knobs: Knobs;
  advance(seconds: number): void;
  call(method: string, path: string, init?: CallInit): Promise<SandboxResponse>;
  control(method: string, path: string, body?: unknown): Promise<SandboxResponse | undefined>;
  /** A client-credentials token of the machine-to-machine app (monitoring management). */
  m2mToken(): Promise<string>;
  /** A user token through authorize + PKCE exchange of the web app. */
  userToken(): Promise<{ access: string; refresh: string }>;
}

export interface CallInit {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  token?: string;
  json?: unknown;
  form?: Record<string, string>;
  body?: Buffer;
}

export const BASE_URL = "http://127.0.0.1:4010";
export const REDIRECT_URI = "http://127.0.0.1:53682/callback";

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function buildRequest(method: string, path: string, init: CallInit = {}): SandboxRequest {
  const headers: Record<string, string | undefined> = {};
  let body = init.body ?? Buffer.alloc(0);
  if (init.json !== undefined) {
    body = Buffer.from(JSON.stringify(init.json));
    headers["content-type"] = "application/json";
  }
  if (init.form !== undefined) {
    body = Buffer.from(new URLSearchParams(init.form).toString());
    headers["content-type"] = "application/x-www-form-urlencoded";
  }
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
  return { method, path, query: new URLSearchParams(init.query ?? {}), headers, body, baseUrl: BASE_URL };
}

export function makeContext(estate: SeedEstate = DEMO_ESTATE, kind: "demo" | "generated" = "demo"): { ctx: ServiceContext; advance(s: number): void } {
  let now = Date.UTC(2025, 5, 2, 9, 0, 0);
  const knobs: Knobs = { latencyMs: 0, rateLimit: { ninjaone: 0, acronis: 0, cipp: 0 }, faultRate: 0, faultKinds: [...FAULT_KINDS], faultRoutes: [], tokenLifetimeSec: 3600, stallAfterRequests: 0, trickleMs: { ninjaone: 0, acronis: 0, cipp: 0 } };
  const ctx: ServiceContext = {
    estate,
    kind,
    params: { seed: 7, orgs: estate.orgs.length, devicesPerOrg: 0, alerts: 0 },
    knobs,
    now: () => now,
    agentInstalls: new AgentInstallLog(),
  };
  return { ctx, advance: (s) => (now += s * 1000) };
}

export function makeHarness(options: Partial<NinjaOneOptions> = {}, estate?: SeedEstate): Harness {
  const { ctx, advance } = makeContext(estate);
  const service = createNinjaOneServiceWith(ctx, { ...DEFAULT_NINJAONE_OPTIONS, ...options });
  const call = async (method: string, path: string, init?: CallInit): Promise<SandboxResponse> =>
    service.handle(buildRequest(method, path, init));
  return {
    service,
    knobs: ctx.knobs,
    advance,
    call,
    control: async (method, path, body) => service.control?.(buildRequest(method, path, body === undefined ? {} : { json: body })),
    async m2mToken() {
      const res = await call("POST", "/ws/oauth/token", {
        form: { grant_type: "client_credentials", client_id: M2M_APP.clientId, client_secret: M2M_APP.clientSecret, scope: "monitoring management" },
      });
      return (res.body as { access_token: string }).access_token;
    },
    async userToken() {
      const { verifier, challenge } = pkcePair();
      const authorize = await call("GET", "/ws/oauth/authorize", {
        query: {
          response_type: "code",
          client_id: WEB_APP.clientId,
          redirect_uri: REDIRECT_URI,
          scope: "monitoring management offline_access",
          state: "s1",
          code_challenge: challenge,
          code_challenge_method: "S256",
        },
      });
      const code = new URL(authorize.headers?.location ?? "").searchParams.get("code") ?? "";
      const res = await call("POST", "/ws/oauth/token", {
        form: {
          grant_type: "authorization_code",
          client_id: WEB_APP.clientId,
          client_secret: WEB_APP.clientSecret,
          code,
          redirect_uri: REDIRECT_URI,
          code_verifier: verifier,
        },
      });
      const body = res.body as { access_token: string; refresh_token: string };
      return { access: body.access_token, refresh: body.refresh_token };
    },
  };
}
