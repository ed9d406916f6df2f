// The Debian Chromium and its flags, shared by playwright.config.ts, the bench (bench/lib/pages.mjs) and
// scripts/screenshots.mjs. Plain ESM so both Node scripts and TypeScript (via chromium-args.d.mts) import it.

/** The Chromium binary: $CHROMIUM_PATH or Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
