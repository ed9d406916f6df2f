import { createRequire } from "node:module";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const root = import.meta.dirname;
// eslint-config-next brings typescript-eslint (parser and plugin) and eslint-plugin-import with its resolvers, which
// it keys by their path as it resolves them; resolving from its own folder gives the same key.
const fromNextConfig = createRequire(createRequire(import.meta.url).resolve("eslint-config-next"));

const CODE = ["**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"];
const TS = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];

/** Test support: modules that only tests import (production code importing one would carry fakes or the simulator). */
const TEST_SUPPORT = [
  "lib/codearts/testing/**",
  "lib/server/testing/**",
  "lib/server/db/testing.ts",
  "lib/server/deploy/testing.ts",
  "lib/server/deploy/db-fixture.ts",
  "lib/server/notify/testing/**",
  "e2e/**",
  "bench/**",
];

/**
 * Code that may use the CodeArts simulator and the test support: the simulator itself, tests and their support,
 * the end-to-end and bench harnesses, the test runners' configs and the scripts that start the simulator.
 * Everything else is production code.
 */
const TEST_CODE = [
  "lib/codearts/simulator/**",
  ...TEST_SUPPORT,
  "**/*.test.ts",
  "**/*.test.tsx",
  "playwright.config.ts",
  "vitest.config.mts",
  "scripts/start.mjs", // starts the simulator in demo mode
  "scripts/check-bundle-budget.mjs", // the bundle stage of npm test, reads the bench's first-load measure
];

// The layers' directions. `import/no-restricted-paths` resolves every import (`@/` aliases too, through the
// TypeScript resolver below), `import type` and `import()` included (not `typeof import(…)` in a type).
const LAYER_ZONES = [
  {
    target: "components/**",
    from: "lib/server",
    message: "components/ also runs in the browser: server code reaches it through props, server pages or the API.",
  },
  {
    target: "lib/codearts/**",
    from: "lib/server",
    message: "lib/codearts is the upstream client: it gets its configuration from its caller, never from lib/server.",
  },
];
const PRODUCTION_ZONES = [
  {
    target: "**",
    from: "lib/codearts/simulator",
    message: "Production code never imports the simulator (only its tests, e2e, bench and the scripts that start it).",
  },
  // One zone per path: a zone's `from` cannot mix globs and plain paths.
  ...TEST_SUPPORT.map((from) => ({ target: "**", from, message: "Test support is for tests only." })),
];
const restrictedPaths = (severity, zones) => [severity, { basePath: root, zones }];

/**
 * Type-aware rules that catch bugs rather than style: lost promises (an error nobody sees, a step that runs out of
 * order), `return promise` inside try (the catch never runs), non-Error throws, switches that miss a new union
 * member, "[object Object]" in messages, assertions that hide a type. The `no-unsafe-*` family is left out: the
 * `any` it reports here comes from JSON in tests, and zod checks every boundary that matters.
 */
const TYPE_AWARE_RULES = {
  "@typescript-eslint/await-thenable": "error",
  "@typescript-eslint/no-floating-promises": "error",
  "@typescript-eslint/no-misused-promises": "error",
  "@typescript-eslint/return-await": ["error", "error-handling-correctness-only"],
  "@typescript-eslint/only-throw-error": "error",
  "@typescript-eslint/prefer-promise-reject-errors": "error",
  "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
  "@typescript-eslint/no-base-to-string": "error",
  "@typescript-eslint/restrict-template-expressions": "error",
  "@typescript-eslint/restrict-plus-operands": "error",
  "@typescript-eslint/no-unnecessary-type-assertion": "error",
  "@typescript-eslint/no-for-in-array": "error",
  "@typescript-eslint/no-implied-eval": "error",
  "@typescript-eslint/no-array-delete": "error",
  "@typescript-eslint/unbound-method": "error",
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    name: "project/imports",
    files: CODE,
    settings: {
      // eslint-config-next's TypeScript resolver, told this project's tsconfig.json: `@/…` resolves wherever ESLint
      // runs from.
      "import/resolver": {
        [fromNextConfig.resolve("eslint-import-resolver-typescript")]: { alwaysTryTypes: true, project: `${root}/tsconfig.json` },
      },
      // Never parse dependencies: a cycle cannot go through node_modules, and parsing their type declarations
      // for the cycle search cost more than a minute.
      "import/ignore": ["node_modules"],
    },
    rules: {
      // Runtime cycles only: type-only imports are erased, so the rule skips them.
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": restrictedPaths("error", [...LAYER_ZONES, ...PRODUCTION_ZONES]),
    },
  },
  {
    name: "project/imports-of-test-code",
    files: TEST_CODE,
    rules: { "import/no-restricted-paths": restrictedPaths("error", LAYER_ZONES) },
  },
  {
    name: "project/type-aware",
    files: TS,
    languageOptions: {
      // The types of tsconfig.json, through the TypeScript project service.
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: TYPE_AWARE_RULES,
  },
  {
    // Playwright fixtures call their callback `use`; that is not a React hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Links go through components/ui/link.tsx (no prefetching of dynamic pages).
    files: ["app/**", "components/**"],
    ignores: ["components/ui/link.tsx"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "next/link", message: "Use Link from @/components/ui/link (no prefetch)." }] }],
    },
  },
  {
    ignores: ["**/.next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
];
export default config;
