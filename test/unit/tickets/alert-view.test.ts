import { describe, expect, it } from "vitest";
import type { AcronisAlert } from "../../../src/clients/acronis/alerts.js";
import { toTicketAlert } from "../../../src/jobs/tickets/plan/alert-view.js";

const CONTOSO = "aaaaaaaa-0000-4000-8000-000000000056";

function acronisAlert(overrides: Partial<AcronisAlert> = {}): AcronisAlert {
  return {
    id: "01c2d69a-112b-4de1-98ae-8688223c5f4b",
    type: "BackupFailed",
    category: "Backup",
    severity: "critical",
    details: {},
    createdAt: "2026-03-01T12:00:00.123456789Z",
    updatedAt: "2026-03-01T12:05:00Z",
    deletedAt: null,
    tenantId: "56",
    tenantLocator: "/1/50/56/",
    tenantUuid: null,
    ...overrides,
  };
}

describe("toTicketAlert", () => {
  it("maps a bare alert to the planner's view, times as Acronis sent them", () => {
    expect(toTicketAlert(acronisAlert(), undefined)).toEqual({
      id: "01c2d69a-112b-4de1-98ae-8688223c5f4b",
      type: "BackupFailed",
      category: "Backup",
      severity: "critical",
      tenantId: "56",
      createdAt: "2026-03-01T12:00:00.123456789Z",
      updatedAt: "2026-03-01T12:05:00Z",
    });
  });

  it("carries the mapped tenant it was placed at, not the alert's own UUID", () => {
    const view = toTicketAlert(acronisAlert({ tenantUuid: "bbbbbbbb-0000-4000-8000-000000000090" }), CONTOSO);
    expect(view.tenantUuid).toBe(CONTOSO);
  });

  it("takes workload and plan from the details, trimmed, and leaves out those that are blank", () => {
    const view = toTicketAlert(acronisAlert({ details: { resourceId: " w-1 ", resourceName: "SRV-01", planId: "  ", planName: "" } }), undefined);
    expect(view.workload).toEqual({ id: "w-1", name: "SRV-01" });
    expect(view).not.toHaveProperty("plan");
    expect(toTicketAlert(acronisAlert({ details: { planName: "Servers daily" } }), undefined).plan).toEqual({ id: undefined, name: "Servers daily" });
  });

  it("takes the message from errorMessage first, then description, message and title", () => {
    const all = { errorMessage: "E", description: "D", message: "M", title: "T" };
    expect(toTicketAlert(acronisAlert({ details: all }), undefined).message).toBe("E");
    expect(toTicketAlert(acronisAlert({ details: { ...all, errorMessage: " " } }), undefined).message).toBe("D");
    expect(toTicketAlert(acronisAlert({ details: { message: "M", title: "T" } }), undefined).message).toBe("M");
    expect(toTicketAlert(acronisAlert({ details: { title: "T" } }), undefined).message).toBe("T");
  });

  it.each([
    ["ERROR", "error"],
    ["Information", "information"],
    ["ok", "ok"],
    ["fatal", "warning"],
  ])("reads severity %s as %s, an unknown one as a warning so it is never dropped", (raw, expected) => {
    expect(toTicketAlert(acronisAlert({ severity: raw }), undefined).severity).toBe(expected);
  });

  it("keeps other scalar details as extras, without the ones shown under their own labels or blank and non-scalar ones", () => {
    const view = toTicketAlert(
      acronisAlert({ details: { daysPassed: 3, encrypted: false, threatName: "Eicar", planName: "P", errorMessage: "E", blank: " ", nested: { a: 1 }, list: [1], none: null } }),
      undefined,
    );
    expect(view.extra).toEqual({ daysPassed: 3, encrypted: false, threatName: "Eicar" });
  });

  it("cuts a long extra to 300 characters, ending in an ellipsis", () => {
    const extra = toTicketAlert(acronisAlert({ details: { long: "x".repeat(301), fits: "y".repeat(300) } }), undefined).extra ?? {};
    expect(extra.long).toBe(`${"x".repeat(299)}…`);
    expect(extra.fits).toBe("y".repeat(300));
  });

  it("keeps at most twelve extras", () => {
    const details = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`d${i}`, i]));
    expect(Object.keys(toTicketAlert(acronisAlert({ details }), undefined).extra ?? {})).toEqual(Array.from({ length: 12 }, (_, i) => `d${i}`));
  });

  it("shows a dismissed alert's deletion time as dismissedAt and leaves out an empty category", () => {
    const view = toTicketAlert(acronisAlert({ deletedAt: "2026-03-02T08:00:00Z", category: "" }), undefined);
    expect(view.dismissedAt).toBe("2026-03-02T08:00:00Z");
    expect(view).not.toHaveProperty("category");
  });
});
