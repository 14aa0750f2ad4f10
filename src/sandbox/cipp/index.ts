import type { SandboxRequest, SandboxResponse, ServiceFactory } from "../contract.js";
import { bearerToken, basicAuth, jsonResponse, matchPath, textResponse } from "../http-util.js";
import { Prng } from "../prng.js";
import { TokenBook } from "../shared/token-book.js";
import { seededUuid } from "../shared/uuid.js";
import { API_ROUTES } from "./api-routes.js";
import { cippControl } from "./control.js";
import { issueEntraToken, type EntraApp } from "./entra-token.js";
import { CippSeeder } from "./seed-builder.js";
import { seedDemo } from "./seed-demo.js";
import { seedGenerated } from "./seed-generated.js";
import { CippStore } from "./store.js";

/** A separate PRNG stream from the other services', so adding data to one never shifts another. */
const SEED_SALT = 0x5eedc199;

/** What Azure App Service authentication answers for a request without a valid token. */
function unauthorized(route: string): SandboxResponse {
  return textResponse(401, "You do not have permission to view this directory or page.", "text/html", {
    route,
    headers: { "www-authenticate": 'Bearer realm="cipp-sandbox"' },
  });
}

/**
 * The simulated CIPP instance: the MSP's Entra token endpoint (`/{tenant}/oauth2/v2.0/token`)
 * and CIPP's API (`/api/ListTenants`, `ListDevices`, `ListUsers`, `ListLicenses`,
 * `ListGraphRequest`), seeded so tenants and Intune devices overlap the NinjaOne estate.
 */
export const createCippService: ServiceFactory = (ctx) => {
  const prng = new Prng((ctx.params.seed ^ SEED_SALT) >>> 0);
  const store = new CippStore();
  const seeder = new CippSeeder(store, prng, ctx.now());
  const app: EntraApp = { tenantId: seededUuid(prng), clientId: seededUuid(prng), clientSecret: `${prng.serial(4).toLowerCase()}8Q~${seededUuid(prng).replace(/-/g, "").slice(0, 30)}` };
  if (ctx.kind === "demo") seedDemo(seeder);
  else seedGenerated(seeder, ctx.estate);
  const tokens = new TokenBook("https://sts.windows.net/" + app.tenantId + "/");

  function handle(req: SandboxRequest): SandboxResponse {
    const token = matchPath("/{tenantId}/oauth2/v2.0/token", req.path);
    if (token !== undefined) {
      if (req.method !== "POST") return jsonResponse(405, { error: "method not allowed" }, { route: "POST /{tenantId}/oauth2/v2.0/token" });
      return issueEntraToken(app, tokens, req, token["tenantId"] ?? "", ctx.now(), ctx.knobs.tokenLifetimeSec);
    }
    const handler = API_ROUTES[req.path];
    const route = `GET ${req.path}`;
    if (handler === undefined) return textResponse(404, "", "text/plain", { route: "unknown" });
    if (tokens.check(bearerToken(req), ctx.now()).state !== "valid") return unauthorized(route);
    if (req.method !== "GET") return jsonResponse(405, { error: "method not allowed" }, { route });
    return handler(store, req, route);
  }

  return {
    id: "cipp",
    credentials: { tenant_id: app.tenantId, client_id: app.clientId, client_secret: app.clientSecret, scope: `api://${app.clientId}/.default` },
    handle,
    // Token requests name their client in the form body (or as HTTP Basic); API calls by token.
    clientKey: (req) => tokens.clientOf(bearerToken(req)) ?? new URLSearchParams(req.body.toString("utf8")).get("client_id") ?? basicAuth(req)?.username,
    control: (req) => cippControl(seeder, req),
    revokeTokens: () => tokens.revokeAll(),
  };
};
