import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CliHome } from "./run-cli.js";

/** Writes the fields settings as a config file an earlier version, or a person, left behind (`fields map` has its own tests). */
export function writeMappings(home: CliHome, mappings: Record<string, string>): void {
  const dir = home.env.NINJA_BRIDGE_CONFIG_DIR ?? "";
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "config.json");
  let current: { profiles?: unknown; jobs?: Record<string, Record<string, unknown>> } = {};
  try {
    current = JSON.parse(readFileSync(file, "utf8")) as typeof current;
  } catch {
    current = {};
  }
  const jobs = { ...current.jobs, default: { ...current.jobs?.["default"], fields: { mappings, licensedUsersOnly: false } } };
  writeFileSync(file, JSON.stringify({ profiles: current.profiles ?? {}, jobs }));
}
