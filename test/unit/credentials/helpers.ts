import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Logger } from "../../../src/log.js";

export interface RecordingLogger extends Logger {
  warnings: string[];
  debugLines: string[];
}

export function recordingLogger(): RecordingLogger {
  const warnings: string[] = [];
  const debugLines: string[] = [];
  return { warnings, debugLines, debug: (m) => void debugLines.push(m), info() {}, warn: (m) => void warnings.push(m) };
}

export async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), "nb-creds-"));
}
