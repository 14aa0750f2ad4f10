import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import { hasReached, resolveStatus, statusCategory } from "../../../src/jobs/tickets/plan/ticket-status.js";
import { STATUSES } from "./builders.js";

const view = (statusId: number) => ({ id: 1, clientId: 1, status: { statusId }, tags: [] });

describe("ticket statuses", () => {
  it("finds a configured status by system name or by id, never by display name", () => {
    expect(resolveStatus("resolved", STATUSES, "x").statusId).toBe(5000);
    expect(resolveStatus(3001, STATUSES, "x").name).toBe("Waiting on vendor");
    expect(resolveStatus("3001", STATUSES, "x").statusId).toBe(3001);
    expect(() => resolveStatus("Resolved!", STATUSES, "resolveTicket.status")).toThrow(ConfigError);
  });

  it("counts custom statuses by the system status they sit under", () => {
    expect(statusCategory({ statusId: 5001 }, STATUSES)).toBe("resolved");
    expect(statusCategory({ statusId: 3001 }, STATUSES)).toBe("open");
    expect(statusCategory({ statusId: 7777, parentId: 6000 }, STATUSES)).toBe("resolved");
  });

  it("treats a closed ticket as past the chosen RESOLVED status, but not past an open one", () => {
    const resolved = resolveStatus("RESOLVED", STATUSES, "x");
    const waiting = resolveStatus("WAITING", STATUSES, "x");
    expect(hasReached(view(6000), resolved, STATUSES)).toBe(true);
    expect(hasReached(view(2000), resolved, STATUSES)).toBe(false);
    expect(hasReached(view(3001), waiting, STATUSES)).toBe(true);
    expect(hasReached(view(6000), waiting, STATUSES)).toBe(false);
  });
});
