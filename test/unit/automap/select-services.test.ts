import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { selectServices } from "../../../src/jobs/automap/plan/select-services.js";

describe("selectServices", () => {
  it("covers every configured service for all and names the ones left out", () => {
    expect(selectServices("all", { acronis: true, cipp: false }, "default")).toEqual({ run: ["acronis"], notConfigured: ["cipp"] });
    expect(selectServices("all", { acronis: true, cipp: true }, "default")).toEqual({ run: ["acronis", "cipp"], notConfigured: [] });
  });

  it("refuses a service asked for by name that is not configured, with how to configure it", () => {
    const error = (() => {
      try {
        selectServices("cipp", { acronis: true, cipp: false }, "acme");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('CIPP is not configured in profile "acme"');
    expect((error as UsageError).hint).toContain("ninja-bridge auth login cipp");
  });

  it("refuses all when neither target service is configured", () => {
    expect(() => selectServices("all", { acronis: false, cipp: false }, "default")).toThrow(/neither Acronis nor CIPP is configured/);
  });
});
