import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/run-cli.js";

interface PackageJson {
  license: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as PackageJson;
let files: string[];

beforeAll(async () => {
  // --ignore-scripts: prepack would rebuild dist/ under the integration tests that are using it.
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const { stdout } = await promisify(execFile)(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO_ROOT, shell: process.platform === "win32" });
  const [report] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  files = report!.files.map((f) => f.path.replaceAll("\\", "/")).sort();
}, 60_000);

function read(file: string): string {
  return readFileSync(path.join(REPO_ROOT, file), "utf8");
}

describe("npm pack", () => {
  it("ships the launcher, the built CLI and sandbox, the licence, the README and package.json", () => {
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "bin/ninja-bridge.js", "dist/cli/main.js", "dist/sandbox/server.js"]));
    for (const target of Object.values(pkg.bin)) expect(files).toContain(path.posix.normalize(target));
  });

  it("ships nothing else: no sources, tests, scripts or local builds", () => {
    const stray = files.filter((f) => !/^(bin|dist)\//.test(f) && !["LICENSE", "README.md", "package.json"].includes(f));
    expect(stray).toEqual([]);
  });

  it("ships no source map or map reference that points at a file the package lacks", () => {
    const shipped = new Set(files);
    const missing: string[] = [];
    for (const file of files.filter((f) => f.endsWith(".js"))) {
      for (const [, url] of read(file).matchAll(/^\/\/# sourceMappingURL=(\S+)$/gm)) {
        const target = path.posix.join(path.posix.dirname(file), url!);
        if (!url!.startsWith("data:") && !shipped.has(target)) missing.push(`${file} → ${target}`);
      }
    }
    for (const file of files.filter((f) => f.endsWith(".map"))) {
      const map = JSON.parse(read(file)) as { sources: string[]; sourceRoot?: string; sourcesContent?: Array<string | null> };
      map.sources.forEach((source, i) => {
        const target = path.posix.join(path.posix.dirname(file), map.sourceRoot ?? "", source);
        if (typeof map.sourcesContent?.[i] !== "string" && !shipped.has(target)) missing.push(`${file} → ${target}`);
      });
    }
    expect(missing).toEqual([]);
  });

  it("carries the MIT licence that package.json names", () => {
    expect(pkg.license).toBe("MIT");
    expect(read("LICENSE")).toMatch(/^MIT License\n\nCopyright \(c\) 2026 ninja-bridge contributors\n/);
  });

  it("runs no build on install: dist/ is built when the tarball is packed", () => {
    for (const hook of ["preinstall", "install", "postinstall", "prepare"]) expect(pkg.scripts[hook], hook).toBeUndefined();
    expect(pkg.scripts.prepack).toContain("npm run build");
    expect(existsSync(path.join(REPO_ROOT, "dist", "cli", "main.js"))).toBe(true);
  });
});
