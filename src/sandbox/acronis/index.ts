import type { SandboxRequest, SandboxResponse, ServiceContext, ServiceFactory, ServiceHandler } from "../contract.js";
import { bearerToken, basicAuth, jsonResponse, matchPath, SandboxHttpError } from "../http-util.js";
import { Prng } from "../prng.js";
import { REGISTRATION_ROUTES, settleAgentInstalls } from "./agent-registration.js";
import { ALERT_ROUTES } from "./alert-routes.js";
import { partnerOfferingItems } from "./catalogue.js";
import { acronisControl } from "./control.js";
import { accountError, alertError, agentError, resourceError, unauthorized, type AcronisApi } from "./error-bodies.js";
import { RESOURCE_ROUTES } from "./resource-routes.js";
import { AcronisSeeder } from "./seed-builder.js";
import { seedDemo } from "./seed-demo.js";
import { seedGenerated } from "./seed-generated.js";
import type { AcronisOptions, AcronisState, Route } from "./service-state.js";
import { AcronisStore } from "./store.js";
import { TENANT_ROUTES } from "./tenant-routes.js";
import { TokenBook } from "../shared/token-book.js";
import { TOKEN_ROUTE } from "./token-route.js";
import { USER_ROUTES } from "./user-routes.js";
import { seededUuid } from "../shared/uuid.js";

const ROUTES: Route[] = [TOKEN_ROUTE, ...REGISTRATION_ROUTES, ...TENANT_ROUTES, ...USER_ROUTES, ...ALERT_ROUTES, ...RESOURCE_ROUTES];

/** A separate PRNG stream from the other services', so adding data to one never shifts another. */
const SEED_SALT = 0x5eedac01;

function apiOfPath(path: string): AcronisApi {
  if (path.startsWith("/api/alert_manager/")) return "alerts";
  if (path.startsWith("/api/resource_management/") || path.startsWith("/api/policy_management/")) return "resources";
  if (path.startsWith("/api/agent_manager/")) return "agents";
  return "account";
}

function notFound(api: AcronisApi, message: string, status = 404): SandboxResponse {
  switch (api) {
    case "account":
      return accountError(status, status, message);
    case "alerts":
      return alertError(status, message);
    case "resources":
      return resourceError(status, message);
    case "agents":
      return agentError(status, message);
  }
}

function buildState(ctx: ServiceContext, options: AcronisOptions): AcronisState {
  const prng = new Prng((ctx.params.seed ^ SEED_SALT) >>> 0);
  const store = new AcronisStore();
  const seeder = new AcronisSeeder(store, prng, ctx.now());
  const partner = seeder.tenant(null, "Sandbox MSP Partner", "partner", "production");
  partner.contact = { email: "noc@sandbox-msp.example", firstname: "Sam", lastname: "Operator" };
  partner.offeringItems = partnerOfferingItems();
  seeder.user(partner, "msp-admin", "noc@sandbox-msp.example", true, "partner_admin");
  const client = { id: seededUuid(prng), secret: seededUuid(prng).replace(/-/g, ""), name: "ninja-bridge", tenantId: partner.id };
  if (ctx.kind === "demo") seedDemo(seeder, ctx.estate, partner);
  else seedGenerated(seeder, ctx.estate, partner, ctx.params.alerts);
  return { ctx, store, tokens: new TokenBook("acronis-sandbox"), client, options, registrationTokens: new Map(), settledRuns: new Set(), churns: 0 };
}

function dispatch(state: AcronisState, req: SandboxRequest): SandboxResponse {
  settleAgentInstalls(state);
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchPath(route.template, req.path);
    if (params === undefined) continue;
    pathMatched = true;
    if (route.method !== req.method) continue;
    const name = `${route.method} ${route.template}`;
    if (route.anonymous !== true) {
      const check = state.tokens.check(bearerToken(req), state.ctx.now());
      if (check.state !== "valid") {
        const message = check.state === "expired" ? "Access token has expired" : check.state === "missing" ? "Authorization required" : "Invalid access token";
        return unauthorized(route.api, message, name);
      }
    }
    return route.run(state, req, params, name);
  }
  const api = apiOfPath(req.path);
  return pathMatched ? notFound(api, `method ${req.method} not allowed`, 405) : notFound(api, `no such endpoint: ${req.path}`);
}

/**
 * The simulated Acronis Cyber Protect Cloud: Account Management (token, clients, tenants,
 * pricing, 2FA, offering items, users, search), Alert Manager, Resource Management (workloads
 * and their protection statuses) and Agent Manager, seeded from the NinjaOne estate.
 */
export function createAcronisServiceWith(overrides: Partial<AcronisOptions> = {}): ServiceFactory {
  return (ctx) => {
    const state = buildState(ctx, { workloadSerials: false, alertTenantUuid: false, offeringItemsEcho: false, alertIdsAnyCase: false, alertTimeUnit: "nanoseconds", ...overrides });
    const handler: ServiceHandler = {
      id: "acronis",
      credentials: { client_id: state.client.id, client_secret: state.client.secret, tenant_id: state.client.tenantId, client_name: state.client.name },
      handle(req) {
        try {
          return dispatch(state, req);
        } catch (err) {
          if (err instanceof SandboxHttpError) return err.response;
          throw err;
        }
      },
      clientKey(req) {
        return state.tokens.clientOf(bearerToken(req)) ?? basicAuth(req)?.username;
      },
      revokeTokens: () => state.tokens.revokeAll(),
      control(req) {
        try {
          settleAgentInstalls(state);
          return acronisControl(state, req);
        } catch (err) {
          if (err instanceof SandboxHttpError) return err.response;
          return jsonResponse(500, { error: (err as Error).message });
        }
      },
    };
    return handler;
  };
}

export const createAcronisService: ServiceFactory = createAcronisServiceWith();
