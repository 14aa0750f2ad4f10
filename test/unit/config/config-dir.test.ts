import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ProfileConfig } from "../../../src/config/profile-config.js";

const root = mkdtempSync(path.join(os.tmpdir(), "nb-config-dir-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(process.platform === "win32")("the config folder", () => {
  it("is created private (0700): it holds the credentials file too", async () => {
    const dir = path.join(root, "config");
    const config = await ProfileConfig.open("default", { env: { NINJA_BRIDGE_CONFIG_DIR: dir } });
    config.set("ninjaone.instance", "eu");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
