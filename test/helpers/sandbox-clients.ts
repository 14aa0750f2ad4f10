import { z } from "zod";
import { CachedTokenProvider, HttpClient, type HttpClientOptions, type IssuedToken, RequestCounter } from "../../src/http/index.js";
import type { RunningSandbox } from "../../src/sandbox/server.js";

/**
 * Authenticated HttpClients for the three sandbox APIs, with tokens fetched straight from the
 * sandbox's token endpoints using the credentials it prints. Each client counts its own requests.
 */

export interface SandboxClients {
  ninjaone: HttpClient;
  acronis: HttpClient;
  cipp: HttpClient;
  counter: RequestCounter;
}

const expiresIn = z.object({ access_token: z.string(), expires_in: z.number() });
const expiresOn = z.object({ access_token: z.string(), expires_on: z.number() });

function credential(sandbox: RunningSandbox, service: "ninjaone" | "acronis" | "cipp", key: string): string {
  const value = sandbox.credentials[service][key];
  if (value === undefined) throw new Error(`the sandbox printed no ${service} credential ${key}`);
  return value;
}

export function sandboxClients(sandbox: RunningSandbox, overrides: Partial<HttpClientOptions> = {}): SandboxClients {
  const counter = new RequestCounter();
  const base = { counter, retry: { maxAttempts: 1 }, ...overrides };
  const tokenClient = (service: string, baseUrl: string) => new HttpClient({ ...base, service, baseUrl });

  const ninjaToken = tokenClient("ninjaone", sandbox.urls.ninjaone);
  const ninjaone = new CachedTokenProvider(async (): Promise<IssuedToken> => {
    const body = await ninjaToken.request({
      method: "POST",
      path: "/ws/oauth/token",
      form: {
        grant_type: "client_credentials",
        client_id: credential(sandbox, "ninjaone", "clientCredentialsClientId"),
        client_secret: credential(sandbox, "ninjaone", "clientCredentialsClientSecret"),
        scope: credential(sandbox, "ninjaone", "clientCredentialsScopes"),
      },
      idempotent: true,
      schema: expiresIn,
    });
    return { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  });

  const acronisToken = tokenClient("acronis", sandbox.urls.acronis);
  const acronis = new CachedTokenProvider(async (): Promise<IssuedToken> => {
    const basic = Buffer.from(`${credential(sandbox, "acronis", "client_id")}:${credential(sandbox, "acronis", "client_secret")}`).toString("base64");
    const body = await acronisToken.request({
      method: "POST",
      path: "/api/2/idp/token",
      form: { grant_type: "client_credentials" },
      headers: { authorization: `Basic ${basic}` },
      idempotent: true,
      schema: expiresOn,
    });
    return { accessToken: body.access_token, expiresAt: body.expires_on * 1000 };
  });

  const cippToken = tokenClient("cipp", sandbox.urls.cipp);
  const cipp = new CachedTokenProvider(async (): Promise<IssuedToken> => {
    const body = await cippToken.request({
      method: "POST",
      path: `/${credential(sandbox, "cipp", "tenant_id")}/oauth2/v2.0/token`,
      form: {
        grant_type: "client_credentials",
        client_id: credential(sandbox, "cipp", "client_id"),
        client_secret: credential(sandbox, "cipp", "client_secret"),
        scope: credential(sandbox, "cipp", "scope"),
      },
      idempotent: true,
      schema: expiresIn,
    });
    return { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  });

  return {
    ninjaone: new HttpClient({ ...base, service: "ninjaone", baseUrl: sandbox.urls.ninjaone, tokenProvider: ninjaone }),
    acronis: new HttpClient({ ...base, service: "acronis", baseUrl: sandbox.urls.acronis, tokenProvider: acronis }),
    cipp: new HttpClient({ ...base, service: "cipp", baseUrl: sandbox.urls.cipp, tokenProvider: cipp }),
    counter,
  };
}
