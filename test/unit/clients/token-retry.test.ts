import nock from "nock";
import { describe, expect, it } from "vitest";
import { requestAcronisToken } from "../../../src/clients/acronis/auth.js";
import { requestCippToken } from "../../../src/clients/cipp/auth.js";
import { requestNinjaToken } from "../../../src/clients/ninjaone/auth.js";
import { HttpClient, RequestCounter } from "../../../src/http/index.js";
import { ACRONIS, NINJA, useNock } from "./fixture.js";

useNock();

const now = () => Date.UTC(2026, 0, 1);

/** A client with the default retries and no real waiting. */
function retrying(service: "ninjaone" | "acronis" | "cipp", baseUrl: string) {
  const counter = new RequestCounter();
  return { http: new HttpClient({ service, baseUrl, counter, sleep: async () => undefined }), counter };
}

// A token request creates nothing, so a 5xx from a token endpoint is repeated like a read.
describe("token endpoints retry server failures", () => {
  it("NinjaOne's token request goes again after a 503", async () => {
    nock(NINJA)
      .post("/ws/oauth/token")
      .reply(503, "<html><title>503 Service Temporarily Unavailable</title></html>", { "content-type": "text/html" })
      .post("/ws/oauth/token")
      .reply(200, { access_token: "t-1", expires_in: 3600, scope: "monitoring" });
    const { http, counter } = retrying("ninjaone", NINJA);
    const token = await requestNinjaToken(http, { clientId: "c", clientSecret: "s" }, { type: "client_credentials", scopes: ["monitoring"] }, now);
    expect(token.accessToken).toBe("t-1");
    expect(counter.stats("ninjaone")).toMatchObject({ requests: 2, retries: 1 });
  });

  it("Acronis' token request goes again after a 500", async () => {
    nock(ACRONIS)
      .post("/api/2/idp/token")
      .reply(500, { error: { code: 500, message: "Internal server error" } })
      .post("/api/2/idp/token")
      .reply(200, { access_token: "a-1", expires_on: 1_767_229_200 });
    const { http } = retrying("acronis", ACRONIS);
    await expect(requestAcronisToken(http, { clientId: "c", clientSecret: "s" }, now)).resolves.toMatchObject({ accessToken: "a-1" });
  });

  it("Entra ID's token request for CIPP goes again after an HTML page in place of JSON", async () => {
    const entra = "https://login.microsoftonline.test";
    nock(entra)
      .post("/tid/oauth2/v2.0/token")
      .reply(200, "<html><title>Bad gateway</title></html>", { "content-type": "text/html" })
      .post("/tid/oauth2/v2.0/token")
      .reply(200, { access_token: "e-1", expires_in: 3599 });
    const { http } = retrying("cipp", entra);
    const app = { tenantId: "tid", clientId: "c", clientSecret: "s", scope: "api://c/.default" };
    await expect(requestCippToken(http, "/tid/oauth2/v2.0/token", app, now)).resolves.toMatchObject({ accessToken: "e-1" });
  });
});
