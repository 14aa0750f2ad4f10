import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/run-cli.js";

describe("npm run demo", () => {
  it("runs every step against the sandbox and cleans up after itself", async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "scripts", "demo.mjs")], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(output).not.toContain("exit code");
    expect(code).toBe(0);
    expect(output).toContain("NinjaOne organizations: Contoso (#1)");
    expect(output).toContain("Acronis customers: Contoso, Fabrikam Inc");
    expect(output).toContain("Microsoft 365 tenants (CIPP): Contoso (contoso.onmicrosoft.com)");
    expect(output).toMatch(/✓ demo finished\n$/);
    // Some thirty CLI runs one after another; on a busy 2-core CI machine that takes a while.
  }, 90_000);
});
