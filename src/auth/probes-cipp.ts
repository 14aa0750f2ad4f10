import { z } from "zod";
import type { CippConnection } from "../clients/connect.js";
import { BridgeError } from "../errors.js";
import { plural } from "../plural.js";
import { reportOf, runCheck, type ServiceReport, tokenFacts, type TokenFacts } from "./service-report.js";

const tenantRow = z.object({ customerId: z.string().optional(), displayName: z.string().optional() }).passthrough();

/** CIPP answers a failed tenant list with one placeholder row instead of an error. */
export function isFailedTenantList(rows: ReadonlyArray<z.infer<typeof tenantRow>>): boolean {
  return rows.length === 1 && !rows[0]?.customerId && /failed to retrieve tenants/i.test(rows[0]?.displayName ?? "");
}

/** Proves the CIPP API answers and can list the Microsoft 365 tenants. */
export async function probeCipp(connection: CippConnection): Promise<ServiceReport> {
  const base = { service: "cipp" as const, configured: true, instance: connection.instance, authMethod: connection.authMethod };
  let facts: TokenFacts = {};
  const token = await runCheck("token", async () => {
    facts = tokenFacts(await connection.authenticate());
    return undefined;
  });
  if (!token.ok) return reportOf({ ...base, checks: [token] });

  const tenants = await runCheck(
    "tenants",
    async () => {
      const rows = await connection.http.request({ method: "GET", path: "/api/ListTenants", schema: z.array(tenantRow) });
      if (isFailedTenantList(rows)) {
        throw new BridgeError("CIPP could not retrieve its tenants", { hint: "run a permission check in CIPP (Settings → Permissions) and fix what it reports" });
      }
      return plural(rows.length, "tenant");
    },
    () => undefined,
  );
  return reportOf({ ...base, checks: [token, tenants], ...facts });
}
