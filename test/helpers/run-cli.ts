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

/** A command that runs while the test acts (as the browser of a sign-in), and its outcome. */
export interface RunningCli {
  /** Resolves with stderr so far once `pattern` appears in it. */
  waitForStderr(pattern: RegExp): Promise<RegExpExecArray>;
  done: Promise<CliResult>;
}

/** What a running command writes, passed on as it comes. */
export interface CliSink {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Collects what `start` writes into a CliResult and lets the test wait for a line on stderr. */
export function watchCli(start: (sink: CliSink) => Promise<number>): RunningCli {
  let stdout = "";
  let stderr = "";
  const waiters: Array<{ pattern: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
  const check = (): void => {
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(stderr);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  const done = start({
    stdout: (text) => (stdout += text),
    stderr: (text) => {
      stderr += text;
      check();
    },
  }).then((code) => ({ code, stdout, stderr }));
  return {
    waitForStderr: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        check();
        void done.then((r) => reject(new Error(`the CLI exited (${r.code}) before printing ${pattern}:\n${r.stderr}`)));
      }),
    done,
  };
}

/** Starts the built CLI as a user would, with no TTY, and lets the test act while it runs. */
export function startCli(args: string[], options: { env: NodeJS.ProcessEnv; input?: string }): RunningCli {
  if (!existsSync(path.join(REPO_ROOT, "dist", "cli", "main.js"))) {
    throw new Error("dist/ is missing: run npm run build first (npm test does it for you)");
  }
  return watchCli(
    (sink) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { env: options.env, stdio: ["pipe", "pipe", "pipe"] });
        child.stdout.setEncoding("utf8").on("data", sink.stdout);
        child.stderr.setEncoding("utf8").on("data", sink.stderr);
        child.on("error", reject);
        child.on("close", (code) => resolve(code ?? -1));
        child.stdin.end(options.input ?? "");
      }),
  );
}

/**
 * Runs the built CLI as a user would, with no TTY, and collects its output and exit code.
 * Most tests use runInProcess (run-in-process.ts); this one is for what only a real process
 * shows: its exit status, signals, a lock held by another process, the binary.
 */
export function runCli(args: string[], options: { env: NodeJS.ProcessEnv; input?: string }): Promise<CliResult> {
  return startCli(args, options).done;
}
