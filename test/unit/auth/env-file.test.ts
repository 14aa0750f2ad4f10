import { describe, expect, it } from "vitest";
import { renderEnvFile } from "../../../src/auth/env-file.js";

describe("renderEnvFile", () => {
  it("writes plain values as they are, after comment lines", () => {
    const { text, quoted } = renderEnvFile(["profile default"], [
      { name: "NINJA_BRIDGE_NINJAONE_INSTANCE", value: "http://127.0.0.1:4010" },
      { name: "NINJA_BRIDGE_NINJAONE_CLIENT_SECRET", value: "abc-DEF_123.x/y+z=" },
    ]);
    expect(text).toBe("# profile default\nNINJA_BRIDGE_NINJAONE_INSTANCE=http://127.0.0.1:4010\nNINJA_BRIDGE_NINJAONE_CLIENT_SECRET=abc-DEF_123.x/y+z=\n");
    expect(quoted).toEqual([]);
  });

  it("single-quotes a value a shell would read specially, and names it", () => {
    const { text, quoted } = renderEnvFile([], [{ name: "NINJA_BRIDGE_CIPP_CLIENT_SECRET", value: "a b'$c" }]);
    expect(text).toBe("NINJA_BRIDGE_CIPP_CLIENT_SECRET='a b'\\''$c'\n");
    expect(quoted).toEqual(["NINJA_BRIDGE_CIPP_CLIENT_SECRET"]);
  });

  it("refuses a value with a line break", () => {
    expect(() => renderEnvFile([], [{ name: "X", value: "a\nb" }])).toThrow("line break");
  });
});
