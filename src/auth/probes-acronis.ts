import { z } from "zod";
import type { AcronisConnection } from "../clients/connect.js";
import { type Check, reportOf, runCheck, type ServiceReport, tokenFacts, type TokenFacts } from "./service-report.js";

const tenant = z.object({ id: z.string(), name: z.string(), kind: z.string().optional() });
const tenantList = z.object({ items: z.array(z.unknown()) });

/** Proves the API client can read its own tenant and list the customers under it. */
export async function probeAcronis(connection: AcronisConnection): Promise<ServiceReport> {
  const base = { service: "acronis" as const, configured: true, instance: connection.instance, authMethod: connection.authMethod };
  let facts: TokenFacts = {};
  const token = await runCheck("token", async () => {
    facts = tokenFacts(await connection.authenticate());
    return undefined;
  });
  if (!token.ok) return reportOf({ ...base, checks: [token] });

  const { http } = connection;
  let tenantId: string | undefined;
  const checks: Check[] = [token];
  const own = await runCheck(
    "own tenant",
    async () => {
      tenantId = await connection.ownTenantId();
      const found = await http.request({ method: "GET", path: `/api/2/tenants/${encodeURIComponent(tenantId)}`, schema: tenant });
      return `${found.name}${found.kind === undefined ? "" : ` (${found.kind})`}`;
    },
    () => "check that the API client was created in your partner tenant, then run `ninja-bridge auth login acronis` to remember it",
  );
  checks.push(own);
  if (own.ok && tenantId !== undefined) {
    const parent = tenantId;
    checks.push(
      await runCheck(
        "child tenants",
        async () => {
          const page = await http.request({ method: "GET", path: "/api/2/tenants", query: { parent_id: parent, limit: 1 }, schema: tenantList });
          return page.items.length === 0 ? "none yet" : "listed";
        },
        () => "give the API client's tenant access to its customers (Settings → API clients in the partner tenant)",
      ),
    );
  }
  return reportOf({ ...base, checks, ...facts });
}
