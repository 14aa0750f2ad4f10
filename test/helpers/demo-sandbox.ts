import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "../../src/sandbox/server.js";

/**
 * Gives the enclosing describe a sandbox seeded with the demo estate and closes it after:
 * one for all its tests, or with `fresh: true` a new one for each test that changes it.
 * Returns the sandbox in use; call it inside tests and hooks only.
 */
export function useDemoSandbox(options: { fresh?: boolean; services?: SandboxOptions["services"] } = {}): () => RunningSandbox {
  let sandbox: RunningSandbox | undefined;
  const start = async () => {
    sandbox = await startSandbox({ seed: "demo", port: 0, ...(options.services === undefined ? {} : { services: options.services }) });
  };
  const close = async () => {
    await sandbox?.close();
    sandbox = undefined;
  };
  if (options.fresh === true) {
    beforeEach(start);
    afterEach(close);
  } else {
    beforeAll(start);
    afterAll(close);
  }
  return () => {
    if (sandbox === undefined) throw new Error("the sandbox is only running inside the describe's tests");
    return sandbox;
  };
}
