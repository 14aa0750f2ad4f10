import { describe, expect, it } from "vitest";
import { resolveStoreMode } from "../../../src/config/credentials/store-mode.js";
import { ConfigError } from "../../../src/errors.js";

describe("credential store mode", () => {
  it("is auto when neither an option nor NINJA_BRIDGE_CREDENTIAL_STORE is given", () => {
    expect(resolveStoreMode(undefined, {})).toBe("auto");
    expect(resolveStoreMode(undefined, { NINJA_BRIDGE_CREDENTIAL_STORE: "" })).toBe("auto");
  });

  it("comes from NINJA_BRIDGE_CREDENTIAL_STORE, in any case", () => {
    expect(resolveStoreMode(undefined, { NINJA_BRIDGE_CREDENTIAL_STORE: "File" })).toBe("file");
    expect(resolveStoreMode(undefined, { NINJA_BRIDGE_CREDENTIAL_STORE: "keychain" })).toBe("keychain");
  });

  it("prefers an explicit option over the environment", () => {
    expect(resolveStoreMode("keychain", { NINJA_BRIDGE_CREDENTIAL_STORE: "file" })).toBe("keychain");
  });

  it("rejects an unknown value naming the variable", () => {
    expect(() => resolveStoreMode(undefined, { NINJA_BRIDGE_CREDENTIAL_STORE: "vault" })).toThrow(ConfigError);
    expect(() => resolveStoreMode(undefined, { NINJA_BRIDGE_CREDENTIAL_STORE: "vault" })).toThrow(
      /NINJA_BRIDGE_CREDENTIAL_STORE must be one of auto, keychain, file/,
    );
  });
});
