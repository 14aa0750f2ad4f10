import { describe, expect, it } from "vitest";
import { keyDigest, markerOf, markerTag } from "../../../src/jobs/tickets/plan/alert-key.js";
import { alertTypeLabel, ticketDescription, ticketSubject } from "../../../src/jobs/tickets/plan/ticket-content.js";
import type { TicketAlert } from "../../../src/jobs/tickets/plan/types.js";

const a: TicketAlert = {
  id: "A1",
  type: "BackupFailed",
  severity: "critical",
  tenantId: "56",
  workload: { id: "w", name: "SRV-01" },
  plan: { name: "Servers <daily> & more" },
  message: 'Failed: "disk" full',
  extra: { daysPassed: 3 },
  createdAt: "2026-01-05T20:41:41Z",
  updatedAt: "2026-01-05T20:41:41Z",
};

describe("ticket content", () => {
  it("labels alert types in words and leaves other type ids as they are", () => {
    expect(alertTypeLabel("NoBackupForXDays")).toBe("No backup for X days");
    expect(alertTypeLabel("cti.a.p.am.alert.v1.0~a.p.backup.failed.v1.0")).toBe("cti.a.p.am.alert.v1.0~a.p.backup.failed.v1.0");
  });

  it("keeps subjects on one line within NinjaOne's 200 characters, the key's marker kept whole at the end", () => {
    const subject = ticketSubject({ ...a, workload: { name: `SRV\n${"x".repeat(300)}` } }, "56/BackupFailed/w");
    expect(subject.length).toBe(200);
    expect(subject).not.toContain("\n");
    expect(subject.endsWith(`[${markerTag("56/BackupFailed/w")}]`)).toBe(true);
    expect(markerOf([], subject)).toBe(keyDigest("56/BackupFailed/w"));
  });

  it("writes plain text in the body and escaped text in the HTML body", () => {
    const d = ticketDescription(a, { key: "56/BackupFailed/w", tenantName: "Contoso", consoleUrl: "https://eu2-cloud.acronis.com" });
    expect(d.body).toContain("Plan: Servers <daily> & more");
    expect(d.body).toContain("daysPassed: 3");
    expect(d.htmlBody).toContain("Servers &lt;daily&gt; &amp; more");
    expect(d.htmlBody).toContain("Failed: &quot;disk&quot; full");
    expect(d.htmlBody).toContain('<a href="https://eu2-cloud.acronis.com">');
  });

  it("shows a console address that is not http(s) as text, never as a link", () => {
    const d = ticketDescription(a, { key: "k", consoleUrl: "javascript:alert(1)" });
    expect(d.htmlBody).not.toContain("<a ");
    expect(d.body).not.toContain("javascript:");
  });
});
