import { describe, expect, it } from "vitest";
import { DEFAULT_TICKET_SETTINGS, ruleForType, TicketSettingsSchema } from "../../../src/jobs/tickets/plan/ticket-settings.js";

describe("ticket settings", () => {
  it("defaults to the backup and malware alert types, a one-day reopen window, resolving on clear and no alert clearing", () => {
    expect(Object.keys(DEFAULT_TICKET_SETTINGS.alertTypes).sort()).toEqual(["BackupDidNotStart", "BackupFailed", "MalwareDetected", "NoBackupForXDays"]);
    expect(DEFAULT_TICKET_SETTINGS.reopen).toEqual({ enabled: true, windowDays: 1, status: "OPEN" });
    expect(DEFAULT_TICKET_SETTINGS.resolveTicket).toEqual({ enabled: true, status: "RESOLVED" });
    expect(DEFAULT_TICKET_SETTINGS.clearAlert).toEqual({ enabled: false, status: "RESOLVED" });
    expect(DEFAULT_TICKET_SETTINGS.defaults).toEqual({ status: "NEW", type: "PROBLEM" });
    expect(DEFAULT_TICKET_SETTINGS.ticketFormId).toBeUndefined();
  });

  it("fills the rest of a rule from defaults when only part of it is given", () => {
    const parsed = TicketSettingsSchema.parse({ reopen: { windowDays: 7 }, clearAlert: { enabled: true } });
    expect(parsed.reopen).toEqual({ enabled: true, windowDays: 7, status: "OPEN" });
    expect(parsed.clearAlert).toEqual({ enabled: true, status: "RESOLVED" });
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
