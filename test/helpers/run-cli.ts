import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = path.join(REPO_ROOT, "bin", "ninja-bridge.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliHome {
  dir: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

/**
 * A private home for one test: config and data directories in a temp folder and an
 * environment with no NINJA_BRIDGE_* variables leaking in from the developer's shell.
 */
export function makeCliHome(): CliHome {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nb-cli-"));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("NINJA_BRIDGE_") && key !== "CI" && key !== "NO_COLOR") env[key] = value;
  }
  Object.assign(env, {
    HOME: dir,
    NINJA_BRIDGE_CONFIG_DIR: path.join(dir, "config"),
    NINJA_BRIDGE_DATA_DIR: path.join(dir, "data"),
    // The keychain of the machine running the tests is never touched.
    NINJA_BRIDGE_CREDENTIAL_STORE: "file",
  });
  return { dir, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the built CLI as a user would, with no TTY, and collects its output and exit code. */
export function runCli(args: string[], options: { env: NodeJS.ProcessEnv; input?: string }): Promise<CliResult> {
  if (!existsSync(path.join(REPO_ROOT, "dist", "cli", "main.js"))) {
    throw new Error("dist/ is missing: run npm run build first (npm test does it for you)");
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: options.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
