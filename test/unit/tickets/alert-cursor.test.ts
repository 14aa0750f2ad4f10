import { describe, expect, it } from "vitest";
import { nextCursor, readAfter } from "../../../src/jobs/tickets/plan/alert-cursor.js";

describe("the alert cursor", () => {
  it("reads from five minutes before the stored cursor, keeping nanoseconds", () => {
    expect(readAfter("2026-01-05T20:41:42.352636392Z")).toBe("2026-01-05T20:36:42.352636392Z");
  });

  it("moves to the newest alert read when nothing is held", () => {
    expect(nextCursor({ previous: "2026-01-05T10:00:00Z", newestRead: "2026-01-05T11:00:00.5Z", holdBefore: [] })).toBe("2026-01-05T11:00:00.500000000Z");
  });

  it("stays just before a deferred or failed alert so the next run reads it again", () => {
    expect(nextCursor({ previous: undefined, newestRead: "2026-01-05T11:00:00Z", holdBefore: ["2026-01-05T10:30:00Z"] })).toBe("2026-01-05T10:29:59.999999999Z");
  });

  it("leaves the cursor alone when it would not change", () => {
    expect(nextCursor({ previous: "2026-01-05T11:00:00.000000000Z", newestRead: "2026-01-05T11:00:00Z", holdBefore: [] })).toBeUndefined();
  });
});
