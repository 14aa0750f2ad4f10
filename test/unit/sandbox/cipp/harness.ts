import type { SandboxResponse, ServiceContext, ServiceHandler } from "../../../../src/sandbox/contract.js";
import { createCippService } from "../../../../src/sandbox/cipp/index.js";
import { buildRequest, context, type CallOptions } from "../acronis/harness.js";

export interface CippHarness {
  service: ServiceHandler;
  ctx: ServiceContext;
  advance(seconds: number): void;
  call(method: string, path: string, options?: CallOptions): SandboxResponse;
  tokenResponse(form?: Record<string, string>, tenant?: string): SandboxResponse;
  token(): string;
  api(path: string, query?: Record<string, string>): SandboxResponse;
  control(method: string, path: string, options?: CallOptions): SandboxResponse;
}

export function cippHarness(ctxAndClock = context()): CippHarness {
  const { ctx, advance } = ctxAndClock;
  const service = createCippService(ctx);
  const creds = service.credentials as Record<string, string>;
  const sync = (r: ReturnType<ServiceHandler["handle"]>): SandboxResponse => {
    if (r instanceof Promise) throw new Error("the CIPP service answers synchronously");
    return r;
  };
  const h: CippHarness = {
    service,
    ctx,
    advance,
    call: (method, path, options) => sync(service.handle(buildRequest(method, path, options))),
    tokenResponse: (form = {}, tenant = creds["tenant_id"] as string) => {
      const fields = { grant_type: "client_credentials", client_id: creds["client_id"] as string, client_secret: creds["client_secret"] as string, scope: creds["scope"] as string, ...form };
      const bodyText = new URLSearchParams(Object.entries(fields).filter(([, v]) => v !== "")).toString();
      return h.call("POST", `/${tenant}/oauth2/v2.0/token`, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: bodyText });
    },
    token: () => (h.tokenResponse().body as { access_token: string }).access_token,
    api: (path, query = {}) => h.call("GET", path, { query, headers: { authorization: `Bearer ${h.token()}` } }),
    control: (method, path, options) => {
      const r = service.control?.(buildRequest(method, path, options));
      if (r === undefined || r instanceof Promise) throw new Error(`no control route ${method} ${path}`);
      return r;
    },
  };
  return h;
}
