import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { StateError } from "../../../src/errors.js";
import type { Logger } from "../../../src/log.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export async function makeTempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), "nb-state-"));
}

export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

export interface RecordingLogger extends Logger {
  warnings: string[];
}

export function recordingLogger(): RecordingLogger {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, warn: (message) => warnings.push(message) };
}

/** Child fixtures are plain .mjs files importing the compiled module, because Node 20 cannot run TypeScript. */
export function requireBuild(): void {
  if (!existsSync(path.join(repoRoot, "dist", "state", "index.js"))) {
    throw new Error("dist/state/index.js is missing: run npm run build first");
  }
}

export function fixtureScript(name: string): string {
  return path.join(repoRoot, "test", "unit", "state", "fixtures", name);
}

/** Start a fixture and resolve once it prints `line` on stdout (or reject if it exits first). */
export function startFixture(name: string, args: string[], line: string): Promise<ChildProcess> {
  requireBuild();
  const child = spawn(process.execPath, [fixtureScript(name), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.split("\n").includes(line)) resolve(child);
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("exit", (code, signal) => reject(new Error(`fixture ${name} exited (${code ?? signal}) before "${line}": ${stderr}`)));
    child.on("error", reject);
  });
}

export function waitForExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** The pid of a process that has certainly ended. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await waitForExit(child);
  if (child.pid === undefined) throw new Error("could not start a short-lived process");
  return child.pid;
}

/** A live process that is not this one; kill it when done. */
export async function liveProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000); console.log('ready')"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  await new Promise<void>((resolve) => child.stdout?.once("data", () => resolve()));
  return child;
}

/** The StateError a promise rejects with (the test fails if it resolves or throws anything else). */
export async function expectStateError(promise: Promise<unknown>): Promise<StateError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StateError);
  return error as StateError;
}
