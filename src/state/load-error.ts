import { StateError } from "../errors.js";
import type { ParseFailure } from "./parse.js";

/** Why a failure is damage (keep a copy) rather than a file this build cannot read yet. */
export function isDamage(failure: ParseFailure): boolean {
  return failure.kind === "not-json" || failure.kind === "schema";
}

/** The StateError a file that cannot be loaded produces: what is wrong, and how to recover. */
export function loadError(file: string, failure: ParseFailure, copy: { path?: string; error?: string }, backupAdvice?: string): StateError {
  switch (failure.kind) {
    case "newer-version":
      return new StateError(
        `State file ${file} is version ${failure.fileVersion}, newer than this build of ninja-bridge knows (version ${failure.knownVersion}); it was left untouched.`,
        { hint: "Upgrade ninja-bridge to a release that knows this state version." },
      );
    case "no-migration":
      return new StateError(
        `State file ${file} is version ${failure.fileVersion} and this build has no upgrade step from version ${failure.missingFrom} to version ${failure.knownVersion}; it was left untouched.`,
        { hint: "Use a release of ninja-bridge that can upgrade this state version." },
      );
    case "not-json":
    case "schema": {
      const what =
        failure.kind === "not-json"
          ? `is not valid JSON (${failure.detail})`
          : `does not match the state schema at ${failure.fieldPath}: ${failure.detail}`;
      const kept = copy.path
        ? `A copy was kept at ${copy.path}. `
        : `No copy could be kept (${copy.error ?? "unknown error"}); copy the file aside before changing it. `;
      const recover = backupAdvice ?? "Repair the file, restore a backup of your own, or move it away to start with an empty state (mappings would have to be made again).";
      return new StateError(`State file ${file} ${what}; it was left untouched.`, { hint: `${kept}${recover}` });
    }
  }
}
