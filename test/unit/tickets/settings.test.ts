import { describe, expect, it } from "vitest";
import { DEFAULT_TICKET_SETTINGS, isOn, ruleForType, TicketSettingsSchema } from "../../../src/jobs/tickets/plan/ticket-settings.js";

describe("ticket settings", () => {
  it("defaults to the backup and malware alert types and a one-day reopen window, with reopening, resolving and clearing off until chosen, as in Acronis' integration", () => {
    expect(Object.keys(DEFAULT_TICKET_SETTINGS.alertTypes).sort()).toEqual(["BackupDidNotStart", "BackupFailed", "MalwareDetected", "NoBackupForXDays"]);
    expect(DEFAULT_TICKET_SETTINGS.reopen).toEqual({ windowDays: 1, status: "OPEN" });
    expect(DEFAULT_TICKET_SETTINGS.resolveTicket).toEqual({ status: "RESOLVED" });
    expect(DEFAULT_TICKET_SETTINGS.clearAlert).toEqual({ status: "RESOLVED" });
    expect([DEFAULT_TICKET_SETTINGS.reopen, DEFAULT_TICKET_SETTINGS.resolveTicket, DEFAULT_TICKET_SETTINGS.clearAlert].map(isOn)).toEqual([false, false, false]);
    expect(DEFAULT_TICKET_SETTINGS.defaults).toEqual({ status: "NEW", type: "PROBLEM" });
    expect(DEFAULT_TICKET_SETTINGS.ticketFormId).toBeUndefined();
  });

  it("fills the rest of a rule from defaults when only part of it is given", () => {
    const parsed = TicketSettingsSchema.parse({ reopen: { windowDays: 7 }, clearAlert: { enabled: true } });
    expect(parsed.reopen).toEqual({ windowDays: 7, status: "OPEN" });
    expect(parsed.clearAlert).toEqual({ enabled: true, status: "RESOLVED" });
  });

  it("keeps the choice of a profile that turned an option on or off, and leaves an unchosen one unset through a save", () => {
    // A profile saved before the defaults followed Acronis holds every switch filled in: those are its choices.
    const saved = TicketSettingsSchema.parse({ reopen: { enabled: true, windowDays: 1, status: "OPEN" }, resolveTicket: { enabled: true, status: "RESOLVED" }, clearAlert: { enabled: false, status: "RESOLVED" } });
    expect([saved.reopen, saved.resolveTicket, saved.clearAlert].map(isOn)).toEqual([true, true, false]);
    const fresh = JSON.parse(JSON.stringify(TicketSettingsSchema.parse({ reopen: { windowDays: 3 } }))) as { reopen: object; resolveTicket: object };
    expect(fresh.reopen).not.toHaveProperty("enabled");
    expect(fresh.resolveTicket).not.toHaveProperty("enabled");
  });

  it("refuses a CRITICAL priority, which NinjaOne does not have", () => {
    expect(TicketSettingsSchema.safeParse({ alertTypes: { BackupFailed: { priority: "CRITICAL" } } }).success).toBe(false);
  });

  it("refuses unknown keys so a misspelt setting is not silently ignored", () => {
    expect(TicketSettingsSchema.safeParse({ reopenWindow: 3 }).success).toBe(false);
  });

  it("refuses a per-run cap below one and a negative reopen window", () => {
    expect(TicketSettingsSchema.safeParse({ maxTicketsPerRun: 0 }).success).toBe(false);
    expect(TicketSettingsSchema.safeParse({ reopen: { windowDays: -1 } }).success).toBe(false);
  });

  it("returns a type's rule only while it is enabled", () => {
    const s = TicketSettingsSchema.parse({ alertTypes: { BackupFailed: {}, MachineIsOffline: { enabled: false } } });
    expect(ruleForType(s, "BackupFailed")).toEqual({ enabled: true });
    expect(ruleForType(s, "MachineIsOffline")).toBeUndefined();
    expect(ruleForType(s, "toString")).toBeUndefined();
  });
});
