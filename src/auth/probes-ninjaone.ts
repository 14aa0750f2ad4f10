import { z } from "zod";
import type { NinjaOneConnection } from "../clients/connect.js";
import { ApiError, NotFoundError } from "../errors.js";
import { plural } from "../plural.js";
import { type Check, type FixFor, reportOf, runCheck, type ServiceReport, tokenFacts, type TokenFacts } from "./service-report.js";

const list = z.array(z.unknown());

/** NinjaOne answers a missing scope with 401 insufficient_privileges (reference §2), not 403. */
function missingScope(scope: string): FixFor {
  return (error) => {
    if (error instanceof ApiError && error.code === "insufficient_privileges") {
      return `grant the "${scope}" scope to the app under Administration → Apps → API and include it in ninjaone.scopes, then run \`ninja-bridge auth login ninjaone\``;
    }
    if (error instanceof NotFoundError) return "this endpoint is not available on this NinjaOne instance yet (instances run different releases)";
    return undefined;
  };
}

/** Proves what later jobs need from NinjaOne: organizations, custom field definitions, ticket forms. */
export async function probeNinjaOne(connection: NinjaOneConnection): Promise<ServiceReport> {
  const base = { service: "ninjaone" as const, configured: true, instance: connection.instance, authMethod: connection.authMethod };
  let scopes: string[] = [];
  let userContext = false;
  let facts: TokenFacts = {};
  const token = await runCheck("token", async () => {
    const info = await connection.authenticate();
    scopes = info.scopes ?? [];
    userContext = info.userContext === true;
    facts = tokenFacts(info);
    return `scopes: ${scopes.join(" ") || "(none reported)"}; user context: ${userContext ? "yes" : "no"}`;
  });
  if (!token.ok) return reportOf({ ...base, checks: [token] });

  const { http } = connection;
  const checks: Check[] = [token];
  checks.push(
    await runCheck(
      "organizations",
      async () => {
        const orgs = await http.request({ method: "GET", path: "/v2/organizations", query: { pageSize: 1 }, schema: list });
        return orgs.length === 0 ? "none visible" : "listed";
      },
      missingScope("monitoring"),
    ),
  );
  checks.push(
    await runCheck(
      "custom fields",
      async () => plural((await http.request({ method: "GET", path: "/v2/device-custom-fields", query: { scopes: "all" }, schema: list })).length, "definition"),
      missingScope("monitoring"),
    ),
  );
  checks.push(
    await runCheck(
      "ticket forms",
      async () => plural((await http.request({ method: "GET", path: "/v2/ticketing/ticket-form", schema: list })).length, "form"),
      missingScope("monitoring"),
    ),
  );
  if (!scopes.includes("management")) {
    checks.push({
      name: "write scope",
      ok: false,
      severity: "warning",
      detail: "the token has no management scope: fields sync and tickets sync cannot write to NinjaOne",
      fix: 'grant "management" to the app and run `ninja-bridge auth login ninjaone --scopes "monitoring management"`',
    });
  }
  return reportOf({ ...base, checks, scopes, userContext, ...facts });
}
