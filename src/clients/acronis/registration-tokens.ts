import { z } from "zod";
import { rememberSecret } from "../../config/credentials/secret-registry.js";
import type { HttpClient } from "../../http/index.js";

/** A freshly minted agent registration token; a secret, masked in every log from the moment it is read. */
export interface RegistrationToken {
  token: string;
  /** When it stops registering agents: what was asked for, as Acronis echoes no expiry. */
  expiresAt: Date;
}

/**
 * The answer's `token` field is what Acronis' Python sample reads
 * (acronis-cyber-platform-python-examples agent/get_agent_installation_token.py); reference
 * §10 marks the field name UNVERIFIED. Extra fields are ignored.
 */
const tokenSchema = z.object({ token: z.string().min(1) });

/**
 * Mints a token that registers agents into `tenantId` (reference acronis-api §10):
 * `POST /api/2/tenants/{id}/registration_tokens` with `expires_in` and the agent scope naming
 * the tenant. Acronis' own samples leave the scope's tenant part empty against a personal
 * tenant; naming the customer is the reading that cannot register into the wrong one. Not
 * retried: a second token after a lost answer would be a secret nobody holds.
 */
export async function createRegistrationToken(http: HttpClient, tenantId: string, lifetimeSeconds: number, now: Date = new Date()): Promise<RegistrationToken> {
  const body = await http.request({
    method: "POST",
    path: `/api/2/tenants/${encodeURIComponent(tenantId)}/registration_tokens`,
    json: { expires_in: lifetimeSeconds, scopes: [`urn:acronis.com:tenant-id:${tenantId}:backup_agent_admin`] },
    schema: tokenSchema,
  });
  const { token } = body as z.infer<typeof tokenSchema>;
  rememberSecret(token);
  return { token, expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000) };
}
