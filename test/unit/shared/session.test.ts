import { describe, expect, it, vi } from "vitest";
import type { ConnectContext } from "../../../src/clients/connect.js";
import { JobSession } from "../../../src/jobs/shared/session.js";

const reads = vi.hoisted(() => ({ log: [] as string[], fail: false }));

vi.mock("../../../src/clients/connect.js", () => ({ connectNinjaOne: async () => ({ http: {} }) }));
vi.mock("../../../src/jobs/shared/estates/ninja-estate.js", () => ({
  loadNinjaEstate: async (_http: unknown, options: { devices: boolean }) => {
    reads.log.push(`devices:${options.devices}`);
    if (reads.fail) throw new Error("listing refused");
    return { orgs: [{ id: 1, name: "Acme" }], devices: options.devices ? [{ id: 7 }] : [] };
  },
}));

function session(): JobSession {
  reads.log = [];
  reads.fail = false;
  return new JobSession({} as ConnectContext);
}

describe("JobSession.keepDevicesOnlyOf", () => {
  it("lets go of a device listing no later job reads, keeping the organizations without reading them again", async () => {
    const s = session();
    expect((await s.ninjaEstate({ devices: true })).devices).toHaveLength(1);
    s.keepDevicesOnlyOf(new Set());
    const after = await s.ninjaEstate({ devices: false });
    expect(after).toEqual({ orgs: [{ id: 1, name: "Acme" }], devices: [] });
    expect(reads.log).toEqual(["devices:true"]);
    // A job that reads devices without having said so reads them again, and gets them.
    expect((await s.ninjaEstate({ devices: true })).devices).toHaveLength(1);
    expect(reads.log).toEqual(["devices:true", "devices:true"]);
  });

  it("keeps the listing of a service a later job reads", async () => {
    const s = session();
    await s.ninjaEstate({ devices: true });
    s.keepDevicesOnlyOf(new Set(["ninjaone"]));
    expect((await s.ninjaEstate({ devices: true })).devices).toHaveLength(1);
    expect(reads.log).toEqual(["devices:true"]);
  });

  it("keeps no failed read, even one let go while it was under way: the next job reads afresh", async () => {
    const s = session();
    reads.fail = true;
    const failing = s.ninjaEstate({ devices: true });
    s.keepDevicesOnlyOf(new Set());
    await expect(failing).rejects.toThrow("listing refused");
    reads.fail = false;
    expect((await s.ninjaEstate({ devices: false })).orgs).toHaveLength(1);
    expect(reads.log).toEqual(["devices:true", "devices:false"]);
  });
});
