import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The task pane build (React + Fluent UI) and the unit-test settings.
// End-to-end tests in Chromium live in test/e2e and run against the built pane.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    sourcemap: true,
  },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx", "src/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    environment: "node",
    testTimeout: 60_000,
    pool: "forks",
  },
});
