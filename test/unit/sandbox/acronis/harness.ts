import { AgentInstallLog } from "../../../../src/sandbox/shared/agent-installs.js";
import { type EstateParams, FAULT_KINDS, type Knobs, type SandboxRequest, type SandboxResponse, type SeedEstate, type ServiceContext, type ServiceHandler } from "../../../../src/sandbox/contract.js";
import { createAcronisServiceWith } from "../../../../src/sandbox/acronis/index.js";
import type { AcronisOptions } from "../../../../src/sandbox/acronis/service-state.js";
import { DEMO_ESTATE } from "../../../../src/sandbox/seed/demo-estate.js";

export const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);

export interface Harness {
  service: ServiceHandler;
  ctx: ServiceContext;
  /** Moves the service's clock forward. */
  advance(seconds: number): void;
  call(method: string, path: string, options?: CallOptions): SandboxResponse;
  /** A call with a fresh bearer token. */
  api(method: string, path: string, options?: CallOptions): SandboxResponse;
  control(method: string, path: string, options?: CallOptions): SandboxResponse;
  token(): string;
}

export interface CallOptions {
  query?: string | Record<string, string | string[]>;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
}

function toQuery(query: CallOptions["query"]): URLSearchParams {
  if (query === undefined) return new URLSearchParams();
  if (typeof query === "string") return new URLSearchParams(query);
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
  return out;
}

export function buildRequest(method: string, path: string, options: CallOptions = {}): SandboxRequest {
  const headers: Record<string, string> = { ...options.headers };
  let body = options.body ?? "";
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] ??= "application/json";
  }
  return { method, path, query: toQuery(options.query), headers, body: Buffer.from(body), baseUrl: "http://127.0.0.1:1" };
}

export function knobs(): Knobs {
  return { latencyMs: 0, rateLimit: { ninjaone: 0, acronis: 0, cipp: 0 }, faultRate: 0, faultKinds: [...FAULT_KINDS], faultRoutes: [], tokenLifetimeSec: 7200, stallAfterRequests: 0, trickleMs: { ninjaone: 0, acronis: 0, cipp: 0 } };
}

export function context(estate: SeedEstate = DEMO_ESTATE, kind: "demo" | "generated" = "demo", params: Partial<EstateParams> = {}): { ctx: ServiceContext; advance: (s: number) => void } {
  let now = T0;
  const ctx: ServiceContext = {
    estate,
    kind,
    params: { seed: 7, orgs: estate.orgs.length, devicesPerOrg: 3, alerts: 10, ...params },
    knobs: knobs(),
    now: () => now,
    agentInstalls: new AgentInstallLog(),
  };
  return { ctx, advance: (s) => (now += s * 1000) };
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

export function acronisHarness(options: Partial<AcronisOptions> = {}, ctxAndClock = context()): Harness {
  const { ctx, advance } = ctxAndClock;
  const service = createAcronisServiceWith(options)(ctx);
  const creds = service.credentials;
  const sync = (r: ReturnType<ServiceHandler["handle"]>): SandboxResponse => {
    if (r instanceof Promise) throw new Error("the Acronis service answers synchronously");
    return r;
  };
  const h: Harness = {
    service,
    ctx,
    advance,
    call: (method, path, options) => sync(service.handle(buildRequest(method, path, options))),
    token: () => {
      const res = h.call("POST", "/api/2/idp/token", {
        headers: { authorization: basic(creds["client_id"] as string, creds["client_secret"] as string), "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      });
      return (res.body as { access_token: string }).access_token;
    },
    api: (method, path, options = {}) => h.call(method, path, { ...options, headers: { authorization: `Bearer ${h.token()}`, ...options.headers } }),
    control: (method, path, options) => {
      const r = service.control?.(buildRequest(method, path, options));
      if (r === undefined || r instanceof Promise) throw new Error(`no control route ${method} ${path}`);
      return r;
    },
  };
  return h;
}

/** The body of a JSON response, typed loosely for assertions. */
export function body<T = Record<string, unknown>>(res: SandboxResponse): T {
  return res.body as T;
}

export function partnerId(h: Harness): string {
  return h.service.credentials["tenant_id"] as string;
}

export interface TenantBody {
  id: string;
  name: string;
  version: number;
  kind: string;
  enabled: boolean;
  pricing_mode: string;
  parent_id: string;
}

export function customers(h: Harness): TenantBody[] {
  return body<{ items: TenantBody[] }>(h.api("GET", "/api/2/tenants", { query: { parent_id: partnerId(h) } })).items;
}

export function customerNamed(h: Harness, name: string): TenantBody {
  const t = customers(h).find((c) => c.name === name);
  if (t === undefined) throw new Error(`no customer ${name}`);
  return t;
}
