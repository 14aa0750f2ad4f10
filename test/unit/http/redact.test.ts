import { describe, expect, it } from "vitest";
import { REDACTED, Redactor } from "../../../src/http/redact.js";

describe("Redactor", () => {
  it("masks the value of every sensitive header and keeps the others", () => {
    const out = new Redactor().headers({
      Authorization: "Bearer abc.def",
      cookie: "session=1",
      "Set-Cookie": "a=b",
      "x-api-key": "k-123",
      accept: "application/json",
    });
    expect(out).toEqual({
      Authorization: REDACTED,
      cookie: REDACTED,
      "Set-Cookie": REDACTED,
      "x-api-key": REDACTED,
      accept: "application/json",
    });
  });

  it("masks OAuth fields in a form body and a query string but keeps harmless ones", () => {
    const text = new Redactor().text(
      "grant_type=refresh_token&client_id=app&client_secret=s1&refresh_token=r1&code=c1&code_verifier=v1&password=p1",
    );
    expect(text).toBe(
      `grant_type=refresh_token&client_id=app&client_secret=${REDACTED}&refresh_token=${REDACTED}&code=${REDACTED}&code_verifier=${REDACTED}&password=${REDACTED}`,
    );
    expect(new Redactor().text("https://h/cb?state=x&code=abc")).toBe(`https://h/cb?state=x&code=${REDACTED}`);
  });

  it("masks token fields in JSON and leaves numbers and other fields alone", () => {
    const text = new Redactor().text('{"access_token":"a.b.c","expires_in":3600,"id_token":"x\\"y","scope":"monitoring"}');
    expect(text).toBe(`{"access_token":"${REDACTED}","expires_in":3600,"id_token":"${REDACTED}","scope":"monitoring"}`);
  });

  it("masks bearer and basic credentials and JWTs inside free text", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    const text = new Redactor().text(`sent Authorization: Bearer tok-123 and Basic dXNlcjpwYXNz= then ${jwt}`);
    expect(text).toBe(`sent Authorization: Bearer ${REDACTED} and Basic ${REDACTED} then ${REDACTED}`);
  });

  it("does not mask a field whose name only ends in a sensitive word", () => {
    expect(new Redactor().text("error_code=5&zipcode=1234")).toBe("error_code=5&zipcode=1234");
  });

  it("masks given secrets anywhere, also when percent-encoded", () => {
    const redactor = new Redactor(["p@ss word/1"]);
    expect(redactor.text("x p@ss word/1 y p%40ss%20word%2F1 z")).toBe(`x ${REDACTED} y ${REDACTED} z`);
  });

  it("reads a secret function on every use, so secrets learned later are masked", () => {
    const secrets: string[] = [];
    const redactor = new Redactor(() => secrets);
    expect(redactor.text("late-secret")).toBe("late-secret");
    secrets.push("late-secret");
    expect(redactor.text("late-secret")).toBe(REDACTED);
  });

  it("masks a secret it was told about at run time", () => {
    const redactor = new Redactor();
    redactor.add("opaque-token-value");
    expect(redactor.text("got opaque-token-value back")).toBe(`got ${REDACTED} back`);
  });

  it("masks the longer of two overlapping secrets whole", () => {
    const redactor = new Redactor(["abcd", "abcdefgh"]);
    expect(redactor.text("abcdefgh")).toBe(REDACTED);
  });
});
