import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Integration tests spawn the built CLI and real servers; give them room on 2 cores.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
