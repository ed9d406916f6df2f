#!/usr/bin/env node
// `codearts-console`: the console's command-line client (cli/, TypeScript, loaded through tsx as scripts/start.mjs
// loads the environment schema). Usage: codearts-console --help, or docs/cli.md.
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

// The project's tsconfig, wherever the command runs from (a CI job's working directory is not this checkout).
const tsconfig = fileURLToPath(new URL("../tsconfig.json", import.meta.url));
const { main } = await tsImport("../cli/main.ts", { parentURL: import.meta.url, tsconfig });
await main(process.argv.slice(2));
