import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Integration tests run real servers, and a few spawn the built CLI; give them room on 2 cores.
    testTimeout: 20_000,
    // Vitest's default on 2 cores is one worker; the integration tests mostly wait on CLI child
    // processes and local servers, so three workers halve the wall time (7.2 → 4.1 min measured).
    maxWorkers: 3,
    hookTimeout: 20_000,
  },
});
