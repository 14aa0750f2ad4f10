import type { SandboxRequest, SandboxResponse, ServiceContext } from "../contract.js";
import { parsePositiveInt } from "../http-util.js";
import { appError } from "./errors.js";
import type { AccessToken } from "./oauth.js";
import type { NinjaOneOptions } from "./options.js";
import type { NinjaWorld } from "./world.js";

/** What every API route handler is given. */
export interface RouteContext {
  world: NinjaWorld;
  ctx: ServiceContext;
  options: NinjaOneOptions;
  token: AccessToken;
  params: Record<string, string>;
  req: SandboxRequest;
  /** The matched template, e.g. `GET /v2/organization/{id}`, for per-endpoint counts. */
  route: string;
}

export interface ApiRoute {
  method: string;
  template: string;
  /** Reads need `monitoring`, writes `management` (per-endpoint needs are undocumented). */
  scope: "monitoring" | "management";
  /** How a token without `scope` is refused: 401 `insufficient_privileges` (reference §2), or 403 where the spec declares it. */
  scopeRefusal?: "forbidden";
  /** Refused for client-credentials tokens when the matching option is on. */
  ticketWrite?: boolean;
  handle(rc: RouteContext): SandboxResponse;
}

/** A path id: int32 in the spec; anything else is a 400 before the handler runs. */
export function pathId(rc: RouteContext, name: string): number | SandboxResponse {
  const raw = rc.params[name];
  const id = parsePositiveInt(raw);
  if (id === undefined || id > 2147483647) return { ...appError(400, `Invalid ${name}: ${raw ?? ""}`), route: rc.route };
  return id;
}

export function notFound(rc: RouteContext, what: string): SandboxResponse {
  return { ...appError(404, `${what} not found`), route: rc.route };
}

export function badRequest(rc: RouteContext, message: string): SandboxResponse {
  return { ...appError(400, message), route: rc.route };
}
