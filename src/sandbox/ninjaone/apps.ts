/**
 * The sandbox's registered NinjaOne API client apps and the user who "logs in" through the
 * authorize endpoint. Credentials are fixed so scripts and CI can be pointed at the sandbox.
 */

export type GrantType = "client_credentials" | "authorization_code" | "refresh_token";

export interface ClientApp {
  clientId: string;
  clientSecret: string;
  /** What the app is called in Administration → Apps → API. */
  name: string;
  grants: readonly GrantType[];
  scopes: readonly string[];
  /** Only for authorization-code apps: which redirect URIs are registered. */
  allowsRedirect?(uri: string): boolean;
}

/**
 * Loopback redirect URIs (RFC 8252 §7.3): http on 127.0.0.1 or localhost, any port, any
 * path, but no fragment, so a CLI can listen on a free port.
 */
export function isLoopbackRedirect(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost") && url.hash === "";
}

export const M2M_APP: ClientApp = {
  clientId: "nb-sandbox-m2m",
  clientSecret: "sandbox-m2m-secret-0f6c2a",
  name: "ninja-bridge sandbox (API services, machine-to-machine)",
  grants: ["client_credentials"],
  scopes: ["monitoring", "management"],
};

export const WEB_APP: ClientApp = {
  clientId: "nb-sandbox-web",
  clientSecret: "sandbox-web-secret-7d41b9",
  name: "ninja-bridge sandbox (Web, authorization code + refresh token)",
  grants: ["authorization_code", "refresh_token"],
  scopes: ["monitoring", "management", "offline_access"],
  allowsRedirect: isLoopbackRedirect,
};

/** Has no `management` scope, so asking for it shows `invalid_scope`. */
export const MONITORING_ONLY_APP: ClientApp = {
  clientId: "nb-sandbox-readonly",
  clientSecret: "sandbox-readonly-secret-52e8c3",
  name: "ninja-bridge sandbox (monitoring only)",
  grants: ["client_credentials"],
  scopes: ["monitoring"],
};

export const CLIENT_APPS: readonly ClientApp[] = [M2M_APP, WEB_APP, MONITORING_ONLY_APP];

/** The technician the authorize endpoint approves for; tickets created with their token name them. */
export const SANDBOX_USER = {
  id: 1,
  uid: "5b0f8a52-3c1e-4d7a-9a61-2f4e8c0d9b13",
  firstName: "Sam",
  lastName: "Sandbox",
  email: "sam.sandbox@example.com",
} as const;

export interface SandboxUserRecord {
  id: number;
  uid: string;
  firstName: string;
  lastName: string;
  email: string;
  userType: "TECHNICIAN" | "END_USER";
  enabled: boolean;
  administrator: boolean;
  organizationId?: number;
  /** "At least one MFA method is configured" (spec); omitted means false. */
  mfaConfigured?: boolean;
}

/**
 * Everyone `GET /v2/users` lists. Two technicians, so a client cannot take "the only
 * technician" for the signed-in user, and an end user of organization 1.
 */
export const SANDBOX_USERS: readonly SandboxUserRecord[] = [
  { ...SANDBOX_USER, userType: "TECHNICIAN", enabled: true, administrator: true, mfaConfigured: true },
  { id: 2, uid: "8e2d41c7-6a9b-4f35-b1d8-0c7e5a3f9d24", firstName: "Alex", lastName: "Tech", email: "alex.tech@example.com", userType: "TECHNICIAN", enabled: true, administrator: false },
  { id: 3, uid: "c41a7e90-2b5d-4c86-9f13-7d0e8b6a2c55", firstName: "Eve", lastName: "Enduser", email: "eve@contoso.example", userType: "END_USER", enabled: true, administrator: false, organizationId: 1 },
];

export function findApp(clientId: string): ClientApp | undefined {
  return CLIENT_APPS.find((app) => app.clientId === clientId);
}

/** What `sandbox start` prints, so a profile can be pointed at the sandbox. */
export function appCredentials(): Record<string, string> {
  return {
    clientCredentialsClientId: M2M_APP.clientId,
    clientCredentialsClientSecret: M2M_APP.clientSecret,
    clientCredentialsScopes: M2M_APP.scopes.join(" "),
    webClientId: WEB_APP.clientId,
    webClientSecret: WEB_APP.clientSecret,
    webScopes: WEB_APP.scopes.join(" "),
    webRedirectUris: "http://127.0.0.1:<any port>/<any path>, http://localhost:<any port>/<any path>",
    monitoringOnlyClientId: MONITORING_ONLY_APP.clientId,
    monitoringOnlyClientSecret: MONITORING_ONLY_APP.clientSecret,
    monitoringOnlyScopes: MONITORING_ONLY_APP.scopes.join(" "),
    sandboxUserEmail: SANDBOX_USER.email,
  };
}
