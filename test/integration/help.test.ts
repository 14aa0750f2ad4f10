import { PassThrough } from "node:stream";
import type { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { allCommands, commandPath } from "../../src/cli/help-examples.js";
import { buildProgram } from "../../src/cli/main.js";
import { makeCliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";

const home = makeCliHome();
afterAll(() => home.cleanup());

/** Help needs no network and no built dist/. */
const inProcess = (args: string[]) => runInProcess(args, { env: home.env });

const program: Command = buildProgram({ stdout: new PassThrough(), stderr: new PassThrough(), stdinIsTTY: false, env: {} }, []);

describe("help", () => {
  it.each(allCommands(program).map(commandPath))("'%s --help' shows examples of that command", async (path) => {
    const result = await inProcess([...path.split(" "), "--help"]);
    expect(result.code).toBe(0);
    const examples = result.stdout.slice(result.stdout.indexOf("Examples:"));
    expect(result.stdout).toContain("Examples:");
    expect(examples).toContain(`$ ninja-bridge ${path.split(" ")[0]}`);
  });

  it("lists the global flags that apply in a subcommand's help", async () => {
    const sync = await inProcess(["sync", "--help"]);
    for (const flag of ["--json", "--dry-run", "--yes"]) expect(sync.stdout).toMatch(new RegExp(`^  ${flag} `, "m"));
    const list = await inProcess(["orgs", "list", "--help"]);
    expect(list.stdout).toMatch(/^ {2}--json /m);
    expect(list.stdout).not.toMatch(/^ {2}--dry-run /m);
  });

  it("shows the path from a sandbox to cron in the root's examples: sandbox, auth login, automap, sync", async () => {
    const root = await inProcess(["--help"]);
    const examples = root.stdout.slice(root.stdout.indexOf("Examples"));
    const shown = ["sandbox start", "auth login", "automap", "sync --yes"];
    const at = shown.map((c) => examples.indexOf(c));
    expect(shown.filter((_, i) => (at[i] ?? -1) <= 0)).toEqual([]);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("'help <typo>' suggests like '<typo>' does, and 'help a b' shows b's help", async () => {
    const typo = await inProcess(["help", "snyc"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("unknown command 'snyc'");
    expect(typo.stderr).toContain("Did you mean sync?");
    const nested = await inProcess(["help", "orgs", "map", "expotr"]);
    expect(nested.stderr).toContain("Did you mean export?");
    const deep = await inProcess(["help", "orgs", "map"]);
    expect(deep.code).toBe(0);
    expect(deep.stdout).toContain("Usage: ninja-bridge orgs map");
  });

  it("'config profiles' lists the profiles, and --profile with an unknown name exits 2 naming them", async () => {
    expect((await runInProcess(["--profile", "acme", "config", "set", "ninjaone.instance", "eu"], { env: home.env })).code).toBe(0);
    const listed = await runInProcess(["config", "profiles", "--json"], { env: home.env });
    expect(listed.code).toBe(0);
    const doc = JSON.parse(listed.stdout) as { active: string; profiles: Array<{ name: string; active: boolean }> };
    expect(doc.active).toBe("default");
    expect(doc.profiles.map((p) => p.name)).toEqual(["acme", "default"]);

    const wrong = await runInProcess(["--profile", "acmee", "config", "list"], { env: home.env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('no profile named "acmee"');
    expect(wrong.stderr).toContain("acme");
    expect((await runInProcess(["--profile", "acme", "config", "list"], { env: home.env })).code).toBe(0);
  });
});
