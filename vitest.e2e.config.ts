import { defineConfig } from "vitest/config";

// End-to-end tests: Debian's Chromium, driven by playwright-core, on the built
// task pane (dist/) in browser preview. `npm run test:e2e` builds, then runs these.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["test/e2e/support/global-setup.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One browser at a time: the machine has two cores.
    fileParallelism: false,
    pool: "forks",
  },
});
