import { readFileSync } from "node:fs";

/**
 * Set to the version by the single-binary build (scripts/build-binary.mjs), whose bundle has
 * no package.json beside it; undeclared everywhere else.
 */
declare const NINJA_BRIDGE_VERSION: string | undefined;

let cached: string | undefined;

/** The package version, read once from package.json (one level above src/ and dist/). */
export function packageVersion(): string {
  if (cached === undefined) {
    if (typeof NINJA_BRIDGE_VERSION === "string") return (cached = NINJA_BRIDGE_VERSION);
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    cached = pkg.version;
  }
  return cached;
}
