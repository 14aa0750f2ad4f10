import { describe, expect, it } from "vitest";
import { statusUpdateOf, type NinjaTicket } from "../../../../src/clients/ninjaone/tickets.js";

const CONFIGURED = "5b0f8a52-3c1e-4d7a-9a61-2f4e8c0d9b13";

function ticket(extra: Partial<NinjaTicket> = {}): NinjaTicket {
  return { id: 5012, version: 3, clientId: 42, ticketFormId: 1, subject: "Backup failed", status: { statusId: 1000 }, tags: ["ninja-bridge"], ...extra };
}

describe("statusUpdateOf", () => {
  it("gives a ticket without a requester the configured one, and keeps a ticket's own", () => {
    expect(statusUpdateOf(ticket(), 5000, CONFIGURED).requesterUid).toBe(CONFIGURED);
    const own = "8e2d41c7-6a9b-4f35-b1d8-0c7e5a3f9d24";
    expect(statusUpdateOf(ticket({ requesterUid: own }), 5000, CONFIGURED).requesterUid).toBe(own);
  });

  it("sends attribute values of any JSON back as they were read", () => {
    const attributeValues = [
      { id: 900, attributeId: 7, value: ["a", "b"] },
      { id: 901, attributeId: 8, value: { nested: 1 } },
      { id: 902, attributeId: 5, value: "opaque-value-id" },
    ];
    const update = statusUpdateOf(ticket({ attributeValues }), 5000, CONFIGURED);
    expect(update.attributes).toEqual(attributeValues);
    expect(update).toMatchObject({ version: 3, status: "5000", tags: ["ninja-bridge"] });
  });
});
