import { readFileSync } from "node:fs";
import path from "node:path";
import type { CliHome } from "./run-cli.js";

/** The default profile's state file in a CLI home. */
export function stateFile(home: CliHome): string {
  return path.join(home.env.NINJA_BRIDGE_DATA_DIR ?? "", "state-default.json");
}

/** The state file as JSON, typed as far as the test reads it. */
export function readStateFile<T>(home: CliHome): T {
  return JSON.parse(readFileSync(stateFile(home), "utf8")) as T;
}
