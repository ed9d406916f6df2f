import type { KnipConfig } from "knip";

/**
 * Unused files, dependencies and exports (`npm test -- unused`). The Next.js, Vitest, Playwright, ESLint, PostCSS
 * and Prettier plugins find their own entries (app router files, proxy.ts, instrumentation.ts, next.config.js,
 * *.test.ts, e2e specs, the configs); these are the entries nothing imports statically.
 */
const config: KnipConfig = {
  entry: [
    // Run by node or npm scripts (start, test and its stages, user:add, screenshots), or spawned by the bench.
    "scripts/*.{mjs,ts}",
    "bench/*.mjs",
    // Step 6 of the bench runs in a process of its own (bench/lib/ledger-scale.mjs spawns it).
    "bench/ledger/worker.ts",
    // The bench's bare Next.js app (its floor), built and served by bench/run.mjs.
    "bench/next-floor/next.config.mjs",
    "bench/next-floor/app/**/{layout,page,route}.{js,jsx}",
    // Playwright's setup project (matched by a RegExp in playwright.config.ts) and the seed global-setup spawns.
    "e2e/auth.setup.ts",
    "e2e/seed.ts",
    // The notification tests' receivers and SMTP server, run as processes of their own (tsx).
    "lib/server/notify/testing/*-main.ts",
    // The CLI's sources, loaded by bin/codearts-console.mjs through tsx's tsImport (a string knip does not follow).
    "cli/main.ts",
    // Kysely's migrator calls each migration's up/down.
    "lib/server/db/migrations/*.ts",
  ],
  // System commands the scripts spawn (not npm binaries).
  ignoreBinaries: ["apt-get", "free", "openssl"],
  // A type named in an exported signature is part of that module's API; a value used only in its own file is not.
  ignoreExportsUsedInFile: { interface: true, type: true },
  compilers: {
    // Tailwind CSS 4 is loaded from CSS (`@import "tailwindcss"`): read CSS imports and plugins as imports.
    css: (text: string) => [...text.matchAll(/@(?:import|plugin)\s+["']([^"']+)["']/g)].map(([, specifier]) => `import "${specifier}";`).join("\n"),
  },
};

export default config;
