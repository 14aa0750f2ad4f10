import { describe, expect, it } from "vitest";
import type { NinjaTicketStatus } from "../../../src/clients/ninjaone/tickets.js";
import { judgeRequest, pollDelayMs, requestSubject } from "../../../src/jobs/users/plan/request-ticket.js";

const STATUSES: NinjaTicketStatus[] = [
  { statusId: 1000, name: "NEW", displayName: "Neu", parentId: 1000 },
  { statusId: 2000, name: "OPEN", displayName: "Offen", parentId: 2000 },
  { statusId: 5000, name: "RESOLVED", displayName: "Gelöst", parentId: 5000 },
  { statusId: 6000, name: "CLOSED", displayName: "Geschlossen", parentId: 6000 },
  { statusId: 2001, name: "Approved", displayName: "Genehmigt", parentId: 2000 },
  { statusId: 6001, name: "Declined", displayName: "Abgelehnt", parentId: 6000 },
];

const at = (statusId: number, deleted = false) => ({ statusId, deleted });

describe("judgeRequest", () => {
  it("approves on the approval status by name or id, never by the localized display name", () => {
    expect(judgeRequest(at(2001), STATUSES, "approved")).toEqual({ verdict: "approved", status: "Approved" });
    expect(judgeRequest(at(2001), STATUSES, "2001").verdict).toBe("approved");
    expect(judgeRequest(at(2001), STATUSES, "Genehmigt").verdict).toBe("pending");
  });

  it("rejects a ticket resolved, closed (or a status under them) or deleted without approval; waits on the rest", () => {
    expect(judgeRequest(at(6001), STATUSES, "Approved").verdict).toBe("rejected");
    expect(judgeRequest(at(5000), STATUSES, "Approved").verdict).toBe("rejected");
    expect(judgeRequest(at(2000, true), STATUSES, "Approved").verdict).toBe("rejected");
    expect(judgeRequest(at(1000), STATUSES, "Approved").verdict).toBe("pending");
    expect(judgeRequest(at(5000), STATUSES, "RESOLVED").verdict).toBe("approved");
  });
});

describe("pollDelayMs", () => {
  it("doubles from 2 s to a minute, and never polls faster than the rate limit allows", () => {
    expect([0, 1, 2, 5, 10].map((n) => pollDelayMs(n, 5))).toEqual([2000, 4000, 8000, 60000, 60000]);
    expect(pollDelayMs(0, 0.1)).toBe(10000);
  });
});

describe("requestSubject", () => {
  it("keeps within NinjaOne's 200 characters and carries the marker", () => {
    const subject = requestSubject([], "nb-users:0123456789abcdef");
    expect(subject).toContain("[nb-users:0123456789abcdef]");
    expect(subject.length).toBeLessThanOrEqual(200);
  });
});
