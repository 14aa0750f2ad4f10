import { Writable } from "node:stream";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run as configGet } from "../../../src/cli/commands/config/get.js";
import { run as configSet } from "../../../src/cli/commands/config/set.js";
import { run as statePath } from "../../../src/cli/commands/state/path.js";
import { Context, type GlobalOptions } from "../../../src/cli/context.js";
import type { IOStreams } from "../../../src/cli/io.js";
import { makeCliHome } from "../../helpers/run-cli.js";

const home = makeCliHome();
afterAll(() => home.cleanup());

/** A Context over streams the test reads, as a verb gets it from the program: no process, no main(). */
function fakeContext(globals: GlobalOptions): { ctx: Context; stdout: () => string; stderr: () => string } {
  const written = { stdout: "", stderr: "" };
  const sink = (name: keyof typeof written) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        written[name] += chunk.toString();
        done();
      },
    });
  const io: IOStreams = { stdout: sink("stdout"), stderr: sink("stderr"), stdinIsTTY: false, env: { ...home.env } };
  return { ctx: new Context(globals, io), stdout: () => written.stdout, stderr: () => written.stderr };
}

describe("a verb's run(options, ctx), called directly", () => {
  it("config set stores a setting that config get then prints on stdout", async () => {
    const set = fakeContext({ profile: "unit" });
    await configSet({ key: "ninjaone.instance", value: "eu" }, set.ctx);
    expect(set.stdout()).toBe("");

    const get = fakeContext({ profile: "unit" });
    await configGet({ key: "ninjaone.instance" }, get.ctx);
    expect(get.stdout()).toBe("eu\n");
    expect(get.stderr()).toBe("");
  });

  it("config get --json leaves one document for main() to write, naming where the value comes from", async () => {
    const get = fakeContext({ profile: "unit", json: true });
    await configGet({ key: "ninjaone.instance" }, get.ctx);
    expect(get.stdout()).toBe("");
    await get.ctx.out.writeJson();
    expect(JSON.parse(get.stdout())).toEqual({ profile: "unit", key: "ninjaone.instance", value: "eu", source: "profile" });
  });

  it("state path prints the --state file, and with --json whether it exists", async () => {
    const file = path.join(home.dir, "elsewhere", "state.json");
    const plain = fakeContext({ state: file });
    await statePath({}, plain.ctx);
    expect(plain.stdout()).toBe(`${file}\n`);

    const json = fakeContext({ state: file, json: true, profile: "unit" });
    await statePath({}, json.ctx);
    await json.ctx.out.writeJson();
    expect(JSON.parse(json.stdout())).toEqual({ profile: "unit", path: file, exists: false });
  });
});
