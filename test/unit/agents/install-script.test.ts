import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

const SCRIPT = "scripts/ninjaone/install-acronis-agent.sh";
// On a machine with the agent the script rightly exits 0 at once; these cases need one without.
const testable = process.platform === "linux" && !existsSync("/usr/lib/Acronis/BackupAndRecovery");

function run(env: Record<string, string>) {
  return spawnSync("sh", [SCRIPT], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env }, encoding: "utf8" });
}

describe.runIf(testable)("the NinjaOne install script for Linux and macOS", () => {
  it("exits 1 with a clear message when a script variable is missing, before downloading anything", () => {
    const result = run({ dataCenterUrl: "https://eu2-cloud.acronis.com" });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("the script variable tokenField is not set");
  });

  it("exits 1 naming the field when the organization's field holds no token", () => {
    const result = run({ tokenField: "acronisRegistrationToken", dataCenterUrl: "https://eu2-cloud.acronis.com" });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("the field acronisRegistrationToken holds no registration token for this organization");
  });
});
