import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { journalPathOf, replayJournal } from "../../src/state/journal.js";
import type { StateDocument } from "../../src/state/schema.js";
import type { CliHome } from "./run-cli.js";

/** The default profile's state file in a CLI home. */
export function stateFile(home: CliHome): string {
  return path.join(home.env.NINJA_BRIDGE_DATA_DIR ?? "", "state-default.json");
}

/**
 * The recorded state as JSON, typed as far as the test reads it: the file plus the journal
 * beside it (changes a running or killed run recorded since the file was last written whole).
 */
export function readStateFile<T>(home: CliHome): T {
  const file = stateFile(home);
  const doc = JSON.parse(readFileSync(file, "utf8")) as StateDocument;
  const journal = journalPathOf(file);
  if (existsSync(journal)) {
    const replay = replayJournal(doc, readFileSync(journal, "utf8"));
    if (!replay.ok) throw new Error(`${journal} line ${replay.line} ${replay.detail}`);
  }
  return doc as T;
}
