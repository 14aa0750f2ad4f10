import { describe, expect, it } from "vitest";
import { renameRetrying, type RenameDeps } from "../../../src/fs/atomic-write.js";

/** A rename that fails with `code` for the first `failures` calls, as a file another program holds. */
function heldFor(failures: number, code: string, platform: NodeJS.Platform) {
  const calls: string[] = [];
  const waits: number[] = [];
  const deps: RenameDeps = {
    rename: async (from, to) => {
      calls.push(`${from}→${to}`);
      if (calls.length <= failures) throw Object.assign(new Error(`${code}: operation not permitted, rename`), { code });
    },
    platform,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
  return { deps, calls, waits };
}

describe("renaming the state file over itself", () => {
  it.each(["EPERM", "EBUSY", "EACCES"])("retries %s on Windows with a short backoff until the holder lets go", async (code) => {
    const { deps, calls, waits } = heldFor(3, code, "win32");
    await renameRetrying("state.json.abc.tmp", "state.json", deps);
    expect(calls).toHaveLength(4);
    expect(waits).toEqual([20, 50, 100]);
  });

  it("gives up after about a second and a half and reports the error", async () => {
    const { deps, calls } = heldFor(100, "EBUSY", "win32");
    await expect(renameRetrying("a.tmp", "a", deps)).rejects.toMatchObject({ code: "EBUSY" });
    expect(calls).toHaveLength(6);
  });

  it("does not retry elsewhere, where EACCES is a real permission problem", async () => {
    const { deps, calls } = heldFor(1, "EACCES", "linux");
    await expect(renameRetrying("a.tmp", "a", deps)).rejects.toMatchObject({ code: "EACCES" });
    expect(calls).toHaveLength(1);
  });
});
