import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import type { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { COMPLETION_SHELLS, completionScript } from "../../../src/cli/completion.js";
import { buildProgram } from "../../../src/cli/main.js";

const program = buildProgram({ stdout: new PassThrough(), stderr: new PassThrough(), stdinIsTTY: false, env: {} }, []);
const dir = mkdtempSync(path.join(os.tmpdir(), "nb-completion-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every command path in the tree, e.g. "orgs map export". */
function commandPaths(cmd: Command, prefix: string[] = []): string[][] {
  return cmd.commands.flatMap((c) => [[...prefix, c.name()], ...commandPaths(c, [...prefix, c.name()])]);
}

function scriptFile(shell: (typeof COMPLETION_SHELLS)[number]): string {
  const file = path.join(dir, `completion.${shell}`);
  writeFileSync(file, completionScript(shell, program));
  return file;
}

const has = (shell: string) => spawnSync(shell, ["-c", "exit 0"]).status === 0;

describe("shell completion", () => {
  it.each(COMPLETION_SHELLS)("%s: the script names every command path and its own flags", (shell) => {
    const script = completionScript(shell, program);
    const paths = commandPaths(program);
    expect(paths.length).toBeGreaterThan(30);
    for (const p of paths) expect(script, p.join(" ")).toContain(p.join(" "));
    for (const flag of ["--min-share", "--max-remove", "--log-file", "--dry-run", "--json", "--yes"]) {
      expect(script).toContain(shell === "fish" ? `-l ${flag.slice(2)}` : flag);
    }
  });

  it("bash: the script parses (bash -n) and completes commands, subcommands and flag choices", () => {
    const file = scriptFile("bash");
    expect(spawnSync("bash", ["-n", file]).status).toBe(0);
    const complete = (...words: string[]) => {
      const run = `source '${file}'; COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _ninja_bridge_complete; echo "\${COMPREPLY[*]}"`;
      return spawnSync("bash", ["-c", run], { encoding: "utf8" }).stdout.trim().split(" ");
    };
    expect(complete("ninja-bridge", "or")).toEqual(["orgs"]);
    expect(complete("ninja-bridge", "--profile", "acme", "orgs", "map", "")).toEqual(expect.arrayContaining(["export", "import", "check", "--force"]));
    expect(complete("ninja-bridge", "automap", "--target", "")).toEqual(["acronis", "cipp", "all"]);
    expect(complete("ninja-bridge", "help", "comp")).toEqual(["completion"]);
    expect(complete("ninja-bridge", "completion", "")).toEqual(expect.arrayContaining(["bash", "zsh", "fish", "powershell"]));
  });

  it.skipIf(!has("zsh"))("zsh: the script parses (zsh -n)", () => {
    expect(spawnSync("zsh", ["-n", scriptFile("zsh")]).status).toBe(0);
  });

  it.skipIf(!has("fish"))("fish: the script parses and completes a subcommand", () => {
    const file = scriptFile("fish");
    expect(spawnSync("fish", ["-n", file]).status).toBe(0);
    const out = spawnSync("fish", ["-c", `source '${file}'; complete -C 'ninja-bridge orgs map e'`], { encoding: "utf8" }).stdout;
    expect(out.trim()).toBe("export");
  });
});
