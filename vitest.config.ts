import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Temporary folders made by the tests are removed after each file (BRIEFPRESS_KEEP_TEMP=1 keeps them).
    setupFiles: ["tests/helpers/cleanup.ts"],
    // Builds run a real Chromium: give them time on a shared 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Browser-heavy suites share two cores; one file at a time keeps them from starving each other.
    fileParallelism: false,
  },
});
