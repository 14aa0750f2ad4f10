import { z } from "zod";
import type { Knobs, SandboxRequest, SandboxResponse, ServiceHandler } from "../contract.js";
import { describeZodError, jsonResponse, parseJsonBody, SandboxHttpError } from "../http-util.js";
import type { SandboxClock } from "./clock.js";
import { applyKnobsPatch, knobsPatchSchema, SERVICE_IDS } from "./knobs.js";
import { describe } from "./pipeline.js";
import type { RequestCounter } from "./request-counts.js";
import type { ServiceName } from "../../services.js";

export interface ControlDeps {
  knobs: Knobs;
  counter: RequestCounter;
  clock: SandboxClock;
  services: Record<ServiceName, ServiceHandler>;
  urls: Record<ServiceName | "control", string>;
  logError(message: string): void;
}

/** The control endpoint changes the sandbox for everyone, so only this machine may call it. */
export function isLoopback(address: string): boolean {
  return address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127.");
}

const advanceSchema = z.strictObject({ seconds: z.number().positive().max(10 * 366 * 86_400) });
const revokeSchema = z.strictObject({ services: z.array(z.enum(SERVICE_IDS)).min(1).optional() });

/** `{"ninjaone": 2, "acronis": 0, …}`: how many access tokens each named service (default: all) revoked. */
function revokeTokens(deps: ControlDeps, req: SandboxRequest): SandboxResponse {
  const { services = SERVICE_IDS } = req.body.length === 0 ? {} : validBody(req, revokeSchema);
  const revoked: Partial<Record<ServiceName, number>> = {};
  for (const id of services) revoked[id] = deps.services[id].revokeTokens?.() ?? 0;
  return jsonResponse(200, { revoked });
}

function error(status: number, code: string, message: string, extra: Record<string, unknown> = {}): SandboxResponse {
  return jsonResponse(status, { error: code, message, ...extra });
}

function methodNotAllowed(allowed: string[]): SandboxResponse {
  return jsonResponse(405, { error: "method_not_allowed", message: `use ${allowed.join(", ")}` }, {
    headers: { allow: allowed.join(", ") },
  });
}

function clockBody(clock: SandboxClock): Record<string, unknown> {
  const now = clock.now();
  return { now, iso: new Date(now).toISOString(), offsetSeconds: clock.offsetSeconds() };
}

/** Parses a JSON body against a schema, or answers 400 naming the field that is wrong. */
function validBody<T>(req: SandboxRequest, schema: z.ZodType<T>): T {
  const raw = parseJsonBody(req);
  if (!raw.ok) throw new SandboxHttpError(error(400, "invalid_json", raw.error));
  const result = schema.safeParse(raw.value);
  if (!result.success) {
    const field = result.error.issues[0]?.path.map(String).join(".") ?? "";
    throw new SandboxHttpError(error(400, "invalid_request", describeZodError(result.error), { field }));
  }
  return result.data;
}

export async function handleControl(deps: ControlDeps, req: SandboxRequest, remoteAddress: string): Promise<SandboxResponse> {
  if (!isLoopback(remoteAddress)) return error(403, "forbidden", "the control endpoint answers loopback clients only");
  try {
    return await route(deps, req);
  } catch (err) {
    if (err instanceof SandboxHttpError) return err.response;
    deps.logError(`sandbox control: ${req.method} ${req.path} failed: ${describe(err)}`);
    return error(500, "internal_error", "control request failed; see the sandbox's stderr");
  }
}

async function route(deps: ControlDeps, req: SandboxRequest): Promise<SandboxResponse> {
  const path = req.path.replace(/\/+$/, "");
  const m = req.method;
  switch (path) {
    case "/control/health":
      return m === "GET" ? jsonResponse(200, { status: "ok", urls: deps.urls }) : methodNotAllowed(["GET"]);
    case "/control/knobs":
      if (m === "GET") return jsonResponse(200, deps.knobs);
      if (m === "PATCH") return jsonResponse(200, applyKnobsPatch(deps.knobs, validBody(req, knobsPatchSchema)));
      return methodNotAllowed(["GET", "PATCH"]);
    case "/control/requests":
      return m === "GET" ? jsonResponse(200, deps.counter.snapshot()) : methodNotAllowed(["GET"]);
    case "/control/requests/reset":
      if (m !== "POST") return methodNotAllowed(["POST"]);
      deps.counter.reset();
      return jsonResponse(200, deps.counter.snapshot());
    case "/control/clock":
      return m === "GET" ? jsonResponse(200, clockBody(deps.clock)) : methodNotAllowed(["GET"]);
    case "/control/tokens/revoke":
      return m === "POST" ? revokeTokens(deps, req) : methodNotAllowed(["POST"]);
    case "/control/clock/advance":
      if (m !== "POST") return methodNotAllowed(["POST"]);
      deps.clock.advance(validBody(req, advanceSchema).seconds);
      return jsonResponse(200, clockBody(deps.clock));
  }
  return (await delegate(deps, req, path)) ?? error(404, "not_found", `no control route ${m} ${req.path}`);
}

/** `/control/<service>/rest` goes to that service's control() with `path` = `/rest`. */
async function delegate(deps: ControlDeps, req: SandboxRequest, path: string): Promise<SandboxResponse | undefined> {
  const match = /^\/control\/([a-z]+)(\/.*)?$/.exec(path);
  const id = SERVICE_IDS.find((s) => s === match?.[1]);
  if (id === undefined) return undefined;
  const handler = deps.services[id];
  if (handler.control === undefined) return undefined;
  return handler.control({ ...req, path: match?.[2] ?? "/", baseUrl: deps.urls[id] });
}
