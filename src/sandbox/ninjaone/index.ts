import type { SandboxRequest, SandboxResponse, ServiceContext, ServiceFactory, ServiceHandler } from "../contract.js";
import { bearerToken, matchPath } from "../http-util.js";
import { appCredentials } from "./apps.js";
import { boardRoutes } from "./boards.js";
import { handleControl } from "./control.js";
import { customFieldRoutes } from "./custom-fields.js";
import { deviceRoutes } from "./devices.js";
import { documentRoutes } from "./documents.js";
import { appError, insufficientPrivileges, userContextRequired } from "./errors.js";
import { NinjaOAuth } from "./oauth.js";
import { DEFAULT_NINJAONE_OPTIONS, type NinjaOneOptions } from "./options.js";
import { organizationRoutes } from "./organizations.js";
import type { ApiRoute } from "./routing.js";
import { scriptRoutes, scriptRunsView } from "./scripts.js";
import { seedWorld } from "./seed.js";
import { ticketingRoutes } from "./ticketing.js";
import { userRoutes } from "./users.js";

/**
 * The simulated NinjaOne public API v2: OAuth under /ws, resources under /v2 (and the same
 * resources under /api/v2, as the reference says the real instances serve them).
 */

/** Documentation first: `/v2/organization/documents` would otherwise match `/v2/organization/{id}`. */
const API_ROUTES: readonly ApiRoute[] = [...documentRoutes, ...organizationRoutes, ...deviceRoutes, ...customFieldRoutes, ...ticketingRoutes, ...boardRoutes, ...userRoutes, ...scriptRoutes];

function findRoute(method: string, path: string): { route: ApiRoute; params: Record<string, string> } | undefined {
  for (const route of API_ROUTES) {
    if (route.method !== method) continue;
    const params = matchPath(route.template, path);
    if (params !== undefined) return { route, params };
  }
  return undefined;
}

export function createNinjaOneServiceWith(ctx: ServiceContext, initialOptions: NinjaOneOptions): ServiceHandler {
  const world = seedWorld(ctx);
  let options = { ...initialOptions };
  const oauth = new NinjaOAuth(ctx, () => options);

  function handleApi(req: SandboxRequest, path: string): SandboxResponse {
    const method = req.method.toUpperCase();
    const found = findRoute(method, path);
    if (found === undefined) return appError(404, `No endpoint ${method} ${path}`);
    const { route, params } = found;
    const routeName = `${route.method} ${route.template}`;
    const auth = oauth.authenticate(req);
    if (!auth.ok) return { ...auth.response, route: routeName };
    if (!auth.token.scopes.includes(route.scope)) {
      return { ...(route.scopeRefusal === "forbidden" ? appError(403, "Forbidden") : insufficientPrivileges()), route: routeName };
    }
    if (route.ticketWrite === true && options.ticketWritesNeedUserContext && !auth.token.userContext) {
      return { ...userContextRequired(), route: routeName };
    }
    return route.handle({ world, ctx, options, token: auth.token, params, req, route: routeName });
  }

  return {
    id: "ninjaone",
    credentials: appCredentials(),
    handle(req) {
      const method = req.method.toUpperCase();
      if (req.path === "/ws/oauth/token" && method === "POST") return oauth.token(req);
      if (req.path === "/ws/oauth/authorize" && method === "GET") return oauth.authorize(req);
      if (req.path === "/ws/oauth/error" && method === "GET") return oauth.errorPage(req);
      const path = req.path.startsWith("/api/v2/") ? req.path.slice("/api".length) : req.path;
      return handleApi(req, path);
    },
    revokeTokens: () => oauth.revokeAccessTokens(),
    clientKey(req) {
      const bearer = bearerToken(req);
      if (bearer !== undefined) return oauth.accessToken(bearer)?.clientId ?? `token:${bearer.slice(0, 12)}`;
      if (req.path === "/ws/oauth/token") return oauth.tokenRequestClient(req);
      return undefined;
    },
    control(req) {
      if (req.method.toUpperCase() === "GET" && req.path.replace(/\/+$/, "") === "/script-runs") return scriptRunsView(ctx.agentInstalls);
      return handleControl(req, world, ctx.now, {
        get: () => options,
        set: (next) => {
          options = next;
        },
      });
    },
  };
}

export const createNinjaOneService: ServiceFactory = (ctx) => createNinjaOneServiceWith(ctx, DEFAULT_NINJAONE_OPTIONS);
