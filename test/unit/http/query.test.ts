import { describe, expect, it } from "vitest";
import { encodeForm, encodeQuery } from "../../../src/http/query.js";

describe("encodeQuery", () => {
  it("repeats the key for each array item and skips undefined and null", () => {
    expect(encodeQuery({ pageSize: 100, id: [1, 2], after: undefined, df: null, all: true })).toBe(
      "?pageSize=100&id=1&id=2&all=true",
    );
  });

  it("percent-encodes reserved characters and spaces but keeps $ and commas readable", () => {
    expect(encodeQuery({ df: "org = 5 & class in (WINDOWS_SERVER)", $select: "id,serialNumber" })).toBe(
      "?df=org%20%3D%205%20%26%20class%20in%20(WINDOWS_SERVER)&$select=id,serialNumber",
    );
  });

  it("is empty when nothing is left to send", () => {
    expect(encodeQuery(undefined)).toBe("");
    expect(encodeQuery({ a: undefined })).toBe("");
  });
});

describe("encodeForm", () => {
  it("form-encodes fields and leaves out undefined ones", () => {
    expect(encodeForm({ grant_type: "client_credentials", scope: "monitoring management", secret: undefined })).toBe(
      "grant_type=client_credentials&scope=monitoring+management",
    );
  });
});
