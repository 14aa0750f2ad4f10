import { describe, expect, it } from "vitest";
import { alertKey, markerTag, markerTags } from "../../../src/jobs/tickets/plan/alert-key.js";
import { ConfigError } from "../../../src/errors.js";
import { TicketSettingsSchema } from "../../../src/jobs/tickets/plan/ticket-settings.js";
import { alert, CONTOSO, DAY, FABRIKAM, dismissed, iso, kinds, link, only, plan, raisedAgain, settings, T0, ticket, world } from "./builders.js";

describe("new alerts", () => {
  it("creates a ticket for a new alert of a selected type, on the organization and the matching device", () => {
    const a = alert({ id: "01c2d69a-112b-4de1-98ae-8688223c5f4b" });
    const create = only(plan(world({ alerts: [a] })), "create");
    const key = alertKey(a);
    expect(create.ticket).toMatchObject({
      clientId: 42,
      ticketFormId: 1,
      subject: `Acronis: Backup failed on SRV-01 [${markerTag(key)}]`,
      status: "1000",
      type: "PROBLEM",
      priority: "HIGH",
      severity: "CRITICAL",
      nodeId: 1234,
      tags: markerTags(key),
    });
    // The id goes back to Acronis exactly as Acronis gave it.
    expect(create.alertId).toBe("01c2d69a-112b-4de1-98ae-8688223c5f4b");
    expect(create.link.acronisAlertId).toBe("01c2d69a-112b-4de1-98ae-8688223c5f4b");
    expect(create.ticket.description.public).toBe(false);
    expect(create.ticket.description.body).toContain("Plan: Servers daily");
    expect(create.ticket.description.body).toContain(`ninja-bridge alert key: ${key}`);
    expect(create.link).toMatchObject({ key, status: "open", alertState: "active", acronisTenantId: "56", ninjaOrgId: 42 });
    expect(create.reason).toContain("new alert");
  });

  it("uses the alert type's own severity, priority, status and type when the rule sets them", () => {
    const s = settings({ alertTypes: { BackupFailed: { severity: "MINOR", priority: "LOW", status: "Waiting on vendor", type: "INCIDENT" } } });
    const create = only(plan(world({ alerts: [alert()] }), s), "create");
    expect(create.ticket).toMatchObject({ severity: "MINOR", priority: "LOW", status: "3001", type: "INCIDENT" });
  });

  it("derives severity and priority from the Acronis severity when the rule leaves them unset", () => {
    const create = only(plan(world({ alerts: [alert({ type: "NoBackupForXDays", severity: "warning" })] })), "create");
    expect(create.ticket).toMatchObject({ severity: "MODERATE", priority: "MEDIUM" });
  });

  it("skips an alert whose type is not selected", () => {
    const skip = only(plan(world({ alerts: [alert({ type: "MachineIsOffline" })] })), "skip");
    expect(skip.cause).toBe("type-not-selected");
  });

  it("skips an alert type whose rule is switched off", () => {
    const s = settings({ alertTypes: { BackupFailed: { enabled: false } } });
    expect(only(plan(world({ alerts: [alert()] }), s), "skip").cause).toBe("type-not-selected");
  });

  it("creates nothing when ticket creation is off", () => {
    const p = plan(world({ alerts: [alert()] }), settings({ createTickets: { enabled: false } }));
    expect(only(p, "skip").cause).toBe("creation-off");
  });

  it("leaves out the device when two devices of the organization share the workload's host name", () => {
    const devices = [
      { id: 1, organizationId: 42, systemName: "SRV-01" },
      { id: 2, organizationId: 42, systemName: "srv-01" },
    ];
    const create = only(plan(world({ alerts: [alert()] }), settings(), { devices }), "create");
    expect(create.ticket.nodeId).toBeUndefined();
  });

  it("finds the device by the workload's serial, as fields does, when its host name matches none", () => {
    const devices = [{ id: 1400, organizationId: 42, systemName: "CONTOSO-NEW-NAME", serialNumber: "CZ1234ABCD" }];
    const a = alert({ workload: { id: "5C350066-2BA6-4EEB-AA91-1213DD35F033", name: "SRV-01", serial: "CZ1234ABCD" } });
    const create = only(plan(world({ alerts: [a] }), settings(), { devices }), "create");
    expect(create.ticket.nodeId).toBe(1400);
    expect(create.reason).toContain("on device 1400");
  });

  it("leaves out a device named like the workload whose serial differs", () => {
    const devices = [{ id: 1401, organizationId: 42, systemName: "SRV-01", serialNumber: "CZ9999ZZZZ" }];
    const a = alert({ workload: { id: "5C350066-2BA6-4EEB-AA91-1213DD35F033", name: "SRV-01", serial: "CZ1234ABCD" } });
    expect(only(plan(world({ alerts: [a] }), settings(), { devices }), "create").ticket.nodeId).toBeUndefined();
  });

  it("never puts the ticket on a device of another organization", () => {
    const devices = [{ id: 1300, organizationId: 43, systemName: "SRV-01" }];
    expect(only(plan(world({ alerts: [alert()] }), settings(), { devices }), "create").ticket.nodeId).toBeUndefined();
  });

  it("finds the mapping by the tenant UUID when the alert carries one", () => {
    const a = alert({ tenantId: "999", tenantUuid: CONTOSO.acronisTenantId.toUpperCase() });
    expect(only(plan(world({ alerts: [a] })), "create").ninjaOrgId).toBe(42);
  });

  it("reports an alert of an unmapped customer instead of ticketing it", () => {
    const p = plan(world({ alerts: [alert({ tenantId: "77" }), alert({ tenantId: "77", type: "BackupDidNotStart" }), alert()] }));
    expect(p.counts.unmapped).toBe(2);
    expect(p.counts.create).toBe(1);
    expect(p.unmappedTenants).toEqual(["77"]);
  });

  it("skips an alert that cleared before any ticket was raised", () => {
    const a = dismissed(alert(), T0 + 1000);
    expect(only(plan(world({ alerts: [a] })), "skip").cause).toBe("cleared-before-ticket");
  });

  it("creates one ticket when paging overlap returns the same alert twice", () => {
    const a = alert();
    expect(kinds(plan(world({ alerts: [a, { ...a, id: a.id.toLowerCase() }] })))).toEqual(["create"]);
  });

  it("creates one ticket when two alert ids report the same condition", () => {
    expect(kinds(plan(world({ alerts: [alert(), alert({ createdAt: iso(T0 + 5000) })] })))).toEqual(["create"]);
  });

  it("refuses to plan creates without a ticket form", () => {
    const s = settings();
    delete s.ticketFormId;
    expect(() => plan(world({ alerts: [alert()] }), s)).toThrow(ConfigError);
  });

  it("refuses a configured status NinjaOne does not have", () => {
    expect(() => plan(world(), settings({ resolveTicket: { status: "DONE" } }))).toThrow(/DONE/);
  });
});

describe("organizations excluded from tickets", () => {
  it("skips a new alert of an excluded organization, saying so, and leaves its linked ticket alone", () => {
    const a = alert();
    const b = alert({ tenantId: "57", tenantUuid: FABRIKAM.acronisTenantId });
    const key = alertKey(b);
    const w = world({ alerts: [a, dismissed(b, T0 + DAY / 2)], links: [link(key, b, 7, { ninjaOrgId: FABRIKAM.ninjaOrgId })], tickets: [ticket(7, key, 2000)] });
    const p = plan(w, settings(), { excludedOrgIds: new Set([CONTOSO.ninjaOrgId, FABRIKAM.ninjaOrgId]) });
    expect(p.actions.map((x) => [x.kind, x.kind === "skip" ? x.cause : ""])).toEqual([
      ["skip", "excluded"],
      ["skip", "excluded"],
    ]);
    expect(p.actions[0]?.reason).toContain("excluded from tickets");
  });
});

describe("alert cleared", () => {
  it("resolves the open ticket when its alert clears", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ alerts: [dismissed(a, T0 + DAY / 2)], links: [link(key, a, 7)], tickets: [ticket(7, key, 2000, { version: 4 })] });
    const resolve = only(plan(w), "resolve");
    expect(resolve).toMatchObject({ ticketId: 7, status: "5000", ticketVersion: 4, adopted: false });
    expect(resolve.comment.body).toContain("cleared");
    expect(resolve.link).toMatchObject({ status: "resolved", alertState: "cleared", clearedAt: iso(T0 + DAY / 2), resolvedAt: iso(w.now) });
  });

  it("leaves the ticket open when its alert clears and the profile never turned resolving on (Acronis' default)", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ alerts: [dismissed(a, T0 + DAY / 2)], links: [link(key, a, 7)], tickets: [ticket(7, key, 2000, { version: 4 })] });
    expect(kinds(plan(w, TicketSettingsSchema.parse({ ticketFormId: 1 })))).not.toContain("resolve");
  });

  it("only records the cleared alert when resolving tickets is off", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ alerts: [dismissed(a, T0 + 10)], links: [link(key, a, 7)], tickets: [ticket(7, key, 2000)] });
    const record = only(plan(w, settings({ resolveTicket: { enabled: false } })), "record");
    expect(record.link).toMatchObject({ status: "open", alertState: "cleared" });
    expect(record.reason).toContain("resolving tickets is off");
  });

  it("only records the cleared alert when a technician already resolved the ticket", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ alerts: [dismissed(a, T0 + 10)], links: [link(key, a, 7, { status: "resolved", resolvedAt: iso(T0 + 5) })], tickets: [ticket(7, key, 6000)] });
    expect(only(plan(w), "record").link).toMatchObject({ status: "resolved", alertState: "cleared", resolvedAt: iso(T0 + 5) });
  });

  it("ignores the clearing of another alert id while the linked alert stays raised", () => {
    const a = alert();
    const older = alert();
    const key = alertKey(a);
    const w = world({ alerts: [dismissed(older, T0 + 10)], links: [link(key, a, 7)], tickets: [ticket(7, key, 2000)] });
    expect(plan(w).actions).toEqual([]);
  });
});

describe("ticket reached the clear-alert status", () => {
  const clearOn = settings({ clearAlert: { enabled: true, status: "RESOLVED" } });

  it("dismisses the alert in Acronis when the ticket is resolved", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ links: [link(key, a, 7)], tickets: [ticket(7, key, 5000, { lastUpdated: (T0 + 100) / 1000 })] });
    const clear = only(plan(w, clearOn), "clear-alert");
    expect(clear).toMatchObject({ alertIds: [a.id], tenantId: "56", ticketId: 7 });
    expect(clear.link).toMatchObject({ alertState: "cleared", status: "resolved", resolvedAt: iso(T0 + 100) });
  });

  it("dismisses a lower-case alert under the id exactly as Acronis gave it, once, though an older run stored it upper-cased", () => {
    const a = alert({ id: "01c2d69a-112b-4de1-98ae-00000000abcd" });
    const key = alertKey(a);
    const w = world({ alerts: [a], links: [link(key, a, 7)], tickets: [ticket(7, key, 5000, { lastUpdated: (T0 + 100) / 1000 })] });
    expect(w.links[0]?.acronisAlertId).toBe("01C2D69A-112B-4DE1-98AE-00000000ABCD");
    const clear = only(plan(w, clearOn), "clear-alert");
    expect(clear.alertIds).toEqual(["01c2d69a-112b-4de1-98ae-00000000abcd"]);
    expect(clear.link.acronisAlertId).toBe("01C2D69A-112B-4DE1-98AE-00000000ABCD");
  });

  it("matches a lower-case alert to its link without case mattering, and records the id as Acronis spells it", () => {
    const a = alert({ id: "01c2d69a-112b-4de1-98ae-00000000abce" });
    const key = alertKey(a);
    const w = world({ alerts: [a], links: [link(key, a, 7)], tickets: [ticket(7, key, 1000)] });
    const record = only(plan(w), "record");
    expect(record.link.acronisAlertId).toBe(a.id);
    expect(record.reason).toContain("recorded as Acronis spells its id");
    expect(plan({ ...w, links: [{ ...link(key, a, 7), acronisAlertId: a.id }] }).actions).toEqual([]);
  });

  it("counts a closed ticket as past the resolved status, and a custom status under it as reaching it", () => {
    const a = alert();
    const key = alertKey(a);
    for (const statusId of [6000, 5001]) {
      const w = world({ links: [link(key, a, 7)], tickets: [ticket(7, key, statusId)] });
      expect(kinds(plan(w, clearOn))).toEqual(["clear-alert"]);
    }
  });

  it("does not clear the alert for an open status", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ links: [link(key, a, 7)], tickets: [ticket(7, key, 3000)] });
    expect(plan(w, clearOn).actions).toEqual([]);
  });

  it("records a technician's resolution when clearing alerts is off, and leaves the alert alone", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ links: [link(key, a, 7)], tickets: [ticket(7, key, 5000, { lastUpdated: (T0 + 100) / 1000 })] });
    const record = only(plan(w), "record");
    expect(record.link).toMatchObject({ status: "resolved", alertState: "active", resolvedAt: iso(T0 + 100) });
  });

  it("records a technician reopening a resolved ticket", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ links: [link(key, a, 7, { status: "resolved", alertState: "cleared", resolvedAt: iso(T0) })], tickets: [ticket(7, key, 2000)] });
    const record = only(plan(w), "record");
    expect(record.link.status).toBe("open");
    expect(record.link.resolvedAt).toBeUndefined();
    expect(record.reason).toContain("reopened in NinjaOne");
  });
});

describe("resolved while the alert is still active", () => {
  it("neither reopens the ticket nor clears the alert when the alert has not changed since", () => {
    const a = alert({ updatedAt: iso(T0) });
    const key = alertKey(a);
    const w = world({ alerts: [a], links: [link(key, a, 7)], tickets: [ticket(7, key, 5000, { lastUpdated: (T0 + DAY / 2) / 1000 })] });
    const record = only(plan(w), "record");
    expect(record.link).toMatchObject({ status: "resolved", alertState: "active" });
    expect(record.reason).toContain("while the alert is still active");
  });

  it("clears the alert instead when the clear-alert rule is on", () => {
    const a = alert({ updatedAt: iso(T0) });
    const key = alertKey(a);
    const w = world({ alerts: [a], links: [link(key, a, 7)], tickets: [ticket(7, key, 5000, { lastUpdated: (T0 + DAY / 2) / 1000 })] });
    expect(kinds(plan(w, settings({ clearAlert: { enabled: true } })))).toEqual(["clear-alert"]);
  });

  it("reopens when the alert was updated after the ticket was resolved", () => {
    const a = alert({ updatedAt: iso(T0 + DAY / 2 + 1000) });
    const key = alertKey(a);
    const w = world({ alerts: [a], links: [link(key, a, 7)], tickets: [ticket(7, key, 5000, { lastUpdated: (T0 + DAY / 2) / 1000 })] });
    expect(kinds(plan(w))).toEqual(["reopen"]);
  });
});

describe("re-raise and the reopen window", () => {
  const R = T0 + 2 * DAY;
  function resolvedCase(raisedAt: number, windowDays = 3, newId = false) {
    const a = alert();
    const key = alertKey(a);
    const again = newId ? alert({ createdAt: iso(raisedAt) }) : raisedAgain(dismissed(a, R - 1000), raisedAt);
    const w = world({
      now: raisedAt + 60_000,
      alerts: [again],
      links: [link(key, a, 7, { status: "resolved", alertState: "cleared", resolvedAt: iso(R), clearedAt: iso(R - 1000) })],
      tickets: [ticket(7, key, 5000, { lastUpdated: R / 1000 })],
    });
    return { p: plan(w, settings({ reopen: { windowDays } })), again, key };
  }

  it("reopens the same ticket with a comment when raised exactly N days after resolution", () => {
    const { p, again } = resolvedCase(R + 3 * DAY);
    const reopen = only(p, "reopen");
    expect(reopen).toMatchObject({ ticketId: 7, status: "2000", alertId: again.id });
    expect(reopen.comment.body).toContain("raised this alert again");
    expect(reopen.link).toMatchObject({ status: "open", alertState: "active" });
    expect(reopen.link.resolvedAt).toBeUndefined();
    expect(reopen.link.clearedAt).toBeUndefined();
  });

  it("reopens when raised just inside the window", () => {
    expect(kinds(resolvedCase(R + 3 * DAY - 1).p)).toEqual(["reopen"]);
  });

  it("creates a new ticket when raised just outside the window", () => {
    const { p, key } = resolvedCase(R + 3 * DAY + 1);
    const create = only(p, "create");
    expect(create.previousTicketId).toBe(7);
    expect(create.ticket.tags).toEqual(markerTags(key));
    expect(create.reason).toContain("more than 3 days");
  });

  describe("with the services' clocks three days ahead of the local one", () => {
    const AHEAD = 3 * DAY;
    const a = alert();
    const key = alertKey(a);

    it("reopens when the alert returns an hour after its resolution on Acronis' clock, and says so", () => {
      // Resolved (by our resolve) when Acronis' clock read R + AHEAD; raised again an hour later on that clock.
      const w = world({
        now: R + 2 * 3_600_000,
        alerts: [raisedAgain(dismissed(a, R + AHEAD - 1000), R + AHEAD + 3_600_000)],
        links: [link(key, a, 7, { status: "resolved", alertState: "cleared", resolvedAt: iso(R + AHEAD), resolvedClock: "acronis" })],
        tickets: [ticket(7, key, 5000)],
      });
      const reopen = only(plan(w, settings(), { serviceNow: { acronis: new Date(w.now + AHEAD), ninjaone: new Date(w.now + AHEAD) } }), "reopen");
      expect(reopen.reason).toContain("within 1 day");
      expect(reopen.reason).toContain("on Acronis' clock");
    });

    it("moves the alert's time onto the local clock for a resolution an earlier version recorded on it", () => {
      const w = world({
        now: R + 2 * 3_600_000,
        alerts: [raisedAgain(dismissed(a, R + AHEAD - 1000), R + AHEAD + 3_600_000)],
        links: [link(key, a, 7, { status: "resolved", alertState: "cleared", resolvedAt: iso(R) })],
        tickets: [ticket(7, key, 5000)],
      });
      const reopen = only(plan(w, settings(), { serviceNow: { acronis: new Date(w.now + AHEAD) } }), "reopen");
      expect(reopen.reason).toContain("on the local clock");
      expect(reopen.reason).toContain("Acronis' Date header");
    });

    it("records a resolution seen in NinjaOne on Acronis' clock, by how long ago NinjaOne's own clock says it happened", () => {
      const w = world({ now: R + 3_600_000, alerts: [], links: [link(key, a, 7)], tickets: [ticket(7, key, 5000, { lastUpdated: (R + AHEAD) / 1000 })] });
      const record = only(plan(w, settings(), { serviceNow: { acronis: new Date(w.now + AHEAD), ninjaone: new Date(w.now + AHEAD) } }), "record");
      expect(record.link).toMatchObject({ status: "resolved", resolvedAt: iso(R + AHEAD), resolvedClock: "acronis" });
    });
  });

  it.each([
    ["turned off", () => settings({ reopen: { enabled: false } })],
    ["never turned on (Acronis' default)", () => TicketSettingsSchema.parse({ ticketFormId: 1 })],
  ])("creates a new ticket whenever the alert returns when reopening is %s", (_case, chosen) => {
    const a = alert();
    const key = alertKey(a);
    const w = world({
      alerts: [raisedAgain(a, T0 + DAY)],
      links: [link(key, a, 7, { status: "resolved", alertState: "cleared", resolvedAt: iso(T0 + DAY - 10) })],
      tickets: [ticket(7, key, 5000)],
    });
    expect(only(plan(w, chosen()), "create").reason).toContain("reopening is off");
  });

  it("reopens the same ticket when the condition returns under a new alert id", () => {
    const { p, again } = resolvedCase(R + DAY, 3, true);
    const reopen = only(p, "reopen");
    expect(reopen.ticketId).toBe(7);
    expect(reopen.link.acronisAlertId).toBe(again.id);
  });

  it("records the new alert id when the condition returns while the ticket is still open", () => {
    const a = alert();
    const key = alertKey(a);
    const next = alert({ createdAt: iso(T0 + DAY / 2) });
    const w = world({ alerts: [dismissed(a, T0 + 100), next], links: [link(key, a, 7, { alertState: "cleared", clearedAt: iso(T0 + 100) })], tickets: [ticket(7, key, 2000)] });
    const record = only(plan(w), "record");
    expect(record.link).toMatchObject({ acronisAlertId: next.id, alertState: "active" });
    expect(record.link.clearedAt).toBeUndefined();
  });
});

describe("tickets that are gone", () => {
  it("does not recreate a deleted ticket while its alert stays raised", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ alerts: [a], links: [link(key, a, 7)], tickets: [ticket(7, key, 2000, { deleted: true })] });
    expect(only(plan(w), "skip").cause).toBe("ticket-gone");
  });

  it("creates a new ticket when the alert returns after its ticket was deleted", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ alerts: [raisedAgain(a, T0 + DAY)], links: [link(key, a, 7, { status: "resolved", alertState: "cleared", resolvedAt: iso(T0) })] });
    expect(only(plan(w), "create").previousTicketId).toBe(7);
  });
});

describe("adopting after a crash", () => {
  it("adopts a ticket that carries the alert's marker but has no link, instead of creating another", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ alerts: [a], tickets: [ticket(900, key, 1000, { createTime: (T0 + 5000) / 1000 })] });
    const adopt = only(plan(w), "adopt");
    expect(adopt).toMatchObject({ ticketId: 900, alertId: a.id });
    expect(adopt.link).toMatchObject({ key, ninjaTicketId: 900, status: "open", alertState: "active", createdAt: iso(T0 + 5000) });
    expect(adopt.reason).toContain("no link");
  });

  it("adopts and resolves in one step when the alert cleared meanwhile", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({ alerts: [dismissed(a, T0 + 100)], tickets: [ticket(900, key, 1000)] });
    const resolve = only(plan(w), "resolve");
    expect(resolve).toMatchObject({ ticketId: 900, adopted: true });
    expect(resolve.link.ninjaTicketId).toBe(900);
  });

  it("adopts the newer marked ticket when the run stopped after replacing a ticket outside the window", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({
      now: T0 + 10 * DAY,
      alerts: [raisedAgain(a, T0 + 9 * DAY)],
      links: [link(key, a, 7, { status: "resolved", alertState: "cleared", resolvedAt: iso(T0) })],
      tickets: [ticket(7, key, 5000), ticket(950, key, 1000)],
    });
    expect(only(plan(w), "adopt").ticketId).toBe(950);
  });

  it("ignores tickets carrying another key's marker", () => {
    const a = alert();
    const other = alertKey(alert({ workload: { id: "other", name: "PC-07" } }));
    expect(kinds(plan(world({ alerts: [a], tickets: [ticket(900, other, 1000)] })))).toEqual(["create"]);
  });
});

describe("per-run cap", () => {
  it("raises the most severe alerts first and defers the rest with a message", () => {
    const alerts = [
      alert({ severity: "warning", type: "NoBackupForXDays", updatedAt: iso(T0 + 30) }),
      alert({ severity: "critical", workload: { id: "w2", name: "PC-07" }, updatedAt: iso(T0 + 20) }),
      alert({ severity: "critical", workload: { id: "w3", name: "PC-08" }, createdAt: iso(T0 - 10), updatedAt: iso(T0 + 10) }),
    ];
    const p = plan(world({ alerts }), settings({ maxTicketsPerRun: 2 }));
    expect(p.counts).toMatchObject({ create: 2, deferred: 1 });
    expect(p.actions.filter((a) => a.kind === "create").map((a) => a.alertId).sort()).toEqual([alerts[1]?.id, alerts[2]?.id].sort());
    const deferred = only(p, "deferred");
    expect(deferred).toMatchObject({ alertId: alerts[0]?.id, would: "create" });
    expect(deferred.reason).toContain("over the cap of 2");
    expect(p.holdCursorBefore).toBe(iso(T0 + 30));
  });

  it("counts reopens against the cap", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({
      alerts: [raisedAgain(a, T0 + DAY / 2), alert({ workload: { id: "w2", name: "PC-07" }, createdAt: iso(T0 + 1) })],
      links: [link(key, a, 7, { status: "resolved", alertState: "cleared", resolvedAt: iso(T0 + 100) })],
      tickets: [ticket(7, key, 5000)],
    });
    const p = plan(w, settings({ maxTicketsPerRun: 1 }));
    expect(kinds(p)).toEqual(["reopen", "deferred"]);
  });

  it("does not cap resolving tickets or clearing alerts", () => {
    const links = [];
    const alerts = [];
    const tickets = [];
    for (let i = 0; i < 5; i++) {
      const a = alert({ workload: { id: `w${i}`, name: `PC-${i}` } });
      const key = alertKey(a);
      alerts.push(dismissed(a, T0 + 10));
      links.push(link(key, a, 100 + i));
      tickets.push(ticket(100 + i, key, 2000));
    }
    expect(plan(world({ alerts, links, tickets }), settings({ maxTicketsPerRun: 1 })).counts.resolve).toBe(5);
  });

  it("adopts a marked ticket even when reopening it is deferred", () => {
    const a = alert();
    const key = alertKey(a);
    const w = world({
      alerts: [alert({ workload: { id: "w2", name: "PC-07" }, createdAt: iso(T0 - DAY) }), raisedAgain(a, T0 + DAY / 2)],
      tickets: [ticket(900, key, 5000, { lastUpdated: (T0 + 100) / 1000 })],
    });
    const p = plan(w, settings({ maxTicketsPerRun: 1 }));
    expect(kinds(p)).toEqual(["create", "adopt", "deferred"]);
    expect(only(p, "deferred").would).toBe("reopen");
  });
});
