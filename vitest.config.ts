import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };
// Tests that start the built server (in-process or as `node server.js`).
const NEEDS_BUILD = ["test/integration/**/*.test.ts", "test/db/migrations.test.ts"];

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
    projects: [
      {
        resolve: { alias },
        test: {
          // Pure code: domain, forms, lint rules, components, database helpers. No build, no server.
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", ...NEEDS_BUILD],
          environment: "node",
          setupFiles: ["./test/helpers/fail-on-console-error.ts"],
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // The built server over real HTTP, each file on a fresh database.
          name: "integration",
          include: NEEDS_BUILD,
          environment: "node",
          globalSetup: ["./test/helpers/fresh-build.ts"],
          setupFiles: ["./test/helpers/fail-on-console-error.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["./test/helpers/fresh-build.ts"],
          // One browser journey at a time on a 2-core machine.
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
