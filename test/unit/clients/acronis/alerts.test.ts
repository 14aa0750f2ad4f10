import nock from "nock";
import { describe, expect, it } from "vitest";
import { alertStats, dismissAlert } from "../../../../src/clients/acronis/alerts.js";
import { ACRONIS, client, useNock } from "../fixture.js";

useNock();

const ALERTS = "/api/alert_manager/v1/alerts";
const LOWER = "01c2d69a-112b-4de1-98ae-8688223c5f4b";

function view(deletedAt?: string) {
  return {
    id: LOWER,
    type: "BackupFailed",
    category: "Backup",
    severity: "critical",
    details: {},
    createdAt: "2026-01-05T20:41:41Z",
    updatedAt: "2026-01-05T20:41:42.352636392Z",
    tenant: { id: "56", locator: "/1/56/" },
    ...(deletedAt === undefined ? {} : { deletedAt }),
  };
}

describe("Acronis alert dismissal", () => {
  it("sends the id exactly as Acronis gave it", async () => {
    nock(ACRONIS).delete(`${ALERTS}/${LOWER}`).reply(204);
    expect(await dismissAlert(client("acronis", ACRONIS), LOWER)).toBe("dismissed");
  });

  it("counts a 404 as already dismissed only when the alert reads back dismissed", async () => {
    nock(ACRONIS).delete(`${ALERTS}/${LOWER}`).reply(404, { code: "NotFound" });
    nock(ACRONIS).get(`${ALERTS}/${LOWER}`).query({ show_deleted: "true" }).reply(200, view("2026-01-06T08:00:00Z"));
    expect(await dismissAlert(client("acronis", ACRONIS), LOWER)).toBe("already-dismissed");
  });

  it("refuses to count a 404 as a dismissal when Acronis does not show the alert dismissed", async () => {
    nock(ACRONIS).delete(`${ALERTS}/${LOWER}`).reply(404, { code: "NotFound" });
    nock(ACRONIS).get(`${ALERTS}/${LOWER}`).query({ show_deleted: "true" }).reply(404, { code: "NotFound" });
    await expect(dismissAlert(client("acronis", ACRONIS), LOWER)).rejects.toThrow(`Acronis answered 404 to dismissing alert ${LOWER}`);

    nock(ACRONIS).delete(`${ALERTS}/${LOWER}`).reply(404, { code: "NotFound" });
    nock(ACRONIS).get(`${ALERTS}/${LOWER}`).query({ show_deleted: "true" }).reply(200, view());
    await expect(dismissAlert(client("acronis", ACRONIS), LOWER)).rejects.toThrow("still shows it active");
  });
});

describe("Acronis alert stats", () => {
  it("reads the active count and the last change", async () => {
    nock(ACRONIS).get("/api/alert_manager/v1/stats").reply(200, { count: 9, modifiedAt: "2026-01-05T20:41:42.352636392Z" });
    expect(await alertStats(client("acronis", ACRONIS))).toEqual({ count: 9, modifiedAt: "2026-01-05T20:41:42.352636392Z" });
  });
});
