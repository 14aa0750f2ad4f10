import { describe, expect, it } from "vitest";
import { planAutomap } from "../../../src/jobs/automap/plan/index.js";
import { input, linkPairs, pairedFleet, refusals } from "./builders.js";

const orgs = [
  { id: 1, name: "Contoso" },
  { id: 6, name: "Adatum" },
];

describe("planAutomap with tenants whose devices could not be read", () => {
  it("keeps an unread tenant in a name tie, so its absence never makes the other name unique", () => {
    const plan = planAutomap(input({
      orgs: [{ id: 1, name: "Contoso" }],
      targets: [{ id: "a", name: "Contoso" }, { id: "b", name: "Contoso" }],
      unreadableTargets: [{ id: "a", reason: "500 Internal Server Error" }],
    }));
    expect(linkPairs(plan)).toEqual([]);
    expect(refusals(plan).map((r) => r.cause).sort()).toEqual(["devices-unread", "name-tie"]);
  });

  it("does not settle a name tie by devices while the other tenant of the tie is unread", () => {
    const fleet = pairedFleet(6, "gmbh", "ADT", 2);
    const plan = planAutomap(input({
      orgs, targets: [{ id: "gmbh", name: "Adatum GmbH" }, { id: "ag", name: "Adatum AG" }], ...fleet,
      unreadableTargets: [{ id: "ag", reason: "socket hang up" }],
    }));
    expect(linkPairs(plan)).toEqual([]);
    expect(refusals(plan)).toEqual(expect.arrayContaining([
      expect.objectContaining({ cause: "evidence-incomplete", subject: expect.objectContaining({ id: "gmbh" }), candidates: [{ id: 6, name: "Adatum", devices: 2 }] }),
      expect.objectContaining({ cause: "devices-unread", subject: expect.objectContaining({ id: "ag" }) }),
    ]));
    expect(refusals(plan).find((r) => r.cause === "devices-unread")?.reason).toContain("socket hang up");
  });

  it("still links by name, including the unread tenant itself, and holds every device link", () => {
    const fleet = pairedFleet(6, "t-adt", "ADT", 3);
    const plan = planAutomap(input({
      orgs: [...orgs, { id: 7, name: "Litware" }],
      targets: [{ id: "t-con", name: "Contoso" }, { id: "t-adt", name: "ADT Holdings" }, { id: "t-x", name: "Unknown Ltd" }, { id: "t-lit", name: "Litware" }],
      ...fleet,
      unreadableTargets: [{ id: "t-x", reason: "502" }, { id: "t-lit", reason: "502" }],
    }));
    expect(linkPairs(plan).sort()).toEqual(["1→t-con", "7→t-lit"]);
    expect(refusals(plan).map((r) => `${r.cause}:${r.subject.id}`).sort()).toEqual(["devices-unread:t-x", "evidence-incomplete:t-adt"]);
  });

  it("links by devices when the only unread tenant was linked by name", () => {
    const fleet = pairedFleet(6, "t-adt", "ADT", 3);
    const plan = planAutomap(input({
      orgs, targets: [{ id: "t-con", name: "Contoso" }, { id: "t-adt", name: "ADT Holdings" }], ...fleet,
      unreadableTargets: [{ id: "t-con", reason: "502" }],
    }));
    expect(linkPairs(plan).sort()).toEqual(["1→t-con", "6→t-adt"]);
    expect(refusals(plan)).toEqual([]);
  });

  it("holds every device link, with the reason given, when the NinjaOne side cannot be trusted", () => {
    const fleet = pairedFleet(6, "t-adt", "ADT", 3);
    const plan = planAutomap(input({ orgs, targets: [{ id: "t-con", name: "Contoso" }, { id: "t-adt", name: "ADT Holdings" }], ...fleet, devicesHeld: "NinjaOne's device list could not be read" }));
    expect(linkPairs(plan)).toEqual(["1→t-con"]);
    expect(refusals(plan).map((r) => r.reason)).toEqual([expect.stringContaining("but NinjaOne's device list could not be read; tried again next run")]);
  });
});
