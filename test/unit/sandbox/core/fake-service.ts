import type { ServiceContext, ServiceHandler } from "../../../../src/sandbox/contract.js";
import { bearerToken, jsonResponse } from "../../../../src/sandbox/http-util.js";
import type { ServiceName } from "../../../../src/services.js";

/**
 * A stand-in service for core tests: echoes what it saw and the sandbox time, keys clients
 * by bearer token, throws on /boom, and answers control requests under /echo.
 */
export function fakeService(id: ServiceName, ctx: ServiceContext): ServiceHandler & { seen: string[] } {
  const seen: string[] = [];
  return {
    id,
    seen,
    credentials: { clientId: `${id}-client`, clientSecret: `${id}-secret` },
    handle(req) {
      seen.push(`${req.method} ${req.path}`);
      if (req.path === "/boom") throw new Error("handler exploded");
      if (req.path.startsWith("/items/")) return jsonResponse(200, { item: req.path.slice(7) }, { route: "GET /items/{id}" });
      return jsonResponse(200, { service: id, path: req.path, now: ctx.now(), baseUrl: req.baseUrl, orgs: ctx.estate.orgs.length });
    },
    clientKey: (req) => bearerToken(req),
    control(req) {
      if (req.path === "/echo") return jsonResponse(200, { service: id, method: req.method, body: req.body.toString("utf8") });
      return undefined;
    },
  };
}
