import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeCliHome, REPO_ROOT } from "../helpers/run-cli.js";

// util-linux's `script` gives the CLI a real terminal, so the prompt runs as a person sees it.
const hasScript = spawnSync("script", ["--version"]).status === 0;

/** Starts a command on a pseudo-terminal, presses Ctrl+C once `waitFor` is on screen. */
function ctrlCAt(args: string[], waitFor: string, env: NodeJS.ProcessEnv): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, path.join(REPO_ROOT, "bin", "ninja-bridge.js"), ...args].map((a) => `'${a}'`).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qfec", command, "/dev/null"], { env: { ...env, TERM: "xterm" }, stdio: ["pipe", "pipe", "pipe"] });
    let screen = "";
    let pressed = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      screen += chunk;
      if (!pressed && screen.includes(waitFor)) {
        pressed = true;
        child.stdin.write("\u0003");
      }
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, screen }));
  });
}

describe.skipIf(!hasScript)("Ctrl+C in a prompt", () => {
  const home = makeCliHome();
  afterAll(() => home.cleanup());

  it("exits 130 with 'cancelled, nothing changed' and saves nothing", async () => {
    const { code, screen } = await ctrlCAt(["provision", "config", "--interactive"], "Pricing mode", home.env);
    expect(code).toBe(130);
    expect(screen).toContain("cancelled, nothing changed");
    expect(screen).not.toContain("unexpected error");
    const configFile = path.join(home.dir, "config", "config.json");
    if (existsSync(configFile)) expect(readFileSync(configFile, "utf8")).not.toContain("provision");
  });
});
