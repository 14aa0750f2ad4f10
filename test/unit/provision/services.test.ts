import { describe, expect, it } from "vitest";
import { chooseServices } from "../../../src/jobs/provision/plan/services.js";

const item = (name: string, type: string, edition = "per_workload") => ({ name, type, edition, status: 1 });
const names = (choice: ReturnType<typeof chooseServices>) => (choice.ok ? choice.items.map((i) => i.name) : choice.problem);

describe("chooseServices", () => {
  it("enables every item of the edition but only its first storage item", () => {
    const offered = [item("pw_workstations", "count"), item("pw_storage", "infra"), item("pw_cloud_storage", "infra")];
    expect(names(chooseServices(offered, [], "per_workload"))).toEqual(["pw_workstations", "pw_storage"]);
  });

  it("enables only the named items, and refuses a name the edition does not offer, listing what it offers", () => {
    const offered = [item("pw_workstations", "count"), item("pw_servers", "count")];
    expect(names(chooseServices(offered, ["pw_servers"], "per_workload"))).toEqual(["pw_servers"]);
    expect(chooseServices(offered, ["pw_servers", "vms"], "per_workload")).toEqual({
      ok: false,
      problem: "the partner offers no vms in the per_workload edition (offered: pw_workstations, pw_servers)",
    });
  });

  it("stops when the edition offers nothing, rather than creating a customer with no services", () => {
    expect(chooseServices([], [], "standard")).toEqual({ ok: false, problem: "the partner offers a new customer nothing in the standard edition" });
    expect(chooseServices([], ["workstations"], "*")).toEqual({ ok: false, problem: "the partner offers a new customer nothing in any edition" });
  });

  it("takes * as the partner's one edition, names items across editions, and stops on several editions with no names", () => {
    expect(names(chooseServices([item("pw_workstations", "count"), item("pw_storage", "infra")], [], "*"))).toEqual(["pw_workstations", "pw_storage"]);
    const mixed = [item("pw_workstations", "count"), item("pg_storage", "infra", "per_gigabyte")];
    expect(names(chooseServices(mixed, ["pw_workstations", "pg_storage"], "*"))).toEqual(["pw_workstations", "pg_storage"]);
    expect(chooseServices(mixed, [], "*")).toEqual({ ok: false, problem: "the partner offers several editions (per_gigabyte, per_workload) and no offering items are named" });
  });
});
