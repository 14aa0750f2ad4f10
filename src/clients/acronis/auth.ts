import { z } from "zod";
import { ApiError, AuthenticationError, NotFoundError } from "../../errors.js";
import { tokenExpiry, type HttpClient, type IssuedToken, type Now } from "../../http/index.js";

export const ACRONIS_TOKEN_PATH = "/api/2/idp/token";

export interface AcronisApiClient {
  clientId: string;
  clientSecret: string;
}

// `expires_on` is absolute epoch seconds (reference §1); `expires_in` is read too in case it
// appears, and a token with neither is used for this run only (tokenExpiry).
const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_on: z.coerce.number().positive().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

const clientResponse = z.object({ tenant_id: z.string().min(1) });

/** A token for the API client: HTTP Basic with the client id and secret, form `grant_type=client_credentials`. */
export async function requestAcronisToken(http: HttpClient, client: AcronisApiClient, now: Now): Promise<IssuedToken> {
  const issuedAt = now();
  const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString("base64");
  try {
    const body = await http.request({
      method: "POST",
      path: ACRONIS_TOKEN_PATH,
      form: { grant_type: "client_credentials" },
      headers: { authorization: `Basic ${basic}` },
      auth: false,
      idempotent: true,
      schema: tokenResponse,
    });
    return { accessToken: body.access_token, ...tokenExpiry(issuedAt, { expiresOnSec: body.expires_on, expiresInSec: body.expires_in }) };
  } catch (error) {
    throw explainAcronisTokenError(error, client, http.baseUrl);
  }
}

/** The tenant the API client was created in: every partner-level call starts there. */
export async function fetchAcronisClientTenant(http: HttpClient, clientId: string): Promise<string> {
  const body = await http.request({ method: "GET", path: `/api/2/clients/${encodeURIComponent(clientId)}`, schema: clientResponse });
  return body.tenant_id;
}

export function explainAcronisTokenError(error: unknown, client: AcronisApiClient, baseUrl: string): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = { service: error.service, method: error.method, path: error.path, status: error.status, requestId: error.requestId, code: error.code, cause: error };
  if (error instanceof AuthenticationError) {
    return new AuthenticationError(`Acronis at ${baseUrl} refused API client "${client.clientId}" with this secret`, {
      ...details,
      hint: "Check the client id and secret (the secret is shown once; create a new API client under Settings → API clients if lost), and that --url is the data center shown with it; then run `ninja-bridge auth login acronis` again.",
    });
  }
  if (error instanceof NotFoundError) {
    return new AuthenticationError(`${baseUrl} has no Acronis token endpoint: wrong data center URL`, {
      ...details,
      hint: "Use the data center URL shown when the API client was created, e.g. https://eu2-cloud.acronis.com.",
    });
  }
  return error;
}
