import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { applyConfigFlags, checkAlertTypes, describeSettings, statusRefOf, touchesNinjaOne, typesNamed } from "../../../src/jobs/tickets/settings.js";
import { DEFAULT_TICKET_SETTINGS, TicketSettingsSchema, type TicketSettings } from "../../../src/jobs/tickets/plan/index.js";

function customised(): TicketSettings {
  return TicketSettingsSchema.parse({
    ticketFormId: 7,
    alertTypes: { BackupFailed: { enabled: true, severity: "MAJOR" }, Custom: { enabled: false } },
    maxTicketsPerRun: 5,
  });
}

/** The usage error a call throws; fails the test when it throws nothing or something else. */
function usageErrorOf(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error("expected a usage error, got none");
}

describe("statusRefOf", () => {
  it("reads digits as a status id and anything else as a status name", () => {
    expect(statusRefOf(" 5001 ")).toBe(5001);
    expect(statusRefOf(" Waiting on vendor ")).toBe("Waiting on vendor");
  });

  it("refuses an empty status", () => {
    expect(usageErrorOf(() => statusRefOf("  ")).message).toContain("cannot be empty");
  });

  it("refuses status id 0 as a usage error rather than an invalid settings document", () => {
    expect(usageErrorOf(() => statusRefOf("0")).message).toContain('"0"');
    expect(() => statusRefOf("99999999999999999999")).toThrow(UsageError);
  });
});

describe("applyConfigFlags", () => {
  it("leaves the settings as they are when no flag is given, without changing the input", () => {
    const current = customised();
    const before = structuredClone(current);
    expect(applyConfigFlags(current, {})).toEqual(before);
    expect(current).toEqual(before);
  });

  it("starts from the defaults on --reset and applies the other flags on top", () => {
    const next = applyConfigFlags(customised(), { reset: true, maxTickets: "9" });
    expect(next).toEqual({ ...DEFAULT_TICKET_SETTINGS, maxTicketsPerRun: 9 });
  });

  it("sets a form by id and goes back to NinjaOne's default form on --form default", () => {
    expect(applyConfigFlags(DEFAULT_TICKET_SETTINGS, { form: "12" }).ticketFormId).toBe(12);
    expect(applyConfigFlags(customised(), { form: " Default " })).not.toHaveProperty("ticketFormId");
  });

  it.each([
    ["--form", { form: "0" }],
    ["--form", { form: "2147483648" }],
    ["--form", { form: "twelve" }],
    ["--reopen-days", { reopenDays: "366" }],
    ["--reopen-days", { reopenDays: "-1" }],
    ["--max-tickets", { maxTickets: "0" }],
    ["--max-tickets", { maxTickets: "2.5" }],
    ["--full-read-hours", { fullReadHours: "8761" }],
  ])("refuses a number out of range or not whole, naming %s", (flag, flags) => {
    expect(usageErrorOf(() => applyConfigFlags(DEFAULT_TICKET_SETTINGS, flags)).message).toContain(flag);
  });

  it("accepts the ends of the number ranges", () => {
    const next = applyConfigFlags(DEFAULT_TICKET_SETTINGS, { reopenDays: "0", maxTickets: "10000", form: "2147483647", fullReadHours: "0" });
    expect(next).toMatchObject({ reopen: { windowDays: 0 }, maxTicketsPerRun: 10_000, ticketFormId: 2_147_483_647, fullReadHours: 0 });
    expect(DEFAULT_TICKET_SETTINGS.fullReadHours).toBe(24);
  });

  it("enables and disables alert types, adding a type it does not know yet", () => {
    const next = applyConfigFlags(customised(), { enableType: [" Custom ", "NewType"], disableType: ["BackupFailed"] });
    expect(next.alertTypes.Custom).toEqual({ enabled: true });
    expect(next.alertTypes.NewType).toEqual({ enabled: true });
    // Disabling keeps the type's other choices for when it is enabled again.
    expect(next.alertTypes.BackupFailed).toEqual({ enabled: false, severity: "MAJOR" });
  });

  it("sets severity, priority, status and ticket type per alert type, in any letter case", () => {
    const next = applyConfigFlags(DEFAULT_TICKET_SETTINGS, {
      severity: ["BackupFailed=major"],
      priority: ["BackupFailed = low"],
      status: ["BackupFailed=5001", "MalwareDetected=Waiting on vendor"],
      ticketType: ["MalwareDetected=incident"],
    });
    expect(next.alertTypes.BackupFailed).toEqual({ enabled: true, severity: "MAJOR", priority: "LOW", status: 5001 });
    expect(next.alertTypes.MalwareDetected).toEqual({ enabled: true, status: "Waiting on vendor", type: "INCIDENT" });
  });

  it.each([
    ["--severity", { severity: ["BackupFailed"] }, "<alert type>=<value>"],
    ["--severity", { severity: ["=MAJOR"] }, "<alert type>=<value>"],
    ["--priority", { priority: ["BackupFailed="] }, "<alert type>=<value>"],
    ["--priority", { priority: ["BackupFailed=CRITICAL"] }, "NONE, LOW, MEDIUM, HIGH"],
    ["--severity", { severity: ["BackupFailed=URGENT"] }, "NONE, MINOR, MODERATE, MAJOR, CRITICAL"],
    ["--ticket-type", { ticketType: ["BackupFailed=BUG"] }, "PROBLEM"],
  ])("refuses a malformed or unknown %s value and says what it takes", (flag, flags, takes) => {
    const error = usageErrorOf(() => applyConfigFlags(DEFAULT_TICKET_SETTINGS, flags));
    expect(error.message).toContain(flag);
    expect(error.message).toContain(takes);
  });

  it("refuses a priority NinjaOne does not have even though it is a valid severity", () => {
    // Priority has no CRITICAL; mixing up the two lists would let it through.
    expect(() => applyConfigFlags(DEFAULT_TICKET_SETTINGS, { priority: ["BackupFailed=CRITICAL"] })).toThrow(UsageError);
    expect(applyConfigFlags(DEFAULT_TICKET_SETTINGS, { severity: ["BackupFailed=CRITICAL"] }).alertTypes.BackupFailed?.severity).toBe("CRITICAL");
  });

  it("sets the defaults, the switches and their statuses", () => {
    const next = applyConfigFlags(DEFAULT_TICKET_SETTINGS, {
      defaultStatus: "OPEN",
      defaultType: "task",
      create: false,
      reopen: false,
      reopenDays: "3",
      reopenStatus: "2000",
      resolve: false,
      resolveStatus: "CLOSED",
      clearAlert: true,
      clearStatus: "6000",
    });
    expect(next.defaults).toEqual({ status: "OPEN", type: "TASK" });
    expect(next.createTickets).toEqual({ enabled: false });
    expect(next.reopen).toEqual({ enabled: false, windowDays: 3, status: 2000 });
    expect(next.resolveTicket).toEqual({ enabled: false, status: "CLOSED" });
    expect(next.clearAlert).toEqual({ enabled: true, status: 6000 });
  });

  it.each([
    ["--default-status", { defaultStatus: "0" }],
    ["--reopen-status", { reopenStatus: "" }],
    ["--default-type", { defaultType: "BUG" }],
  ])("refuses a bad %s as a usage error", (_flag, flags) => {
    expect(() => applyConfigFlags(DEFAULT_TICKET_SETTINGS, flags)).toThrow(UsageError);
  });
});

describe("touchesNinjaOne", () => {
  it.each([
    [{ form: "default" }],
    [{ defaultStatus: "NEW" }],
    [{ reopenStatus: "OPEN" }],
    [{ resolveStatus: "RESOLVED" }],
    [{ clearStatus: "CLOSED" }],
    [{ status: ["BackupFailed=OPEN"] }],
  ])("is true for a flag that names a form or a status: %o", (flags) => {
    expect(touchesNinjaOne(flags)).toBe(true);
  });

  it("is false for flags that NinjaOne does not need to confirm", () => {
    expect(
      touchesNinjaOne({ enableType: ["X"], disableType: ["Y"], severity: ["X=MAJOR"], priority: ["X=LOW"], ticketType: ["X=TASK"], status: [], create: true, reopenDays: "2", maxTickets: "5" }),
    ).toBe(false);
  });
});

describe("describeSettings", () => {
  it("says which form is used, NinjaOne's default when none is set", () => {
    expect(describeSettings(DEFAULT_TICKET_SETTINGS)[0]).toContain("NinjaOne's default form");
    expect(describeSettings(customised())[0]).toMatch(/ticket form:\s+7$/);
  });

  it("lists alert types sorted, marked on or off, with only the choices made", () => {
    const lines = describeSettings(
      applyConfigFlags(TicketSettingsSchema.parse({ alertTypes: {} }), { enableType: ["Zeta", "Alpha"], disableType: ["Mid"], severity: ["Alpha=MAJOR"], status: ["Alpha=5001"] }),
    );
    expect(lines.slice(lines.indexOf("alert types:") + 1)).toEqual(["  ✓ Alpha (severity MAJOR, status 5001)", "  ✗ Mid", "  ✓ Zeta"]);
  });

  it("shows the switches as on or off with their statuses and the cap", () => {
    const text = describeSettings(applyConfigFlags(DEFAULT_TICKET_SETTINGS, { clearAlert: true, clearStatus: "CLOSED", maxTickets: "3" })).join("\n");
    expect(text).toContain("clear alert:        on (when the ticket reaches CLOSED)");
    expect(text).toContain("at most 3 per run");
  });
});

describe("alert types checked against Acronis' catalogue", () => {
  const known = ["BackupDidNotStart", "BackupFailed", "MachineIsOffline", "NoBackupForXDays"];

  it("names the types the flags turn on or configure, not those they turn off", () => {
    expect(typesNamed({ enableType: ["BackupFailed"], disableType: ["Gone"], severity: ["MachineIsOffline=MAJOR"], status: ["BackupFailed=OPEN"] })).toEqual(["BackupFailed", "MachineIsOffline"]);
  });

  it("refuses a type Acronis does not list with the nearest it does, and passes a listed one", () => {
    expect(() => checkAlertTypes(["BackupFailed", "MachineIsOffline"], known)).not.toThrow();
    expect(usageErrorOf(() => checkAlertTypes(["BackupFaild"], known)).message).toContain('no alert type "BackupFaild": did you mean BackupFailed?');
    expect(usageErrorOf(() => checkAlertTypes(["backupfailed"], known)).message).toContain("did you mean BackupFailed?");
    const bogus = usageErrorOf(() => checkAlertTypes(["Bogus"], known));
    expect(bogus.message).not.toContain("did you mean");
    expect(bogus.hint).toContain("MachineIsOffline");
  });
});
