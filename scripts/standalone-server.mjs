#!/usr/bin/env node
// The console's server in the standalone tree (`output: "standalone"`, the container image; docs/operations.md):
// scripts/server.mjs — the same server `npm start` runs (the `x-console-peer` stamp, the SIGTERM drain) — with the
// build's own configuration. The standalone tree has no next.config.js and no build tooling: `next()` there would
// load the configuration from scratch and fail (`Cannot find module 'next/dist/compiled/webpack/webpack-lib'`, the
// config loader needs webpack, which the tree does not carry). Next's generated `.next/standalone/server.js` hands
// its server the configuration that the build resolved, through __NEXT_PRIVATE_STANDALONE_CONFIG; this does the
// same from `.next/required-server-files.json` (the build writes that file in every mode) and then runs our server.
// Layout of the tree (the Dockerfile builds it):
//   .next/standalone/*  →  /app            (server tree, traced node_modules, .next/server)
//   .next/static        →  /app/.next/static
//   public              →  /app/public
//   scripts/server.mjs, scripts/standalone-server.mjs  →  /app/scripts/
import { readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const { config } = JSON.parse(readFileSync(new URL(".next/required-server-files.json", root), "utf8"));
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(config);
process.env.NODE_ENV = "production";
await import("./server.mjs");
