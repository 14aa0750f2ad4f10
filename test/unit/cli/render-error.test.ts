import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { Output } from "../../../src/cli/io.js";
import { renderError } from "../../../src/cli/render-error.js";
import { LockedError, NotFoundError, StateError } from "../../../src/errors.js";

function capture(verbose = false) {
  const stderr = new PassThrough();
  let text = "";
  stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const out = new Output(
    { stdout: new PassThrough(), stderr, stdinIsTTY: false, env: {} },
    { color: false, verbose, quiet: false, noInput: true },
  );
  return { out, text: () => text };
}

describe("rendering an error", () => {
  it("says what went wrong, why, and what to do next, and maps the exit code", () => {
    const { out, text } = capture();
    const error = new StateError("cannot write /tmp/state.json", {
      cause: new Error("EACCES: permission denied"),
      hint: "check the folder's permissions",
    });
    expect(renderError(error, out)).toBe(1);
    expect(text()).toBe(
      "✗ cannot write /tmp/state.json\n  caused by: EACCES: permission denied\n  → check the folder's permissions\n",
    );
  });

  it("exits 75 for a held lock", () => {
    expect(renderError(new LockedError("locked"), capture().out)).toBe(75);
  });

  it("names the service, request and vendor request id of an API error", () => {
    const { out, text } = capture();
    renderError(
      new NotFoundError("organization 42 not found", {
        service: "ninjaone",
        method: "GET",
        path: "/v2/organization/42",
        status: 404,
        requestId: "abc-123",
      }),
      out,
    );
    expect(text()).toContain("while calling ninjaone GET /v2/organization/42, HTTP 404, request id abc-123");
  });

  it("shows a stack only with --verbose", () => {
    const quiet = capture();
    renderError(new Error("boom"), quiet.out);
    expect(quiet.text()).not.toContain("at ");
    expect(quiet.text()).toContain("unexpected error: boom");
    const loud = capture(true);
    renderError(new Error("boom"), loud.out);
    expect(loud.text()).toMatch(/\n\s+at /);
  });
});

describe("Ctrl+C in a prompt", () => {
  it("renders @inquirer's ExitPromptError as a cancel with exit 130, not as an unexpected error", () => {
    const { out, text } = capture();
    const exit = Object.assign(new Error("User force closed the prompt with SIGINT"), { name: "ExitPromptError" });
    expect(renderError(exit, out)).toBe(130);
    expect(text()).toBe("✗ cancelled, nothing changed\n");
  });

  it("turns the prompt library's exit into a CancelledError at io's door", async () => {
    const { ask } = await import("../../../src/cli/io.js");
    const { CancelledError } = await import("../../../src/errors.js");
    const thrown = ask(() => Promise.reject(Object.assign(new Error("closed"), { name: "ExitPromptError" })));
    await expect(thrown).rejects.toBeInstanceOf(CancelledError);
    await expect(ask(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
