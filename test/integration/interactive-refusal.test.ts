import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeCliHome, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";

let home: CliHome;
beforeEach(() => {
  home = makeCliHome();
});
afterEach(() => home.cleanup());

describe("--interactive without a terminal", () => {
  it.each([
    [["fields", "map", "--interactive"], "give the source and the field as arguments"],
    [["tickets", "config", "--interactive"], "set the values with flags"],
    [["provision", "config", "--interactive"], "pass the settings as flags"],
  ])("%j refuses with exit 2 and says what to do instead, before reaching any service", async (args, hint) => {
    const result = await runInProcess(args, { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--interactive needs a terminal");
    expect(result.stderr).toContain(hint);
    expect(result.stdout).toBe("");
  });
});
