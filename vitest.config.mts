import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `import "server-only"` throws outside a React server bundle; tests run server code directly.
      "server-only": fileURLToPath(new URL("./lib/server/testing/server-only-shim.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "cli/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
