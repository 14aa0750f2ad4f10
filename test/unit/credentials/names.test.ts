import { describe, expect, it } from "vitest";
import { assertSecretAddress, credentialEnvName, keychainAccount, parseKeychainAccount } from "../../../src/config/credentials/names.js";
import { CredentialError } from "../../../src/errors.js";

describe("secret names", () => {
  it("names the environment variable NINJA_BRIDGE_<SERVICE>_<KEY> in upper case", () => {
    expect(credentialEnvName("ninjaone", "client_secret")).toBe("NINJA_BRIDGE_NINJAONE_CLIENT_SECRET");
    expect(credentialEnvName("ninjaone", "refresh_token")).toBe("NINJA_BRIDGE_NINJAONE_REFRESH_TOKEN");
    expect(credentialEnvName("acronis", "client_secret")).toBe("NINJA_BRIDGE_ACRONIS_CLIENT_SECRET");
    expect(credentialEnvName("cipp", "client_secret")).toBe("NINJA_BRIDGE_CIPP_CLIENT_SECRET");
  });

  it("files a secret in the keychain under the account <profile>/<service>/<key>", () => {
    expect(keychainAccount({ profile: "acme-prod", service: "acronis", key: "client_secret" })).toBe(
      "acme-prod/acronis/client_secret",
    );
  });

  it("reads back only accounts it could have written", () => {
    expect(parseKeychainAccount("acme/cipp/client_secret")).toEqual({ profile: "acme", service: "cipp", key: "client_secret" });
    expect(parseKeychainAccount("acme/github/token")).toBeUndefined();
    expect(parseKeychainAccount("acme/cipp/client_secret/extra")).toBeUndefined();
    expect(parseKeychainAccount("someone-else")).toBeUndefined();
  });

  it("refuses secret names that cannot become an environment variable name", () => {
    expect(() => assertSecretAddress({ profile: "default", service: "ninjaone", key: "Client-Secret" })).toThrow(CredentialError);
    expect(() => assertSecretAddress({ profile: "default", service: "ninjaone", key: "api_key" })).not.toThrow();
  });

  it("refuses unknown services and profile names that are not portable", () => {
    expect(() => assertSecretAddress({ profile: "default", service: "autotask" as "cipp", key: "client_secret" })).toThrow(
      /unknown service "autotask"/,
    );
    expect(() => assertSecretAddress({ profile: "../etc", service: "cipp", key: "client_secret" })).toThrow(CredentialError);
  });
});
