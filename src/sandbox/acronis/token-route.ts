import { basicAuth, jsonResponse, parseFormBody } from "../http-util.js";
import { accountError } from "./error-bodies.js";
import type { Route } from "./service-state.js";

/**
 * `POST /api/2/idp/token`: client credentials sent as HTTP Basic with a form body; answers
 * `expires_on` as absolute UNIX seconds (no `expires_in`), the lifetime read live from the knobs.
 */
export const TOKEN_ROUTE: Route = {
  method: "POST",
  template: "/api/2/idp/token",
  api: "account",
  anonymous: true,
  run: (state, req, _params, route) => {
    const form = parseFormBody(req);
    if (!form.ok) return accountError(415, 415, form.error, route);
    const grant = form.value.get("grant_type");
    if (grant !== "client_credentials") return accountError(400, 400, `unsupported grant_type: ${grant ?? "(none)"}`, route);
    const basic = basicAuth(req);
    if (basic === undefined) return accountError(401, 401, "client credentials must be sent as HTTP Basic", route);
    const id = decodeURIComponent(basic.username);
    const secret = decodeURIComponent(basic.password);
    if (id !== state.client.id || secret !== state.client.secret) return accountError(401, 401, "Invalid client credentials", route);
    const now = state.ctx.now();
    const issued = state.tokens.issue(id, now, state.ctx.knobs.tokenLifetimeSec);
    const idToken = state.tokens.idToken(id, now);
    return jsonResponse(200, { access_token: issued.token, token_type: "bearer", expires_on: Math.floor(issued.expiresAtMs / 1000), id_token: idToken }, { route });
  },
};
