import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The machines are 2-core; emulator tests bind ports and spawn processes.
    pool: "forks",
    maxWorkers: 2,
  },
});
